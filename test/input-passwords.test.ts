import { KubeConfigMap, KubeJob } from '../lib/private/k8s';
import { ConnectionConfigMap, PostgresStatefulSet, SchemaInitJob, ZalandoCluster, ZalandoClusterProps } from '../lib';
import { loadDist, synth, testChart } from './support/manifests';
import { passwordLiteralLines } from './support/password-scan';

/**
 * Class "passwords": no password in a ConfigMap, a postgresql.conf parameter, a custom resource
 * or an environment variable value. Each is refused with a named error that masks the password;
 * what construction cannot see (objects added by hand to the chart) is refused at synth.
 */

const PSS = "PostgresStatefulSet 'test/db':";
const ZAL = "ZalandoCluster 'test/acid-db':";
const CCM = "ConnectionConfigMap 'test/connection':";
const CONNINFO = "holds a password ('password=' in a connection string); let the client read it from a Secret (a password file, or PGPASSWORD from a secretKeyRef) instead";
const URI = 'holds a password (user:password@ in a URI); leave it out of the URI and let the client read it from a Secret';
const KEY = 'names a password, and ConfigMap data is not secret; keep the password in a Secret and give the application a secretKeyRef';

const statefulSet = (parameters: Record<string, string>) => new PostgresStatefulSet(testChart(), 'db', { namespace: 'shop', parameters });
const zalando = (props: Partial<ZalandoClusterProps>) => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, ...props });
function connection(extra: Record<string, string>, database = 'app') {
  const chart = testChart();
  const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
  return new ConnectionConfigMap(chart, 'connection', { server: db, name: 'app-db', database, extra });
}
function schemaFile(sql: string) {
  const chart = testChart();
  const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
  return new SchemaInitJob(chart, 'schema', {
    server: db,
    databases: [{ name: 'app', owner: 'app', schemaFiles: [{ name: '001-init.sql', sql }] }],
    users: [{ name: 'app', kind: 'admin', password: { name: 'app-db', key: 'password' } }],
  });
}

const HOSTILE: [string, () => unknown, string][] = [
  ['primary_conninfo with a password', () => statefulSet({ primary_conninfo: 'host=primary user=rep password=hunter2 sslmode=require' }),
    `${PSS} parameters.primary_conninfo "host=primary user=rep password=… sslmode=require" ${CONNINFO}`],
  ['a quoted password with spaces', () => statefulSet({ primary_conninfo: "host=primary password = 'hunter 2' user=rep" }),
    `${PSS} parameters.primary_conninfo "host=primary password = … user=rep" ${CONNINFO}`],
  ['PASSWORD in capitals', () => statefulSet({ primary_conninfo: 'host=primary PASSWORD=hunter2' }), `${PSS} parameters.primary_conninfo "host=primary PASSWORD=…" ${CONNINFO}`],
  ['a URI with a password in a parameter', () => statefulSet({ 'cdk8s_test.dsn': 'postgresql://rep:hunter2@primary:5432/postgres' }),
    `${PSS} parameters.cdk8s_test.dsn "postgresql://rep:…@primary:5432/postgres" ${URI}`],
  ['a password in an archive command', () => statefulSet({ archive_command: 'curl -T %p https://backup:hunter2@store.example.com/wal/%f' }),
    `${PSS} parameters.archive_command "curl -T %p https://backup:…@store.example.com/wal/%f" ${URI}`],
  ['primary_conninfo with a password on the Zalando backend', () => zalando({ parameters: { primary_conninfo: 'host=primary password=hunter2' } }),
    `${ZAL} parameters.primary_conninfo "host=primary password=…" ${CONNINFO}`],
  ['a DATABASE_URL with a password', () => connection({ DATABASE_URL: 'postgresql://app:hunter2@db:5432/app' }), `${CCM} extra['DATABASE_URL'] "postgresql://app:…@db:5432/app" ${URI}`],
  ['a JDBC URL with a password parameter', () => connection({ JDBC_URL: 'jdbc:postgresql://db:5432/app?user=app&password=hunter2' }),
    `${CCM} extra['JDBC_URL'] "jdbc:postgresql://db:5432/app?user=app&password=…" ${CONNINFO}`],
  ['an ADO.NET string with Pwd=', () => connection({ ConnectionStrings__Default: 'Host=db;Database=app;Username=app;Pwd=hunter2' }),
    `${CCM} extra['ConnectionStrings__Default'] "Host=db;Database=app;Username=app;Pwd=…" ${CONNINFO}`],
  ['a key named POSTGRES_PASSWORD', () => connection({ POSTGRES_PASSWORD: 'hunter2' }), `${CCM} extra key "POSTGRES_PASSWORD" ${KEY}`],
  ['a key named db_passwd', () => connection({ db_passwd: 'hunter2' }), `${CCM} extra key "db_passwd" ${KEY}`],
  ['a URI given as the database', () => connection({}, 'postgresql://app:hunter2@db/app'), `${CCM} database "postgresql://app:…@db/app" ${URI}`],
  ['CREATE ROLE … PASSWORD in a schema file', () => schemaFile("CREATE TABLE t (id int);\nCREATE ROLE reporter LOGIN PASSWORD 'hunter2';"),
    "SchemaInitJob 'test/schema': databases[0].schemaFiles[0] \"001-init.sql\" sets a password in SQL (line 2: PASSWORD '…'), which the schema ConfigMap would publish; declare the login in users with a password Secret instead"],
  ['ALTER USER … ENCRYPTED PASSWORD $$…$$ in a schema file', () => schemaFile('ALTER USER app WITH ENCRYPTED PASSWORD $x$hunter2$x$;'),
    "SchemaInitJob 'test/schema': databases[0].schemaFiles[0] \"001-init.sql\" sets a password in SQL (line 1: PASSWORD '…'), which the schema ConfigMap would publish; declare the login in users with a password Secret instead"],
  ['a dblink connection string in a schema file', () => schemaFile("SELECT dblink_connect('host=legacy dbname=app password=hunter2');"),
    `SchemaInitJob 'test/schema': databases[0].schemaFiles[0] "001-init.sql" ${CONNINFO}`],
  // Objects the constructs do not write, in a chart the library checks.
  ['a hand-made ConfigMap in the chart', () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
    new KubeConfigMap(chart, 'raw', { metadata: { name: 'raw', namespace: 'shop' }, data: { dsn: 'host=db password=hunter2' } });
    return synth(chart);
  }, `Chart 'test' is not valid:\n  [test] ConfigMap 'shop/raw' of 'test/raw': data['dsn'] "host=db password=…" ${CONNINFO}`],
  ['an environment variable of a hand-made Job', () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
    new KubeJob(chart, 'migrate', {
      metadata: { name: 'migrate', namespace: 'shop' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'migrate:1.0.0', env: [{ name: 'DATABASE_URL', value: 'postgres://app:hunter2@db/app' }] }] } } },
    });
    return synth(chart);
  }, `Chart 'test' is not valid:\n  [test] Job 'shop/migrate' of 'test/migrate': spec.template.spec.containers[0].env['DATABASE_URL'] "postgres://app:…@db/app" ${URI}`],
];

describe('input-passwords: written-out passwords get named errors that do not repeat them', () => {
  test.each(HOSTILE)('%s', (_name, build, message) => {
    expect(build).toThrow(expect.objectContaining({ name: 'ValidationError', message }));
    expect(message).not.toContain('hunter');
  });
});

describe('what is not a password passes', () => {
  test('a passfile, keys that say where a password is, and PASSWORD as a column name', () => {
    const chart = testChart();
    const db = new PostgresStatefulSet(chart, 'db', { namespace: 'shop', parameters: { primary_conninfo: 'host=primary user=rep passfile=/etc/pgpass', log_line_prefix: '%m password_encryption ' } });
    new ConnectionConfigMap(chart, 'connection', { server: db, name: 'app-db', database: 'app', extra: { POSTGRES_PASSWORD_FILE: '/run/secrets/password', DB_PASSWORD_SECRET: 'app-db', DATABASE_URL: 'postgresql://app@db:5432/app' } });
    new SchemaInitJob(chart, 'schema', {
      server: db,
      databases: [{ name: 'app', owner: 'app', schemaFiles: [{ name: '001.sql', sql: "CREATE TABLE users (id int, password text NOT NULL DEFAULT '');" }] }],
      users: [{ name: 'app', kind: 'admin', password: { name: 'app-db', key: 'password' } }],
    });
    const objects = synth(chart);
    expect(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'app-db')!.data.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/password');
  });

  test('no committed manifest writes a password out (the chart check passed at synth; the line scan agrees)', () => {
    const dist = loadDist();
    expect(Object.keys(dist).length).toBeGreaterThan(0);
    for (const [env, objects] of Object.entries(dist)) {
      const text = JSON.stringify(objects, null, 1);
      expect(`${env}: ${passwordLiteralLines(text).join(' | ')}`).toBe(`${env}: `);
    }
  });
});
