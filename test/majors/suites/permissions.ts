import { EFS_DATABASES, EFS_USERS, PRODUCT_CHANGE_DATABASES, PRODUCT_CHANGE_USERS } from '../../../environments/databases';
import { CloudNativePgCluster, DatabaseDefinition, DatabaseUser, SchemaInitJob } from '../../../lib';
import { synth, testChart } from '../../support/manifests';
import { catalogState } from '../../support/catalog';
import { startPostgres, TestServer } from '../../support/postgres-server';
import { JOB_NAME, schemaJobObjects } from '../../support/schema-chart';
import { runJobScript, TestSecrets } from '../../support/run-job';

/**
 * The permission matrix with real logins: seed 004's app / admin / readonly logins, seed 003's
 * manager role with change history, and a monitoring login, each set up by its schema Job; then
 * every login against every database of the server and every schema of its databases.
 */
const MONITORING: DatabaseUser = { name: 'metrics', kind: 'monitoring', password: { name: 'metrics-login', key: 'password' } };
// As aks-phonebill-dev declares it: CONNECT on the one database its CronJob dumps.
const BACKUP: DatabaseUser = { name: 'dumper', kind: 'backup', databases: ['product_change_db'], password: { name: 'dumper-login', key: 'password' } };
// One owner with two databases, and an admin given only one of them: it acts as the owner there, and
// has nothing in the other (as a member that inherited the owner's rights, it read both).
const SHOP_OWNER: DatabaseUser = { name: 'shop_owner', kind: 'app', password: { name: 'shop-logins', key: 'owner' } };
// It owns a database of its own too, where it keeps what an owner may do in schema public.
const SHOP_ADMIN: DatabaseUser = { name: 'shop_admin', kind: 'admin', databases: ['shop_a', 'shop_c'], password: { name: 'shop-logins', key: 'admin' } };
const SHOP_DATABASES: DatabaseDefinition[] = [...['shop_a', 'shop_b'].map((name) => ({
  name, owner: 'shop_owner', schemaFiles: [{ name: 'orders.sql', sql: `CREATE TABLE orders (id int PRIMARY KEY, note text);\nINSERT INTO orders VALUES (1, '${name}');\n` }],
})), { name: 'shop_c', owner: 'shop_admin' }];
const USERS = [...PRODUCT_CHANGE_USERS, ...EFS_USERS, MONITORING, BACKUP, SHOP_OWNER, SHOP_ADMIN];
const DATABASES = [...PRODUCT_CHANGE_DATABASES, ...EFS_DATABASES, ...SHOP_DATABASES];
const secrets: TestSecrets = {
  'db-superuser': { password: 'test-superuser-password' },
  'postgresql-product-change-secret': { password: 'app-pw' },
  'postgresql-product-change-logins': { 'admin-password': 'admin-pw', 'readonly-password': 'readonly-pw' },
  'postgres-logins': { 'manager-user-password': 'manager-pw', 'app-user-password': 'appuser-pw' },
  'metrics-login': { password: 'metrics-pw' },
  'dumper-login': { password: 'dumper-pw' },
  'shop-logins': { owner: 'shop-owner-pw', admin: 'shop-admin-pw' },
};
const as = (user: string, password: string, database: string) => ({ user, password, database });
const APP = as('product_change_app', 'app-pw', 'product_change_db');
const ADMIN = as('product_change_admin', 'admin-pw', 'product_change_db');
const READONLY = as('product_change_readonly', 'readonly-pw', 'product_change_db');
const MANAGER = as('manager_user', 'manager-pw', 'postgres');
const EFS_APP = as('app_user', 'appuser-pw', 'postgres');
const METRICS = as('metrics', 'metrics-pw', 'postgres');
const DUMPER = as('dumper', 'dumper-pw', 'product_change_db');
const SHOP = as('shop_owner', 'shop-owner-pw', 'shop_a');
const SHOP_ADMIN_LOGIN = as('shop_admin', 'shop-admin-pw', 'shop_a');
const LOGINS = { APP, ADMIN, READONLY, MANAGER, EFS_APP, METRICS, DUMPER, SHOP, SHOP_ADMIN_LOGIN };

/** The objects a login might create in a schema, each rolled back right after it is created. */
const KINDS: Record<string, (schema: string) => string> = {
  table: (s) => `CREATE TABLE ${s}.probe_table (id int)`,
  view: (s) => `CREATE VIEW ${s}.probe_view AS SELECT 1 AS one`,
  sequence: (s) => `CREATE SEQUENCE ${s}.probe_sequence`,
  function: (s) => `CREATE FUNCTION ${s}.probe_function() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
  type: (s) => `CREATE TYPE ${s}.probe_type AS (a int)`,
};

/**
 * The same logins on CloudNativePG: each with the basic-auth Secret of its own the operator reads
 * (the same password), the logins and databases made as the operator makes them from the
 * DatabaseRole and Database resources, then the cluster's schema Job (`logins: 'existing'`).
 */
function cloudNativePgRun(server: TestServer, databases: DatabaseDefinition[], users: DatabaseUser[]) {
  const secretOf = (user: DatabaseUser) => `cnpg-${user.name.replace(/_/g, '-')}`;
  const own = users.map((u) => ({ ...u, password: { name: secretOf(u), key: 'password', usernameKey: 'username' } }));
  const chart = testChart();
  // The operator keeps its maintenance database `postgres` (seed 003's) to itself; the Job still works in it.
  const cluster = new CloudNativePgCluster(chart, 'db', { namespace: 'test', databases: databases.filter((d) => d.name !== 'postgres'), users: own });
  new SchemaInitJob(chart, 'schema', { server: cluster.connection, databases, users: own, logins: 'existing', waitSeconds: 5, activeDeadlineSeconds: 60 });
  const objects = synth(chart);
  const cnpgSecrets: TestSecrets = {
    'db-superuser': { username: 'postgres', password: server.superuserPassword },
    ...Object.fromEntries(users.map((u) => [secretOf(u), { username: u.name, password: secrets[u.password.name][u.password.key] }])),
  };
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const role of objects.filter((o) => o.kind === 'DatabaseRole')) {
    const password = cnpgSecrets[role.spec.passwordSecret.name].password.replace(/'/g, "''");
    const options = `LOGIN${role.spec.createdb ? ' CREATEDB' : ''}${role.spec.inherit === false ? ' NOINHERIT' : ''}`;
    const exists = server.query(`SELECT count(*) FROM pg_roles WHERE rolname = '${role.spec.name}'`) === '1';
    server.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${quoted(role.spec.name)} ${options} PASSWORD '${password}'`);
  }
  for (const db of objects.filter((o) => o.kind === 'Database')) {
    if (server.query(`SELECT count(*) FROM pg_database WHERE datname = '${db.spec.name}'`) === '0') server.query(`CREATE DATABASE ${quoted(db.spec.name)} OWNER ${quoted(db.spec.owner)}`);
  }
  return runJobScript(objects, JOB_NAME, server, cnpgSecrets);
}

export function permissionSuite(major: number, backend: 'statefulSet' | 'cloudnativepg' = 'statefulSet'): void {
  describe(`permission matrix on PostgreSQL ${major}${backend === 'cloudnativepg' ? ", CloudNativePG's logins" : ''}`, () => {
    let server: TestServer;
    function run(databases: DatabaseDefinition[] = DATABASES, users: DatabaseUser[] = USERS) {
      const result = backend === 'cloudnativepg' ? cloudNativePgRun(server, databases, users) : runJobScript(schemaJobObjects(databases, users), JOB_NAME, server, secrets);
      if (result.status !== 0 || result.stderr !== '') throw new Error(`schema Job failed: ${result.stderr}`);
      return result;
    }
    /** What a login gets when it tries to create each kind of object in each schema, and a temporary table. */
    function creations(login: { user: string; password: string; database: string }, schemas: string[]): Record<string, string> {
      const statements = [...schemas.flatMap((s) => Object.entries(KINDS).map(([kind, sql]) => [`${s} ${kind}`, sql(s)])), ['temporary table', 'CREATE TEMP TABLE probe_temp (id int)']];
      const array = `ARRAY[${statements.map(([label, sql]) => `ARRAY[${literal(label)}, ${literal(sql)}]`).join(', ')}]`;
      const probe = `DO $probe$
DECLARE pair text[]; result jsonb := '{}';
BEGIN
  FOREACH pair SLICE 1 IN ARRAY ${array} LOOP
    BEGIN
      EXECUTE pair[2];
      RAISE EXCEPTION 'created';
    EXCEPTION WHEN OTHERS THEN
      result := result || jsonb_build_object(pair[1], SQLERRM);
    END;
  END LOOP;
  PERFORM set_config('probe.result', result::text, false);
END $probe$; SELECT current_setting('probe.result')`;
      return JSON.parse(server.query(probe, login));
    }
    const expectCreations = (schemas: string[], allowed: string[], temporary: boolean) => Object.fromEntries([
      ...schemas.flatMap((s) => Object.keys(KINDS).map((kind) => [`${s} ${kind}`, allowed.includes(s) ? 'created' : `permission denied for schema ${s}`])),
      ['temporary table', temporary ? 'created' : `permission denied to create temporary tables in database "${schemas.includes('product_change') ? 'product_change_db' : 'postgres'}"`],
    ]);

    beforeAll(async () => {
      server = await startPostgres({ major });
      run();
    });
    afterAll(() => server?.stop());

    test('runs on the major it says', () => {
      expect(server.query('SHOW server_version_num').slice(0, -4)).toBe(String(major));
    });

    test('running the Job again changes nothing in the catalog', () => {
      const before = catalogState(server, ['product_change_db', 'postgres']);
      run();
      expect(catalogState(server, ['product_change_db', 'postgres'])).toEqual(before);
    });

    describe('who may connect where: only to the databases given', () => {
      const DATABASES_ON_SERVER = ['product_change_db', 'postgres', 'template1', 'shop_a', 'shop_b', 'shop_c'];
      const granted: Record<keyof typeof LOGINS, string[]> = {
        APP: ['product_change_db'], ADMIN: ['product_change_db'], READONLY: ['product_change_db'],
        MANAGER: ['postgres'], EFS_APP: ['postgres'], METRICS: ['postgres'], DUMPER: ['product_change_db'],
        SHOP: ['shop_a', 'shop_b'], SHOP_ADMIN_LOGIN: ['shop_a', 'shop_c'],
      };
      test.each(Object.keys(LOGINS) as (keyof typeof LOGINS)[])('%s', (name) => {
        const login = LOGINS[name];
        const outcome = (database: string) => {
          const result = server.psql('SELECT current_database()', { ...login, database });
          return result.status === 0 ? 'connected' : /FATAL: {2}(.*)/.exec(result.stderr)?.[1] ?? result.stderr;
        };
        expect(Object.fromEntries(DATABASES_ON_SERVER.map((d) => [d, outcome(d)]))).toEqual(Object.fromEntries(DATABASES_ON_SERVER.map((d) => [d,
          granted[name].includes(d) ? 'connected' : `permission denied for database "${d}"`])));
      });
    });

    describe('what each login may create, in every schema including public', () => {
      const PRODUCT_CHANGE_SCHEMAS = ['public', 'product_change', 'cdk8s_postgres'];
      const POSTGRES_SCHEMAS = ['public', 'cdk8s_postgres'];
      test('app: nothing, but temporary tables', () => {
        expect(creations(APP, PRODUCT_CHANGE_SCHEMAS)).toEqual(expectCreations(PRODUCT_CHANGE_SCHEMAS, [], true));
      });
      test('readonly: nothing, not even temporary tables', () => {
        expect(creations(READONLY, PRODUCT_CHANGE_SCHEMAS)).toEqual(expectCreations(PRODUCT_CHANGE_SCHEMAS, [], false));
      });
      test("admin (the database owner): its schema and public, never the Job's ledger", () => {
        expect(creations(ADMIN, PRODUCT_CHANGE_SCHEMAS)).toEqual(expectCreations(PRODUCT_CHANGE_SCHEMAS, ['public', 'product_change'], true));
      });
      test('seed 003 app login: nothing, but temporary tables', () => {
        expect(creations(EFS_APP, POSTGRES_SCHEMAS)).toEqual(expectCreations(POSTGRES_SCHEMAS, [], true));
      });
      test('manager member: the schema of the tracked tables, which the manager role owns objects in', () => {
        expect(creations(MANAGER, POSTGRES_SCHEMAS)).toEqual(expectCreations(POSTGRES_SCHEMAS, ['public'], true));
      });
      test('monitoring: nothing', () => {
        expect(creations(METRICS, POSTGRES_SCHEMAS)).toEqual(expectCreations(POSTGRES_SCHEMAS, [], false));
      });
      test('backup: nothing, not even temporary tables', () => {
        expect(creations(DUMPER, PRODUCT_CHANGE_SCHEMAS)).toEqual(expectCreations(PRODUCT_CHANGE_SCHEMAS, [], false));
      });
      test('schema public is what PostgreSQL 15 makes it, on this major too', () => {
        const acl = "SELECT pg_get_userbyid(nspowner) || ' ' || array_to_string(array(SELECT a::text FROM unnest(nspacl) a WHERE a::text LIKE '=%' OR a::text LIKE 'pg_database_owner=%' ORDER BY 1), ',') FROM pg_namespace WHERE nspname = 'public'";
        expect(server.query(acl, { database: 'product_change_db' })).toBe('pg_database_owner =U/pg_database_owner,pg_database_owner=UC/pg_database_owner');
        expect(server.query(acl, { database: 'postgres' })).toBe('pg_database_owner =U/pg_database_owner,pg_database_owner=UC/pg_database_owner');
      });
    });

    test("an admin of one of an owner's databases acts as the owner there (SET ROLE), and inherits nothing", () => {
      expect(server.query('SELECT note FROM orders', SHOP_ADMIN_LOGIN)).toBe('shop_a');
      expect(server.query('SET ROLE shop_owner; ALTER TABLE orders ADD COLUMN added_by_admin int; SELECT current_user', SHOP_ADMIN_LOGIN)).toBe('shop_owner');
      // what membership would have given it elsewhere: CONNECT, and the owner's rights
      expect(server.query("SELECT has_database_privilege('shop_admin', 'shop_b', 'CONNECT') || ',' || has_database_privilege('shop_admin', 'shop_b', 'CREATE')")).toBe('false,false');
      expect(server.query("SELECT rolinherit FROM pg_roles WHERE rolname = 'shop_admin'")).toBe('f');
      // in the database it owns, what schema public gives an owner through pg_database_owner, directly
      expect(server.query('CREATE TABLE public.own_table (id int); SELECT current_user', { ...SHOP_ADMIN_LOGIN, database: 'shop_c' })).toBe('shop_admin');
    });

    test('backup reads every table, the ledger included, and changes none', () => {
      expect(server.query('SELECT count(*) >= 0 FROM product_change.circuit_breaker_state', DUMPER)).toBe('t');
      expect(server.query('SELECT count(*) > 0 FROM cdk8s_postgres.schema_files', DUMPER)).toBe('t');
      expect(server.psql("INSERT INTO product_change.circuit_breaker_state (service_name) VALUES ('X')", DUMPER).stderr).toContain('permission denied for table circuit_breaker_state');
      expect(server.psql('DELETE FROM cdk8s_postgres.schema_files', DUMPER).stderr).toContain('permission denied for table schema_files');
      expect(server.query("SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'dumper'")).toBe('f|t|f|f');
    });

    test('monitoring reads the statistics of other sessions, and no table data', () => {
      expect(server.query("SELECT count(*) > 0 FROM pg_stat_activity WHERE backend_type = 'checkpointer'", METRICS)).toBe('t');
      expect(server.psql('SELECT count(*) FROM test_table', METRICS).stderr).toContain('permission denied for table test_table');
    });

    describe('seed 004 logins', () => {
      test('readonly can read but not INSERT', () => {
        expect(server.query('SELECT state FROM product_change.circuit_breaker_state', READONLY)).toBe('CLOSED');
        const insert = server.psql("INSERT INTO product_change.circuit_breaker_state (service_name) VALUES ('X')", READONLY);
        expect(insert.stderr).toContain('permission denied for table circuit_breaker_state');
      });

      test('app can SELECT, INSERT and UPDATE, and nothing more (seed 004 narrows away DELETE)', () => {
        server.query("INSERT INTO product_change.product_change_history (request_id, user_id, line_number, customer_id, current_product_code, target_product_code) VALUES ('r1', 'u1', '010-1234-5678', 'c1', 'P1', 'P2')", APP);
        server.query("UPDATE product_change.product_change_history SET process_status = 'VALIDATED' WHERE request_id = 'r1'", APP);
        expect(server.query("SELECT version || ',' || (validated_at IS NOT NULL) FROM product_change.product_change_history WHERE request_id = 'r1'", APP)).toBe('1,true');
        expect(server.psql("DELETE FROM product_change.product_change_history WHERE request_id = 'r1'", APP).stderr).toContain('permission denied for table product_change_history');
      });

      test('app cannot DROP or ALTER', () => {
        expect(server.psql('DROP TABLE product_change.kos_integration_log', APP).stderr).toContain('must be owner of table kos_integration_log');
        expect(server.psql('ALTER TABLE product_change.kos_integration_log ADD COLUMN x int', APP).stderr).toContain('must be owner of table kos_integration_log');
      });

      test('admin can ALTER, DELETE and DROP', () => {
        server.query('ALTER TABLE product_change.kos_integration_log ADD COLUMN trace_id text', ADMIN);
        server.query("DELETE FROM product_change.product_change_history WHERE request_id = 'r1'", ADMIN);
        server.query('CREATE TABLE product_change.scratch (id int)', ADMIN);
        server.query('DROP TABLE product_change.scratch', ADMIN);
      });

      test('tables an admin creates later are granted too (default privileges)', () => {
        server.query('CREATE TABLE product_change.added_later (id int)', ADMIN);
        server.query('INSERT INTO product_change.added_later VALUES (1)', APP);
        expect(server.query('SELECT count(*) FROM product_change.added_later', READONLY)).toBe('1');
        expect(server.psql('INSERT INTO product_change.added_later VALUES (2)', READONLY).stderr).toContain('permission denied');
      });
    });

    describe('seed 003: manager role and change history', () => {
      test('tracked tables belong to the NOLOGIN manager role', () => {
        expect(server.query("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'test_table'", { database: 'postgres' })).toBe('manager');
        expect(server.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'manager'")).toBe('f');
      });

      test('a member of the manager role can ALTER a tracked table', () => {
        server.query('ALTER TABLE test_table ADD COLUMN note text', MANAGER);
        server.query('ALTER TABLE test_table DROP COLUMN note', MANAGER);
      });

      test('a non-member gets "must be owner"', () => {
        expect(server.psql('ALTER TABLE test_table ADD COLUMN note text', EFS_APP).stderr).toContain('must be owner of table test_table');
        expect(server.psql('DROP TABLE test_table', EFS_APP).stderr).toContain('must be owner of table test_table');
      });

      test('INSERT, UPDATE and DELETE are recorded with the right JSON', () => {
        server.query('TRUNCATE history_table', MANAGER);
        const id = server.query("INSERT INTO test_table (name) VALUES ('Alpha') RETURNING id", EFS_APP);
        server.query(`UPDATE test_table SET name = 'Beta' WHERE id = ${id}`, EFS_APP);
        server.query(`DELETE FROM test_table WHERE id = ${id}`, EFS_APP);
        const rows = server.query("SELECT json_agg(json_build_object('t', table_name, 'op', operation_type, 'data', changed_data) ORDER BY id) FROM history_table", EFS_APP);
        expect(JSON.parse(rows)).toEqual([
          { t: 'test_table', op: 'INSERT', data: { id: Number(id), name: 'Alpha' } },
          { t: 'test_table', op: 'UPDATE', data: { before: { id: Number(id), name: 'Alpha' }, after: { id: Number(id), name: 'Beta' } } },
          { t: 'test_table', op: 'DELETE', data: { id: Number(id), name: 'Beta' } },
        ]);
        expect(server.query('SELECT bool_and(changed_at IS NOT NULL) FROM history_table', EFS_APP)).toBe('t');
      });

      test('non-managers cannot rewrite or delete history', () => {
        for (const sql of ["UPDATE history_table SET operation_type = 'FORGED'", 'DELETE FROM history_table', 'TRUNCATE history_table', "INSERT INTO history_table (table_name) VALUES ('forged')"]) {
          expect(server.psql(sql, EFS_APP).stderr).toContain('permission denied for table history_table');
        }
      });

      test("the seed's initial row is there", () => {
        expect(server.query("SELECT count(*) FROM test_table WHERE name = 'Test Data'", EFS_APP)).toBe('1');
      });

      describe('when the history cannot be written', () => {
        beforeEach(() => server.query('REVOKE INSERT ON history_table FROM manager', { database: 'postgres' }));
        afterEach(() => server.query('GRANT INSERT ON history_table TO manager', { database: 'postgres' }));

        test('fail-open (the default): the write goes through with a NOTICE', () => {
          const result = server.psql("INSERT INTO test_table (name) VALUES ('kept') RETURNING name", EFS_APP);
          expect(result.status).toBe(0);
          expect(result.stderr).toContain('NOTICE:  Trigger failed: permission denied for table history_table');
          expect(server.query("SELECT count(*) FROM test_table WHERE name = 'kept'", EFS_APP)).toBe('1');
          expect(server.query("SELECT count(*) FROM history_table WHERE changed_data->>'name' = 'kept'", EFS_APP)).toBe('0');
        });

        test('strict: the write fails', () => {
          run([{ ...EFS_DATABASES[0], history: { ...EFS_DATABASES[0].history!, strict: true } }], EFS_USERS);
          server.query('REVOKE INSERT ON history_table FROM manager', { database: 'postgres' });
          const result = server.psql("INSERT INTO test_table (name) VALUES ('refused')", EFS_APP);
          expect(result.status).not.toBe(0);
          expect(result.stderr).toContain('permission denied for table history_table');
          expect(server.query("SELECT count(*) FROM test_table WHERE name = 'refused'", EFS_APP)).toBe('0');
        });
      });
    });
  });
}

function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
