import { DatabaseDefinition, DatabaseUser } from '../../../lib';
import { catalogState } from '../../support/catalog';
import { startPostgres, TestServer } from '../../support/postgres-server';
import { JOB_NAME, schemaJobObjects } from '../../support/schema-chart';
import { runJobScript } from '../../support/run-job';

/**
 * Names with quotes, spaces, semicolons, '=' and upper case reach the server as names, never
 * as SQL: after the Job, the objects exist under exactly those names and nothing else changed.
 */
const DB = `Shop "Main"; DROP DATABASE postgres; --`;
const DB_WITH_EQUALS = 'dbname=postgres host=evil';
const OWNER = `Robert'); DROP ROLE postgres; --`;
const READER = 'Read Only "R"';
const SCHEMA = `Sales; DROP SCHEMA public CASCADE`;
const TABLE = `Orders "2024"`;
const QUALIFIED_TABLE = `${quote(SCHEMA)}.${quote(TABLE)}`;
const OWNER_PASSWORD = `pa'ss"; DROP ROLE postgres; --`;
const READER_PASSWORD = 'reader $(touch /tmp/pwned) `id`';
const databases: DatabaseDefinition[] = [
  {
    name: DB,
    owner: OWNER,
    schemas: ['public', SCHEMA],
    schemaFiles: [{ name: 'orders.sql', sql: `CREATE TABLE ${QUALIFIED_TABLE} (id serial PRIMARY KEY, item text);\n` }],
    history: { tables: [{ schema: SCHEMA, name: TABLE }], managerRole: `Manager's "Role"` },
  },
  { name: DB_WITH_EQUALS, owner: OWNER },
];
const users: DatabaseUser[] = [
  { name: OWNER, kind: 'app', password: { name: 'logins', key: 'owner' } },
  { name: READER, kind: 'readonly', databases: [DB], password: { name: 'logins', key: 'reader' } },
];
const owner = { user: OWNER, password: OWNER_PASSWORD, database: DB };
const reader = { user: READER, password: READER_PASSWORD, database: DB };

export function hostileNameSuite(major: number): void {
  describe(`hostile names on PostgreSQL ${major}`, () => {
    let server: TestServer;
    let result: ReturnType<typeof runJobScript>;
    const runJob = () => runJobScript(schemaJobObjects(databases, users), JOB_NAME, server, {
      'db-superuser': { password: server.superuserPassword },
      logins: { owner: OWNER_PASSWORD, reader: READER_PASSWORD },
    });
    beforeAll(async () => {
      server = await startPostgres({ major });
      result = runJob();
    });
    afterAll(() => server?.stop());

    test('the Job completes', () => {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });

    test('databases, roles, schema and table exist under their exact names', () => {
      expect(server.query(`SELECT count(*) FROM pg_database WHERE datname IN (${literal(DB)}, ${literal(DB_WITH_EQUALS)})`)).toBe('2');
      expect(server.query(`SELECT count(*) FROM pg_roles WHERE rolname IN (${literal(OWNER)}, ${literal(READER)}, ${literal(`Manager's "Role"`)})`)).toBe('3');
      expect(server.query(`SELECT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${literal(SCHEMA)} AND c.relname = ${literal(TABLE)}`, { database: DB })).toBe(`Manager's "Role"`);
    });

    test('nothing the names tried to do happened', () => {
      expect(server.query("SELECT count(*) FROM pg_database WHERE datname = 'postgres'")).toBe('1');
      expect(server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'postgres' AND rolsuper")).toBe('1');
      expect(server.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'", { database: DB })).toBe('1');
    });

    test('hostile passwords work as passwords', () => {
      expect(server.query('SELECT current_user', owner)).toBe(OWNER);
      expect(server.query('SELECT current_user', reader)).toBe(READER);
    });

    test('changes to the tracked table are recorded', () => {
      server.query(`INSERT INTO ${QUALIFIED_TABLE} (item) VALUES ('book')`, owner);
      expect(server.query("SELECT operation_type || ':' || table_name FROM public.history_table", owner)).toBe(`INSERT:${TABLE}`);
    });

    test('the read-only login reads, and creates nothing in either schema, nor temporary tables', () => {
      expect(server.query(`SELECT count(*) FROM ${QUALIFIED_TABLE}`, reader)).toBe('1');
      for (const schema of ['public', SCHEMA]) {
        expect(server.psql(`CREATE TABLE ${quote(schema)}.probe (id int)`, reader).stderr).toContain(`permission denied for schema ${schema}`);
      }
      expect(server.psql('CREATE TEMP TABLE probe (id int)', reader).stderr).toContain(`permission denied to create temporary tables in database "${DB}"`);
    });

    test('logins reach only the databases given to them', () => {
      expect(server.psql('SELECT 1', { ...reader, database: DB_WITH_EQUALS }).stderr).toContain(`permission denied for database "${DB_WITH_EQUALS}"`);
      for (const database of ['postgres', 'template1']) {
        expect(server.psql('SELECT 1', { ...owner, database }).stderr).toContain(`permission denied for database "${database}"`);
      }
    });

    test('running the Job again changes nothing in the catalog', () => {
      const before = catalogState(server, [DB, DB_WITH_EQUALS]);
      expect(runJob().stderr).toBe('');
      expect(catalogState(server, [DB, DB_WITH_EQUALS])).toEqual(before);
    });
  });
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
