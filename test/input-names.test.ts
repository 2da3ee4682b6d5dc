import { spawnSync } from 'child_process';
import { chownSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart } from 'cdk8s';
import {
  BackupCronJob,
  BackupStorage,
  ConnectionConfigMap,
  ExternalEgressPolicy,
  DatabaseDefinition,
  DatabaseUser,
  PostgresServerConnection,
  PostgresStatefulSet,
  PostgresStatefulSetProps,
  RestoreJob,
  SchemaInitJob,
  ZalandoCluster,
  ZalandoClusterProps,
} from '../lib';
import { quoteIdent } from '../lib/sql/quote';
import { databaseNameProblem, roleNameProblem, schemaNameProblem } from '../lib/sql/reserved-names';
import { refused } from './support/errors';
import { synth, testChart } from './support/manifests';
import { startPostgres, TestServer } from './support/postgres-server';

/**
 * Names each consumer refuses, refused at construction with the rule and the fix: PostgreSQL's
 * reserved roles, schemas and template databases (checked against a real server below), the
 * Zalando operator's name rules (from its source: userRegexp, databaseNameRegexp, its own and
 * protected roles, the credential Secret template), and Kubernetes' length limits once the
 * suffixes controllers add are counted.
 */

const password = { name: 'logins', key: 'password' };
const user = (name: string, extra: Partial<DatabaseUser> = {}): DatabaseUser => ({ name, kind: 'app', password: { ...password, key: name.replace(/[^A-Za-z0-9_.-]/g, '-') }, ...extra });

function schemaJob(databases: DatabaseDefinition[], users: DatabaseUser[]): () => unknown {
  return () => {
    const chart = testChart();
    return new SchemaInitJob(chart, 'schema', { server: new PostgresStatefulSet(chart, 'db', { namespace: 'shop' }), databases, users });
  };
}

const server = (props: PostgresStatefulSetProps) => () => new PostgresStatefulSet(testChart(), 'orders', { namespace: 'shop', ...props });
const zalando = (props: Partial<ZalandoClusterProps>, name = 'acid-orders') => () => new ZalandoCluster(testChart(), name, { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, ...props });
const withServer = <T>(build: (chart: Chart, db: PostgresStatefulSet) => T, serverName = 'db') => () => {
  const chart = testChart();
  return build(chart, new PostgresStatefulSet(chart, serverName, { namespace: 'shop' }));
};

const PG_ROLE = "starts with 'pg_', which PostgreSQL reserves for its own roles (CREATE ROLE refuses it): choose another name";
const RESERVED_ROLE = 'is a role name PostgreSQL reserves (CREATE ROLE refuses it): choose another name';
const PG_SCHEMA = "starts with 'pg_', which PostgreSQL reserves for system schemas (CREATE SCHEMA refuses it): choose another name";
const TEMPLATE0 = 'is the pristine template database, which accepts no connections: choose another database';
const TEMPLATE1 = 'is the template every CREATE DATABASE copies: whatever is done there ends up in every database created later; choose another database';
const OPERATOR_USER = "is not a user name the operator accepts (lower case letters, digits, '-' and '_', starting and ending with a letter or digit): it fails the whole cluster's sync";
const OPERATOR_OWN = "is one of the operator's own logins (postgres, standby, and pooler with the connection pooler), which it never takes from users: choose another name";
const OPERATOR_DATABASE = "is not a name the operator creates (letters, digits and '_', not starting with a digit): it skips it with only a line in its log";

const inputs: [string, () => unknown, string][] = [
  // PostgreSQL: roles
  ['a login starting with pg_', schemaJob([{ name: 'shop', owner: 'pg_shop' }], [user('pg_shop')]),
    `SchemaInitJob 'test/schema': users[0].name "pg_shop" ${PG_ROLE}`],
  ['a login named public', schemaJob([{ name: 'shop', owner: 'public' }], [user('public')]),
    `SchemaInitJob 'test/schema': users[0].name "public" ${RESERVED_ROLE}`],
  ['a login named none', schemaJob([{ name: 'shop', owner: 'none' }], [user('none')]),
    `SchemaInitJob 'test/schema': users[0].name "none" ${RESERVED_ROLE}`],
  ['a login named current_user', schemaJob([{ name: 'shop', owner: 'current_user' }], [user('current_user')]),
    `SchemaInitJob 'test/schema': users[0].name "current_user" is the SQL keyword for the current login: written unquoted, as in GRANT … TO current_user, it means whoever runs the statement; choose another name`],
  ['a login named session_user', schemaJob([{ name: 'shop', owner: 'session_user' }], [user('session_user')]),
    `SchemaInitJob 'test/schema': users[0].name "session_user" is the SQL keyword for the current login: written unquoted, as in GRANT … TO session_user, it means whoever runs the statement; choose another name`],
  ['a login named current_role', schemaJob([{ name: 'shop', owner: 'current_role' }], [user('current_role')]),
    `SchemaInitJob 'test/schema': users[0].name "current_role" is the SQL keyword for the current login: written unquoted, as in GRANT … TO current_role, it means whoever runs the statement; choose another name`],
  ['a manager role starting with pg_', schemaJob([{ name: 'shop', owner: 'postgres', schemaFiles: [{ name: 'a.sql', sql: 'CREATE TABLE t (id int);' }], history: { tables: ['t'], managerRole: 'pg_manager' } }], []),
    `SchemaInitJob 'test/schema': databases[0].history.managerRole "pg_manager" ${PG_ROLE}`],
  ['a superuser starting with pg_', server({ superuser: { name: 'pg_admin', password: { name: 's', key: 'password' } } }),
    `PostgresStatefulSet 'test/orders': superuser.name "pg_admin" ${PG_ROLE}`],
  ['a monitoring login named public', server({ monitoring: { login: { name: 'public', password: { name: 'm', key: 'password' } } } }),
    `PostgresStatefulSet 'test/orders': monitoring.login.name "public" ${RESERVED_ROLE}`],

  // PostgreSQL: schemas
  ['a schema starting with pg_', schemaJob([{ name: 'shop', owner: 'postgres', schemas: ['public', 'pg_shop'] }], []),
    `SchemaInitJob 'test/schema': databases[0].schemas[1] "pg_shop" ${PG_SCHEMA}`],
  ['the schema information_schema', schemaJob([{ name: 'shop', owner: 'postgres', schemas: ['information_schema'] }], []),
    `SchemaInitJob 'test/schema': databases[0].schemas[0] "information_schema" is the SQL-standard catalog PostgreSQL keeps itself: grants or tables there change every login's view of the catalog; choose another schema`],
  ['the schema of the applied-files ledger', schemaJob([{ name: 'shop', owner: 'postgres', schemas: ['cdk8s_postgres'] }], []),
    `SchemaInitJob 'test/schema': databases[0].schemas[0] "cdk8s_postgres" is the schema where the schema Job records the files it applied: choose another schema`],
  ['a history table in pg_catalog', schemaJob([{ name: 'shop', owner: 'postgres', schemaFiles: [{ name: 'a.sql', sql: 'CREATE TABLE t (id int);' }], history: { tables: ['t'], historyTable: 'pg_catalog.history' } }], []),
    `SchemaInitJob 'test/schema': databases[0].history.historyTable "pg_catalog" ${PG_SCHEMA}`],

  // PostgreSQL: template databases as targets
  ['a declared database template1', schemaJob([{ name: 'template1', owner: 'postgres' }], []),
    `SchemaInitJob 'test/schema': databases[0].name "template1" ${TEMPLATE1}`],
  ['a declared database template0', schemaJob([{ name: 'template0', owner: 'postgres' }], []),
    `SchemaInitJob 'test/schema': databases[0].name "template0" ${TEMPLATE0}`],
  ['the image\'s database template1', server({ database: 'template1' }),
    `PostgresStatefulSet 'test/orders': database "template1" ${TEMPLATE1}`],
  ['a backup of template0', withServer((chart, db) => new BackupCronJob(chart, 'backup', { server: db, storage: BackupStorage.existingClaim('dumps'), databases: ['template0'] })),
    `BackupCronJob 'test/backup': databases[0] "template0" ${TEMPLATE0}`],
  ['a restore into template1', withServer((chart, db) => new RestoreJob(chart, 'restore', { server: db, claimName: 'dumps', sourceDatabase: 'shop', targetDatabase: 'template1' })),
    `RestoreJob 'test/restore': targetDatabase "template1" ${TEMPLATE1}`],
  ['a restore from template0', withServer((chart, db) => new RestoreJob(chart, 'restore', { server: db, claimName: 'dumps', sourceDatabase: 'template0' })),
    `RestoreJob 'test/restore': sourceDatabase "template0" ${TEMPLATE0}`],
  ['applications pointed at template1', withServer((chart, db) => new ConnectionConfigMap(chart, 'connection', { server: db, name: 'db', database: 'template1' })),
    `ConnectionConfigMap 'test/connection': database "template1" ${TEMPLATE1}`],

  // The Zalando operator
  ['a login with capitals', zalando({ users: [user('Orders')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "Orders" ${OPERATOR_USER}`],
  ['a login with a space', zalando({ users: [user('orders app')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "orders app" ${OPERATOR_USER}`],
  ['a login ending in an underscore', zalando({ users: [user('orders_')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "orders_" ${OPERATOR_USER}`],
  ['a login with a dot', zalando({ users: [user('shop.orders')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "shop.orders" contains '.', which the operator reads as '<namespace>.<user>' when cross-namespace Secrets are on, putting the credential Secret elsewhere: use '_' or '-'`],
  ['the operator\'s superuser', zalando({ users: [user('postgres')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "postgres" ${OPERATOR_OWN}`],
  ['the operator\'s replication login', zalando({ users: [user('standby')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "standby" ${OPERATOR_OWN}`],
  ['the pooler\'s login with the pooler on', zalando({ users: [user('pooler')], connectionPooler: {} }),
    `ZalandoCluster 'test/acid-orders': users[0].name "pooler" ${OPERATOR_OWN}`],
  ['a protected role', zalando({ users: [user('admin')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "admin" is a role the operator protects (protected_role_names: admin, cron_admin) and never creates from users: choose another name`],
  ['a login starting with pg_', zalando({ users: [user('pg_orders')] }),
    `ZalandoCluster 'test/acid-orders': users[0].name "pg_orders" ${PG_ROLE}`],
  ['two logins whose credential Secrets collide', zalando({ users: [user('orders_app'), user('orders-app')] }),
    `ZalandoCluster 'test/acid-orders': users[1].name "orders-app" gets the same credential Secret as 'orders_app' ('orders-app.acid-orders.credentials.postgresql.acid.zalan.do'): the operator writes '_' as '-' in Secret names; rename one of them`],
  ['a login declared twice', zalando({ users: [user('orders_app'), user('orders_app')] }),
    `ZalandoCluster 'test/acid-orders': users[1].name "orders_app" is declared twice`],
  ['a database with a dash', zalando({ users: [user('orders')], databases: [{ name: 'order-db', owner: 'orders' }] }),
    `ZalandoCluster 'test/acid-orders': databases[0].name "order-db" ${OPERATOR_DATABASE}`],
  ['a database starting with a digit', zalando({ users: [user('orders')], databases: [{ name: '1orders', owner: 'orders' }] }),
    `ZalandoCluster 'test/acid-orders': databases[0].name "1orders" ${OPERATOR_DATABASE}`],
  ['the maintenance database', zalando({ users: [user('orders')], databases: [{ name: 'postgres', owner: 'orders' }] }),
    `ZalandoCluster 'test/acid-orders': databases[0].name "postgres" is the operator's maintenance database, owned by its superuser: declaring it would hand it to 'orders'; choose another database`],
  ['a template database', zalando({ users: [user('orders')], databases: [{ name: 'template1', owner: 'orders' }] }),
    `ZalandoCluster 'test/acid-orders': databases[0].name "template1" ${TEMPLATE1}`],
  ['a database declared twice', zalando({ users: [user('orders')], databases: [{ name: 'orders', owner: 'orders' }, { name: 'orders', owner: 'orders' }] }),
    `ZalandoCluster 'test/acid-orders': databases[1].name "orders" is declared twice`],
  ['a prepared database with a dash', zalando({ preparedDatabases: { 'order-db': {} } }),
    `ZalandoCluster 'test/acid-orders': preparedDatabases['order-db'] {} is keyed by 'order-db', which ${OPERATOR_DATABASE}`],
  ['a prepared schema starting with pg_', zalando({ preparedDatabases: { orders: { schemas: { pg_data: {} } } } }),
    `ZalandoCluster 'test/acid-orders': preparedDatabases['orders'].schemas['pg_data'] {} is keyed by 'pg_data', which ${PG_SCHEMA}`],
  ['flags for a login that is not declared', zalando({ users: [user('orders_app')], userFlags: { orders_admin: [] } }),
    `ZalandoCluster 'test/acid-orders': userFlags['orders_admin'] [] names 'orders_admin', which is not a declared user: these flags would be ignored; declare the user or remove its flags`],

  // Kubernetes limits, suffixes counted
  ['a StatefulSet name whose pods\' revision label is too long', server({ name: 's'.repeat(53) }),
    `PostgresStatefulSet 'test/orders': name "${'s'.repeat(53)}" is not a DNS-1123 label (lower case letters, digits and '-', starting and ending with a letter or digit, at most 52 characters)`],
  ['a Zalando cluster name whose pods\' revision label is too long', zalando({}, `acid-${'o'.repeat(48)}`),
    `ZalandoCluster 'test/acid-${'o'.repeat(48)}': name "acid-${'o'.repeat(48)}" is 53 characters long; at most 52 fit the label controller-revision-hash ('<name>-<hash>', at most 63) that the operator's pods carry`],
  // 43 + '-schema-init' is 55; the Job's name adds '-' and 8 hex digits, and its pods carry it as a 63-character label.
  ['a schema Job name defaulted from a long server name', withServer((chart, db) => new SchemaInitJob(chart, 'schema', { server: db, databases: [{ name: 'shop', owner: 'postgres' }] }), 'd'.repeat(43)),
    `SchemaInitJob 'test/schema': name "${'d'.repeat(43)}-schema-init" is the default '<server>-schema-init' (the Job's name adds '-' and 8 hex digits of its content), 55 characters long where at most 54 fit: give name`],
  ['a CronJob name defaulted from a long server name', withServer((chart, db) => new BackupCronJob(chart, 'backup', { server: db, storage: BackupStorage.existingClaim('dumps') }), 'd'.repeat(46)),
    `BackupCronJob 'test/backup': name "${'d'.repeat(46)}-backup" is the default '<server>-backup', 53 characters long where at most 52 fit: give name`],
  ['a CronJob name given too long', withServer((chart, db) => new BackupCronJob(chart, 'backup', { server: db, storage: BackupStorage.existingClaim('dumps'), name: 'b'.repeat(53) })),
    `BackupCronJob 'test/backup': name "${'b'.repeat(53)}" is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most 52 characters)`],
  ['a restore Job name defaulted from a long hand-made server name', () => new RestoreJob(testChart(), 'restore', { server: handMade({ name: 'd'.repeat(56) }), claimName: 'dumps', sourceDatabase: 'shop' }),
    `RestoreJob 'test/restore': name "${'d'.repeat(56)}-restore" is the default '<server>-restore', 64 characters long where at most 63 fit: give name`],
  ['a label value longer than 63', server({ labels: { team: 't'.repeat(64) } }),
    `PostgresStatefulSet 'test/orders': labels['team'] "${'t'.repeat(64)}" is not a valid label value (at most 63 letters, digits, '-', '_' or '.')`],
  ['a hand-made connection whose name is no label value', () => new SchemaInitJob(testChart(), 'schema', { server: handMade({ name: 'Orders DB' }) }),
    `SchemaInitJob 'test/schema': server.name "Orders DB" is not a DNS-1123 label (lower case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)`],
  ['a hand-made connection to a template database', () => new SchemaInitJob(testChart(), 'schema', { server: handMade({ databaseName: 'template0' }) }),
    `SchemaInitJob 'test/schema': server.databaseName "template0" ${TEMPLATE0}`],
];

function handMade(changes: Partial<PostgresServerConnection>): PostgresServerConnection {
  return {
    name: 'orders', namespace: 'shop', serviceName: 'orders', port: 5432, databaseName: 'postgres',
    superuser: { name: 'postgres', password: { name: 'orders-superuser', key: 'password' } }, image: 'postgres:17.10', clientLabel: { key: 'access.cdk8s-postgres.io/orders', value: 'true' },
    ...changes,
  };
}

describe('names each consumer refuses are named errors', () => {
  test.each(inputs)('%s', (_name, build, message) => {
    expect(refused(build)).toBe(message);
  });

  test('object names Kubernetes takes as DNS subdomains may hold dots, as the API server allows', () => {
    const chart = testChart();
    const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', configMapName: 'db.config' });
    new SchemaInitJob(chart, 'schema', { server: db, configMapName: 'db.schema.v2', databases: [{ name: 'shop', owner: 'postgres' }] });
    new BackupCronJob(chart, 'backup', { server: db, name: 'db.backup', storage: BackupStorage.existingClaim('backups.v2') });
    new RestoreJob(chart, 'restore', { server: db, claimName: 'backups.v2', sourceDatabase: 'shop' });
    new ExternalEgressPolicy(chart, 'egress', { namespace: 'shop', name: 'db.egress', podLabels: { app: 'x' }, egress: { cidrs: ['203.0.113.0/24'] } });
    const names = synth(chart).map((o) => `${o.kind} ${o.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining(['ConfigMap db.config', 'ConfigMap db.schema.v2', 'CronJob db.backup', 'NetworkPolicy db.egress']));
    expect(synth(chart).find((o) => o.kind === 'CronJob')!.spec.jobTemplate.spec.template.spec.volumes).toContainEqual(expect.objectContaining({ persistentVolumeClaim: { claimName: 'backups.v2' } }));
  });

  test('names next to the refused ones are accepted', () => {
    const chart = testChart();
    const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', database: 'postgres' });
    new SchemaInitJob(chart, 'schema', {
      server: db,
      databases: [{ name: 'pg_shop', owner: 'PG_Owner', schemas: ['public', 'PG_Sales', 'information'] }, { name: 'postgres', owner: 'postgres' }, { name: 'Template1', owner: 'user' }],
      users: [user('PG_Owner'), user('user'), user('all', { databases: ['postgres'] }), user('Public', { databases: ['pg_shop'] })],
    });
    const cluster = new ZalandoCluster(chart, 'acid-orders', { namespace: 'shop', teamId: 'acid', storage: { size: '1Gi' }, users: [user('orders_app'), user('orders-admin'), user('pooler')], databases: [{ name: '_orders', owner: 'orders_app' }] });
    expect(cluster.credentialSecretName('orders_app')).toBe('orders-app.acid-orders.credentials.postgresql.acid.zalan.do');
  });

  test('the longest names that pass still fit Kubernetes: the operator\'s credential Secret of a 63-byte login on a 52-character cluster', () => {
    const login = `u${'_'.repeat(61)}u`;
    const name = `acid-${'o'.repeat(47)}`;
    const cluster = new ZalandoCluster(testChart(), name, { namespace: 'shop', teamId: 'acid', storage: { size: '1Gi' }, users: [user(login)] });
    const secret = cluster.credentialSecretName(login);
    expect(secret).toBe(`${login.replace(/_/g, '-')}.${name}.credentials.postgresql.acid.zalan.do`);
    expect(secret.length).toBe(153);
    expect(secret.length).toBeLessThanOrEqual(253);
    expect(secret).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
    const server = new PostgresStatefulSet(testChart(), 'db', { name: 's'.repeat(52) });
    expect(`${server.name}-metrics`.length).toBeLessThanOrEqual(63);
    expect(`${server.name}-headless`.length).toBeLessThanOrEqual(63);
  });
});

/** Runs initdb as the server's OS user, as the image's entrypoint does with POSTGRES_USER. */
function initdb(superuser: string): { status: number | null; stderr: string } {
  const found = spawnSync('sh', ['-c', 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1'], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'initdb-'));
  try {
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout));
    const args = ['-D', join(dir, 'data'), '-U', superuser, '--no-sync', '-A', 'scram-sha-256', '--pwfile=/dev/null'];
    const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', found.stdout.trim(), ...args]] : [found.stdout.trim(), args];
    return spawnSync(command, fullArgs, { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PostgreSQL agrees (a real server)', () => {
  let pg: TestServer;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(() => pg?.stop());

  const failure = (sql: string, database = 'postgres') => {
    const result = pg.psql(sql, { database });
    return result.status === 0 ? undefined : result.stderr.trim().split('\n')[0];
  };

  test.each(['pg_shop', 'public', 'none'])('CREATE ROLE refuses %s, and so do we', (name) => {
    expect(failure(`CREATE ROLE ${quoteIdent(name)}`)).toMatch(/ERROR: {2}role name ".*" is reserved/);
    expect(roleNameProblem(name)).toBeDefined();
  });

  test.each(['current_user', 'session_user', 'current_role'])('%s is accepted quoted, but unquoted it is the login running the statement', (name) => {
    expect(failure(`CREATE ROLE ${quoteIdent(name)}; CREATE ROLE ${quoteIdent(`${name}_group`)}; GRANT ${quoteIdent(`${name}_group`)} TO ${name}`)).toBeUndefined();
    const members = pg.query(`SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = '${name}_group'`);
    expect(members).toBe('postgres');
    expect(roleNameProblem(name)).toBeDefined();
  });

  test.each(['PG_Owner', 'Public', 'user', 'all', 'NONE'])('CREATE ROLE accepts %s, and so do we', (name) => {
    expect(failure(`CREATE ROLE ${quoteIdent(name)}`)).toBeUndefined();
    expect(roleNameProblem(name)).toBeUndefined();
  });

  test('initdb refuses a superuser starting with pg_ (POSTGRES_USER of the image)', () => {
    const result = initdb('pg_admin');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('superuser name "pg_admin" is disallowed; role names cannot begin with "pg_"');
  });

  test('CREATE SCHEMA refuses pg_ schemas, and information_schema already exists, owned by the bootstrap superuser', () => {
    expect(failure('CREATE SCHEMA "pg_shop"')).toBe('ERROR:  unacceptable schema name "pg_shop"');
    expect(pg.query("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'information_schema'")).toBe('postgres');
    // What the schema Job would do to a declared schema: PostgreSQL lets a superuser do it to the catalog's.
    expect(failure('CREATE SCHEMA IF NOT EXISTS information_schema; GRANT USAGE, CREATE ON SCHEMA information_schema TO PUBLIC')).toBeUndefined();
    expect(pg.query("SELECT has_schema_privilege('public', 'information_schema', 'CREATE')")).toBe('t');
    expect(schemaNameProblem('pg_shop')).toBeDefined();
    expect(schemaNameProblem('information_schema')).toBeDefined();
    expect(schemaNameProblem('PG_Sales')).toBeUndefined();
    expect(failure('CREATE SCHEMA "PG_Sales"')).toBeUndefined();
  });

  test('template0 takes no connections; what goes into template1 lands in every new database', () => {
    expect(failure('SELECT 1', 'template0')).toMatch(/database "template0" is not currently accepting connections/);
    expect(failure('CREATE TABLE leftover (id int)', 'template1')).toBeUndefined();
    expect(failure('CREATE DATABASE fresh')).toBeUndefined();
    expect(pg.query("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'", { database: 'fresh' })).toBe('1');
    expect(databaseNameProblem('template0')).toBeDefined();
    expect(databaseNameProblem('template1')).toBeDefined();
  });

  test('databases starting with pg_ are ordinary databases, and accepted', () => {
    expect(failure('CREATE DATABASE "pg_shop"')).toBeUndefined();
    expect(databaseNameProblem('pg_shop')).toBeUndefined();
  });
});
