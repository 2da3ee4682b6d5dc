import { Chart } from 'cdk8s';
import * as fc from 'fast-check';
import {
  BackupCronJob,
  BackupStorage,
  ConnectionConfigMap,
  EfsVolume,
  EnvironmentChart,
  ManagerRoleSql,
  PostgresMonitoring,
  PostgresStatefulSet,
  RestoreJob,
  SchemaInitJob,
  ValidationError,
  VolumeSnapshotClass,
  ZalandoCluster,
} from '../lib';
import { ENVIRONMENTS } from '../environments';
import { CONSTRUCT_CASES } from './support/constructs';
import { refused } from './support/errors';
import { synth, testApp, testChart } from './support/manifests';

/**
 * JavaScript, JSON and YAML callers get what TypeScript would have told them, as a named error
 * at construction: the property, the value, what it must be. Never a TypeError from deep inside,
 * and never a misspelt property silently ignored.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function serverIn(chart: Chart): PostgresStatefulSet {
  return new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
}

const inputs: [string, () => unknown, string][] = [
  // PostgresStatefulSet
  ['majorVersion as a string', () => new PostgresStatefulSet(testChart(), 'orders', { majorVersion: '17' } as Any),
    `PostgresStatefulSet 'test/orders': majorVersion "17" must be a number, not a string`],
  ['instances as a string', () => new PostgresStatefulSet(testChart(), 'orders', { instances: '1' } as Any),
    `PostgresStatefulSet 'test/orders': instances "1" must be a number, not a string`],
  ["the StatefulSet's own word for instances", () => new PostgresStatefulSet(testChart(), 'orders', { replicas: 1 } as Any),
    `PostgresStatefulSet 'test/orders': replicas 1 is not a property; did you mean instances?`],
  ['metrics, the exporter under its former name', () => new PostgresStatefulSet(testChart(), 'orders', { metrics: {} } as Any),
    `PostgresStatefulSet 'test/orders': metrics {} is not a property; did you mean monitoring?`],
  ['storage as a quantity string', () => new PostgresStatefulSet(testChart(), 'orders', { storage: '5Gi' } as Any),
    `PostgresStatefulSet 'test/orders': storage "5Gi" must be an object with size, storageClassName, accessMode, not a string`],
  ['clientCidrs as one string', () => new PostgresStatefulSet(testChart(), 'orders', { clientCidrs: '10.0.0.0/8' } as Any),
    `PostgresStatefulSet 'test/orders': clientCidrs "10.0.0.0/8" must be a list of strings, not a string`],
  ['parameters null', () => new PostgresStatefulSet(testChart(), 'orders', { parameters: null } as Any),
    `PostgresStatefulSet 'test/orders': parameters null must be an object of strings, numbers or booleans, not null`],
  ['a parameter that is an object', () => new PostgresStatefulSet(testChart(), 'orders', { parameters: { work_mem: { mb: 4 } } } as Any),
    `PostgresStatefulSet 'test/orders': parameters['work_mem'] {"mb":4} must be a string, a number or true or false, not an object`],
  ['labels as a list', () => new PostgresStatefulSet(testChart(), 'orders', { labels: ['a'] } as Any),
    `PostgresStatefulSet 'test/orders': labels ["a"] must be an object of strings, not a list`],
  ['a label value that is a number', () => new PostgresStatefulSet(testChart(), 'orders', { labels: { tier: 1 } } as Any),
    `PostgresStatefulSet 'test/orders': labels['tier'] 1 must be a string, not a number`],
  ['superuser as a login name', () => new PostgresStatefulSet(testChart(), 'orders', { superuser: 'postgres' } as Any),
    `PostgresStatefulSet 'test/orders': superuser "postgres" must be an object with name, password, not a string`],
  ['superuser in the shape of the environment files of old', () => new PostgresStatefulSet(testChart(), 'orders', { superuser: { secretName: 's', passwordKey: 'p' } } as Any),
    `PostgresStatefulSet 'test/orders': superuser.secretName "s" is not a property; did you mean superuser.name?`],
  ['a password given as the password itself', () => new PostgresStatefulSet(testChart(), 'orders', { superuser: { name: 'postgres', password: 'hunter2' } } as Any),
    `PostgresStatefulSet 'test/orders': superuser.password "hunter2" must be an object with name, key, usernameKey, not a string`],
  ['a Secret key misspelt', () => new PostgresStatefulSet(testChart(), 'orders', { superuser: { name: 'postgres', password: { name: 's', passwordKey: 'p' } } } as Any),
    `PostgresStatefulSet 'test/orders': superuser.password.passwordKey "p" is not a property; did you mean superuser.password.key?`],
  ['storageClass for storage.storageClassName', () => new PostgresStatefulSet(testChart(), 'orders', { storageClass: 'fast' } as Any),
    `PostgresStatefulSet 'test/orders': storageClass "fast" is not a property; did you mean storage.storageClassName?`],
  ['storage.storageClass for storage.storageClassName', () => new PostgresStatefulSet(testChart(), 'orders', { storage: { size: '5Gi', storageClass: 'fast' } } as Any),
    `PostgresStatefulSet 'test/orders': storage.storageClass "fast" is not a property; did you mean storage.storageClassName?`],
  ['a misspelt namespace', () => new PostgresStatefulSet(testChart(), 'orders', { namespce: 'shop' } as Any),
    `PostgresStatefulSet 'test/orders': namespce "shop" is not a property; did you mean namespace?`],
  ['a property of another construct', () => new PostgresStatefulSet(testChart(), 'orders', { teamId: 'acid' } as Any),
    `PostgresStatefulSet 'test/orders': teamId "acid" is not a property (known: namespace, name, majorVersion, instances, storage, resources, parameters, logsStatements, disposable, tls, monitoring, labels, serviceName, headlessServiceName, configMapName, image, database, superuser, dataVolume, clientCidrs, clientNamespaces, clientLabel, startupProbe, livenessProbe, readinessProbe, allowVoluntaryEviction, portForwardLocalPort)`],
  ['props as a string', () => new PostgresStatefulSet(testChart(), 'orders', 'orders' as Any),
    `PostgresStatefulSet 'test/orders': props "orders" must be an object (PostgresStatefulSetProps), not a string`],
  ['props null', () => new PostgresStatefulSet(testChart(), 'orders', null as Any),
    `PostgresStatefulSet 'test/orders': props null must be an object (PostgresStatefulSetProps), not null`],
  ['a bigint', () => new PostgresStatefulSet(testChart(), 'orders', { instances: 1n } as Any),
    `PostgresStatefulSet 'test/orders': instances 1n must be a number, not a bigint`],
  ['a number that JSON cannot hold', () => new PostgresStatefulSet(testChart(), 'orders', { portForwardLocalPort: Number.NaN }),
    `PostgresStatefulSet 'test/orders': portForwardLocalPort NaN must be a number, not NaN`],
  ['a probe timing as a string', () => new PostgresStatefulSet(testChart(), 'orders', { livenessProbe: { periodSeconds: '10' } } as Any),
    `PostgresStatefulSet 'test/orders': livenessProbe.periodSeconds "10" must be a number, not a string`],
  ['disposable as the string "false"', () => new PostgresStatefulSet(testChart(), 'orders', { disposable: 'false' } as Any),
    `PostgresStatefulSet 'test/orders': disposable "false" must be true or false, not a string`],
  ['an access mode Kubernetes does not have', () => new PostgresStatefulSet(testChart(), 'orders', { storage: { accessMode: 'ReadWriteMany' } } as Any),
    `PostgresStatefulSet 'test/orders': storage.accessMode "ReadWriteMany" must be one of 'ReadWriteOnce', 'ReadWriteOncePod'`],
  ['a data volume that is a claim name', () => new PostgresStatefulSet(testChart(), 'orders', { dataVolume: 'orders-pvc' } as Any),
    `PostgresStatefulSet 'test/orders': dataVolume "orders-pvc" must be an object with claimName, namespace, not a string`],
  ['a cyclic value', () => {
    const labels: Any = { tier: 'db' };
    labels.self = labels;
    return new PostgresStatefulSet(testChart(), 'orders', { labels });
  }, `PostgresStatefulSet 'test/orders': labels['self'] (an object that JSON cannot hold) must be a string, not an object`],

  // SchemaInitJob
  ['SchemaInitJob without props', () => new SchemaInitJob(testChart(), 'schema', undefined as Any),
    `SchemaInitJob 'test/schema': props undefined must be an object (SchemaInitJobProps), not undefined`],
  ['SchemaInitJob without a server', () => new SchemaInitJob(testChart(), 'schema', {} as Any),
    `SchemaInitJob 'test/schema': server undefined is required: give an object (PostgresServerConnection)`],
  ['databases as an object', () => { const c = testChart(); return new SchemaInitJob(c, 'schema', { server: serverIn(c), databases: {} } as Any); },
    `SchemaInitJob 'test/schema': databases {} must be a list of objects with name, owner, schemas, schemaFiles, history, not an object`],
  ['a null user', () => { const c = testChart(); return new SchemaInitJob(c, 'schema', { server: serverIn(c), users: [null] } as Any); },
    `SchemaInitJob 'test/schema': users[0] null must be an object with name, kind, password, databases, privileges, not null`],
  ['a user without a password reference', () => { const c = testChart(); return new SchemaInitJob(c, 'schema', { server: serverIn(c), users: [{ name: 'app', kind: 'app' }] } as Any); },
    `SchemaInitJob 'test/schema': users[0].password undefined is required: give an object with name, key, usernameKey`],
  ['a password as a string', () => { const c = testChart(); return new SchemaInitJob(c, 'schema', { server: serverIn(c), users: [{ name: 'app', kind: 'app', password: 'secret' }] } as Any); },
    `SchemaInitJob 'test/schema': users[0].password "secret" must be an object with name, key, usernameKey, not a string`],
  ['a history table list of numbers', () => { const c = testChart(); return new SchemaInitJob(c, 'schema', { server: serverIn(c), databases: [{ name: 'shop', owner: 'postgres', history: { tables: [1] } }] } as Any); },
    `SchemaInitJob 'test/schema': databases[0].history.tables[0] 1 must be a string or an object with schema, name, not a number`],
  ['a server that is a Service name', () => new SchemaInitJob(testChart(), 'schema', { server: 'orders' } as Any),
    `SchemaInitJob 'test/schema': server "orders" must be an object (PostgresServerConnection), not a string`],

  // BackupCronJob and RestoreJob
  ['a schedule as a number', () => { const c = testChart(); return new BackupCronJob(c, 'backup', { server: serverIn(c), storage: BackupStorage.newClaim({ size: '1Gi' }), schedule: 5 } as Any); },
    `BackupCronJob 'test/backup': schedule 5 must be a string, not a number`],
  ['storage as plain options', () => { const c = testChart(); return new BackupCronJob(c, 'backup', { server: serverIn(c), storage: { size: '1Gi' } } as Any); },
    `BackupCronJob 'test/backup': storage {"size":"1Gi"} must be BackupStorage (BackupStorage.newClaim({ size }) or BackupStorage.existingClaim('<claim>')), not an object`],
  ['a new claim without a size', () => { const c = testChart(); return new BackupCronJob(c, 'backup', { server: serverIn(c), storage: BackupStorage.newClaim({} as Any) }); },
    `BackupCronJob 'test/backup': storage.size undefined is required: give a string`],
  ['an existing claim that is not a name', () => { const c = testChart(); return new BackupCronJob(c, 'backup', { server: serverIn(c), storage: BackupStorage.existingClaim(['dumps'] as Any) }); },
    `BackupCronJob 'test/backup': storage ["dumps"] must be a claim name (BackupStorage.existingClaim('<claim>'))`],
  ['retention as a number of days', () => { const c = testChart(); return new BackupCronJob(c, 'backup', { server: serverIn(c), storage: BackupStorage.existingClaim('dumps'), retention: 7 } as Any); },
    `BackupCronJob 'test/backup': retention 7 must be an object with days, count, not a number`],
  ['overwrite as the string "yes"', () => { const c = testChart(); return new RestoreJob(c, 'restore', { server: serverIn(c), claimName: 'dumps', sourceDatabase: 'orders', overwrite: 'yes' } as Any); },
    `RestoreJob 'test/restore': overwrite "yes" must be true or false, not a string`],

  // ZalandoCluster, EfsVolume and the small constructs
  ['a Zalando storage size as a number', () => new ZalandoCluster(testChart(), 'acid-orders', { teamId: 'acid', storage: { size: 10 } } as Any),
    `ZalandoCluster 'test/acid-orders': storage.size 10 must be a string, not a number`],
  ["the operator's own word for storage", () => new ZalandoCluster(testChart(), 'acid-orders', { teamId: 'acid', volume: { size: '10Gi', storageClass: 'fast' } } as Any),
    `ZalandoCluster 'test/acid-orders': volume {"size":"10Gi","storageClass":"fast"} is not a property; did you mean storage?`],
  ['user flags as one string', () => new ZalandoCluster(testChart(), 'acid-orders', { teamId: 'acid', storage: { size: '10Gi' }, userFlags: { app: 'createdb' } } as Any),
    `ZalandoCluster 'test/acid-orders': userFlags['app'] "createdb" must be a list of strings among 'bypassrls', 'nobypassrls', 'createdb', 'nocreatedb', 'createrole', 'nocreaterole', 'inherit', 'noinherit', 'login', 'nologin', 'replication', 'noreplication', 'superuser', 'nosuperuser', not a string`],
  ['a node affinity term as a string', () => new ZalandoCluster(testChart(), 'acid-orders', { teamId: 'acid', storage: { size: '10Gi' }, nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: 'db' }] }] } } } as Any),
    `ZalandoCluster 'test/acid-orders': nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values "db" must be a list of strings, not a string`],
  ['EfsVolume without a file system', () => EfsVolume.fromFileSystemId(testChart(), 'efs', { namespace: 'shop' } as Any),
    `EfsVolume 'test/efs': fileSystemId undefined is required: give a string`],
  ['an EFS uid as a string', () => EfsVolume.dynamic(testChart(), 'efs', { namespace: 'shop', fileSystemId: 'fs-01234567', uid: '999' } as Any),
    `EfsVolume 'test/efs': uid "999" must be a number, not a string`],
  ['ConnectionConfigMap extra as a list', () => { const c = testChart(); return new ConnectionConfigMap(c, 'connection', { server: serverIn(c), database: 'orders', name: 'orders-db', extra: ['A=1'] } as Any); },
    `ConnectionConfigMap 'test/connection': extra ["A=1"] must be an object of strings, not a list`],
  ['VolumeSnapshotClass without a driver', () => new VolumeSnapshotClass(testChart(), 'snapshots', {} as Any),
    `VolumeSnapshotClass 'test/snapshots': driver undefined is required: give a string`],
  ['PostgresMonitoring thresholds as strings', () => new PostgresMonitoring(testChart(), 'monitoring', {
    server: { monitoredServer: { name: 'orders', namespace: 'shop', podPattern: 'orders-[0-9]+', container: 'postgres', claimPattern: 'data-orders-[0-9]+', hasCpuLimit: false, metricsServiceLabels: { app: 'orders' } } },
    thresholds: { cpuPercent: '80%' },
  } as Any), `PostgresMonitoring 'test/monitoring': thresholds.cpuPercent "80%" must be a number, not a string`],
  ['ManagerRoleSql with a table name', () => new ManagerRoleSql('orders' as Any),
    `ManagerRoleSql: props "orders" must be an object with tables, managerRole, historyTable, strict, not a string`],

  // EnvironmentChart's description
  ['no description', () => new EnvironmentChart(testApp(), 'dev', undefined as Any),
    `EnvironmentChart 'dev': props undefined must be an object (EnvironmentDescription), not undefined`],
  ['no description, in a construct', () => new EnvironmentChart(testChart(), 'dev', undefined as Any),
    `EnvironmentChart 'test/dev': props undefined must be an object (EnvironmentDescription), not undefined`],
  ['the description in place of the id (the old two-argument call)', () => new EnvironmentChart(testApp(), { name: 'dev', summary: 'x', servers: [] } as Any, undefined as Any),
    `EnvironmentChart '?': id {"name":"dev","summary":"x","servers":[]} must be a string, not an object`],
  ['an id that is a number', () => new EnvironmentChart(testApp(), 7 as Any, { name: 'dev', summary: 'x', servers: [] }),
    `EnvironmentChart '?': id 7 must be a string, not a number`],
  ['an empty id', () => new EnvironmentChart(testApp(), '', { name: 'dev', summary: 'x', servers: [] }),
    `EnvironmentChart '': id "" must be a non-empty construct id without '/'`],
  ['an id with a slash', () => new EnvironmentChart(testApp(), 'eu/dev', { name: 'dev', summary: 'x', servers: [] }),
    `EnvironmentChart 'eu/dev': id "eu/dev" must be a non-empty construct id without '/'`],
  ['an id the constructs library cannot hold (found by the property below)', () => new EnvironmentChart(testApp(), 'toString', { name: 'dev', summary: 'x', servers: [] }),
    `EnvironmentChart 'toString': id "toString" is a property of every JavaScript object, which the constructs library cannot take as an id: choose another id`],
  ['a server id the constructs library cannot hold', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: [{ id: 'constructor', namespace: 'shop', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } } }] }),
    `EnvironmentChart 'dev': servers[0].id "constructor" is a property of every JavaScript object, which the constructs library cannot take as an id: choose another id`],
  ['servers as an object', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: {} } as Any),
    `EnvironmentChart 'dev': servers {} must be a list of objects with name, majorVersion, instances, storage, resources, parameters, logsStatements, tls, labels, id, namespace, backend, databases, users, schemaInit, connectionConfigMap, monitoring, backup, not an object`],
  ['a misspelt property deep inside', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: [{ id: 'db', namespace: 'shop', storageClass: 'fast', backend: { kind: 'statefulSet' } }] } as Any),
    `EnvironmentChart 'dev': servers[0].storageClass "fast" is not a property; did you mean servers[0].storage.storageClassName?`],
  ['a backend as it was once written', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: [{ id: 'db', namespace: 'shop', statefulSet: {} }] } as Any),
    `EnvironmentChart 'dev': servers[0].statefulSet {} is not a property (known: name, majorVersion, instances, storage, resources, parameters, logsStatements, tls, labels, id, namespace, backend, databases, users, schemaInit, connectionConfigMap, monitoring, backup)`],
  ['a StatefulSet backend without its superuser', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: [{ id: 'db', namespace: 'shop', backend: { kind: 'statefulSet' } }] } as Any),
    `EnvironmentChart 'dev': servers[0].backend.superuser undefined is required: give an object with name, password`],
  ['backup storage with both a size and an existing claim', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: [{ id: 'db', namespace: 'shop', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } }, backup: { storage: { size: '1Gi', existingClaim: 'dumps' } } }] } as Any),
    `EnvironmentChart 'dev': servers[0].backup.storage {"size":"1Gi","existingClaim":"dumps"} must be an object with name, size, storageClassName or an object with existingClaim, not an object`],
  ['disposable as a string', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', disposable: 'yes', servers: [] } as Any),
    `EnvironmentChart 'dev': disposable "yes" must be true or false, not a string`],
  ['an empty snapshot class id (found by the property below)', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: [], volumeSnapshotClasses: [{ id: '', driver: 'hostpath.csi.k8s.io' }] }),
    `EnvironmentChart 'dev': volumeSnapshotClasses[0].id "" must be a non-empty construct id without '/'`],
  ['a server id with a slash', () => new EnvironmentChart(testApp(), 'dev', { name: 'dev', summary: 'x', servers: [{ id: 'shop/db', namespace: 'shop', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } } }] }),
    `EnvironmentChart 'dev': servers[0].id "shop/db" must be a non-empty construct id without '/'`],
];

describe('wrong types are named errors', () => {
  test.each(inputs)('%s', (_name, build, message) => {
    expect(refused(build)).toBe(message);
  });
});

describe('left-out properties', () => {
  test('a props object of undefined fields is the same as an empty one', () => {
    const chart = testChart();
    const undefinedFields = Object.fromEntries(Object.keys(CONSTRUCT_CASES[0].props(chart)).map((k) => [k, undefined]));
    new PostgresStatefulSet(chart, 'a', { ...undefinedFields, name: 'a' });
    new PostgresStatefulSet(chart, 'b', { name: 'b' });
    const objects = synth(chart);
    const strip = (o: Any) => JSON.parse(JSON.stringify(o).replace(/"b(-[a-z]+)?"/g, '"a$1"').replace(/\/b"/g, '/a"'));
    expect(objects.filter((o) => o.metadata.name.startsWith('a')).map(strip)).toEqual(objects.filter((o) => o.metadata.name.startsWith('b')).map(strip));
  });

  test('undefined probe timings and Zalando resources keep their defaults', () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db', { livenessProbe: { periodSeconds: undefined, failureThreshold: 9 } });
    const cluster = new ZalandoCluster(chart, 'acid-db', { teamId: 'acid', storage: { size: '1Gi' }, resources: { cpuRequest: undefined } });
    const sts = synth(chart).find((o) => o.kind === 'StatefulSet')!;
    expect(sts.spec.template.spec.containers[0].livenessProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 9 });
    expect(server.statefulSet).toBeDefined();
    expect(cluster.resource.toJson().spec.resources.requests.cpu).toBe('250m');
  });
});

describe('the full props of every construct are valid', () => {
  test.each(CONSTRUCT_CASES.map((c) => [`${c.kind} ${c.id}`, c] as const))('%s', (_name, c) => {
    const chart = testChart();
    c.build(chart, c.id, c.props(chart));
    expect(synth(chart).length).toBeGreaterThan(0);
  });
});

/** Plain objects and lists are copied; class instances (a server) are kept. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])) as T;
  }
  return value;
}

/** Every place a value sits in plain data, and beside each object a key it does not have. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [at, [...at, value.length], ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return [at, [...at, 'unknownProperty'], ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  }
  return [at];
}

function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const result = copy(root) as Any;
  let node = result;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return result;
}

/** JSON values, and what JavaScript adds: undefined, NaN, bigints, functions, class instances, cycles. */
const hostileValue = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue() },
  fc.constantFrom(undefined, null, Number.NaN, Infinity, -0, 1n, '', [], {}, () => 1, new Date(0), new Map([['a', 'b']]), Object.create(null), Symbol('s'), BigInt(2) as unknown),
);

// More runs and another seed when hunting: INPUT_RUNS=5000 INPUT_SEED=7 npx jest test/input-javascript-types.test.ts
const RUNS = Number(process.env.INPUT_RUNS ?? 120);
const SEED = Number(process.env.INPUT_SEED ?? 12);

describe('random values anywhere in the props give a named error or a valid construct, never a TypeError', () => {
  test.each(CONSTRUCT_CASES.map((c) => [`${c.kind} ${c.id}`, c] as const))('%s', (_name, c) => {
    const shapeOf = c.props(testChart());
    const places = paths(shapeOf);
    fc.assert(fc.property(fc.nat(places.length - 1), hostileValue, (index, value) => {
      const chart = testChart();
      const props = replaced(c.props(chart), places[index], value);
      try {
        c.build(chart, c.id, props);
        synth(chart);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
    }), { numRuns: RUNS, seed: SEED });
  });

  test('EnvironmentChart', () => {
    const descriptions = ENVIRONMENTS.map((e) => copy(e));
    const places = descriptions.map((d) => paths(d));
    fc.assert(fc.property(fc.nat(descriptions.length - 1), fc.nat(10000), hostileValue, (which, at, value) => {
      const app = testApp();
      const description = replaced(descriptions[which], places[which][at % places[which].length], value);
      try {
        const chart = new EnvironmentChart(app, ENVIRONMENTS[which].name, description as Any);
        synth(chart);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
    }), { numRuns: RUNS * 2, seed: SEED });
  });

  test('EnvironmentChart id', () => {
    fc.assert(fc.property(fc.nat(ENVIRONMENTS.length - 1), fc.oneof(hostileValue, fc.string()), (which, id) => {
      try {
        synth(new EnvironmentChart(testApp(), id as Any, copy(ENVIRONMENTS[which])));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
    }), { numRuns: RUNS, seed: SEED });
  });
});
