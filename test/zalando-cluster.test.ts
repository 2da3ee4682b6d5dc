import { SchemaInitJob, ZalandoCluster, ZalandoClusterProps } from '../lib';
import { postgresqlProblems } from './support/crd-schema';
import { loadDist, only, synth, testChart } from './support/manifests';
import { deployedMajor } from './support/deployed-major';
import { startPostgres, TestServer } from './support/postgres-server';
import { runJobScript } from './support/run-job';

const base: ZalandoClusterProps = { teamId: 'acid', storage: { size: '10Gi' } };
function build(props: Partial<ZalandoClusterProps> = {}, id = 'acid-orders') {
  const chart = testChart();
  const cluster = new ZalandoCluster(chart, id, { namespace: 'shop', ...base, ...props });
  // The exporter's login becomes a pg_monitor member through the cluster's schema Job.
  if (props.monitoring) new SchemaInitJob(chart, 'schema', { server: cluster.connection, logins: 'existing' });
  return { cluster, objects: synth(chart) };
}

describe('ZalandoCluster', () => {
  const { cluster, objects } = build({
    instances: 3,
    users: [
      { name: 'orders_app', kind: 'app', password: { name: 'x', key: 'y' } },
      { name: 'orders_admin', kind: 'admin', password: { name: 'x', key: 'z' } },
      { name: 'orders_metrics', kind: 'monitoring', password: { name: 'x', key: 'm' } },
    ],
    databases: [{ name: 'orders', owner: 'orders_admin' }],
    preparedDatabases: { reports: { defaultUsers: true } },
    connectionPooler: { instances: 2, mode: 'session', resources: { cpuRequest: '100m', memoryRequest: '64Mi' } },
    logicalBackup: { schedule: '0 3 * * *', retentionDays: 14 },
    parameters: { max_connections: 200 },
    tls: { secretName: 'orders-tls' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'postgres', effect: 'NoSchedule' }],
    monitoring: { login: { name: 'orders_metrics', password: { name: 'orders-metrics.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } } },
  });
  const resource = only(objects, 'postgresql', 'acid-orders');

  test('validates against the CRD schema', () => {
    expect(postgresqlProblems(resource)).toEqual([]);
  });

  test('team, version, instances, volume and resources', () => {
    expect(resource.spec).toMatchObject({
      teamId: 'acid', numberOfInstances: 3, volume: { size: '10Gi' }, postgresql: { version: '17' },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
    });
  });

  test('users with flags and databases with owners', () => {
    expect(resource.spec.users).toEqual({ orders_app: [], orders_admin: ['createdb'], orders_metrics: [] });
    expect(resource.spec.databases).toEqual({ orders: 'orders_admin' });
    expect(resource.spec.preparedDatabases).toEqual({ reports: { defaultUsers: true } });
  });

  test('parameters are tuned from the memory limit and written as strings', () => {
    expect(resource.spec.postgresql.parameters).toMatchObject({ max_connections: '200', shared_buffers: '256MB', effective_cache_size: '768MB' });
    expect(resource.spec.postgresql.parameters).not.toHaveProperty('listen_addresses');
    // The operator hashes every login it makes as this parameter says (test/zalando-least-privilege.test.ts).
    expect(resource.spec.postgresql.parameters.password_encryption).toBe('scram-sha-256');
  });

  test('pg_hba for Patroni: TLS and scram-sha-256 over TCP, peer for the OS user postgres on the socket', () => {
    expect(resource.spec.patroni.pg_hba).toEqual(cluster.pgHba);
    expect(resource.spec.patroni.pg_hba.filter((l: string) => !/^(hostssl .* scram-sha-256|hostnossl .* reject|local .* (scram-sha-256|peer))$/.test(l))).toEqual([]);
  });

  test('pooler, logical backups, TLS and tolerations', () => {
    expect(resource.spec).toMatchObject({
      enableConnectionPooler: true,
      connectionPooler: { numberOfInstances: 2, mode: 'session', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
      enableLogicalBackup: true, logicalBackupSchedule: '0 3 * * *', logicalBackupRetention: '14 days',
      tls: { secretName: 'orders-tls' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'postgres', effect: 'NoSchedule' }],
    });
  });

  test('postgres-exporter on 9187 as the monitoring login, with a metrics Service', () => {
    expect(resource.spec.sidecars[0]).toMatchObject({ name: 'postgres-exporter', ports: [{ containerPort: 9187 }] });
    expect(resource.spec.sidecars[0].image).toMatch(/:v\d+\.\d+\.\d+$/);
    expect(resource.spec.sidecars[0].env).toContainEqual({ name: 'DATA_SOURCE_PASS', valueFrom: { secretKeyRef: { name: 'orders-metrics.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } } });
    const svc = only(objects, 'Service', 'acid-orders-metrics');
    expect(svc.spec.selector).toEqual({ 'cluster-name': 'acid-orders', application: 'spilo' });
    expect(svc.metadata.labels).toMatchObject(cluster.monitoredServer?.metricsServiceLabels ?? { missing: 'labels' });
    expect(cluster.monitoredServer).toMatchObject({ podPattern: 'acid-orders-[0-9]+', claimPattern: 'pgdata-acid-orders-[0-9]+', container: 'postgres' });
  });

  test("connection facts in the operator's naming", () => {
    expect(cluster.primaryService).toBe('acid-orders');
    expect(cluster.replicaService).toBe('acid-orders-repl');
    expect(cluster.poolerService).toBe('acid-orders-pooler');
    expect(cluster.host).toBe('acid-orders.shop.svc.cluster.local');
    expect(cluster.credentialSecretName('orders_app')).toBe('orders-app.acid-orders.credentials.postgresql.acid.zalan.do');
    expect(cluster.connection.superuser).toEqual({ name: 'postgres', password: { name: 'postgres.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } });
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('ZalandoCluster rejects what the CRD or the operator would', () => {
  const cases: [string, Partial<ZalandoClusterProps>, string, string][] = [
    ['a name longer than 52 characters', {}, `ZalandoCluster 'test/acid-${'x'.repeat(48)}': name "acid-${'x'.repeat(48)}" is 53 characters long; at most 52 fit the label controller-revision-hash ('<name>-<hash>', at most 63) that the operator's pods carry`, `acid-${'x'.repeat(48)}`],
    ['a name with upper case', {}, `ZalandoCluster 'test/acid-Orders': name "acid-Orders" is not a cluster name`, 'acid-Orders'],
    ['a name without the team prefix', { teamId: 'billing' }, `ZalandoCluster 'test/acid-orders': name "acid-orders" must start with the team id and a dash ('billing-'), or the operator refuses the cluster`, 'acid-orders'],
    ['a version outside the enum', { majorVersion: 13 }, `ZalandoCluster 'test/acid-orders': majorVersion 13 is not one of the CRD's versions (14, 15, 16, 17, 18)`, 'acid-orders'],
    ['a volume size the pattern rejects', { storage: { size: '10 GB' } }, `ZalandoCluster 'test/acid-orders': storage.size "10 GB" is not a quantity the CRD accepts (e.g. '50Gi')`, 'acid-orders'],
    ['a CPU amount the pattern rejects', { resources: { cpuRequest: '0.5000' } }, `ZalandoCluster 'test/acid-orders': resources.cpuRequest "0.5000" is not a CPU amount the CRD accepts (e.g. '500m' or '1.5')`, 'acid-orders'],
    ['a cron with six fields', { logicalBackup: { schedule: '0 0 3 * * *' } }, `ZalandoCluster 'test/acid-orders': logicalBackup.schedule "0 0 3 * * *" has 6 fields`, 'acid-orders'],
    ['a cron the CRD pattern rejects', { logicalBackup: { schedule: '0 3 * * MON' } }, `ZalandoCluster 'test/acid-orders': logicalBackup.schedule "0 3 * * MON" uses ranges, lists, names or a macro, which the CRD does not accept (five fields of numbers, * and steps only)`, 'acid-orders'],
    ['an owner that is not a user', { databases: [{ name: 'orders', owner: 'ghost' }] }, `ZalandoCluster 'test/acid-orders': databases[0].owner "ghost" is not a declared user; the operator creates only owners listed in users`, 'acid-orders'],
    ['zero instances', { instances: 0 }, `ZalandoCluster 'test/acid-orders': instances 0 must be an integer at least 1`, 'acid-orders'],
    ['settings that do not fit the memory limit', { parameters: { shared_buffers: '2GB' } }, `ZalandoCluster 'test/acid-orders': parameters`, 'acid-orders'],
  ];
  test.each(cases)('%s', (_name, props, message, id) => {
    expect(() => build(props, id)).toThrow(message);
  });
});

describe('the CRD check can fail', () => {
  const good = only(build().objects, 'postgresql');
  const broken = (mutate: (o: any) => void) => {
    const copy = JSON.parse(JSON.stringify(good));
    mutate(copy);
    return postgresqlProblems(copy).join('\n');
  };
  test('a version outside the enum', () => expect(broken((o) => { o.spec.postgresql.version = '13'; })).toContain('/spec/postgresql/version must be equal to one of the allowed values'));
  test('a missing required field', () => expect(broken((o) => { delete o.spec.teamId; })).toContain("must have required property 'teamId'"));
  test('a size against the pattern', () => expect(broken((o) => { o.spec.volume.size = '10 GB'; })).toContain('/spec/volume/size must match pattern'));
  test('a parameter that is not a string', () => expect(broken((o) => { o.spec.postgresql.parameters.max_connections = 100; })).toContain('must be string'));
  test('a field the schema does not know', () => expect(broken((o) => { o.spec.numberOfInstance = 3; })).toContain("/spec/numberOfInstance is not in the CRD's schema"));
});

describe('prod-operator (seed 001, production)', () => {
  const dist = loadDist();
  const prod = dist['prod-operator'];
  const cluster = only(prod, 'postgresql', 'postgres-cluster');

  test('cluster postgres-cluster in microservices: 3 instances, 50Gi, pooler, logical backups, monitoring', () => {
    expect(cluster.metadata.namespace).toBe('microservices');
    expect(cluster.spec).toMatchObject({ numberOfInstances: 3, volume: { size: '50Gi' }, enableConnectionPooler: true, enableLogicalBackup: true });
    expect(cluster.spec.sidecars.map((s: any) => s.name)).toEqual(['postgres-exporter']);
    // The seed's port-forward to svc/postgres-cluster-metrics 9187:9187 works.
    expect(only(prod, 'Service', 'postgres-cluster-metrics').spec.ports[0].port).toBe(9187);
  });

  test('carries exactly the databases and owners that minikube-dev creates', () => {
    const devSql: string = only(dist['minikube-dev'], 'ConfigMap', 'postgresql-schema').data['000-cluster.sql'];
    const dev = [...devSql.matchAll(/CREATE DATABASE %I OWNER %I', '([^']+)', '([^']+)'/g)].map(([, db, owner]) => [db, owner]);
    expect(dev).toHaveLength(5);
    expect(Object.entries(cluster.spec.databases).sort()).toEqual(dev.sort());
  });

  test("the schema Job leaves logins and passwords to the operator and uses its superuser's Secret", () => {
    const job = only(prod, 'Job', 'postgres-cluster-schema-init');
    const env = job.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'PGHOST', value: 'postgres-cluster' });
    expect(env).toContainEqual({ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'postgres.postgres-cluster.credentials.postgresql.acid.zalan.do', key: 'password' } } });
    expect(env.filter((e: any) => e.name.startsWith('CDK8S_PG_PASSWORD'))).toEqual([]);
    const sql: string = only(prod, 'ConfigMap', 'postgres-cluster-schema').data['000-cluster.sql'];
    expect(sql).not.toContain('CREATE ROLE');
    expect(sql).not.toContain('CREATE DATABASE');
  });

  test('the namespace enforces baseline (the operator\'s pods cannot be restricted) and warns about restricted', () => {
    expect(only(prod, 'Namespace', 'microservices').metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  describe(`on a PostgreSQL ${deployedMajor(prod)} server (as deployed) the operator has set up`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startPostgres({ major: deployedMajor(prod) });
      // What the operator does from the resource: the logins and the databases with their owners.
      server.query("CREATE ROLE postgres_exporter LOGIN PASSWORD 'exporter-pw'");
      for (const [db, owner] of Object.entries<string>(cluster.spec.databases)) {
        server.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${owner}-pw'`);
        server.query(`CREATE DATABASE ${db} OWNER ${owner}`);
      }
    });
    afterAll(() => server?.stop());

    test('the Job closes the databases to everyone but their logins, and changes no password', () => {
      const run = runJobScript(prod, 'postgres-cluster-schema-init', server, { 'postgres.postgres-cluster.credentials.postgresql.acid.zalan.do': { username: 'postgres', password: server.superuserPassword } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(server.query('SELECT current_user', { user: 'userservice', password: 'userservice-pw', database: 'userdb' })).toBe('userservice');
      expect(server.psql('SELECT 1', { user: 'userservice', password: 'userservice-pw', database: 'paymentdb' }).stderr).toContain('permission denied for database "paymentdb"');
      expect(server.query("SELECT pg_has_role('postgres_exporter', 'pg_monitor', 'MEMBER')")).toBe('t');
    });
  });
});
