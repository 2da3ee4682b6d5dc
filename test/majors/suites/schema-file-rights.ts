import { DatabaseDefinition, DatabaseUser } from '../../../lib';
import { startPostgres, TestServer } from '../../support/postgres-server';
import { JOB_NAME, schemaJobObjects } from '../../support/schema-chart';
import { runJobScript, TestSecrets } from '../../support/run-job';

/**
 * A schema file has its owner's rights and no more: the Job applies it over the owner's own
 * connection, and hands its text to the server as one query, so psql interprets nothing in it.
 * Before, files ran as `SET ROLE <owner>` in a superuser session: `RESET ROLE` in a file made it
 * the superuser, and `\! env` printed the superuser's password into the Job's log.
 */
const OWNER = 'rights_owner';
const OWNER_PASSWORD = 'owner-pw-7f3a';
const SUPERUSER_PASSWORD = 'test-superuser-password';
const WHO = 'CREATE TABLE who AS SELECT current_user AS current_login, session_user AS session_login;\n';
const users: DatabaseUser[] = [{ name: OWNER, kind: 'app', password: { name: 'logins', key: 'owner' } }];
const secrets: TestSecrets = { 'db-superuser': { password: SUPERUSER_PASSWORD }, logins: { owner: OWNER_PASSWORD } };
const database = (files: { name: string; sql: string }[]): DatabaseDefinition[] => [{ name: 'rights', owner: OWNER, schemaFiles: files }];

/** What a file tries beyond its owner's rights, and the server's answer. */
const ESCALATIONS: [string, string, RegExp][] = [
  ['becoming the superuser again', 'RESET ROLE; SET ROLE postgres', /permission denied to set role "postgres"/],
  ['the session of the superuser', 'SET SESSION AUTHORIZATION postgres', /permission denied to set session authorization/],
  ['making itself a superuser', `ALTER ROLE ${OWNER} SUPERUSER`, /(must be superuser to alter superuser roles or change superuser attribute|permission denied to alter role)/],
  ['a new login', 'CREATE ROLE intruder LOGIN', /permission denied to create role/],
  ['a program on the server', "COPY (SELECT 1) TO PROGRAM 'id'", /(must be superuser or (have privileges of|a member of) the pg_execute_server_program role|permission denied)/],
  ['a file on the server', "SELECT pg_read_file('PG_VERSION')", /permission denied for function pg_read_file/],
  ['the server configuration', "ALTER SYSTEM SET log_statement = 'none'", /(must be superuser to execute ALTER SYSTEM command|permission denied to set parameter)/],
  ['an untrusted language', 'CREATE EXTENSION IF NOT EXISTS plperlu', /(permission denied to create extension|could not open extension control file|is not available)/],
];

export function schemaFileRightsSuite(major: number): void {
  describe(`schema files have their owner's rights on PostgreSQL ${major}`, () => {
    let server: TestServer;
    let first: ReturnType<typeof runJobScript>;
    beforeAll(async () => {
      server = await startPostgres({ major });
      first = runJobScript(schemaJobObjects(database([{ name: 'who.sql', sql: WHO }]), users), JOB_NAME, server, secrets);
    });
    afterAll(() => server?.stop());

    test('a file runs as its owner, in a session of the owner: there is no superuser to return to', () => {
      expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
      expect(server.query('SELECT current_login || \' \' || session_login FROM who', { database: 'rights' })).toBe(`${OWNER} ${OWNER}`);
      expect(server.query("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'who'", { database: 'rights' })).toBe(OWNER);
    });

    test.each(ESCALATIONS)('%s is refused to a file', (_what, sql, refusal) => {
      // The connection the Job applies the file over: the owner's own.
      const run = server.psql(sql, { user: OWNER, password: OWNER_PASSWORD, database: 'rights' });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(refusal);
    });

    test('a psql meta-command or variable in a file is not run: the server refuses the text, nothing is recorded, and no password reaches the log', () => {
      const hostile = { name: 'hostile.sql', sql: "CREATE TABLE before_meta (id int);\n\\! env\n\\setenv X 1\nSELECT :'file';\n" };
      const run = runJobScript(schemaJobObjects(database([{ name: 'who.sql', sql: WHO }, hostile]), users), JOB_NAME, server, secrets);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('syntax error at or near "\\"');
      for (const secret of [OWNER_PASSWORD, SUPERUSER_PASSWORD, 'PGPASSWORD', 'SCRAM-SHA-256$']) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
      // one transaction: the file's first statement is gone with the rest, and the ledger has no row
      expect(server.query("SELECT to_regclass('before_meta') IS NULL", { database: 'rights' })).toBe('t');
      expect(server.query("SELECT string_agg(name, ',' ORDER BY name) FROM cdk8s_postgres.schema_files", { database: 'rights' })).toBe('who.sql');
    });

    test('the owner may record its own files in the ledger, and nothing else there', () => {
      const owner = { user: OWNER, password: OWNER_PASSWORD, database: 'rights' };
      expect(server.psql("DELETE FROM cdk8s_postgres.schema_files WHERE name = 'who.sql'", owner).stderr).toMatch(/permission denied for table schema_files/);
      expect(server.psql('DROP SCHEMA cdk8s_postgres CASCADE', owner).stderr).toMatch(/must be owner of schema cdk8s_postgres/);
    });
  });
}
