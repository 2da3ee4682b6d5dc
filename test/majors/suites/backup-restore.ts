import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EFS_DATABASES, EFS_USERS, TITANIUM_DATABASES, TITANIUM_USERS } from '../../../environments/databases';
import { minikubeDev } from '../../../environments/minikube-dev';
import { BackupCronJob, BackupCronJobProps, BackupStorage, DatabaseUser, PostgresStatefulSet, RestoreJob, RestoreJobProps } from '../../../lib';
import { backupName } from '../../../lib/jobs/backup/scripts';
import { busyboxApplets } from '../../support/busybox';
import { KubeObject, loadDist, only, synth, testChart } from '../../support/manifests';
import { CLIENT_BIN_DIR, CLIENT_MAJOR, clientPath, startPostgres, TestServer } from '../../support/postgres-server';
import { jobScriptNow, runJobScript, testClock, TestSecrets } from '../../support/run-job';
import { JOB_NAME, schemaJobObjects } from '../../support/schema-chart';

/**
 * The backup CronJobs of dist/minikube-dev.k8s.yaml, run as written against a server holding
 * seed data (with rows from the history trigger), then restored with RestoreJob's script into
 * fresh databases and compared row by row. The clients are the machine's (pg_dump 15 on these
 * machines), and pg_dump refuses a server of a newer major: backups are tested on the majors up
 * to the client's, and on the next one for that refusal. In a cluster the CronJob runs the
 * server's own image, whose pg_dump matches the server.
 */
const dist = loadDist()['minikube-dev'];
const PER_DATABASE = 'dbaas-metadata-postgresql-local-backup';
/** The logins minikube-dev's backups run as (kind `backup`), made by the schema Job like in the environment. */
const BACKUP_LOGINS: DatabaseUser[] = minikubeDev.servers.flatMap((s) => (s.backup?.login ? [{ name: s.backup.login.name, kind: 'backup' as const, password: s.backup.login.password }] : []));
const CLAIM = only(dist, 'CronJob', PER_DATABASE).spec.jobTemplate.spec.template.spec.volumes.find((v: any) => v.persistentVolumeClaim).persistentVolumeClaim.claimName;

const EFS_APP = { user: 'app_user', password: 'appuser-pw', database: 'postgres' };
const TABLES: Record<string, string[]> = { postgres: ['test_table', 'history_table'], titanium: ['users', 'posts'] };

export function backupSuite(major: number): void {
  if (major > CLIENT_MAJOR) throw new Error(`pg_dump ${CLIENT_MAJOR} cannot dump PostgreSQL ${major}: test backups on this major with newer clients`);
  describe(`backup and restore on PostgreSQL ${major} (pg_dump ${CLIENT_MAJOR})`, () => {
    let server: TestServer;
    let backupDir: string;
    let secrets: TestSecrets;
    function restoreObjects(props: Partial<RestoreJobProps>): KubeObject[] {
      const chart = testChart();
      const db = new PostgresStatefulSet(chart, 'db', { namespace: 'test', superuser: { name: 'postgres', password: { name: 'dbaas-metadata-postgresql-local', key: 'postgres-password' } } });
      new RestoreJob(chart, 'restore', { server: db, claimName: CLAIM, sourceDatabase: 'postgres', ...props });
      return synth(chart);
    }
    const restore = (props: Partial<RestoreJobProps>, env: Record<string, string> = {}) => runJobScript(restoreObjects(props), 'db-restore', server, secrets, { claims: { [CLAIM]: backupDir }, env });
    const backup = (env: Record<string, string> = {}, target: { port: number } = server) =>
      runJobScript(dist, PER_DATABASE, target, secrets, { claims: { [CLAIM]: backupDir }, env });
    /** The tools the backup and restore scripts call, as BusyBox has them in the Alpine images, first on PATH. */
    let alpineTools: Record<string, string>;
    const rows = (database: string, table: string) => server.query(`SELECT coalesce(json_agg(t ORDER BY t)::text, '[]') FROM ${table} t`, { database });
    const backupFiles = (name: string) => readdirSync(join(backupDir, name)).sort();

    beforeAll(async () => {
      server = await startPostgres({ major });
      backupDir = mkdtempSync(join(tmpdir(), 'backups-'));
      alpineTools = { PATH: `${busyboxApplets(tmpdir(), ['find', 'sort', 'sed', 'grep', 'date', 'stat', 'tail', 'mv', 'rm', 'mkdir', 'cat'])}:${clientPath()}` };
      secrets = {
        'db-superuser': { password: server.superuserPassword },
        'dbaas-metadata-postgresql-local': { 'postgres-password': server.superuserPassword, 'backup-password': 'metadata-backup-pw' },
        'postgres-secret': { 'postgres-password': server.superuserPassword, 'backup-password': 'microservices-backup-pw' },
        'postgres-logins': { 'manager-user-password': 'manager-pw', 'app-user-password': 'appuser-pw' },
        'postgres-credentials': { POSTGRES_PASSWORD: 'titanium-pw' },
      };
      server.query('CREATE DATABASE dbaas_metadata'); // the metadata server's own database, created by its image
      const init = runJobScript(schemaJobObjects([...EFS_DATABASES, ...TITANIUM_DATABASES], [...EFS_USERS, ...TITANIUM_USERS, ...BACKUP_LOGINS]), JOB_NAME, server, secrets);
      if (init.status !== 0) throw new Error(init.stderr);
      server.query("INSERT INTO test_table (name) VALUES ('Alpha'), ('Beta')", EFS_APP);
      server.query("UPDATE test_table SET name = 'Gamma' WHERE name = 'Beta'", EFS_APP);
      server.query("DELETE FROM test_table WHERE name = 'Alpha'", EFS_APP);
      server.query("INSERT INTO users (username, email, password_hash) VALUES ('kim', 'kim@example.com', 'h'), ('lee', 'lee@example.com', 'h')", { user: 'titanium', password: 'titanium-pw', database: 'titanium' });
      server.query("INSERT INTO posts (title, content, author) VALUES ('hello', 'it''s a post', 'kim')", { user: 'titanium', password: 'titanium-pw', database: 'titanium' });
    });
    afterAll(() => {
      server?.stop();
      rmSync(backupDir, { recursive: true, force: true });
    });

    // The first backup and the restores of it run with BusyBox's tools, as in an Alpine image; the
    // other backups with the machine's GNU tools.
    describe('BackupCronJob script (per database, from dist/), with the tools of an Alpine image', () => {
      let run: ReturnType<typeof backup>;
      beforeAll(() => { run = backup(alpineTools); });

      test('dumps every database to a verified custom-format file with a UTC time stamp', () => {
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        for (const db of ['postgres', 'titanium']) {
          const files = backupFiles(db);
          expect(files).toHaveLength(1);
          expect(files[0]).toMatch(new RegExp(`^${db}_\\d{8}T\\d{6}Z\\.dump$`));
          expect(execFileSync(join(CLIENT_BIN_DIR, 'pg_restore'), ['--list', join(backupDir, db, files[0])], { encoding: 'utf8' })).toContain('TABLE DATA');
        }
        expect(readdirSync(backupDir).some((f) => f.includes('partial'))).toBe(false);
      });

      test('history rows are in the backup', () => {
        expect(rows('postgres', 'history_table')).toContain('"operation_type":"UPDATE"');
      });

      test.each(Object.entries(TABLES))('restoring %s into a fresh database gives back every row', (db, tables) => {
        const result = restore({ sourceDatabase: db, targetDatabase: `${db}_restored` }, alpineTools);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        for (const table of tables) expect(rows(`${db}_restored`, table)).toBe(rows(db, table));
        expect(rows(`${db}_restored`, tables[0])).not.toBe('[]');
      });

      test('restore refuses a non-empty database and changes nothing', () => {
        server.query("INSERT INTO users (username, email, password_hash) VALUES ('extra', 'x@example.com', 'h')", { database: 'titanium_restored' });
        const before = rows('titanium_restored', 'users');
        const result = restore({ sourceDatabase: 'titanium', targetDatabase: 'titanium_restored' });
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/Refusing to restore into database 'titanium_restored': it is not empty \(\d+ relations\)\. Set overwrite to replace its contents\./);
        expect(rows('titanium_restored', 'users')).toBe(before);
      });

      test('with overwrite, restore replaces the contents', () => {
        const result = restore({ sourceDatabase: 'titanium', targetDatabase: 'titanium_restored', overwrite: true });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(rows('titanium_restored', 'users')).toBe(rows('titanium', 'users'));
      });

      test('a named backup restores too; a missing one fails clearly', () => {
        const [file] = backupFiles('titanium');
        expect(restore({ sourceDatabase: 'titanium', targetDatabase: 'titanium_named', backup: file }, alpineTools).status).toBe(0);
        expect(rows('titanium_named', 'posts')).toBe(rows('titanium', 'posts'));
        const missing = restore({ sourceDatabase: 'titanium', targetDatabase: 'titanium_named2', backup: 'titanium_20000101T000000Z.dump' });
        expect(missing.status).toBe(1);
        expect(missing.stderr).toContain('titanium/titanium_20000101T000000Z.dump does not exist');
      });
    });

    describe('retention', () => {
      // Dated backups of a database that the server does not have to dump: only the pruning is exercised.
      const dated = (days: number[]) => {
        const dir = join(backupDir, 'titanium');
        for (const f of readdirSync(dir)) rmSync(join(dir, f));
        const now = jobScriptNow();
        for (const age of days) {
          const when = new Date(now - age * 86400000);
          const file = join(dir, `titanium_${when.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z.dump`);
          writeFileSync(file, 'old');
          execFileSync('touch', ['-d', when.toISOString(), file]);
        }
      };

      test('by age: exactly the expired backups go, the fresh dump stays', () => {
        dated([30, 10, 8, 6, 1]);
        const run = backup({ BACKUP_DATABASES: 'titanium', RETENTION_DAYS: '7', RETENTION_COUNT: '' });
        expect(run.status).toBe(0);
        const ages = backupFiles('titanium');
        expect(ages).toHaveLength(3);
        expect(run.stdout.match(/Deleted titanium_\S+ \(older than 7 days\)/g)).toHaveLength(3);
      });

      test('the newest backup survives even when every backup is expired', () => {
        dated([40, 30, 20]);
        const newest = backupFiles('titanium').pop();
        // The server is unreachable: no new dump, so nothing is pruned either.
        expect(backup({ BACKUP_DATABASES: 'titanium', RETENTION_DAYS: '7' }, { port: 1 }).status).toBe(1);
        expect(backupFiles('titanium')).toHaveLength(3);
        // A successful run prunes everything expired but its own fresh dump...
        const run = backup({ BACKUP_DATABASES: 'titanium', RETENTION_DAYS: '7' });
        expect(run.status).toBe(0);
        expect(backupFiles('titanium')).toHaveLength(1);
        expect(backupFiles('titanium')[0]).not.toBe(newest);
      });

      // The script's own functions, run by bash with the machine's tools, or with BusyBox's first on PATH as in an Alpine image.
      const functionOf = (script: string, name: string) => script.slice(script.indexOf(`${name}() {`), script.indexOf('\n}\n', script.indexOf(`${name}() {`)) + 3);
      const TOOLS: Array<[string, () => string]> = [
        ['GNU find and sort', () => clientPath()],
        ['BusyBox find and sort (Alpine images)', () => alpineTools.PATH],
      ];

      test.each(TOOLS)('the newest expired backup is never deleted by pruning alone (%s)', (_tools, path) => {
        dated([40, 30, 20]);
        const files = backupFiles('titanium');
        const script = only(dist, 'CronJob', PER_DATABASE).spec.jobTemplate.spec.template.spec.containers[0].command[2] as string;
        const run = spawnSync('bash', ['-c', `set -euo pipefail\n${functionOf(script, 'list_backups')}\n${functionOf(script, 'prune')}\nprune "$1" titanium dump`, 'prune', join(backupDir, 'titanium')],
          { env: { PATH: path(), RETENTION_DAYS: '7', RETENTION_COUNT: '', ...testClock() }, encoding: 'utf8' });
        expect([run.status, run.stderr.match(/^(find|sort|rm|date|tail):.*$/m)?.[0]]).toEqual([0, undefined]);
        expect(run.stdout.match(/^Deleted titanium_\S+ \(older than 7 days\)$/gm)).toHaveLength(2);
        expect(backupFiles('titanium')).toEqual([files[2]]);
      });

      test.each(TOOLS)('the restore finds the newest backup of a database (%s)', (_tools, path) => {
        dated([3, 2, 1]);
        const newest = backupFiles('titanium')[2];
        const restoreScript = only(restoreObjects({ sourceDatabase: 'titanium' }), 'Job').spec.template.spec.containers[0].command[2] as string;
        const run = spawnSync('bash', ['-c', `set -euo pipefail\n${functionOf(restoreScript, 'list_backups')}\nlist_backups "$1" titanium dump | tail -n 1`, 'latest', join(backupDir, 'titanium')], { env: { PATH: path() }, encoding: 'utf8' });
        expect([run.status, run.stderr.match(/^(find|sort|tail):.*$/m)?.[0], run.stdout]).toEqual([0, undefined, `${newest}\n`]);
      });

      test('by count: only the newest N stay', () => {
        dated([5, 4, 3, 2, 1]);
        const run = backup({ BACKUP_DATABASES: 'titanium', RETENTION_DAYS: '', RETENTION_COUNT: '2' });
        expect(run.status).toBe(0);
        expect(backupFiles('titanium')).toHaveLength(2);
        expect(run.stdout.match(/more than 2 newer backups/g)).toHaveLength(4);
      });
    });

    describe('failed dumps leave nothing that looks complete', () => {
      test('a wrong password exits non-zero and leaves no file', () => {
        const before = backupFiles('titanium');
        const run = runJobScript(dist, PER_DATABASE, server, { ...secrets, 'dbaas-metadata-postgresql-local': { ...secrets['dbaas-metadata-postgresql-local'], 'backup-password': 'wrong' } }, { claims: { [CLAIM]: backupDir }, env: { BACKUP_DATABASES: 'titanium' } });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('password authentication failed');
        expect(run.stderr).toContain('Backup of titanium failed; no file was kept');
        expect(backupFiles('titanium')).toEqual(before);
      });

      test('a server that is down exits non-zero and leaves no file', () => {
        const before = backupFiles('titanium');
        const run = backup({ BACKUP_DATABASES: 'titanium' }, { port: 1 });
        expect(run.status).toBe(1);
        expect(backupFiles('titanium')).toEqual(before);
      });

      test('an empty database list at run time (server down) fails clearly', () => {
        const run = backup({ BACKUP_DATABASES: '' }, { port: 1 });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('Could not list the databases on 127.0.0.1:1');
      });

      test('a partial file left by a killed run is cleared on the next run', () => {
        writeFileSync(join(backupDir, 'titanium', 'titanium_20260101T000000Z.dump.partial'), 'half');
        expect(backup({ BACKUP_DATABASES: 'titanium' }).status).toBe(0);
        expect(backupFiles('titanium').some((f) => f.endsWith('.partial'))).toBe(false);
      });
    });

    // pg_dumpall writes for its own major: 15's CREATE DATABASE … LOCALE_PROVIDER is unknown to
    // 14, so a dump of 14 made by pg_dumpall 15 goes into a new server of the client's major.
    const restoreMajor = Math.max(major, CLIENT_MAJOR);
    describe(`seed 001's pg_dumpall backup (cluster mode, from dist/) restores into a new PostgreSQL ${restoreMajor} server`, () => {
      test('roles and every database come back', async () => {
        const clusterDir = mkdtempSync(join(tmpdir(), 'cluster-backups-'));
        const other = await startPostgres({ major: restoreMajor });
        try {
          const cronJob = only(dist, 'CronJob', 'postgresql-backup');
          const claim = cronJob.spec.jobTemplate.spec.template.spec.volumes.find((v: any) => v.persistentVolumeClaim).persistentVolumeClaim.claimName;
          const run = runJobScript(dist, 'postgresql-backup', server, secrets, { claims: { [claim]: clusterDir } });
          expect(run.stderr).toBe('');
          expect(run.status).toBe(0);
          const [file] = readdirSync(join(clusterDir, 'cluster'));
          expect(file).toMatch(/^cluster_\d{8}T\d{6}Z\.sql$/);
          // The seed's restore: psql -U postgres < backup.sql (the superuser already exists there).
          execFileSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-q', '-h', '127.0.0.1', '-p', String(other.port), '-U', 'postgres', '-d', 'postgres', '-f', join(clusterDir, 'cluster', file)], {
            env: { ...process.env, PGPASSWORD: other.superuserPassword }, stdio: 'pipe',
          });
          for (const [db, tables] of Object.entries(TABLES)) {
            for (const table of tables) expect(other.query(`SELECT json_agg(t ORDER BY t)::text FROM ${table} t`, { database: db })).toBe(rows(db, table));
          }
          // Without role passwords (the default) the logins come back with none, until the schema Job sets them.
          const text = readFileSync(join(clusterDir, 'cluster', file), 'utf8');
          expect(text).toContain('PostgreSQL database cluster dump complete');
          expect(text).toContain('CREATE ROLE app_user;');
          expect(text).not.toMatch(/SCRAM-SHA-256\$|PASSWORD '/);
          expect(other.query("SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 'app_user'")).toBe('t');
          expect(other.psql('SELECT 1', { user: 'app_user', password: 'appuser-pw', database: 'postgres' }).stderr).toContain('password authentication failed');
        } finally {
          other.stop();
          rmSync(clusterDir, { recursive: true, force: true });
        }
      });

      test('with rolePasswords the file keeps the verifiers, and the logins sign in after a restore', async () => {
        const clusterDir = mkdtempSync(join(tmpdir(), 'cluster-backups-'));
        const other = await startPostgres({ major: restoreMajor });
        try {
          const claim = only(dist, 'CronJob', 'postgresql-backup').spec.jobTemplate.spec.template.spec.volumes.find((v: any) => v.persistentVolumeClaim).persistentVolumeClaim.claimName;
          const run = runJobScript(dist, 'postgresql-backup', server, secrets, { claims: { [claim]: clusterDir }, env: { KEEP_ROLE_VERIFIERS: 'true' } });
          expect(run.status).toBe(0);
          const [file] = readdirSync(join(clusterDir, 'cluster'));
          expect(readFileSync(join(clusterDir, 'cluster', file), 'utf8')).toMatch(/CREATE ROLE app_user;\nALTER ROLE app_user WITH .* PASSWORD 'SCRAM-SHA-256\$/);
          execFileSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-q', '-h', '127.0.0.1', '-p', String(other.port), '-U', 'postgres', '-d', 'postgres', '-f', join(clusterDir, 'cluster', file)], {
            env: { ...process.env, PGPASSWORD: other.superuserPassword }, stdio: 'pipe',
          });
          expect(other.query('SELECT current_user', { user: 'app_user', password: 'appuser-pw', database: 'postgres' })).toBe('app_user');
        } finally {
          other.stop();
          rmSync(clusterDir, { recursive: true, force: true });
        }
      });
    });

    describe('the least-privilege backup login (kind backup: pg_read_all_data, BYPASSRLS, CONNECT)', () => {
      const LOGIN = { name: 'backup_login', kind: 'backup' as const, password: { name: 'backup-login', key: 'password' } };
      let loginSecrets: TestSecrets;
      let dir: string;
      function backupObjects(props: Partial<BackupCronJobProps>): KubeObject[] {
        const chart = testChart();
        const db = new PostgresStatefulSet(chart, 'db', { namespace: 'test', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
        new BackupCronJob(chart, 'backup', { server: db, storage: BackupStorage.existingClaim('backups'), ...props });
        return synth(chart);
      }
      const asLogin = { name: LOGIN.name, password: { name: 'backup-login', key: 'password' } };
      const runBackup = (props: Partial<BackupCronJobProps>, env: Record<string, string> = {}) => {
        rmSync(dir, { recursive: true, force: true });
        dir = mkdtempSync(join(tmpdir(), 'login-backups-'));
        return runJobScript(backupObjects(props), 'db-backup', server, loginSecrets, { claims: { backups: dir }, env });
      };
      const dumpText = () => readFileSync(join(dir, 'cluster', readdirSync(join(dir, 'cluster'))[0]), 'utf8');
      // What differs between two runs of pg_dumpall whoever runs it: the \restrict key of newer clients.
      const comparable = (text: string) => text.split('\n').filter((l) => !/^\\(un)?restrict /.test(l)).join('\n');

      beforeAll(() => {
        loginSecrets = { ...secrets, 'backup-login': { password: 'backup-pw' } };
        dir = mkdtempSync(join(tmpdir(), 'login-backups-'));
        const init = runJobScript(schemaJobObjects([], [LOGIN]), JOB_NAME, server, loginSecrets);
        if (init.status !== 0) throw new Error(init.stderr);
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      test('is no superuser and writes nothing', () => {
        const login = { user: LOGIN.name, password: 'backup-pw', database: 'titanium' };
        expect(server.query("SELECT rolsuper, rolbypassrls, pg_has_role('pg_read_all_data', 'member') FROM pg_roles WHERE rolname = current_user", login)).toBe('f|t|t');
        expect(server.psql("INSERT INTO users (username, email, password_hash) VALUES ('x', 'x@example.com', 'h')", login).stderr).toContain('permission denied for table users');
        expect(server.psql('CREATE TABLE mine (a int)', login).stderr).toContain('permission denied for schema public');
      });

      test('per database: dumps every database, and the restore gives back every row', () => {
        const run = runBackup({ login: asLogin });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(readdirSync(dir)).toEqual(expect.arrayContaining(['postgres', 'titanium', 'dbaas_metadata']));
        const restored = runJobScript(restoreObjects({ sourceDatabase: 'titanium', targetDatabase: 'titanium_from_login' }), 'db-restore', server, secrets, { claims: { [CLAIM]: dir } });
        expect(restored.stderr).toBe('');
        expect(restored.status).toBe(0);
        for (const table of TABLES.titanium) expect(rows('titanium_from_login', table)).toBe(rows('titanium', table));
        server.query('DROP DATABASE titanium_from_login');
      });

      test('pg_dumpall: the same file as the superuser writes (roles, memberships, settings, every database), and no verifier', () => {
        const run = runBackup({ login: asLogin, mode: 'cluster' });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const byLogin = dumpText();
        expect(runBackup({ mode: 'cluster' }).status).toBe(0);
        expect(comparable(byLogin)).toBe(comparable(dumpText()));
        expect(byLogin).toContain('GRANT manager TO manager_user');
        expect(byLogin).not.toMatch(/SCRAM-SHA-256\$|PASSWORD '/);
      });

      test('pg_dumpall with rolePasswords: the login reads the verifiers too (pg_read_all_data covers pg_authid)', () => {
        const run = runBackup({ login: asLogin, mode: 'cluster', rolePasswords: true });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const byLogin = dumpText();
        expect(byLogin).toMatch(/ALTER ROLE app_user WITH .* PASSWORD 'SCRAM-SHA-256\$/);
        expect(runBackup({ mode: 'cluster', rolePasswords: true }).status).toBe(0);
        expect(comparable(byLogin)).toBe(comparable(dumpText()));
      });

      test('pg_dumpall: the file restores into a new server', async () => {
        const other = await startPostgres({ major: restoreMajor });
        try {
          expect(runBackup({ login: asLogin, mode: 'cluster' }).status).toBe(0);
          const file = join(dir, 'cluster', readdirSync(join(dir, 'cluster'))[0]);
          execFileSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=0', '-h', '127.0.0.1', '-p', String(other.port), '-U', 'postgres', '-d', 'postgres', '-f', file], {
            env: { ...process.env, PGPASSWORD: other.superuserPassword }, stdio: 'pipe',
          });
          for (const [db, tables] of Object.entries(TABLES)) {
            for (const table of tables) expect(other.query(`SELECT json_agg(t ORDER BY t)::text FROM ${table} t`, { database: db })).toBe(rows(db, table));
          }
        } finally {
          other.stop();
        }
      });

      test('a subscription, which pg_dump skips for a non-superuser with a warning only, fails the dump', () => {
        server.query("CREATE SUBSCRIPTION sub CONNECTION 'dbname=nothing' PUBLICATION p WITH (connect = false, slot_name = NONE)", { database: 'titanium' });
        try {
          for (const mode of ['database', 'cluster'] as const) {
            const run = runBackup({ login: asLogin, mode }, mode === 'database' ? { BACKUP_DATABASES: 'titanium' } : {});
            expect(run.status).toBe(1);
            expect(run.stderr).toContain('subscriptions not dumped because current user is not a superuser');
            expect(run.stderr).toContain(`The dump of ${mode === 'database' ? 'titanium' : 'cluster'} is incomplete: the backup login is not a superuser`);
            expect(readdirSync(join(dir, mode === 'database' ? 'titanium' : 'cluster'))).toEqual([]);
          }
        } finally {
          server.query('DROP SUBSCRIPTION sub', { database: 'titanium' });
        }
      });

      test('a large object, which pg_read_all_data does not cover, fails the dump', () => {
        const oid = server.query("SELECT lo_from_bytea(0, 'blob')", { database: 'titanium' });
        try {
          const run = runBackup({ login: asLogin }, { BACKUP_DATABASES: 'titanium' });
          expect(run.status).toBe(1);
          expect(run.stderr).toContain(`permission denied for large object ${oid}`);
          expect(readdirSync(join(dir, 'titanium'))).toEqual([]);
        } finally {
          server.query(`SELECT lo_unlink(${oid})`, { database: 'titanium' });
        }
      });
    });

    describe('databases whose names a file name would mangle', () => {
      let hostileDir: string;
      let run: ReturnType<typeof backup>;
      const restoreHostile = (props: Partial<RestoreJobProps>) => runJobScript(restoreObjects(props), 'db-restore', server, secrets, { claims: { [CLAIM]: hostileDir } });
      const whoami = (database: string) => server.query('SELECT name FROM whoami', { database });
      beforeAll(() => {
        hostileDir = mkdtempSync(join(tmpdir(), 'hostile-backups-'));
        // Fewer databases to dump: the restores of the tests above are not needed any more.
        server.query('SELECT 1', { args: ['postgres_restored', 'titanium_restored', 'titanium_named'].flatMap((d) => ['-c', `DROP DATABASE IF EXISTS ${d}`]) });
        server.query('CREATE TABLE whoami (name text)', { database: 'template1' });
        server.query('SELECT 1', { args: HOSTILE_DATABASES.flatMap((d) => ['-c', `CREATE DATABASE ${quote(d)}`]) });
        // The databases restored below hold their own name, to tell which one came back.
        for (const d of [...RESTORED, 'a_b']) server.query('INSERT INTO whoami SELECT current_database()', { database: d });
        server.query('DROP TABLE whoami', { database: 'template1' });
        run = runJobScript(dist, PER_DATABASE, server, secrets, { claims: { [CLAIM]: hostileDir }, env: { BACKUP_DATABASES: '' } });
      });
      afterAll(() => rmSync(hostileDir, { recursive: true, force: true }));

      test('every database gets a directory of its own, with a dump of that database', () => {
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const all = server.query('SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate', { args: ['-0'] }).split('\0').filter(Boolean);
        expect(all).toEqual(expect.arrayContaining(HOSTILE_DATABASES));
        expect(readdirSync(hostileDir).sort()).toEqual(all.map(backupName).sort());
        for (const d of HOSTILE_DATABASES) {
          const files = readdirSync(join(hostileDir, backupName(d)));
          expect(files).toEqual([expect.stringMatching(/^[A-Za-z0-9_%-]+_\d{8}T\d{6}Z\.dump$/)]);
          const listing = execFileSync(join(CLIENT_BIN_DIR, 'pg_restore'), ['--list', join(hostileDir, backupName(d), files[0])], { encoding: 'utf8' });
          expect(listing).toContain(`;     dbname: ${d.replace(/[\n\r]/g, ' ')}\n`);
        }
      });

      test.each(RESTORED)('restoring %j gives back that database, not its look-alike', (source) => {
        const target = Buffer.byteLength(`${source} restored`) <= 63 ? `${source} restored` : 'long name restored';
        const result = restoreHostile({ sourceDatabase: source, targetDatabase: target });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(whoami(target)).toBe(source);
      });

      test("a restore refuses a file in the database's directory that holds another database", () => {
        const [other] = readdirSync(join(hostileDir, backupName('a_b')));
        const planted = join(hostileDir, backupName('a/b'), `${backupName('a/b')}_29991231T000000Z.dump`);
        execFileSync('cp', [join(hostileDir, backupName('a_b'), other), planted]);
        try {
          const result = restoreHostile({ sourceDatabase: 'a/b', targetDatabase: 'a/b planted' });
          expect(result.status).toBe(1);
          expect(result.stderr).toBe(`Backup ${planted} is a dump of database 'a_b', not of 'a/b'\n`);
          expect(server.query("SELECT count(*) FROM pg_database WHERE datname = 'a/b planted'")).toBe('0');
        } finally {
          rmSync(planted);
        }
      });
    });
  });
}

/**
 * Names that differ only in what a file name drops or replaces, or that a file name cannot be:
 * a slash, a space, '.' and '..', case, '%', Unicode in both normal forms, a newline, shell
 * syntax, a leading dash, and 63 bytes of Hangul. (The encoder itself is checked on random
 * strings in backup-cron-job.test.ts.)
 */
const HOSTILE_DATABASES = [
  'a/b', 'a_b', 'a b', '.', '..', 'Shop', 'shop', '%41', 'A', 'caf\u00e9', 'cafe\u0301', 'x\ny', '$(id)`id`', '-x', '\ud55c\uad6d\uc5b4'.repeat(7),
];
/** The ones restored (RestoreJob refuses names with control characters at synth). */
const RESTORED = ['a/b', '..', 'cafe\u0301', '\ud55c\uad6d\uc5b4'.repeat(7)];

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The backup suite on a major the machine's pg_dump can dump; on a newer one, the refusal (see
 * {@link backupLimitSuite}).
 */
export function backupSuiteOrLimit(major: number): void {
  if (major <= CLIENT_MAJOR) backupSuite(major);
  else backupLimitSuite(major);
}

/**
 * On a server newer than the client programs, the backup CronJob's script fails and says why, and
 * keeps no file that looks like a backup.
 */
export function backupLimitSuite(major: number): void {
  describe(`backups on PostgreSQL ${major} with pg_dump ${CLIENT_MAJOR}`, () => {
    let server: TestServer;
    let backupDir: string;
    beforeAll(async () => {
      server = await startPostgres({ major });
      backupDir = mkdtempSync(join(tmpdir(), 'backups-'));
    });
    afterAll(() => {
      server?.stop();
      rmSync(backupDir, { recursive: true, force: true });
    });

    test(`pg_dump ${CLIENT_MAJOR} refuses PostgreSQL ${major}: the run fails, names the mismatch and keeps no file`, () => {
      expect(major).toBeGreaterThan(CLIENT_MAJOR);
      // As the superuser: this server has no backup login, and the refusal comes before any query.
      const run = runJobScript(dist, PER_DATABASE, server, { 'dbaas-metadata-postgresql-local': { 'backup-password': server.superuserPassword } },
        { claims: { [CLAIM]: backupDir }, env: { BACKUP_DATABASES: 'postgres', PGUSER: 'postgres' } });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`aborting because of server version mismatch`);
      expect(run.stderr).toContain('Backup of postgres failed; no file was kept');
      expect(readdirSync(join(backupDir, 'postgres'))).toEqual([]);
    });
  });
}
