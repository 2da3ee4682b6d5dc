import { spawnSync } from 'child_process';
import { join } from 'path';
import { KubeObject, loadDist, only } from './support/manifests';
import { startPostgres, TestServer } from './support/postgres-server';

/**
 * Runs a real PostgreSQL server the way the StatefulSet does: the container args from the
 * manifest, with the ConfigMap's files at the path the config volume is mounted on.
 */
const objects = loadDist()['minikube-dev'];
const sts = only(objects, 'StatefulSet', 'dbaas-metadata-postgresql-local');
const pod = sts.spec.template.spec;
const container = pod.containers[0];
const configVolume = pod.volumes.find((v: any) => v.configMap);
const configMap: KubeObject = only(objects, 'ConfigMap', configVolume.configMap.name);
const mountPath: string = container.volumeMounts.find((m: any) => m.name === configVolume.name).mountPath;

let server: TestServer;
beforeAll(async () => {
  server = await startPostgres({
    files: configMap.data,
    serverArgs: (workDir) => container.args.map((arg: string) => arg.split(`${mountPath}/`).join(`${workDir}/`)),
  });
});
afterAll(() => server?.stop());

describe("the server reads the ConfigMap's postgresql.conf and pg_hba.conf", () => {
  test('config_file and hba_file are the mounted files', () => {
    expect(server.query('SHOW config_file')).toBe(join(server.workDir, 'postgresql.conf'));
    expect(server.query('SHOW hba_file')).toBe(join(server.workDir, 'pg_hba.conf'));
  });

  test('settings from the file are in effect', () => {
    const conf: string = configMap.data['postgresql.conf'];
    for (const name of ['shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'max_connections', 'password_encryption']) {
      const line = conf.split('\n').find((l) => l.startsWith(`${name} = `))!;
      const expected = line.slice(name.length + 3).replace(/^'|'$/g, '');
      expect(`${name}=${server.query(`SELECT current_setting('${name}')`)}`).toBe(`${name}=${expected}`);
    }
    expect(server.query("SELECT count(*) FROM pg_settings WHERE sourcefile = current_setting('config_file')")).not.toBe('0');
  });

  test('every pg_hba line parses and none trusts', () => {
    expect(server.query('SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL')).toBe('0');
    expect(server.query("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'")).toBe('0');
    expect(server.query("SELECT DISTINCT auth_method FROM pg_hba_file_rules WHERE type = 'host'")).toBe('scram-sha-256');
  });

  test('a TCP login needs the right password', () => {
    const wrong = server.psql('SELECT 1', { password: 'not-the-password' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('password authentication failed for user "postgres"');
    expect(server.query('SELECT 1')).toBe('1');
  });

  test('scram-sha-256 is how new passwords are stored', () => {
    server.query("CREATE ROLE probe LOGIN PASSWORD 'probe-password'");
    expect(server.query("SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'probe'")).toBe('SCRAM-SHA-256$');
    expect(server.query('SELECT current_user', { user: 'probe', password: 'probe-password' })).toBe('probe');
  });

  test('on the Unix socket only the OS user postgres gets in without a password (peer)', () => {
    const socketArgs = (user: string) => ['-X', '-At', '-w', '-h', server.socketDir, '-p', String(server.port), '-U', user, '-d', 'postgres', '-c', 'SELECT current_user'];
    const env = { ...process.env, PGPASSWORD: '' };
    if (process.getuid?.() === 0) {
      const asPostgres = spawnSync('runuser', ['-u', 'postgres', '--', 'psql', ...socketArgs('postgres')], { encoding: 'utf8', env });
      expect(asPostgres.stdout.trim()).toBe('postgres');
    }
    // Any other login on the socket (here as root, or as the developer) needs its password.
    const withoutPassword = spawnSync('psql', socketArgs('probe'), { encoding: 'utf8', env });
    expect(withoutPassword.status).not.toBe(0);
    expect(withoutPassword.stderr).toMatch(/password/);
  });
});
