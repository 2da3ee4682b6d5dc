import { spawnSync } from 'child_process';
import { rmSync } from 'fs';
import { join } from 'path';
import { makeCertificates, secretVolumeDir, serverGroupId, TestCertificates } from '../../support/certificates';
import { KubeObject, loadDist, only } from '../../support/manifests';
import { CLIENT_BIN_DIR, startPostgres, TestServer } from '../../support/postgres-server';

/**
 * Runs a real PostgreSQL server the way each StatefulSet in dist/ does: the container args from
 * the manifest, with the ConfigMap's files at the path the config volume is mounted on. Every
 * configuration runs on every major (what the library renders does not depend on the major), on
 * one data directory per major, restarted with each configuration.
 */
const servers = [...Object.entries(loadDist()).flatMap(([env, objects]) => objects.filter((o) => o.kind === 'StatefulSet').map((sts) => {
  const pod = sts.spec.template.spec;
  const configMap = only(objects, 'ConfigMap', pod.volumes.find((v: any) => v.configMap).configMap.name);
  return { id: `${env}: ${sts.metadata.name} (deploys ${pod.containers[0].image})`, sts, configMap, same: JSON.stringify([configMap.data, pod.containers[0].args]) };
})).reduce((unique, server) => {
  // Servers whose files and arguments are the same run once, named together.
  const seen = unique.get(server.same);
  unique.set(server.same, seen ? { ...seen, id: `${seen.id}, ${server.id}` } : server);
  return unique;
}, new Map<string, { id: string; sts: KubeObject; configMap: KubeObject }>()).values()].map((s): [string, KubeObject, KubeObject] => [s.id, s.sts, s.configMap]);

export function serverConfigSuite(major: number): void {
  describe(`the servers of dist/ read their ConfigMap on PostgreSQL ${major}`, () => {
    let server: TestServer;
    let certs: TestCertificates;
    const tlsDirs: string[] = [];
    // fsync as the configuration says: the file's settings must be the ones in effect.
    beforeAll(async () => {
      server = await startPostgres({ major, fsync: true });
      // Any names: these tests do not verify the certificate (test/majors/suites/tls.ts does).
      certs = makeCertificates(['localhost']);
    });
    afterAll(() => {
      server?.stop();
      for (const dir of tlsDirs) rmSync(dir, { recursive: true, force: true });
    });

    test('runs on the major it says', () => {
      expect(server.query('SHOW server_version_num').slice(0, -4)).toBe(String(major));
    });

    describe.each(servers)("%s reads the ConfigMap's postgresql.conf and pg_hba.conf", (_id, sts, configMap) => {
      const pod = sts.spec.template.spec;
      const container = pod.containers[0];
      const configVolume = pod.volumes.find((v: any) => v.configMap);
      const mountPath: string = container.volumeMounts.find((m: any) => m.name === configVolume.name).mountPath;
      // The certificate Secret's volume, with its mode and the kubelet's ownership (root, the pod's fsGroup).
      const tlsVolume = pod.volumes.find((v: any) => v.secret?.items?.some((i: any) => i.key === 'tls.key'));
      const tlsPath: string | undefined = tlsVolume && container.volumeMounts.find((m: any) => m.name === tlsVolume.name).mountPath;

      // The file as the server reads it: the certificate paths point at the stand-in for the Secret volume.
      let conf: string = configMap.data['postgresql.conf'];
      beforeAll(() => {
        if (tlsPath) {
          const dir = secretVolumeDir({ 'tls.crt': certs.certificate, 'tls.key': certs.key, 'ca.crt': certs.ca }, tlsVolume.secret.defaultMode, serverGroupId());
          tlsDirs.push(dir);
          conf = conf.split(`'${tlsPath}/`).join(`'${dir}/`);
        }
        server.restart({
          files: { ...configMap.data, 'postgresql.conf': conf },
          serverArgs: (workDir) => container.args.map((arg: string) => arg.split(`${mountPath}/`).join(`${workDir}/`)),
        });
      });
      // As the server's own OS user on the socket (peer), whatever pg_hba says about TCP.
      const query = (sql: string) => server.query(sql, { socket: true });
      const hba = (configMap.data['pg_hba.conf'] as string).split('\n');
      const tcpAllowed = hba.some((l) => /^host(ssl)? .* (0\.0\.0\.0\/0|127\.0\.0\.0\/8|127\.0\.0\.1\/32) /.test(l));
      const tlsOnly = hba.includes('hostnossl all all 0.0.0.0/0 reject');
      /** A TCP login with psql: over TLS (not verified here) or in plain text. */
      const tcp = (password: string, sslmode: 'require' | 'disable') => spawnSync(join(CLIENT_BIN_DIR, 'psql'),
        ['-X', '-At', '-w', '-d', `host=127.0.0.1 port=${server.port} user=postgres dbname=postgres sslmode=${sslmode}`, '-c', 'SELECT 1'],
        { encoding: 'utf8', env: { PATH: process.env.PATH, PGPASSWORD: password } });

      test('config_file and hba_file are the mounted files', () => {
        expect(query("SELECT current_setting('config_file') || ' ' || current_setting('hba_file')")).toBe(`${join(server.workDir, 'postgresql.conf')} ${join(server.workDir, 'pg_hba.conf')}`);
      });

      test('settings from the file are in effect', () => {
        const lines = conf.split('\n').filter((l) => l.includes(' = ') && !/^(port|unix_socket_directories|listen_addresses) /.test(l));
        expect(lines.length).toBeGreaterThan(4);
        const written = Object.fromEntries(lines.map((line) => line.split(' = ')).map(([name, value]) => [name, value.replace(/^'|'$/g, '')]));
        const names = Object.keys(written).map((n) => `lower('${n}')`).join(', ');
        const byName: Record<string, { setting: string; sourcefile: string | null; display: string }> = JSON.parse(query(
          `SELECT json_object_agg(lower(name), json_build_object('setting', setting, 'sourcefile', sourcefile, 'display', current_setting(name))) FROM pg_settings WHERE lower(name) IN (${names})`));
        const shown = (name: string) => byName[name.toLowerCase()];
        for (const [name, value] of Object.entries(written)) {
          expect(`${name} from ${shown(name)?.sourcefile}`).toBe(`${name} from ${join(server.workDir, 'postgresql.conf')}`);
          expect(`${name}=${sameValue(value, shown(name).display) ? value : shown(name).display}`).toBe(`${name}=${value}`);
          expect(shown(name).setting).not.toBe('');
        }
      });

      test('every pg_hba line parses and none trusts', () => {
        expect(query(`SELECT count(*) FILTER (WHERE error IS NOT NULL) || ' ' || count(*) FILTER (WHERE auth_method = 'trust') || ' '
          || string_agg(DISTINCT auth_method, ',') FILTER (WHERE type IN ('host', 'hostssl')) || ' '
          || coalesce(string_agg(DISTINCT auth_method, ',') FILTER (WHERE type = 'hostnossl'), '-') FROM pg_hba_file_rules`)).toBe(`0 0 scram-sha-256 ${tlsOnly ? 'reject' : '-'}`);
      });

      test('a TCP login from an allowed range needs TLS and the right password; other ranges are refused', () => {
        const sslmode = tlsOnly ? 'require' : 'disable';
        const wrong = tcp('not-the-password', sslmode);
        expect(wrong.status).not.toBe(0);
        if (tcpAllowed) {
          expect(wrong.stderr).toContain('password authentication failed for user "postgres"');
          expect(tcp(server.superuserPassword, sslmode).stdout.trim()).toBe('1');
        } else {
          expect(wrong.stderr).toContain('no pg_hba.conf entry for host "127.0.0.1"');
          expect(tcp(server.superuserPassword, sslmode).stderr).toContain('no pg_hba.conf entry for host "127.0.0.1"');
        }
        if (tlsOnly) {
          expect(tcp(server.superuserPassword, 'disable').stderr).toContain('pg_hba.conf rejects connection for host "127.0.0.1", user "postgres", database "postgres", no encryption');
        }
      });

      test('scram-sha-256 is how new passwords are stored', () => {
        query("DROP ROLE IF EXISTS probe; CREATE ROLE probe LOGIN PASSWORD 'probe-password'");
        expect(query("SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'probe'")).toBe('SCRAM-SHA-256$');
      });

      test('on the Unix socket only the OS user postgres gets in without a password (peer)', () => {
        const socketArgs = (user: string) => ['-X', '-At', '-w', '-h', server.socketDir, '-p', String(server.port), '-U', user, '-d', 'postgres', '-c', 'SELECT current_user'];
        const env = { ...process.env, PGPASSWORD: '' };
        const psql = join(CLIENT_BIN_DIR, 'psql');
        if (process.getuid?.() === 0) {
          const asPostgres = spawnSync('runuser', ['-u', 'postgres', '--', psql, ...socketArgs('postgres')], { encoding: 'utf8', env });
          expect(asPostgres.stdout.trim()).toBe('postgres');
        }
        // Any other login on the socket (here as root, or as the developer) needs its password.
        const withoutPassword = spawnSync(psql, socketArgs('probe'), { encoding: 'utf8', env });
        expect(withoutPassword.status).not.toBe(0);
        expect(withoutPassword.stderr).toMatch(/password/);
      });
    });
  });
}

/** Whether the server shows `written` as `shown`: durations come back with units ('1000' as '1s'). */
function sameValue(written: string, shown: string): boolean {
  if (written === shown) return true;
  const duration = /^(\d+)(ms|s|min|h)$/.exec(shown);
  const factor: Record<string, number> = { ms: 1, s: 1000, min: 60000, h: 3600000 };
  return duration !== null && /^\d+$/.test(written) && Number(written) === Number(duration[1]) * factor[duration[2]];
}
