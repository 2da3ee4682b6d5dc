import { mkdtempSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DatabaseDefinition, DatabaseUser, DEFAULT_MAJOR_VERSION, PostgresStatefulSet, SchemaInitJob, SchemaInitJobProps } from '../lib';
import { only, synth, testChart } from './support/manifests';
import { CLIENT_BIN_DIR, startPostgres } from './support/postgres-server';
import { JOB_NAME, schemaJobObjects } from './support/schema-chart';
import { runJobScript } from './support/run-job';

const USERS: DatabaseUser[] = [
  { name: 'shop', kind: 'app', password: { name: 'shop-logins', key: 'shop' } },
  { name: 'reporting', kind: 'readonly', databases: ['shop'], password: { name: 'shop-logins', key: 'reporting' } },
];
const DATABASES: DatabaseDefinition[] = [{ name: 'shop', owner: 'shop', schemaFiles: [{ name: 'orders.sql', sql: 'CREATE TABLE orders (id serial PRIMARY KEY);\n' }] }];

function build(props: Partial<SchemaInitJobProps> = {}) {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'shop-db', { namespace: 'shop' });
  const job = new SchemaInitJob(chart, 'schema', { server, databases: DATABASES, users: USERS, ...props });
  return { server, job, objects: synth(chart) };
}

describe('SchemaInitJob manifest', () => {
  const { server, job, objects } = build();
  const manifest = only(objects, 'Job', 'shop-db-schema-init');
  const pod = manifest.spec.template.spec;
  const container = pod.containers[0];

  test('bounded retries, deadline and clean-up', () => {
    expect(manifest.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 900, ttlSecondsAfterFinished: 3600 });
    expect(pod.restartPolicy).toBe('Never');
  });

  test('runs the server image with psql against the client Service as the superuser', () => {
    expect(container.image).toBe(server.image);
    expect(container.command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
    expect(container.env).toEqual(expect.arrayContaining([
      { name: 'PGHOST', value: 'shop-db' },
      { name: 'PGPORT', value: '5432' },
      { name: 'PGUSER', value: 'postgres' },
      { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db-superuser', key: 'password' } } },
      { name: 'WAIT_SECONDS', value: '300' },
    ]));
  });

  test('login passwords come from their Secret keys only', () => {
    const passwords = container.env.filter((e: any) => e.name.startsWith('CDK8S_PG_PASSWORD_'));
    expect(passwords).toEqual([
      { name: 'CDK8S_PG_PASSWORD_1', valueFrom: { secretKeyRef: { name: 'shop-logins', key: 'shop' } } },
      { name: 'CDK8S_PG_PASSWORD_2', valueFrom: { secretKeyRef: { name: 'shop-logins', key: 'reporting' } } },
    ]);
  });

  test('the pod carries the client label the NetworkPolicy admits', () => {
    expect(manifest.spec.template.metadata.labels[server.clientLabel.key]).toBe('true');
  });

  test('the SQL is mounted from the ConfigMap, in plan order', () => {
    const configMap = only(objects, 'ConfigMap', 'shop-db-schema');
    expect(pod.volumes).toContainEqual({ name: 'sql', configMap: { name: 'shop-db-schema' } });
    expect(configMap.data['plan.tsv'].split('\n').filter(Boolean)).toEqual([
      'autocommit\tpostgres\t000-cluster.sql\t000-cluster.sql\t-\t-',
      'passwords\tpostgres\t000-passwords.sql\t000-passwords.sql\t-\t-',
      'transaction\tpostgres\t000-postgres.sql\t000-postgres.sql\t-\t-',
      'transaction\tshop\t001-0-setup.sql\t001-0-setup.sql\t-\t-',
      // the owner's schema file, over the owner's own connection, with the password the Job has for it
      'once\tshop\t001-1-orders.sql\torders.sql\tshop\tCDK8S_PG_PASSWORD_1',
      'transaction\tshop\t001-2-grants.sql\t001-2-grants.sql\t-\t-',
    ]);
    expect(configMap.data['owners.tsv']).toBe('CDK8S_PG_PASSWORD_1\tshop-logins\tshop\tshop\n');
    expect(Object.keys(job.files).sort()).toEqual(Object.keys(configMap.data).sort());
  });

  test('the Secrets it reads are declared for the secrets command', () => {
    expect(job.node.metadata.filter((m) => m.type === 'cdk8s-postgres:required-secret').map((m) => m.data)).toEqual([
      { namespace: 'shop', name: 'shop-logins', keys: { shop: { generate: 'password' } } },
      { namespace: 'shop', name: 'shop-logins', keys: { reporting: { generate: 'password' } } },
    ]);
  });

  test('snapshot', () => {
    expect(objects.filter((o) => o.kind === 'Job' || o.metadata.name === 'shop-db-schema')).toMatchSnapshot();
  });
});

describe('SchemaInitJob rejects bad input', () => {
  const app = (name: string, extra: Partial<DatabaseUser> = {}): DatabaseUser => ({ name, kind: 'app', password: { name: 'logins', key: name.replace(/[^a-z]/g, '') || 'k' }, ...extra });
  const cases: [string, Partial<SchemaInitJobProps>, string][] = [
    ['an unknown user kind', { users: [app('shop', { kind: 'superuser' as never })] }, `SchemaInitJob 'test/schema': users[0].kind "superuser" must be one of 'app', 'readonly', 'admin', 'manager', 'monitoring'`],
    ['duplicate users', { users: [app('shop'), app('shop')] }, `SchemaInitJob 'test/schema': users[1].name "shop" is declared twice`],
    ['a user that is the superuser', { users: [app('postgres', { databases: ['shop'] })] }, `SchemaInitJob 'test/schema': users[0].name "postgres" is the superuser, which the server already has`],
    ['an owner that is not declared', { databases: [{ name: 'shop', owner: 'ghost' }], users: [] }, `SchemaInitJob 'test/schema': databases[0].owner "ghost" is not a declared user (declare it in users, or use the superuser 'postgres')`],
    ['duplicate databases', { databases: [{ name: 'shop', owner: 'postgres' }, { name: 'shop', owner: 'postgres' }], users: [] }, `SchemaInitJob 'test/schema': databases[1].name "shop" is declared twice`],
    ['a user without a database', { databases: [{ name: 'shop', owner: 'postgres' }], users: [app('lonely')] }, `SchemaInitJob 'test/schema': users[0].databases [] gives login 'lonely' no database: list the databases it may use`],
    ['a user of an undeclared database', { users: [app('shop'), app('reader', { databases: ['nope'] })] }, `SchemaInitJob 'test/schema': users[1].databases "nope" is not a declared database`],
    ['history on a table the schema does not define', { databases: [{ ...DATABASES[0], history: { tables: ['invoices'] } }], users: [app('shop')] },
      `SchemaInitJob 'test/schema': databases[0].history.tables[0] "public.invoices" is not defined by a CREATE TABLE in the schema files of database 'shop'`],
    ['privileges on a non-app login', { users: [app('shop'), { ...app('reader', { databases: ['shop'] }), kind: 'readonly', privileges: ['SELECT'] }] }, `SchemaInitJob 'test/schema': users[1].privileges ["SELECT"] can only narrow an 'app' login (this one is 'readonly')`],
    ['a name PostgreSQL would truncate', { databases: [{ name: 'd'.repeat(64), owner: 'postgres' }], users: [] }, `SchemaInitJob 'test/schema': databases[0].name "${'d'.repeat(64)}" is longer than 63 bytes, and PostgreSQL would silently truncate it`],
    ['a name with a control character', { users: [app('shop\nx')] }, `SchemaInitJob 'test/schema': users[0].name "shop\\nx" contains a control character`],
    ['a schema file name that is not a file name', { databases: [{ name: 'shop', owner: 'postgres', schemaFiles: [{ name: '../x.sql', sql: '' }] }], users: [] }, `SchemaInitJob 'test/schema': databases[0].schemaFiles[0].name "../x.sql" is not a file name (letters, digits, '.', '_' and '-', ending in .sql)`],
    ['an admin through the superuser', { databases: [{ name: 'shop', owner: 'postgres' }], users: [{ ...app('boss', { databases: ['shop'] }), kind: 'admin' }] },
      `SchemaInitJob 'test/schema': databases[0].owner "postgres" is the superuser: admin 'boss' would become a superuser through it; give the database its own owner`],
    ['a readonly login as an owner', { databases: [{ name: 'shop', owner: 'reader' }], users: [{ ...app('reader'), kind: 'readonly' }] },
      `SchemaInitJob 'test/schema': databases[0].owner "reader" is a 'readonly' login, which may not own a database: the owner holds every right on it and its objects; make an 'app', 'admin', 'manager' login the owner, and list 'shop' in the databases of 'reader'`],
    ['a monitoring login as an owner', { databases: [{ name: 'shop', owner: 'metrics' }], users: [{ ...app('metrics'), kind: 'monitoring' }] },
      `SchemaInitJob 'test/schema': databases[0].owner "metrics" is a 'monitoring' login, which may not own a database`],
    ['a SELECT-only app login as an owner', { databases: [{ name: 'shop', owner: 'shop' }], users: [app('shop', { privileges: ['SELECT'] })] },
      `SchemaInitJob 'test/schema': databases[0].owner "shop" is an 'app' login narrowed to SELECT, but the owner holds every right on the database whatever its privileges say; give the database another owner, and list 'shop' in the databases of 'shop'`],
    ['a manager role that is also a login', { databases: [{ ...DATABASES[0], history: { tables: ['orders'], managerRole: 'shop' } }], users: [app('shop')] },
      `SchemaInitJob 'test/schema': databases[0].history.managerRole "shop" is also a login; the manager role must be a NOLOGIN role of its own`],
    ['a deadline shorter than the wait', { waitSeconds: 600, activeDeadlineSeconds: 300 }, `SchemaInitJob 'test/schema': activeDeadlineSeconds 300 must exceed waitSeconds (600), or the Job is killed before it gives up waiting`],
    ['a Job name that is not DNS-1123', { name: 'Schema_Init' }, `SchemaInitJob 'test/schema': name "Schema_Init" is not a DNS-1123 label (lower case letters, digits and '-', starting and ending with a letter or digit, at most 54 characters)`],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('a rejected Job leaves nothing in the chart', () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db', { superuser: { name: 'postgres', password: { name: 's', key: 'password' } } });
    expect(() => new SchemaInitJob(chart, 'schema', { server, databases: [{ name: 'x', owner: 'ghost' }] })).toThrow();
    expect(synth(chart).filter((o) => o.kind === 'Job')).toEqual([]);
  });
});

describe('SchemaInitJob script failures are clear', () => {
  test('a server that never comes gives up after WAIT_SECONDS with a message', () => {
    // A script that ignored WAIT_SECONDS would run into Jest's test timeout instead of this message.
    const result = runJobScript(schemaJobObjects(DATABASES, USERS), JOB_NAME, { port: 1 }, { 'db-superuser': { password: 'x' }, 'shop-logins': { shop: 'a', reporting: 'b' } }, { env: { WAIT_SECONDS: '0' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Gave up: PostgreSQL at 127.0.0.1:1 did not accept connections within 0s');
  });

  describe(`against a real server (PostgreSQL ${DEFAULT_MAJOR_VERSION}, the default major)`, () => {
    let server: Awaited<ReturnType<typeof startPostgres>>;
    const secrets = () => ({ 'db-superuser': { password: server.superuserPassword }, 'shop-logins': { shop: 'shop-pw', reporting: 'reporting-pw' } });
    beforeAll(async () => { server = await startPostgres({ major: DEFAULT_MAJOR_VERSION }); });
    afterAll(() => server?.stop());

    test('a wrong superuser password gives up with the server\'s reason', () => {
      const result = runJobScript(schemaJobObjects(DATABASES, USERS), JOB_NAME, server, { ...secrets(), 'db-superuser': { password: 'wrong' } }, { env: { WAIT_SECONDS: '0' } });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('accepts connections, but queries failed for 0s');
      expect(result.stderr).toContain('password authentication failed for user "postgres"');
    });

    test('an empty password in a Secret stops the Job before any SQL', () => {
      const result = runJobScript(schemaJobObjects(DATABASES, USERS), JOB_NAME, server, { ...secrets(), 'shop-logins': { shop: 'shop-pw', reporting: '' } });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("The password of login 'reporting' is empty: set key 'reporting' of Secret 'shop-logins'");
      expect(server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'shop'")).toBe('0');
    });

    test('a password with characters outside ASCII stops the Job before any SQL, naming the login', () => {
      const result = runJobScript(schemaJobObjects(DATABASES, USERS), JOB_NAME, server, { ...secrets(), 'shop-logins': { shop: 'shop-pw', reporting: 'pässword' } });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe("the password has characters outside ASCII, which PostgreSQL would first normalize (SASLprep); use ASCII characters\n" +
        "Could not compute the SCRAM verifier of login 'reporting' (key 'reporting' of Secret 'shop-logins')\n");
      expect(server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'shop'")).toBe('0');
    });

    test('an image without perl stops the Job before any SQL, naming why', () => {
      const bin = mkdtempSync(join(tmpdir(), 'no-perl-'));
      try {
        for (const program of ['psql', 'pg_isready']) symlinkSync(join(CLIENT_BIN_DIR, program), join(bin, program));
        const result = runJobScript(schemaJobObjects(DATABASES, USERS), JOB_NAME, server, secrets(), { env: { PATH: bin } });
        expect(result.status).toBe(1);
        expect(result.stderr).toBe("The Job's image has no perl, which computes the logins' SCRAM verifiers (only a verifier is sent, never a password): use the official Debian-based postgres image\n");
        expect(server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'shop'")).toBe('0');
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    });

    test('a login that may not turn logging and tracking off gets no password changed, and the Job says why', () => {
      expect(runJobScript(schemaJobObjects(DATABASES, USERS), JOB_NAME, server, secrets()).status).toBe(0);
      // A role administrator that is no superuser. A full run stops earlier for it (ALTER ROLE …
      // NOSUPERUSER needs a superuser); the password step alone shows its own guard.
      server.query("CREATE ROLE role_admin LOGIN CREATEROLE PASSWORD 'role-admin-pw'; GRANT shop TO role_admin WITH ADMIN OPTION; GRANT CONNECT ON DATABASE postgres TO role_admin");
      const objects = schemaJobObjects(DATABASES, USERS);
      const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.data?.['plan.tsv'])!;
      configMap.data['plan.tsv'] = configMap.data['plan.tsv'].split('\n').filter((line: string) => line.startsWith('passwords\t')).join('\n') + '\n';
      const before = server.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'shop'");
      const result = runJobScript(objects, JOB_NAME, server, { 'db-superuser': { password: 'role-admin-pw' }, 'shop-logins': { shop: 'new-shop-pw', reporting: 'new-reporting-pw' } }, { env: { PGUSER: 'role_admin' } });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('permission denied to set parameter "log_statement"');
      expect(result.stderr).toContain("Setting passwords failed; no password was changed. The step turns statement logging, activity tracking and pg_stat_statements off for its transaction, which needs a superuser login (PGUSER 'role_admin')");
      expect(server.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'shop'")).toBe(before);
      expect(server.query('SELECT current_user', { user: 'shop', password: 'shop-pw', database: 'shop' })).toBe('shop');
      // The login could have set the password itself: only the guard stopped it.
      server.query("ALTER ROLE shop PASSWORD 'new-shop-pw'", { user: 'role_admin', password: 'role-admin-pw' });
    });

    test('a schema file edited after it was applied is refused', () => {
      expect(runJobScript(schemaJobObjects(DATABASES, USERS), JOB_NAME, server, secrets()).status).toBe(0);
      const edited = [{ ...DATABASES[0], schemaFiles: [{ name: 'orders.sql', sql: 'CREATE TABLE orders (id bigserial PRIMARY KEY);\n' }] }];
      const result = runJobScript(schemaJobObjects(edited, USERS), JOB_NAME, server, secrets());
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/Schema file orders\.sql changed after it was applied to shop \(applied sha256 [0-9a-f]{64}, now [0-9a-f]{64}\): add a new schema file instead of editing an applied one/);
    });

    test('a failing schema file rolls back entirely and is not recorded', () => {
      const broken = [{ ...DATABASES[0], schemaFiles: [...DATABASES[0].schemaFiles!, { name: 'broken.sql', sql: 'CREATE TABLE half (id int);\nSELECT no_such_function();\n' }] }];
      const result = runJobScript(schemaJobObjects(broken, USERS), JOB_NAME, server, secrets());
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('function no_such_function() does not exist');
      expect(server.query("SELECT count(*) FROM pg_tables WHERE tablename = 'half'", { database: 'shop' })).toBe('0');
      expect(server.query("SELECT count(*) FROM cdk8s_postgres.schema_files WHERE name = 'broken.sql'", { database: 'shop' })).toBe('0');
    });
  });
});
