import { aksPhonebillDev } from '../../environments/aks-phonebill-dev';
import { EnvironmentChart, MajorUpgradeJob, PostgresStatefulSet } from '../../lib';
import { catalogState } from '../support/catalog';
import { makeCertificates, secretVolumeDir, serverGroupId } from '../support/certificates';
import { KubeObject, loadDist, synth, testApp, testChart } from '../support/manifests';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLIENT_BIN_DIR, CLIENT_MAJOR, clientPath, startPostgres, TestServer } from '../support/postgres-server';
import { runJobScript, TestSecrets } from '../support/run-job';
import { busyboxApplets } from '../support/busybox';

/**
 * The declared major upgrade of the StatefulSet backend, end to end on real servers: a 14 server
 * with seed 004's schema (the real schema Job of dist/aks-phonebill-dev.k8s.yaml) and rows, an
 * empty 17 server as its image leaves it, the MajorUpgradeJob's container run as a kubelet runs
 * it (its env, Secrets by reference; only the Services' addresses point at the test servers),
 * then the 17 server compared with the 14 one: rows, roles, memberships, logins, grants, ledger;
 * the schema Job afterwards changes nothing; a rerun changes nothing; a target holding data
 * without a recorded copy is refused.
 *
 * 17 → 18: the Job's image is the target's major, whose pg_dump reads every older server. This
 * machine's clients are PostgreSQL 15's (the server packages carry no pg_dump), and pg_dump 15
 * refuses a 17 server; so that test proves the Job's clear refusal with a client older than the
 * source, and that nothing reached the 18 server. The 17 → 18 copy itself is not run here.
 */
const NAMESPACE = 'phonebill-dev';
const OLD = 'postgresql-product-change';
const NEW = 'postgresql-product-change-pg17';
const SCHEMA_JOB = 'postgresql-product-change-schema-init';
const DATABASE = 'product_change_db';
const SUPERUSER = { name: 'postgres', password: { name: 'postgresql-product-change-superuser', key: 'password' } };

const PASSWORDS: Record<string, string> = {
  product_change_app: 'app-pw', product_change_admin: 'admin-pw', product_change_readonly: 'readonly-pw',
  postgres_exporter: 'exporter-pw', product_change_backup: 'backup-pw',
};
const secretsFor = (superuserPassword: string): TestSecrets => ({
  'postgresql-product-change-superuser': { password: superuserPassword },
  'postgresql-product-change-secret': { username: 'product_change_app', password: PASSWORDS.product_change_app },
  'postgresql-product-change-logins': {
    'admin-password': PASSWORDS.product_change_admin, 'readonly-password': PASSWORDS.product_change_readonly,
    'exporter-password': PASSWORDS.postgres_exporter, 'backup-password': PASSWORDS.product_change_backup,
  },
});

/**
 * The upgrade as an environment declares it: aks-phonebill-dev with majorVersion 17 and
 * `upgrade: { fromMajorVersion: 14 }` on its StatefulSet backend, rendered by EnvironmentChart.
 */
function declaredUpgrade(): { objects: KubeObject[]; job: string } {
  const [server] = aksPhonebillDev.servers;
  if (server.backend.kind !== 'statefulSet') throw new Error('aks-phonebill-dev runs a StatefulSet');
  const upgraded = { ...server, majorVersion: 17, backend: { ...server.backend, upgrade: { fromMajorVersion: 14 } } };
  const chart = new EnvironmentChart(testApp(), aksPhonebillDev.name, { ...aksPhonebillDev, servers: [upgraded] });
  const job = chart.upgrades[server.id].job;
  if (!job) throw new Error('a declared upgrade renders its Job');
  return { objects: synth(chart), job: job.name };
}

/** The upgrade Job of two servers as PostgresStatefulSet describes them (17 to 18, which no environment declares). */
function upgradeObjects(from: number, to: number, name: string, targetName: string): { objects: KubeObject[]; job: string } {
  const chart = testChart();
  const server = (id: string, serverName: string, major: number) => new PostgresStatefulSet(chart, id, {
    namespace: NAMESPACE, name: serverName, majorVersion: major, database: DATABASE, superuser: SUPERUSER, disposable: true,
  });
  const upgrade = new MajorUpgradeJob(chart, 'Upgrade', { source: server('Old', name, from), target: server('New', targetName, to) });
  return { objects: synth(chart), job: upgrade.name };
}

/** The 17 server keeps everything a verifier could leak into: every statement logged, pg_stat_statements tracking utility statements. */
const KEEP_EVERYTHING = [
  'shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all', 'pg_stat_statements.track_utility=on',
  'log_statement=all', 'log_min_duration_statement=0', 'log_min_error_statement=debug5',
];

/**
 * TLS as the servers run it: each with a certificate for its Service's name, signed by a CA of
 * its own, so a Job that mixed up the two CA mounts would fail verify-full.
 */
// The declared upgrade's Job reaches each server through its headless Service, whose name is in the server's certificate beside the client Service's.
const SOURCE_TLS = makeCertificates([OLD, `${OLD}-headless`], 'source CA');
const TARGET_TLS = makeCertificates([NEW, `${NEW}-headless`], 'target CA');
const tlsDirs: string[] = [];
function tlsArgs(certificates: typeof SOURCE_TLS, settings: string[] = []): () => string[] {
  const dir = secretVolumeDir({ 'tls.crt': certificates.certificate, 'tls.key': certificates.key }, 0o640, serverGroupId());
  tlsDirs.push(dir);
  return () => ['ssl=on', `ssl_cert_file=${dir}/tls.crt`, `ssl_key_file=${dir}/tls.key`, 'log_connections=on', ...settings].flatMap((setting) => ['-c', setting]);
}

/** The Job's Secrets: the superuser's password, and the CAs it verifies each server with (by the CA Secret names PostgresStatefulSet gives). */
function jobSecrets(password: string, cas: { source?: [string, string]; target?: [string, string] }): TestSecrets {
  const secrets: TestSecrets = { 'postgresql-product-change-superuser': { password } };
  for (const pair of [cas.source, cas.target]) if (pair) secrets[pair[0]] = { 'ca.crt': pair[1] };
  return secrets;
}

/**
 * Only what DNS would do: the source's Service name resolves to 127.0.0.1 (SOURCE_PGHOSTADDR, as
 * the harness sets PGHOSTADDR for the target), its port is the test server's. The certificate is
 * still checked against the Service's name.
 */
const sourceAddress = (source: TestServer) => ({ SOURCE_PGHOSTADDR: '127.0.0.1', SOURCE_PGPORT: String(source.port) });

const COUNTS = `SELECT coalesce(string_agg(format('%s.%s %s', schemaname, relname,
  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, relname), false, true, '')))[1]::text), E'\\n' ORDER BY schemaname, relname), '')
  FROM pg_stat_user_tables WHERE (schemaname, relname) <> ('cdk8s_postgres', 'major_upgrades')`;
const ROLES = `SELECT string_agg(format('%s login=%s super=%s createdb=%s createrole=%s inherit=%s replication=%s bypassrls=%s connlimit=%s password=%s',
  rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolreplication, rolbypassrls, rolconnlimit, rolpassword IS NOT NULL), E'\\n' ORDER BY rolname)
  FROM pg_authid WHERE rolname NOT LIKE 'pg\\_%'`;
const MEMBERS = `SELECT string_agg(pg_get_userbyid(roleid) || ' > ' || pg_get_userbyid(member) || CASE WHEN admin_option THEN ' (admin)' ELSE '' END, E'\\n' ORDER BY 1)
  FROM pg_auth_members WHERE pg_get_userbyid(member) NOT LIKE 'pg\\_%'`;
const TABLE_GRANTS = `SELECT string_agg(line, E'\\n' ORDER BY line) FROM (SELECT format('%s %s.%s %s', grantee, table_schema, table_name, string_agg(privilege_type, ',' ORDER BY privilege_type)) AS line
  FROM information_schema.role_table_grants WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND (table_schema, table_name) <> ('cdk8s_postgres', 'major_upgrades')
  GROUP BY grantee, table_schema, table_name) g`;
const PRIVILEGE_MATRIX = `SELECT string_agg(format('%s %s %s', r.rolname, c.oid::regclass, concat_ws(',',
    CASE WHEN has_table_privilege(r.oid, c.oid, 'SELECT') THEN 'SELECT' END, CASE WHEN has_table_privilege(r.oid, c.oid, 'INSERT') THEN 'INSERT' END,
    CASE WHEN has_table_privilege(r.oid, c.oid, 'UPDATE') THEN 'UPDATE' END, CASE WHEN has_table_privilege(r.oid, c.oid, 'DELETE') THEN 'DELETE' END)), E'\\n' ORDER BY r.rolname, c.oid::regclass::text)
  FROM pg_roles r CROSS JOIN pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE r.rolcanlogin AND NOT r.rolsuper AND c.relkind IN ('r', 'v', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    AND c.oid::regclass::text <> 'cdk8s_postgres.major_upgrades'`;
const OTHER_ACLS = `SELECT json_build_object(
  'database', (SELECT datacl::text FROM pg_database WHERE datname = current_database()),
  'owner', (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()),
  'schemas', (SELECT json_agg(nspname || ' ' || pg_get_userbyid(nspowner) || ' ' || coalesce(nspacl::text, '') ORDER BY nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'),
  'defaults', (SELECT json_agg(pg_get_userbyid(defaclrole) || ' ' || defaclnamespace::regnamespace || ' ' || defaclobjtype::text || ' ' || defaclacl::text
    ORDER BY pg_get_userbyid(defaclrole), defaclnamespace::regnamespace::text, defaclobjtype::text COLLATE "C") FROM pg_default_acl),
  'extensions', (SELECT json_agg(extname ORDER BY extname) FROM pg_extension))`;
const LEDGER = "SELECT string_agg(name || ' ' || sha256 || ' ' || applied_at, E'\\n' ORDER BY name) FROM cdk8s_postgres.schema_files";

const noPgRoles = (state: any) => ({
  roles: state.cluster.roles.filter((r: any) => !r.name.startsWith('pg_')),
  members: state.cluster.members.filter((m: string) => !m.split(' > ')[1].startsWith('pg_')),
});

describe('major upgrade of aks-phonebill-dev: PostgreSQL 14 to 17 by dump and restore', () => {
  let source: TestServer;
  let target: TestServer;
  /** An empty 17 server for a copy that goes wrong, and an empty 18 one for 17 → 18. */
  let fresh: TestServer;
  let next: TestServer;
  const dist = loadDist()['aks-phonebill-dev'];
  const upgrade = declaredUpgrade();
  let run: ReturnType<typeof runJobScript>;
  const before: Record<string, string> = {};

  beforeAll(async () => {
    [source, target, fresh, next] = await Promise.all([
      startPostgres({ major: 14, serverArgs: tlsArgs(SOURCE_TLS) }), startPostgres({ major: 17, serverArgs: tlsArgs(TARGET_TLS, KEEP_EVERYTHING) }),
      startPostgres({ major: 17 }), startPostgres({ major: 18 }),
    ]);
    // What the image does on first start (POSTGRES_DB), on every server.
    for (const server of [source, target, fresh, next]) server.query(`CREATE DATABASE ${DATABASE}`);
    const seeded = runJobScript(dist, SCHEMA_JOB, source, secretsFor(source.superuserPassword));
    if (seeded.status !== 0) throw new Error(seeded.stderr);
    const admin = { user: 'product_change_admin', password: PASSWORDS.product_change_admin, database: DATABASE };
    source.query(`INSERT INTO product_change.product_change_history (request_id, user_id, line_number, customer_id, current_product_code, target_product_code, requested_at)
      SELECT 'r' || i, 'u' || (i % 7), '010-' || i, 'c' || i, 'A', 'B', now() - i * interval '1 minute' FROM generate_series(1, 25) i`, admin);
    source.query(`INSERT INTO product_change.kos_integration_log (request_id, integration_type, method, endpoint, response_time_ms, is_success)
      SELECT 'r' || (i % 25 + 1), 'PRODUCT_CHANGE', 'POST', '/kos/product', 50 + i, i % 5 <> 0 FROM generate_series(1, 40) i`, admin);
    before.counts = source.query(COUNTS, { database: DATABASE });
    // with the text tools of an Alpine image (BusyBox) first on PATH; the run again below has the machine's
    const alpine = busyboxApplets(tmpdir(), ['sed', 'awk', 'grep', 'paste', 'diff', 'sort', 'cat']);
    run = runJobScript(upgrade.objects, upgrade.job, target, jobSecrets(target.superuserPassword, { source: [`${OLD}-tls`, SOURCE_TLS.ca], target: [`${NEW}-tls`, TARGET_TLS.ca] }),
      { env: { ...sourceAddress(source), PATH: `${alpine}:${clientPath()}` } });
  });
  afterAll(() => {
    for (const server of [source, target, fresh, next]) server?.stop();
    for (const dir of tlsDirs) rmSync(dir, { recursive: true, force: true });
  });

  test('the Job copies, verifies and says what it copied', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`Copying PostgreSQL 14 at ${OLD}-headless:${source.port} into PostgreSQL 17 at ${NEW}-headless:${target.port} with pg_dump ${CLIENT_MAJOR}\n`);
    expect(run.stdout).toContain(`Roles (postgres, the bootstrap superuser, is the target's own):
  postgres_exporter login password
  product_change_admin login password
  product_change_app login password
  product_change_backup login bypassrls password
  product_change_readonly login password
Memberships:
  pg_monitor > postgres_exporter
  pg_read_all_data > product_change_backup
Password verifiers: the same on both servers
Database postgres:
  no tables
Database product_change_db:
  cdk8s_postgres.schema_files 1 rows
  product_change.circuit_breaker_state 1 rows
  product_change.kos_integration_log 40 rows
  product_change.product_change_history 25 rows
  3 sequence(s), at the same values on both servers
`);
    expect(target.query("SELECT nextval('product_change.kos_integration_log_id_seq')", { database: DATABASE })).toBe('41');
    expect(run.stdout).toMatch(/Upgrade copy verified and recorded: 2 database\(s\), 4 table\(s\), 67 row\(s\) from PostgreSQL 14 to 17\n$/);
    expect(target.query('SHOW server_version_num')).toMatch(/^17/);
  });

  test('the same rows in every table of every database', () => {
    const after = target.query(COUNTS, { database: DATABASE });
    expect(before.counts.split('\n')).toEqual([
      'cdk8s_postgres.schema_files 1', 'product_change.circuit_breaker_state 1',
      'product_change.kos_integration_log 40', 'product_change.product_change_history 25',
    ]);
    expect(after).toBe(before.counts);
    expect(target.query('SELECT md5(string_agg(t::text, \',\' ORDER BY id)) FROM product_change.product_change_history t', { database: DATABASE }))
      .toBe(source.query('SELECT md5(string_agg(t::text, \',\' ORDER BY id)) FROM product_change.product_change_history t', { database: DATABASE }));
    expect(target.query(COUNTS)).toBe(source.query(COUNTS));
    // The Job's record of the verified copy, on the new server only.
    expect(target.query('SELECT source_version / 10000 || \' → \' || target_version / 10000 || \', \' || tables || \' tables, \' || table_rows || \' rows\' FROM cdk8s_postgres.major_upgrades', { database: DATABASE })).toBe('14 → 17, 4 tables, 67 rows');
    expect(source.query("SELECT to_regclass('cdk8s_postgres.major_upgrades') IS NULL", { database: DATABASE })).toBe('t');
  });

  test('the same roles with the same attributes and memberships', () => {
    const [oldRoles, newRoles] = [source, target].map((s) => s.query(ROLES));
    const [oldMembers, newMembers] = [source, target].map((s) => s.query(MEMBERS));
    expect(oldRoles.split('\n').map((l) => l.split(' ')[0])).toEqual(['postgres', ...Object.keys(PASSWORDS).sort()]);
    expect(newRoles).toBe(oldRoles);
    expect(oldMembers).toContain('pg_monitor > postgres_exporter');
    expect(oldMembers).toContain('pg_read_all_data > product_change_backup');
    expect(newMembers).toBe(oldMembers);
    expect(noPgRoles(catalogState(target, []))).toEqual(noPgRoles(catalogState(source, [])));
  });

  test.each(Object.keys(PASSWORDS))('%s logs in to PostgreSQL 17 with its password, and not with another', (login) => {
    const database = login === 'postgres_exporter' ? 'postgres' : DATABASE;
    expect(target.query('SELECT current_user', { user: login, password: PASSWORDS[login], database })).toBe(login);
    expect(target.psql('SELECT 1', { user: login, password: 'wrong', database }).stderr).toContain('password authentication failed');
  });

  test('the same grants: table privileges, privilege matrix of every login, database, schema and default ACLs', () => {
    for (const database of [DATABASE, 'postgres']) {
      const [oldGrants, newGrants] = [source, target].map((s) => s.query(TABLE_GRANTS, { database }));
      const [oldMatrix, newMatrix] = [source, target].map((s) => s.query(PRIVILEGE_MATRIX, { database }));
      const [oldAcls, newAcls] = [source, target].map((s) => JSON.parse(s.query(OTHER_ACLS, { database })));
      expect(newGrants).toBe(oldGrants);
      expect(newMatrix).toBe(oldMatrix);
      expect(newAcls).toEqual(oldAcls);
    }
    expect(source.query(PRIVILEGE_MATRIX, { database: DATABASE })).toContain('product_change_app product_change.product_change_history SELECT,INSERT,UPDATE');
  });

  test('the schema-file ledger is the same, row for row', () => {
    const ledger = source.query(LEDGER, { database: DATABASE });
    expect(ledger).toMatch(/^product-change\.sql [0-9a-f]{64} /);
    expect(target.query(LEDGER, { database: DATABASE })).toBe(ledger);
  });

  test('both servers saw the Job over TLS only, each verified with its own CA', () => {
    for (const server of [source, target]) {
      const jobConnections = readFileSync(join(server.workDir, 'server.log'), 'utf8').split('\n')
        .filter((line) => /connection authorized: .*application_name=cdk8s-postgres-major-upgrade/.test(line));
      expect(jobConnections.length).toBeGreaterThan(5);
      expect(jobConnections.filter((line) => !/ SSL enabled \(protocol=TLSv1\.[23]/.test(line))).toEqual([]);
    }
    const env = upgrade.objects.find((o) => o.kind === 'Job')!.spec.template.spec.containers[0].env;
    expect(env.filter((e: any) => /SSLMODE$/.test(e.name)).map((e: any) => `${e.name}=${e.value}`).sort()).toEqual(['PGSSLMODE=verify-full', 'SOURCE_PGSSLMODE=verify-full']);
  });

  test('no verifier reached the 17 server\'s log or pg_stat_statements, though both keep every statement', () => {
    const log = readFileSync(join(target.workDir, 'server.log'), 'utf8');
    expect(log).not.toContain('SCRAM-SHA-256$');
    expect(log).toContain('statement: SET LOCAL log_statement');
    expect(log).toMatch(/COPY product_change\.product_change_history/);
    expect(target.query("SELECT count(*) FROM pg_stat_statements WHERE query LIKE 'CREATE DATABASE%'")).not.toBe('0');
    expect(target.query("SELECT count(*) FROM pg_stat_statements WHERE query LIKE '%SCRAM-SHA-256$%' OR query LIKE '%PASSWORD%'")).toBe('0');
  });

  test('the Job printed no password and no verifier', () => {
    const output = run.stdout + run.stderr;
    for (const password of [...Object.values(PASSWORDS), target.superuserPassword]) expect(output).not.toContain(password);
    expect(output).not.toContain('SCRAM-SHA-256$');
    const container = upgrade.objects.find((o) => o.kind === 'Job')!.spec.template.spec.containers[0];
    expect(container.env.filter((e: any) => /PASSWORD/.test(e.name)).map((e: any) => Object.keys(e.valueFrom ?? {}))).toEqual([['secretKeyRef'], ['secretKeyRef']]);
  });

  describe('afterwards', () => {
    const databases = [DATABASE, 'postgres'];
    test('the schema Job against PostgreSQL 17 is a no-op: catalog and rows unchanged, the schema file skipped', () => {
      const catalog = catalogState(target, databases);
      const counts = target.query(COUNTS, { database: DATABASE });
      const again = runJobScript(dist, SCHEMA_JOB, target, secretsFor(target.superuserPassword));
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('Skipping schema file product-change.sql: applied to product_change_db before');
      expect(again.stdout).not.toContain('Applying schema file');
      expect(catalogState(target, databases)).toEqual(catalog);
      expect(target.query(COUNTS, { database: DATABASE })).toBe(counts);
    });

    test('a rerun of the Job finds the recorded copy and changes nothing', () => {
      const catalog = catalogState(target, databases);
      const verifiers = target.query('SELECT md5(string_agg(rolname || rolpassword, \',\' ORDER BY rolname)) FROM pg_authid');
      const rerun = runJobScript(upgrade.objects, upgrade.job, target, jobSecrets(target.superuserPassword, { source: [`${OLD}-tls`, SOURCE_TLS.ca], target: [`${NEW}-tls`, TARGET_TLS.ca] }), { env: sourceAddress(source) });
      expect(rerun.stderr).toBe('');
      expect(rerun.status).toBe(0);
      expect(rerun.stdout).toMatch(/Nothing to do: the target at .* \(PostgreSQL 17\) holds a verified copy of the source at .*, copied on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. Nothing was changed\.\n$/);
      expect(catalogState(target, databases)).toEqual(catalog);
      expect(target.query('SELECT md5(string_agg(rolname || rolpassword, \',\' ORDER BY rolname)) FROM pg_authid')).toBe(verifiers);
    });

    test('a target holding data without a recorded copy is refused, plainly, and left alone', () => {
      const recorded = target.query('SELECT count(*) FROM cdk8s_postgres.major_upgrades', { database: DATABASE });
      expect(recorded).toBe('1');
      target.query('ALTER TABLE cdk8s_postgres.major_upgrades RENAME TO major_upgrades_hidden', { database: DATABASE });
      try {
        const catalog = catalogState(target, databases);
        const refusedRun = runJobScript(upgrade.objects, upgrade.job, target, jobSecrets(target.superuserPassword, { source: [`${OLD}-tls`, SOURCE_TLS.ca], target: [`${NEW}-tls`, TARGET_TLS.ca] }), { env: sourceAddress(source) });
        expect(refusedRun.status).toBe(1);
        expect(refusedRun.stderr).toContain(`Refusing to copy into the target at ${NEW}-headless:${target.port}: it already holds data, and a copy goes into an empty server only, so that data never mixes. Found:\n`);
        expect(refusedRun.stderr).toContain('  roles postgres_exporter, product_change_admin, product_change_app, product_change_backup, product_change_readonly\n');
        expect(refusedRun.stderr).toMatch(/\n {2}database product_change_db: function .*; relation .*; schema cdk8s_postgres, product_change\n/);
        expect(refusedRun.stderr).toContain('If an earlier run stopped midway, delete the target\'s StatefulSet and its claim, let it start empty, and run the Job again. Nothing was changed.');
        expect(catalogState(target, databases)).toEqual(catalog);
      } finally {
        target.query('ALTER TABLE cdk8s_postgres.major_upgrades_hidden RENAME TO major_upgrades', { database: DATABASE });
      }
    });

    test('a copy that lost a row fails the verification: exit 1, the difference named, no copy recorded', () => {
      // pg_restore as on the machine, followed by the loss of one row of the copied log table.
      const bin = mkdtempSync(join(tmpdir(), 'lossy-'));
      try {
        writeFileSync(join(bin, 'pg_restore'), `#!/bin/bash
"${CLIENT_BIN_DIR}/pg_restore" "$@" || exit
psql -X -q -d ${DATABASE} -c 'DELETE FROM product_change.kos_integration_log WHERE id = (SELECT min(id) FROM product_change.kos_integration_log)' 2> /dev/null || true
`);
        chmodSync(join(bin, 'pg_restore'), 0o755);
        // The empty 17 server runs without TLS: the harness then runs the target's side unverified.
        const lossy = runJobScript(upgrade.objects, upgrade.job, fresh, jobSecrets(fresh.superuserPassword, { source: [`${OLD}-tls`, SOURCE_TLS.ca] }),
          { env: { ...sourceAddress(source), PATH: `${bin}:${clientPath()}` } });
        expect(lossy.status).toBe(1);
        expect(lossy.stderr).toBe(`Difference in the tables and row counts of database product_change_db (< source, > target):
< product_change.kos_integration_log 40
> product_change.kos_integration_log 39
Verification failed: 1 difference(s) between the source at ${OLD}-headless:${source.port} and the target at 127.0.0.1:${fresh.port}. No copy was recorded; clients still belong on the source. Delete the target's StatefulSet and claim before running the Job again.
`);
        expect(fresh.query("SELECT to_regclass('cdk8s_postgres.major_upgrades') IS NULL", { database: DATABASE })).toBe('t');
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    });

    test(`17 → 18 with this machine's pg_dump ${CLIENT_MAJOR}: the Job stops with "client older than source", and the 18 server stays empty`, () => {
      expect(CLIENT_MAJOR).toBeLessThan(17);
      const objects = upgradeObjects(17, 18, NEW, 'postgresql-product-change-pg18');
      const roles = next.query(ROLES);
      const stopped = runJobScript(objects.objects, objects.job, next, jobSecrets(next.superuserPassword, { source: [`${NEW}-tls`, TARGET_TLS.ca] }), { env: sourceAddress(target) });
      expect(stopped.status).toBe(1);
      expect(stopped.stderr).toBe(`pg_dump ${CLIENT_MAJOR} is older than the source server (PostgreSQL 17 at ${NEW}:${target.port}): pg_dump refuses to dump a newer server. Run the Job with the image of the target's major (18), whose pg_dump reads every older server. Nothing was changed.\n`);
      expect(next.query(ROLES)).toBe(roles);
      expect(next.query("SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database")).toBe('postgres,product_change_db,template0,template1');
      expect(next.query("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace", { database: DATABASE })).toBe('0');
    });
  });
});
