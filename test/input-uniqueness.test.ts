import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { KubeConfigMap } from '../lib/private/k8s';
import {
  BackupCronJob,
  BackupStorage,
  ConnectionConfigMap,
  EfsVolume,
  EnvironmentChart,
  EnvironmentDescription,
  PostgresStatefulSet,
  SchemaInitJob,
  ValidationError,
  ZalandoCluster,
} from '../lib';
import { validateChart } from '../lib/checks/chart-checks';
import { TODAY_CONTEXT_KEY } from '../lib/private/today';
import { synth, TEST_TODAY, testApp, testChart } from './support/manifests';

/**
 * Two objects of one kind, namespace and name replace each other when applied, silently. One
 * chart-wide check (registered by every construct, run by app.synth() and the manifest writer)
 * refuses them at synth and names both constructs; what one construct can see alone it refuses
 * at construction.
 */

const REPLACE = 'objects of one kind, namespace and name replace each other when applied: give one of them another name';

/** The validation error of a chart, as validateChart (the manifest writer and the test helper) reports it. */
function problems(chart: Chart): string[] {
  try {
    validateChart(chart);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const [head, ...lines] = (error as Error).message.split('\n  ');
    expect(head).toBe(`Chart '${chart.node.path}' is not valid:`);
    return lines;
  }
  return [];
}

function server(chart: Chart, id: string, props: ConstructorParameters<typeof PostgresStatefulSet>[2] = {}): PostgresStatefulSet {
  return new PostgresStatefulSet(chart, id, { namespace: 'shop', ...props });
}

describe('two objects of one kind, namespace and name in a chart fail at synth, naming both constructs', () => {
  test('two servers with the same name in one namespace', () => {
    const chart = testChart();
    server(chart, 'a', { name: 'orders' });
    server(chart, 'b', { name: 'orders' });
    const twice = (target: string) => `[test] ${target} is defined twice: by PostgresStatefulSet 'test/a' and by PostgresStatefulSet 'test/b'; ${REPLACE}`;
    expect(problems(chart)).toEqual([
      // The certificate Secrets too (test/tls-upkeep.test.ts).
      "[test] PostgresStatefulSet 'test/b': tls.secretName \"orders-tls\" is also the certificate Secret of PostgresStatefulSet 'test/a' in namespace 'shop': " +
      "a Secret holds one certificate, which would carry one server's names only and fail the other's verify-full clients; give each server a tls.secretName of its own",
      twice("ConfigMap 'shop/orders-config'"),
      twice("Service 'shop/orders-headless'"),
      twice("Service 'shop/orders'"),
      twice("StatefulSet 'shop/orders'"),
      twice("PodDisruptionBudget 'shop/orders'"),
      twice("NetworkPolicy 'shop/orders'"),
      twice("NetworkPolicy 'shop/orders-jobs'"),
    ]);
  });

  test('a schema ConfigMap named like a server\'s config ConfigMap', () => {
    const chart = testChart();
    const db = server(chart, 'orders');
    new SchemaInitJob(chart, 'schema', { server: db, configMapName: 'orders-config', databases: [{ name: 'shop', owner: 'postgres' }] });
    expect(problems(chart)).toEqual([
      `[test] ConfigMap 'shop/orders-config' is defined twice: by PostgresStatefulSet 'test/orders' and by SchemaInitJob 'test/schema'; ${REPLACE}`,
    ]);
  });

  test('two backups of one server', () => {
    const chart = testChart();
    const db = server(chart, 'orders');
    new BackupCronJob(chart, 'nightly', { server: db, storage: BackupStorage.newClaim({ size: '10Gi' }) });
    new BackupCronJob(chart, 'weekly', { server: db, storage: BackupStorage.newClaim({ size: '10Gi' }), schedule: '0 3 * * 0' });
    expect(problems(chart)).toEqual([
      `[test] PersistentVolumeClaim 'shop/orders-backup' is defined twice: by BackupCronJob 'test/nightly' and by BackupCronJob 'test/weekly'; ${REPLACE}`,
      `[test] CronJob 'shop/orders-backup' is defined twice: by BackupCronJob 'test/nightly' and by BackupCronJob 'test/weekly'; ${REPLACE}`,
    ]);
  });

  test('a client Service named like another server\'s headless Service', () => {
    const chart = testChart();
    server(chart, 'orders');
    server(chart, 'billing', { serviceName: 'orders-headless' });
    expect(problems(chart)).toEqual([
      `[test] Service 'shop/orders-headless' is defined twice: by PostgresStatefulSet 'test/orders' and by PostgresStatefulSet 'test/billing'; ${REPLACE}`,
    ]);
  });

  test('two connection ConfigMaps of one name', () => {
    const chart = testChart();
    const db = server(chart, 'orders');
    new ConnectionConfigMap(chart, 'reader', { server: db, database: 'shop', name: 'db-settings' });
    new ConnectionConfigMap(chart, 'writer', { server: db, database: 'shop', name: 'db-settings' });
    expect(problems(chart)).toEqual([
      `[test] ConfigMap 'shop/db-settings' is defined twice: by ConnectionConfigMap 'test/reader' and by ConnectionConfigMap 'test/writer'; ${REPLACE}`,
    ]);
  });

  test('an object added by hand, beside the library\'s', () => {
    const chart = testChart();
    server(chart, 'orders');
    new KubeConfigMap(chart, 'mine', { metadata: { name: 'orders-config', namespace: 'shop' } });
    expect(problems(chart)).toEqual([
      `[test] ConfigMap 'shop/orders-config' is defined twice: by PostgresStatefulSet 'test/orders' and by KubeConfigMap 'test/mine'; ${REPLACE}`,
    ]);
  });

  test('cluster-scoped objects collide whatever namespace their owners are in', () => {
    const chart = testChart();
    EfsVolume.fromFileSystemId(chart, 'orders', { namespace: 'shop', fileSystemId: 'fs-01234567', accessPointId: 'fsap-0123456789abcdef0' });
    EfsVolume.fromFileSystemId(chart, 'billing', { namespace: 'billing', fileSystemId: 'fs-89abcdef', accessPointId: 'fsap-0123456789abcdef1' });
    expect(problems(chart)).toEqual([
      `[test] StorageClass 'efs-sc' is defined twice: by EfsVolume 'test/orders' and by EfsVolume 'test/billing'; ${REPLACE}`,
    ]);
  });

  test('a server named like a Zalando cluster in its namespace takes the operator\'s names', () => {
    const chart = testChart();
    new ZalandoCluster(chart, 'acid-orders', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' } });
    server(chart, 'orders', { name: 'acid-orders', headlessServiceName: 'acid-orders-repl' });
    const operator = "ZalandoCluster 'test/acid-orders' (created by the Zalando operator)";
    expect(problems(chart)).toEqual([
      "[test] PostgresStatefulSet 'test/orders': tls.secretName \"acid-orders-tls\" is also the certificate Secret of ZalandoCluster 'test/acid-orders' in namespace 'shop': " +
      "a Secret holds one certificate, which would carry one server's names only and fail the other's verify-full clients; give each server a tls.secretName of its own",
      `[test] Service 'shop/acid-orders-repl' is defined twice: by ${operator} and by PostgresStatefulSet 'test/orders'; ${REPLACE}`,
      `[test] Service 'shop/acid-orders' is defined twice: by ${operator} and by PostgresStatefulSet 'test/orders'; ${REPLACE}`,
      `[test] StatefulSet 'shop/acid-orders' is defined twice: by ${operator} and by PostgresStatefulSet 'test/orders'; ${REPLACE}`,
      `[test] NetworkPolicy 'shop/acid-orders' is defined twice: by ZalandoCluster 'test/acid-orders' and by PostgresStatefulSet 'test/orders'; ${REPLACE}`,
      `[test] NetworkPolicy 'shop/acid-orders-jobs' is defined twice: by ZalandoCluster 'test/acid-orders' and by PostgresStatefulSet 'test/orders'; ${REPLACE}`,
    ]);
  });
});

describe('what is not a collision', () => {
  test('one name for objects of different kinds, or in different namespaces', () => {
    const chart = testChart();
    server(chart, 'orders');
    server(chart, 'orders-billing', { name: 'orders', namespace: 'billing' });
    expect(problems(chart)).toEqual([]);
  });

  test('two environments\' objects do not collide across charts: each is its own manifest file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uniqueness-'));
    try {
      const app = new App({ outdir: dir });
      app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
      const environment = (name: string): EnvironmentDescription => ({
        name,
        summary: name,
        servers: [{ id: 'db', namespace: 'shop', name: 'orders', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } } }],
      });
      new EnvironmentChart(app, 'dev', environment('dev'));
      new EnvironmentChart(app, 'prod', environment('prod'));
      app.synth();
      expect(readdirSync(dir).sort()).toEqual(['dev.k8s.yaml', 'prod.k8s.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the chart id names the file and the errors, whatever the environment is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uniqueness-'));
    try {
      const app = new App({ outdir: dir });
      app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
      const staging = (servers: EnvironmentDescription['servers']): EnvironmentDescription => ({ name: 'staging', summary: 'staging', servers });
      const server: EnvironmentDescription['servers'][number] = { id: 'db', namespace: 'shop', name: 'orders', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } } };
      new EnvironmentChart(app, 'staging-eu', staging([server]));
      const { backend: _none, ...withoutBackend } = server;
      expect(() => new EnvironmentChart(app, 'staging-us', staging([withoutBackend as never])))
        .toThrow(new ValidationError("EnvironmentChart 'staging-us': servers[0].backend undefined is required: give an object with kind: 'statefulSet', 'zalando' or 'cloudnativepg'"));
      app.synth();
      expect(readdirSync(dir)).toEqual(['staging-eu.k8s.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('app.synth() refuses before writing any file', () => {
  test('a good chart and a chart with a collision: no file at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uniqueness-'));
    try {
      const app = new App({ outdir: dir });
      app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
      server(new Chart(app, 'good'), 'orders');
      const bad = new Chart(app, 'bad');
      server(bad, 'a', { name: 'orders', serviceName: 'orders-db' });
      server(bad, 'b', { name: 'billing', serviceName: 'orders-db' });
      expect(() => app.synth()).toThrow(`Validation failed with the following errors:\n  [bad] Service 'shop/orders-db' is defined twice: by PostgresStatefulSet 'bad/a' and by PostgresStatefulSet 'bad/b'; ${REPLACE}`);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what one construct can see alone fails at construction', () => {
  const cases: [string, () => unknown, string][] = [
    ['a client Service named like the headless one', () => server(testChart(), 'orders', { serviceName: 'orders-pods', headlessServiceName: 'orders-pods' }),
      `PostgresStatefulSet 'test/orders': headlessServiceName "orders-pods" is also the client Service's name (serviceName): two Services of one name replace each other; give them different names`],
    ['a headless Service named like the default client Service', () => server(testChart(), 'orders', { headlessServiceName: 'orders' }),
      `PostgresStatefulSet 'test/orders': headlessServiceName "orders" is also the client Service's name (serviceName): two Services of one name replace each other; give them different names`],
    ['a client Service named like the metrics Service', () => server(testChart(), 'orders', { serviceName: 'orders-metrics', monitoring: { login: { name: 'exporter', password: { name: 'm', key: 'password' } } } }),
      `PostgresStatefulSet 'test/orders': serviceName "orders-metrics" is also the name of the metrics Service ('<name>-metrics'): give it another name`],
  ];
  test.each(cases)('%s', (_name, build, message) => {
    expect(build).toThrow(new ValidationError(message));
  });

  test('two servers of one id in an environment', () => {
    expect(() => new EnvironmentChart(testApp(), 'dev', {
      name: 'dev',
      summary: 'dev',
      servers: [
        { id: 'db', namespace: 'shop', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } } },
        { id: 'db', namespace: 'billing', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } } },
      ],
    })).toThrow(new ValidationError(`EnvironmentChart 'dev': servers[1].id "db" gives construct id 'db' (the server), which servers[0].id (the server) already uses: choose another id`));
  });

  test('a server id that another server\'s backups use', () => {
    expect(() => new EnvironmentChart(testApp(), 'dev', {
      name: 'dev',
      summary: 'dev',
      servers: [
        { id: 'db', namespace: 'shop', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } }, backup: { storage: { size: '1Gi' } } },
        { id: 'db-backup', namespace: 'shop', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } } },
      ],
    })).toThrow(new ValidationError(`EnvironmentChart 'dev': servers[1].id "db-backup" gives construct id 'db-backup' (the server), which servers[0].id (its backups) already uses: choose another id`));
  });

  test('the same environments without the collisions synthesize', () => {
    const chart = new EnvironmentChart(testApp(), 'dev', {
      name: 'dev',
      summary: 'dev',
      servers: [
        { id: 'db', namespace: 'shop', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } }, backup: { storage: { size: '1Gi' } } },
        { id: 'db2', namespace: 'billing', backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 's', key: 'password' } } } },
      ],
    });
    expect(synth(chart).length).toBeGreaterThan(0);
  });
});
