import { DatabaseDefinition, DatabaseUser } from '../lib';
import { startPostgres, TestServer } from './support/postgres-server';
import { JOB_NAME, schemaJobObjects } from './support/schema-chart';
import { runJobScript } from './support/run-job';

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
const databases: DatabaseDefinition[] = [
  {
    name: DB,
    owner: OWNER,
    schemas: ['public', SCHEMA],
    schemaFiles: [{ name: 'orders.sql', sql: `CREATE TABLE "Sales; DROP SCHEMA public CASCADE"."Orders ""2024""" (id serial PRIMARY KEY, item text);\n` }],
    history: { tables: [{ schema: SCHEMA, name: TABLE }], managerRole: `Manager's "Role"` },
  },
  { name: DB_WITH_EQUALS, owner: OWNER },
];
const users: DatabaseUser[] = [
  { name: OWNER, kind: 'app', password: { name: 'logins', key: 'owner' } },
  { name: READER, kind: 'readonly', databases: [DB], password: { name: 'logins', key: 'reader' } },
];

let server: TestServer;
let result: ReturnType<typeof runJobScript>;
beforeAll(async () => {
  server = await startPostgres();
  result = runJobScript(schemaJobObjects(databases, users), JOB_NAME, server, {
    'db-superuser': { password: server.superuserPassword },
    logins: { owner: `pa'ss"; DROP ROLE postgres; --`, reader: 'reader $(touch /tmp/pwned) `id`' },
  });
});
afterAll(() => server?.stop());

test('the Job completes', () => {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

test('databases, roles, schema and table exist under their exact names', () => {
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  expect(server.query(`SELECT count(*) FROM pg_database WHERE datname IN (${lit(DB)}, ${lit(DB_WITH_EQUALS)})`)).toBe('2');
  expect(server.query(`SELECT count(*) FROM pg_roles WHERE rolname IN (${lit(OWNER)}, ${lit(READER)}, ${lit(`Manager's "Role"`)})`)).toBe('3');
  expect(server.query(`SELECT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${lit(SCHEMA)} AND c.relname = ${lit(TABLE)}`, { database: DB })).toBe(`Manager's "Role"`);
});

test('nothing the names tried to do happened', () => {
  expect(server.query("SELECT count(*) FROM pg_database WHERE datname = 'postgres'")).toBe('1');
  expect(server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'postgres' AND rolsuper")).toBe('1');
  expect(server.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'", { database: DB })).toBe('1');
});

test('hostile passwords work as passwords', () => {
  expect(server.query('SELECT current_user', { user: OWNER, password: `pa'ss"; DROP ROLE postgres; --`, database: DB })).toBe(OWNER);
  expect(server.query('SELECT current_user', { user: READER, password: 'reader $(touch /tmp/pwned) `id`', database: DB })).toBe(READER);
});

test('changes to the tracked table are recorded', () => {
  const owner = { user: OWNER, password: `pa'ss"; DROP ROLE postgres; --`, database: DB };
  server.query(`INSERT INTO "Sales; DROP SCHEMA public CASCADE"."Orders ""2024""" (item) VALUES ('book')`, owner);
  expect(server.query("SELECT operation_type || ':' || table_name FROM public.history_table", owner)).toBe(`INSERT:${TABLE}`);
});
