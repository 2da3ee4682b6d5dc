import { spawnSync } from 'child_process';
import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EnvironmentChart, ZalandoCluster, ZalandoClusterProps } from '../lib';
import { prodOperator } from '../environments/prod-operator';
import { makeCertificates, secretVolumeDir, serverGroupId } from './support/certificates';
import { postgresqlProblems } from './support/crd-schema';
import { refused } from './support/errors';
import { KubeObject, only, synth, testApp, testChart } from './support/manifests';
import { NetworkPolicies, Pod } from './support/network-policy';
import { CLIENT_BIN_DIR, SERVER_USER, startPostgres, TestServer } from './support/postgres-server';

// Issue 22 for the Zalando backend: TLS-only scram-sha-256 logins, scram verifiers for every
// login the operator makes, Patroni's API only for the operator and the cluster's own pods,
// prepared database names the operator's SQL can hold, scheduling fields Kubernetes accepts.

const base: ZalandoClusterProps = { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' } };
const OWNER = "ZalandoCluster 'test/acid-orders':";
function build(props: Partial<ZalandoClusterProps> = {}): { cluster: ZalandoCluster; objects: KubeObject[] } {
  const chart = testChart();
  const cluster = new ZalandoCluster(chart, 'acid-orders', { ...base, ...props });
  return { cluster, objects: synth(chart) };
}
const resource = (props: Partial<ZalandoClusterProps> = {}) => only(build(props).objects, 'postgresql', 'acid-orders');
const failure = (props: Partial<ZalandoClusterProps>) => refused(() => build(props));

const prod = synth(new EnvironmentChart(testApp(), prodOperator.name, prodOperator));
const prodCluster = only(prod, 'postgresql', 'postgres-cluster');

const SCRAM_HBA = [
  'local all postgres peer',
  'local replication standby scram-sha-256',
  'local all all scram-sha-256',
  'hostnossl all all 0.0.0.0/0 reject',
  'hostnossl all all ::/0 reject',
  'hostssl replication standby 0.0.0.0/0 scram-sha-256',
  'hostssl replication standby ::/0 scram-sha-256',
  'hostssl all all 0.0.0.0/0 scram-sha-256',
  'hostssl all all ::/0 scram-sha-256',
];

describe('pg_hba: the superuser without a password only from the pods\' OS user postgres, every TCP login TLS and scram-sha-256', () => {
  test('prod-operator renders the lines as spec.patroni.pg_hba, valid against the CRD', () => {
    expect(prodCluster.spec.patroni).toEqual({ pg_hba: SCRAM_HBA });
    expect(postgresqlProblems(prodCluster)).toEqual([]);
  });

  test('nothing is trust, every TCP line demands TLS or rejects', () => {
    const lines: string[] = prodCluster.spec.patroni.pg_hba;
    const tcp = lines.filter((l) => l.startsWith('host'));
    expect(lines.join('\n')).not.toMatch(/\btrust\b/);
    expect(tcp.filter((l) => !/^hostssl .* scram-sha-256$/.test(l) && !/^hostnossl .* reject$/.test(l))).toEqual([]);
  });

  test('acceptMd5Verifiers: the same lines with md5 in place of scram-sha-256, still TLS only', () => {
    const { cluster } = build({ acceptMd5Verifiers: true });
    expect(cluster.pgHba).toEqual(SCRAM_HBA.map((l) => l.replace('scram-sha-256', 'md5')));
    expect(build().cluster.acceptMd5Verifiers).toBe(false);
  });

  test('acceptMd5Verifiers must be a boolean', () => {
    expect(failure({ acceptMd5Verifiers: 'yes' as never })).toBe(`${OWNER} acceptMd5Verifiers "yes" must be true or false, not a string`);
  });
});

describe('password_encryption: the operator hashes every login it makes as the resource says', () => {
  test('prod-operator sets scram-sha-256 among the parameters the operator reads', () => {
    expect(prodCluster.spec.postgresql.parameters.password_encryption).toBe('scram-sha-256');
  });

  test.each(['md5', 'scram-sha-256'])('parameters.password_encryption %p is refused: the construct owns it', (value) => {
    expect(failure({ parameters: { password_encryption: value } })).toBe(
      `${OWNER} parameters.password_encryption ${JSON.stringify(value)} is how the operator hashes every login's password (it reads this parameter of the resource) and what pg_hba demands: the construct sets 'scram-sha-256'; leave it out`);
  });
});

/**
 * The lines prod-operator renders, on a real server with TLS, as Patroni writes them (one entry a
 * line): who gets in over TCP, with and without TLS, over the socket, and for replication.
 */
const RENDERED: string[] = prodCluster.spec.patroni.pg_hba;
describe.each([14, 17, 18])('PostgreSQL %i with the rendered pg_hba.conf', (major) => {
  const tls = makeCertificates(['localhost']);
  const certs = secretVolumeDir({ 'tls.crt': tls.certificate, 'tls.key': tls.key }, 0o640, serverGroupId());
  let server: TestServer;
  const hbaFile = () => join(server.workDir, 'pg_hba.conf');
  const writeHba = (lines: readonly string[]) => {
    writeFileSync(hbaFile(), `${lines.join('\n')}\n`);
    server.query('SELECT pg_reload_conf()', { socket: true });
  };
  /** psql over TCP to 127.0.0.1 with a connection string, as a client of the Service would. */
  const tcp = (user: string, password: string, options: { sslmode: 'disable' | 'require'; replication?: boolean }) => {
    const conninfo = `host=127.0.0.1 port=${server.port} dbname=postgres user=${user} sslmode=${options.sslmode} connect_timeout=5${options.replication ? ' replication=true' : ''}`;
    return spawnSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-At', '-d', conninfo, '-c', options.replication ? 'IDENTIFY_SYSTEM' : 'SELECT current_user'],
      { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } });
  };
  /** psql on the Unix socket as the OS user postgres, which the pods' Patroni and scripts run as. */
  const socket = (user: string, password: string, replication = false) => {
    const conninfo = `host=${server.socketDir} port=${server.port} dbname=postgres user=${user}${replication ? ' replication=true' : ''}`;
    return spawnSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-At', '-d', conninfo, '-c', replication ? 'IDENTIFY_SYSTEM' : 'SELECT current_user'],
      { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password }, ...SERVER_USER });
  };

  beforeAll(async () => {
    server = await startPostgres({
      major,
      files: { 'pg_hba.conf': `${RENDERED.join('\n')}\n` },
      serverArgs: (dir) => ['-c', `hba_file=${dir}/pg_hba.conf`, '-c', 'ssl=on', '-c', `ssl_cert_file=${certs}/tls.crt`, '-c', `ssl_key_file=${certs}/tls.key`],
    });
    server.query(`CREATE ROLE orders_app LOGIN PASSWORD 'app-pw';
      CREATE ROLE standby LOGIN REPLICATION PASSWORD 'standby-pw';
      CREATE ROLE rogue LOGIN REPLICATION PASSWORD 'rogue-pw';
      SET password_encryption = 'md5';
      CREATE ROLE legacy LOGIN PASSWORD 'legacy-pw'`, { socket: true });
  });
  afterAll(() => {
    server?.stop();
    rmSync(certs, { recursive: true, force: true });
  });

  test('the server reads every line without error', () => {
    writeHba(RENDERED);
    const rules = server.query("SELECT line_number || ' ' || type || ' ' || coalesce(error, 'ok') FROM pg_hba_file_rules ORDER BY line_number", { socket: true });
    expect(rules.split('\n')).toEqual(RENDERED.map((l, i) => `${i + 1} ${l.split(' ')[0]} ok`));
  });

  test('TCP without TLS is refused, for every login, the superuser and replication included', () => {
    writeHba(RENDERED);
    expect(tcp('orders_app', 'app-pw', { sslmode: 'disable' }).stderr).toContain('pg_hba.conf rejects connection for host "127.0.0.1", user "orders_app", database "postgres", no encryption');
    expect(tcp('postgres', server.superuserPassword, { sslmode: 'disable' }).stderr).toContain('pg_hba.conf rejects connection for host "127.0.0.1", user "postgres", database "postgres", no encryption');
    expect(tcp('standby', 'standby-pw', { sslmode: 'disable', replication: true }).stderr).toContain('no pg_hba.conf entry for replication connection from host "127.0.0.1", user "standby", no encryption');
  });

  test('TCP with TLS and a scram verifier gets in: a client, the operator\'s superuser, the replication login', () => {
    writeHba(RENDERED);
    expect(tcp('orders_app', 'app-pw', { sslmode: 'require' })).toMatchObject({ status: 0, stdout: 'orders_app\n' });
    expect(tcp('postgres', server.superuserPassword, { sslmode: 'require' })).toMatchObject({ status: 0, stdout: 'postgres\n' });
    const replication = tcp('standby', 'standby-pw', { sslmode: 'require', replication: true });
    expect(replication.stderr).toBe('');
    expect(replication.status).toBe(0);
  });

  test('a wrong password, an MD5 verifier and replication by any other login are refused', () => {
    writeHba(RENDERED);
    expect(tcp('orders_app', 'guess', { sslmode: 'require' }).stderr).toContain('password authentication failed for user "orders_app"');
    expect(tcp('legacy', 'legacy-pw', { sslmode: 'require' }).stderr).toContain('password authentication failed for user "legacy"');
    expect(tcp('rogue', 'rogue-pw', { sslmode: 'require', replication: true }).stderr).toContain('no pg_hba.conf entry for replication connection from host "127.0.0.1", user "rogue", SSL encryption');
  });

  test('on the socket: the OS user postgres as the superuser without a password (peer), anyone else with a password', () => {
    writeHba(RENDERED);
    expect(socket('postgres', '')).toMatchObject({ status: 0, stdout: 'postgres\n' });
    if (SERVER_USER) {
      // Another OS user (root, as kubectl exec runs in Spilo's container) is not the superuser.
      const asRoot = spawnSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-At', '-d', `host=${server.socketDir} port=${server.port} dbname=postgres user=postgres`, '-c', 'SELECT 1'],
        { encoding: 'utf8', env: { ...process.env, PGPASSWORD: '' } });
      expect(asRoot.stderr).toContain('Peer authentication failed for user "postgres"');
    }
    expect(socket('orders_app', '').stderr).toContain('no password supplied');
    expect(socket('orders_app', 'app-pw')).toMatchObject({ status: 0, stdout: 'orders_app\n' });
    expect(socket('standby', 'standby-pw', true).status).toBe(0);
    expect(socket('rogue', 'rogue-pw', true).stderr).toContain('no pg_hba.conf entry for replication connection from host "[local]", user "rogue"');
  });

  test('with acceptMd5Verifiers an MD5 verifier gets in over TLS too, a SCRAM one still by SCRAM, and plaintext stays refused', () => {
    const md5 = build({ acceptMd5Verifiers: true }).cluster.pgHba;
    writeHba(md5);
    expect(tcp('legacy', 'legacy-pw', { sslmode: 'require' })).toMatchObject({ status: 0, stdout: 'legacy\n' });
    expect(tcp('orders_app', 'app-pw', { sslmode: 'require' })).toMatchObject({ status: 0, stdout: 'orders_app\n' });
    expect(tcp('legacy', 'legacy-pw', { sslmode: 'disable' }).stderr).toContain('no encryption');
    writeHba(RENDERED);
  });
});

describe("Patroni's REST API (8008): the cluster's own pods and the operator's pods in its namespace, no one else", () => {
  const net = new NetworkPolicies(prod);
  const primary: Pod = { name: 'postgres-cluster-0', namespace: 'microservices', labels: { application: 'spilo', 'cluster-name': 'postgres-cluster', 'spilo-role': 'master' } };
  const client = { 'access.cdk8s-postgres.io/postgres-cluster': 'true' };
  const reaches = (from: Pod) => net.allows(from, primary, { port: 8008 });

  test.each<[string, Pod, boolean]>([
    ['a replica of the cluster', { namespace: 'microservices', labels: { application: 'spilo', 'cluster-name': 'postgres-cluster', 'spilo-role': 'replica' } }, true],
    ['the operator (namespace default, name: postgres-operator)', { namespace: 'default', labels: { name: 'postgres-operator' } }, true],
    ['a pod labelled as the operator in another namespace', { namespace: 'microservices', labels: { name: 'postgres-operator' } }, false],
    ['another pod of the operator\'s namespace', { namespace: 'default', labels: { app: 'web' } }, false],
    ['a labelled client', { namespace: 'microservices', labels: client }, false],
    ['PgBouncer', { namespace: 'microservices', labels: { application: 'db-connection-pooler', 'cluster-name': 'postgres-cluster' } }, false],
    ['the logical backup', { namespace: 'microservices', labels: { application: 'spilo-logical-backup', 'cluster-name': 'postgres-cluster' } }, false],
    ['a Spilo pod of another cluster', { namespace: 'microservices', labels: { application: 'spilo', 'cluster-name': 'other-cluster' } }, false],
    ['Prometheus', { namespace: 'monitoring', labels: { app: 'prometheus' } }, false],
  ])('%s: %p', (_name, from, expected) => {
    expect(reaches(from)).toBe(expected);
  });

  test.each<[string, Partial<ZalandoClusterProps>, string]>([
    ["the client label in the cluster's namespace",
      { network: { operatorNamespace: 'shop', operatorPodLabels: { 'access.cdk8s-postgres.io/acid-orders': 'true' } } },
      `${OWNER} network.operatorPodLabels {"access.cdk8s-postgres.io/acid-orders":"true"} would also select every client of the cluster (label access.cdk8s-postgres.io/acid-orders: true) in namespace 'shop', which would then reach Patroni's REST API (8008, no authentication) as the operator does: give the labels only the operator's pod carries`],
    ['the client label in a client namespace',
      { network: { operatorNamespace: 'apps', operatorPodLabels: { 'access.cdk8s-postgres.io/acid-orders': 'true' }, clientNamespaces: ['apps'] } },
      `${OWNER} network.operatorPodLabels {"access.cdk8s-postgres.io/acid-orders":"true"} would also select every client of the cluster (label access.cdk8s-postgres.io/acid-orders: true) in namespace 'apps', which would then reach Patroni's REST API (8008, no authentication) as the operator does: give the labels only the operator's pod carries`],
    ["PgBouncer's labels",
      { connectionPooler: {}, network: { operatorNamespace: 'shop', operatorPodLabels: { application: 'db-connection-pooler' } } },
      `${OWNER} network.operatorPodLabels {"application":"db-connection-pooler"} would also select the PgBouncer pods in namespace 'shop', which would then reach Patroni's REST API (8008, no authentication) as the operator does: give the labels only the operator's pod carries`],
    ["the logical backup's labels",
      { logicalBackup: {}, network: { operatorNamespace: 'shop', operatorPodLabels: { application: 'spilo-logical-backup', 'cluster-name': 'acid-orders' } } },
      `${OWNER} network.operatorPodLabels {"application":"spilo-logical-backup","cluster-name":"acid-orders"} would also select the logical backup pods in namespace 'shop', which would then reach Patroni's REST API (8008, no authentication) as the operator does: give the labels only the operator's pod carries`],
  ])('operator labels that would select %s are refused', (_name, props, message) => {
    expect(failure(props)).toBe(message);
  });

  test("the operator's own labels in the cluster's namespace, or PgBouncer's in another, are accepted", () => {
    expect(() => build({ connectionPooler: {}, logicalBackup: {}, network: { operatorNamespace: 'shop', operatorPodLabels: { name: 'postgres-operator' } } })).not.toThrow();
    expect(() => build({ connectionPooler: {}, network: { operatorNamespace: 'operators', operatorPodLabels: { application: 'db-connection-pooler' } } })).not.toThrow();
  });
});

describe("preparedDatabases: names the operator's unescaped SQL can hold", () => {
  test('the CRD accepts any string there, so only synthesis can refuse them', () => {
    const copy = JSON.parse(JSON.stringify(resource({ preparedDatabases: { reports: { extensions: { pgcrypto: 'data' } } } })));
    copy.spec.preparedDatabases.reports.extensions = { 'pgcrypto" SCHEMA public; DROP DATABASE reports; --': 'data"; DROP ROLE postgres; --' };
    expect(postgresqlProblems(copy)).toEqual([]);
  });

  test.each<[string, Record<string, any>, string]>([
    ['an extension name with a quote', { reports: { extensions: { 'pgcrypto" SCHEMA public; --': 'data' } } },
      `${OWNER} preparedDatabases['reports'].extensions key "pgcrypto\\" SCHEMA public; --" is not an extension name the operator can put into SQL (letters, digits, '_' and single '-' between them, at most 63 bytes): it runs CREATE EXTENSION IF NOT EXISTS "<name>" as the superuser without escaping it`],
    ['an extension schema with a quote', { reports: { extensions: { pgcrypto: 'data"; DROP ROLE postgres; --' } } },
      `${OWNER} preparedDatabases['reports'].extensions['pgcrypto'] "data\\"; DROP ROLE postgres; --" is not a schema name the operator can put into SQL (letters, digits and '_', not starting with a digit, at most 63 bytes): it runs CREATE EXTENSION … SCHEMA "<schema>" as the superuser without escaping it`],
    ['an extension schema with a space', { reports: { extensions: { pgcrypto: 'my schema' } } },
      `${OWNER} preparedDatabases['reports'].extensions['pgcrypto'] "my schema" is not a schema name the operator can put into SQL`],
    ['an extension name with a double dash', { reports: { extensions: { 'uuid--ossp': 'public' } } },
      `${OWNER} preparedDatabases['reports'].extensions key "uuid--ossp" is not an extension name the operator can put into SQL`],
    ['a derived login longer than 63 bytes', { [`r${'x'.repeat(51)}`]: { defaultUsers: true } },
      `${OWNER} preparedDatabases['r${'x'.repeat(51)}'] "r${'x'.repeat(51)}_reader_user" is a role the operator derives from the database and schema names, and it is longer than 63 bytes, and PostgreSQL would silently truncate it`],
    ['a derived schema role longer than 63 bytes', { reports: { schemas: { [`s${'x'.repeat(49)}`]: {} } } },
      `${OWNER} preparedDatabases['reports'].schemas['s${'x'.repeat(49)}'] "reports_s${'x'.repeat(49)}_owner" is a role the operator derives from the database and schema names, and it is longer than 63 bytes, and PostgreSQL would silently truncate it`],
    ['a derived role PostgreSQL reserves', { pg_reports: {} },
      `${OWNER} preparedDatabases['pg_reports'] "pg_reports_owner" is a role the operator derives from the database and schema names, and it starts with 'pg_', which PostgreSQL reserves for its own roles (CREATE ROLE refuses it): choose another name`],
    ['a derived login whose Secret name is not lower case', { Reports: { defaultUsers: true } },
      `${OWNER} preparedDatabases['Reports'] "Reports_owner_user" is a login the operator derives from the names (defaultUsers), and its credential Secret 'Reports-owner-user.acid-orders.credentials.postgresql.acid.zalan.do' is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.'), so the operator cannot create it: use lower case names that start with a letter`],
    ['a schema name the operator skips', { reports: { schemas: { 'my-schema': {} } } },
      `${OWNER} preparedDatabases['reports'].schemas['my-schema'] {} is keyed by 'my-schema', which is not a name the operator creates`],
    ['a secret namespace that is no namespace', { reports: { secretNamespace: 'Other NS' } },
      `${OWNER} preparedDatabases['reports'].secretNamespace "Other NS" is not a DNS-1123 label`],
  ])('%s is refused', (_name, preparedDatabases, message) => {
    expect(failure({ preparedDatabases })).toContain(message);
  });

  test('plain names pass as they are, the default schema and uuid-ossp included', () => {
    const preparedDatabases = { reports: { defaultUsers: true, extensions: { pgcrypto: 'data', 'uuid-ossp': 'public' } }, [`r${'x'.repeat(50)}`]: { defaultUsers: true, schemas: { s: { defaultRoles: false } } } };
    const prepared = resource({ preparedDatabases });
    expect(prepared.spec.preparedDatabases).toEqual(preparedDatabases);
    expect(postgresqlProblems(prepared)).toEqual([]);
  });
});

describe("tolerations and node affinity: what Kubernetes' API server and scheduler accept", () => {
  test('the CRD lets through what Kubernetes refuses, so only synthesis can refuse it', () => {
    const copy = JSON.parse(JSON.stringify(resource({})));
    copy.spec.tolerations = [{ key: 'dedicated', operator: 'exists', value: 'x', effect: 'noschedule', tolerationSeconds: 5 }];
    copy.spec.nodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'pool', operator: 'in' }] } }] };
    expect(postgresqlProblems(copy)).toEqual([]);
  });

  const REFUSED = "the API server would refuse the operator's StatefulSet";
  test.each<[string, Partial<ZalandoClusterProps>, string]>([
    ["operator 'exists'", { tolerations: [{ key: 'dedicated', operator: 'exists' }] },
      `tolerations[0].operator "exists" is not 'Exists' or 'Equal' (operators are case-sensitive; Lt and Gt need the alpha feature gate TaintTolerationComparisonOperators); ${REFUSED}`],
    ["'Exists' with a value", { tolerations: [{ key: 'dedicated', operator: 'Exists', value: 'postgres' }] },
      `tolerations[0].value "postgres" must be empty when operator is 'Exists'; ${REFUSED}`],
    ["an empty key with 'Equal'", { tolerations: [{ operator: 'Equal', value: 'x' }] },
      `tolerations[0].operator "Equal" must be 'Exists' when key is empty (a toleration of every taint); ${REFUSED}`],
    ['an empty key and no operator (Equal)', { tolerations: [{ effect: 'NoSchedule' }] },
      `tolerations[0].operator undefined must be 'Exists' when key is empty (a toleration of every taint); ${REFUSED}`],
    ['a key that is no label key', { tolerations: [{ key: 'dedicated node', operator: 'Exists' }] },
      `tolerations[0].key "dedicated node" is not a label key (an optional DNS subdomain and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit); ${REFUSED}`],
    ['a value that is no label value', { tolerations: [{ key: 'dedicated', value: 'post gres' }] },
      `tolerations[0].value "post gres" is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit); ${REFUSED}`],
    ["effect 'noschedule'", { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'noschedule' }] },
      `tolerations[0].effect "noschedule" is not 'NoSchedule', 'PreferNoSchedule' or 'NoExecute' (or left out: every effect); ${REFUSED}`],
    ['tolerationSeconds with NoSchedule', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }] },
      `tolerations[0].tolerationSeconds 60 is set with effect "NoSchedule"; it applies to 'NoExecute' only, and with any other effect ${REFUSED}`],
    ['tolerationSeconds without an effect', { tolerations: [{ key: 'dedicated', operator: 'Exists', tolerationSeconds: 60 }] },
      `tolerations[0].tolerationSeconds 60 is set with effect ""; it applies to 'NoExecute' only, and with any other effect ${REFUSED}`],
    ['fractional tolerationSeconds', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1.5 }] },
      'tolerations[0].tolerationSeconds 1.5 must be a whole number of seconds'],
    ['a preferred weight of 0', { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['db'] }] } }] } },
      `nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight 0 must be an integer from 1 to 100; ${REFUSED}`],
    ['a preferred weight of 101', { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, preference: {} }] } },
      `nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight 101 must be an integer from 1 to 100; ${REFUSED}`],
    ["operator 'in'", { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'in', values: ['db'] }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator "in" is not one of 'In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt' (operators are case-sensitive); ${REFUSED}`],
    ["'In' without values", { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In' }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values undefined must list at least one value with operator 'In'; ${REFUSED}`],
    ["'Exists' with values", { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'pool', operator: 'Exists', values: ['db'] }] } }] } },
      `nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values ["db"] must be empty with operator 'Exists'; ${REFUSED}`],
    ["'Gt' with two values", { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4', '8'] }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values ["4","8"] must hold exactly one value with operator 'Gt'; ${REFUSED}`],
    ["'Lt' with a word", { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['eight'] }] }] } } },
      "nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0] \"eight\" is not a whole number in digits: the scheduler reads 'Lt' values as integers, and newer API servers take only label values (no sign) in a required term; the pods would stay Pending"],
    ["a required 'Gt' with a sign", { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['-1'] }] }] } } },
      "nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0] \"-1\" is not a whole number in digits: the scheduler reads 'Gt' values as integers, and newer API servers take only label values (no sign) in a required term; the pods would stay Pending"],
    ["a preferred 'Gt' with a word", { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4.5'] }] } }] } },
      "nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values[0] \"4.5\" is not an integer: the scheduler reads 'Gt' values as integers and cannot read the term"],
    ['a value that is no label value', { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['db pool'] }] }] } } },
      "nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0] \"db pool\" is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit): no node label holds it, and the scheduler cannot read the term (the pods would stay Pending; newer API servers refuse it in a required term)"],
    ['a preferred value that is no label value', { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: { matchExpressions: [{ key: 'pool', operator: 'NotIn', values: ['db/2'] }] } }] } },
      "nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values[0] \"db/2\" is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit): no node label holds it, and the scheduler cannot read the term"],
    ['a key that is no label key', { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: '-pool', operator: 'Exists' }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key "-pool" is not a label key (an optional DNS subdomain and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit); ${REFUSED}`],
    ['no required term', { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms [] must hold at least one node selector term; ${REFUSED}`],
    ['a field selector on labels', { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key "metadata.labels" is not 'metadata.name', the only node field a selector may name; ${REFUSED}`],
    ["a field selector with 'Exists'", { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].operator "Exists" is not 'In' or 'NotIn', the only operators a node field selector takes; ${REFUSED}`],
    ['a field selector with two nodes', { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values ["node-1","node-2"] must hold exactly one node name; ${REFUSED}`],
    ['a field selector on no node name', { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['Node_1'] }] }] } } },
      `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0] "Node_1" is not a node name (a DNS-1123 subdomain); ${REFUSED}`],
  ])('%s is refused', (_name, props, message) => {
    expect(failure(props)).toBe(`${OWNER} ${message}`);
  });

  test('what Kubernetes accepts passes as it is', () => {
    const tolerations = [
      { operator: 'Exists' },
      { key: 'dedicated', value: 'postgres', effect: 'NoSchedule' },
      { key: 'example.com/maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'spot', operator: 'Equal', value: '', effect: 'PreferNoSchedule' },
    ];
    const nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'pool', operator: 'In', values: ['db', 'db-2'] }, { key: 'cores', operator: 'Gt', values: ['3'] }, { key: 'spot', operator: 'DoesNotExist' }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1.example'] }] },
      ] },
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 1, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['zone-a'] }] } },
        { weight: 100, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists', values: [] }, { key: 'offset', operator: 'Gt', values: ['-2'] }] } },
      ],
    };
    const cluster = resource({ tolerations, nodeAffinity });
    expect(cluster.spec.tolerations).toEqual(tolerations);
    expect(cluster.spec.nodeAffinity).toEqual(nodeAffinity);
    expect(postgresqlProblems(cluster)).toEqual([]);
  });
});
