import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { parseRestoreArgs, renderRestoreJob, RESTORE_USAGE } from '../apps/restore';
import { objectsOf, readWithKubectl } from './support/kubectl';
import { deployedMajor } from './support/deployed-major';
import { KubeObject, loadDist, REPO_ROOT } from './support/manifests';
import { checkSecurityBaseline } from './support/policy';
import { CLIENT_MAJOR, startPostgres, TestServer } from './support/postgres-server';
import { runJobScript, TestSecrets } from './support/run-job';
import { validateObject } from './support/schema';

describe('npm run restore', () => {
  const job: KubeObject = parseAllDocuments(renderRestoreJob({ environment: 'aks-phonebill-dev', server: 'product-change', database: 'product_change_db', target: 'product_change_db_check' }))[0].toJSON();

  test('prints a valid Job that passes the security baseline', () => {
    expect(job.kind).toBe('Job');
    expect(validateObject(job)).toEqual([]);
    expect(checkSecurityBaseline([job])).toEqual([]);
  });

  test("reads the environment's backup claim and restores into the chosen target", () => {
    const spec = job.spec.template.spec;
    expect(spec.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'postgresql-product-change-backup-pvc', readOnly: true } });
    expect(spec.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'SOURCE_DATABASE', value: 'product_change_db' }, { name: 'TARGET_DATABASE', value: 'product_change_db_check' },
      { name: 'OVERWRITE', value: 'false' }, { name: 'PGHOST', value: 'postgresql-product-change' },
    ]));
  });

  test('parses its options', () => {
    expect(parseRestoreArgs(['env', 'srv', 'db', '--backup', 'db_20261125T020000Z.dump', '--overwrite'])).toEqual({
      environment: 'env', server: 'srv', database: 'db', target: undefined, backup: 'db_20261125T020000Z.dump', overwrite: true,
    });
    expect(() => parseRestoreArgs(['env', 'srv'])).toThrow(`give the environment, the server and the database (got 2 of them); ${RESTORE_USAGE}`);
    expect(() => parseRestoreArgs(['env', 'srv', 'db', '--force'])).toThrow(`unexpected argument '--force'; ${RESTORE_USAGE}`);
    // an option's value is never the next option
    expect(() => parseRestoreArgs(['env', 'srv', 'db', '--target', '--overwrite'])).toThrow(`--target needs a value; ${RESTORE_USAGE}`);
    expect(() => parseRestoreArgs(['env', 'srv', 'db', '--backup'])).toThrow(`--backup needs a value; ${RESTORE_USAGE}`);
    expect(() => parseRestoreArgs(['--target', '--overwrite', 'env', 'srv', 'db'])).toThrow(`--target needs a value; ${RESTORE_USAGE}`);
    expect(() => parseRestoreArgs(['env', 'srv', 'db', '--target', 'x', 'extra'])).toThrow(`give the environment, the server and the database (got 4 of them); ${RESTORE_USAGE}`);
    expect(parseRestoreArgs(['env', 'srv', 'db', '--target=db_check', '--overwrite'])).toMatchObject({ target: 'db_check', overwrite: true });
  });

  test("the printed YAML is what kubectl reads: every value of the Job's containers comes back as the same string", async () => {
    const text = renderRestoreJob({ environment: 'aks-phonebill-dev', server: 'product-change', database: 'product_change_db', target: 'on', overwrite: true });
    const env = (o: KubeObject) => o.spec.template.spec.containers[0].env.filter((e: { value?: unknown }) => 'value' in e);
    // kubectl apply -f's reader (YAML 1.1: a plain `on` is true) and kustomize's
    for (const reading of Object.values((await readWithKubectl({ 'restore.yaml': text }))['restore.yaml'])) {
      const read = objectsOf(reading)[0];
      expect(env(read)).toEqual(env(parseAllDocuments(text)[0].toJSON()));
      expect(env(read)).toContainEqual({ name: 'TARGET_DATABASE', value: 'on' });
    }
  });

  test('prints YAML on stdout, and a clear error for a server without backups', () => {
    const ok = spawnSync('npm', ['run', '--silent', 'restore', '--', 'minikube-dev', 'dbaas-metadata', 'dbaas_metadata'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(parseAllDocuments(ok.stdout)[0].toJSON().kind).toBe('Job');
    const bad = spawnSync('npm', ['run', '--silent', 'restore', '--', 'minikube-dev', 'nope', 'userdb'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("environment 'minikube-dev' has no server 'nope' with backups (servers with backups: dbaas-metadata, microservices)");
  });

  test('a pg_dumpall backup is not a RestoreJob input, and says how to restore it', () => {
    expect(() => renderRestoreJob({ environment: 'minikube-dev', server: 'microservices', database: 'userdb' }))
      .toThrow("server 'microservices' is backed up with pg_dumpall (cluster mode); restore such a file with psql as the superuser");
  });
});

const aks = loadDist()['aks-phonebill-dev'];
const AKS_MAJOR = deployedMajor(aks);

describe(`the printed Job restores aks-phonebill-dev's backup, on PostgreSQL ${AKS_MAJOR} as deployed (pg_dump ${CLIENT_MAJOR})`, () => {
  let server: TestServer;
  let claim: string;
  let secrets: TestSecrets;
  const admin = { user: 'product_change_admin', password: 'admin-pw', database: 'product_change_db' };
  beforeAll(async () => {
    server = await startPostgres({ major: AKS_MAJOR });
    claim = mkdtempSync(join(tmpdir(), 'restore-command-'));
    secrets = {
      'postgresql-product-change-superuser': { password: server.superuserPassword },
      'postgresql-product-change-secret': { password: 'app-pw' },
      'postgresql-product-change-logins': { 'admin-password': 'admin-pw', 'readonly-password': 'readonly-pw', 'exporter-password': 'exporter-pw', 'backup-password': 'backup-pw' },
    };
    server.query('CREATE DATABASE product_change_db'); // the image creates it from POSTGRES_DB
    const init = runJobScript(aks, 'postgresql-product-change-schema-init', server, secrets);
    if (init.status !== 0) throw new Error(init.stderr);
    server.query("INSERT INTO product_change.circuit_breaker_state (service_name) VALUES ('BILLING')", admin);
  });
  afterAll(() => {
    server?.stop();
    rmSync(claim, { recursive: true, force: true });
  });

  test('backup by the CronJob of dist/, then the Job of npm run restore into a new database: the same rows', () => {
    expect(AKS_MAJOR).toBeLessThanOrEqual(CLIENT_MAJOR);
    const claims = { 'postgresql-product-change-backup-pvc': claim };
    // The dump step, as login product_change_backup (the upload step is tested in backup-upload.test.ts).
    const backup = runJobScript(aks, 'postgresql-product-change-backup', server, secrets, { claims, container: 'backup', emptyDirs: { 'upload-list': claim } });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    const job: KubeObject = parseAllDocuments(renderRestoreJob({ environment: 'aks-phonebill-dev', server: 'product-change', database: 'product_change_db', target: 'product_change_db_check' }))[0].toJSON();
    const restore = runJobScript([job], job.metadata.name, server, secrets, { claims });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    const rows = (database: string) => server.query("SELECT string_agg(service_name || ':' || state, ',' ORDER BY service_name) FROM product_change.circuit_breaker_state", { database });
    expect(rows('product_change_db_check')).toBe('BILLING:CLOSED,KOS_SERVICE:CLOSED');
    expect(rows('product_change_db_check')).toBe(rows('product_change_db'));
  });
});
