import { catalogState } from '../../support/catalog';
import { loadDist } from '../../support/manifests';
import { startPostgres, TestServer } from '../../support/postgres-server';
import { runJobScript, TestSecrets } from '../../support/run-job';

/**
 * The schema Jobs of dist/minikube-dev.k8s.yaml, run as written against a real server:
 * first seed 001's five service databases, then seed 000's metadata database.
 */
const objects = loadDist()['minikube-dev'];
const SERVICES = ['userservice', 'paymentservice', 'settlementservice', 'partnerservice', 'accountingservice'];
const DATABASES = ['userdb', 'paymentdb', 'settlementdb', 'partnerdb', 'accountingdb'];

export function minikubeDevSuite(major: number): void {
  describe(`minikube-dev's schema Jobs on PostgreSQL ${major}`, () => {
    let server: TestServer;
    let secrets: TestSecrets;
    let firstRun: ReturnType<typeof runJobScript>;
    beforeAll(async () => {
      server = await startPostgres({ major });
      secrets = {
        'postgres-secret': {
          'postgres-password': server.superuserPassword,
          ...Object.fromEntries(SERVICES.map((s) => [`${s}-password`, `pw-${s}-${Math.random().toString(36).slice(2)}`])),
          'backup-password': `pw-backup-${Math.random().toString(36).slice(2)}`,
        },
        'dbaas-metadata-postgresql-local': { 'postgres-password': server.superuserPassword, 'backup-password': 'metadata-backup-pw' },
      };
      firstRun = runJobScript(objects, 'postgresql-schema-init', server, secrets);
    });
    afterAll(() => server?.stop());

    describe('seed 001: the microservices schema Job on a real server', () => {
      test('completes', () => {
        expect(firstRun.stderr).toBe('');
        expect(firstRun.status).toBe(0);
        expect(firstRun.stdout).toContain('Schema initialization completed');
      });

      test('every database exists with its owner', () => {
        const owners = server.query(`SELECT string_agg(datname || ':' || pg_get_userbyid(datdba), ',' ORDER BY datname) FROM pg_database WHERE datname IN (${DATABASES.map((d) => `'${d}'`).join(',')})`);
        expect(owners.split(',').sort()).toEqual(DATABASES.map((d, i) => `${d}:${SERVICES[i]}`).sort());
      });

      test('each service logs in with the password from its Secret key and works in its own database', () => {
        DATABASES.forEach((db, i) => {
          const login = { user: SERVICES[i], password: secrets['postgres-secret'][`${SERVICES[i]}-password`], database: db };
          expect(server.query("CREATE TABLE IF NOT EXISTS probe (id serial PRIMARY KEY, note text); INSERT INTO probe (note) VALUES ('hello') RETURNING note", login)).toBe('hello');
        });
      });

      test('a service cannot connect to another service\'s database, nor to postgres or template1', () => {
        const result = server.psql('SELECT 1', { user: 'userservice', password: secrets['postgres-secret']['userservice-password'], database: 'paymentdb' });
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('permission denied for database "paymentdb"');
        for (const database of ['postgres', 'template1']) {
          expect(server.psql('SELECT 1', { user: 'userservice', password: secrets['postgres-secret']['userservice-password'], database }).stderr).toContain(`permission denied for database "${database}"`);
        }
      });

      test('service logins are plain logins, not superusers', () => {
        expect(server.query(`SELECT count(*) FROM pg_roles WHERE rolname IN (${SERVICES.map((s) => `'${s}'`).join(',')}) AND rolcanlogin AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb`)).toBe('5');
      });

      test('no password reaches the output or the ConfigMap', () => {
        const configMap = JSON.stringify(objects.filter((o) => o.kind === 'ConfigMap'));
        for (const password of Object.values(secrets['postgres-secret'])) {
          expect(firstRun.stdout + firstRun.stderr).not.toContain(password);
          expect(configMap).not.toContain(password);
        }
      });

      test('running it again succeeds and changes nothing', () => {
        const before = catalogState(server, DATABASES);
        const second = runJobScript(objects, 'postgresql-schema-init', server, secrets);
        expect(second.status).toBe(0);
        expect(catalogState(server, DATABASES)).toEqual(before);
        // Passwords are re-applied from the Secret on every run (so rotating a Secret and re-running
        // the Job rotates the login): the verifier gets a new salt, the password stays the same.
        expect(server.query('SELECT current_user', { user: 'userservice', password: secrets['postgres-secret']['userservice-password'], database: 'userdb' })).toBe('userservice');
      });
    });

    describe('seed 000: the metadata database', () => {
      let run: ReturnType<typeof runJobScript>;
      beforeAll(() => {
        server.query('CREATE DATABASE dbaas_metadata'); // the image creates it from POSTGRES_DB
        run = runJobScript(objects, 'dbaas-metadata-postgresql-local-schema-init', server, secrets);
      });

      test('stores instances, HA clusters, backup and restore history and settings', () => {
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const tables = server.query("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'", { database: 'dbaas_metadata' });
        expect(tables).toBe('backups,db_instances,ha_clusters,restores,system_settings');
      });

      test("the metadata database registers itself as the seed's migration shows", () => {
        expect(server.query("SELECT name || '|' || type || '|' || status || '|' || namespace || '|' || migrated FROM db_instances", { database: 'dbaas_metadata' }))
          .toBe('dbaas-metadata|postgresql|running|dbaas-dbaas-metadata|true');
      });

      test('the schema file is recorded once and skipped on the next run', () => {
        const again = runJobScript(objects, 'dbaas-metadata-postgresql-local-schema-init', server, secrets);
        expect(again.status).toBe(0);
        expect(again.stdout).toContain('Skipping schema file dbaas-metadata.sql: applied to dbaas_metadata before');
        expect(server.query('SELECT count(*) FROM db_instances', { database: 'dbaas_metadata' })).toBe('1');
      });
    });
  });
}
