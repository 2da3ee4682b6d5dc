import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { renderSecrets } from '../../../apps/secrets';
import { environmentNamed } from '../../../environments';
import { EnvironmentChart, RequiredCertificates } from '../../../lib';
import { makeCertificates, secretVolumeDir, serverGroupId, TestCertificates } from '../../support/certificates';
import { loadDist, only } from '../../support/manifests';
import { CLIENT_BIN_DIR, startPostgres, TestServer } from '../../support/postgres-server';
import { runJobScript, TestSecrets } from '../../support/run-job';
import { handshake } from '../../support/tls-server';


/** What each environment's schema Job reads from its Secrets (the superuser's password is the test server's). */
const JOB_SECRETS: Record<string, (superuserPassword: string) => TestSecrets> = {
  'solid-cloud': (pw) => ({
    'postgresql-superuser': { password: pw },
    'postgres-credentials': { POSTGRES_USER: 'titanium', POSTGRES_PASSWORD: 'titanium-pw' },
  }),
  'minikube-dev': (pw) => ({ 'dbaas-metadata-postgresql-local': { 'postgres-password': pw, 'backup-password': 'backup-pw' } }),
  'aks-phonebill-dev': (pw) => ({
    'postgresql-product-change-superuser': { password: pw },
    'postgresql-product-change-secret': { username: 'product_change_app', password: 'app-pw' },
    'postgresql-product-change-logins': { 'admin-password': 'admin-pw', 'readonly-password': 'readonly-pw', 'exporter-password': 'exporter-pw', 'backup-password': 'backup-pw' },
  }),
};

/**
 * An environment's server as dist/ deploys it, with TLS: postgresql.conf and pg_hba.conf from its
 * ConfigMap, the certificate, key and CA where its TLS Secret volume puts them, with the volume's
 * mode and the kubelet's ownership (root, the pod's fsGroup), signed by a CA made here with
 * openssl for the names of the environment's cert-manager Certificate (or, in an environment
 * without cert-manager, the pair `npm run secrets` prints for it). Then: plaintext logins are
 * refused, verified ones succeed, a wrong CA or host name fails, and the schema Job runs with its
 * own TLS settings (PGSSLMODE verify-full, PGSSLROOTCERT the mounted CA).
 */
export function tlsSuite(major: number, environment: string, statefulSet?: string): void {
  describe(`${environment}'s server${statefulSet ? ` ${statefulSet}` : ''} with TLS on PostgreSQL ${major}`, () => {
    const objects = loadDist()[environment];
    const sts = objects.find((o) => o.kind === 'StatefulSet' && (statefulSet === undefined || o.metadata.name === statefulSet))!;
    const pod = sts.spec.template.spec;
    const container = pod.containers[0];
    const configVolume = pod.volumes.find((v: any) => v.configMap);
    const configMap = only(objects, 'ConfigMap', configVolume.configMap.name);
    const configPath: string = container.volumeMounts.find((m: any) => m.name === configVolume.name).mountPath;
    const tlsVolume = pod.volumes.find((v: any) => v.secret && v.secret.items.some((i: any) => i.key === 'tls.key'));
    const tlsPath: string = container.volumeMounts.find((m: any) => m.name === tlsVolume.name).mountPath;
    const certificate = objects.find((o) => o.kind === 'Certificate' && o.spec.secretName === tlsVolume.secret.secretName);
    const dnsNames: string[] = certificate
      ? certificate.spec.dnsNames
      : RequiredCertificates.collect(new EnvironmentChart(new App({ outdir: '/nonexistent' }), environment, environmentNamed(environment))).find((c) => c.name === tlsVolume.secret.secretName)!.dnsNames;
    const job = objects.find((o) => o.kind === 'Job' && o.metadata.namespace === sts.metadata.namespace)!;
    const jobEnv = (name: string) => job.spec.template.spec.containers[0].env.find((e: any) => e.name === name)?.value;
    const host: string = jobEnv('PGHOST');

    let server: TestServer;
    let certs: TestCertificates;
    let other: TestCertificates;
    let tlsDir: string;
    const tlsDirs: string[] = [];
    let clientDir: string;
    const startWith = async (keyMode: number) => {
      tlsDir = secretVolumeDir({ 'tls.crt': certs.certificate, 'tls.key': certs.key, 'ca.crt': certs.ca }, keyMode, serverGroupId());
      tlsDirs.push(tlsDir);
      const conf = (configMap.data['postgresql.conf'] as string).split(`'${tlsPath}/`).join(`'${tlsDir}/`);
      return startPostgres({
        major,
        files: { 'postgresql.conf': conf, 'pg_hba.conf': configMap.data['pg_hba.conf'] },
        serverArgs: (workDir) => container.args.map((arg: string) => arg.split(`${configPath}/`).join(`${workDir}/`)),
      });
    };
    beforeAll(async () => {
      if (certificate) {
        certs = makeCertificates(dnsNames);
      } else {
        // The pair the secrets command prints for this server: what minikube-dev really runs with.
        const printed = parseAllDocuments(renderSecrets(environment)).map((d) => d.toJSON()).find((d) => d.metadata.name === tlsVolume.secret.secretName);
        certs = { ca: printed.stringData['ca.crt'], certificate: printed.stringData['tls.crt'], key: printed.stringData['tls.key'] };
      }
      other = makeCertificates(dnsNames, 'another CA');
      clientDir = mkdtempSync(join(tmpdir(), 'tls-client-'));
      writeFileSync(join(clientDir, 'ca.crt'), certs.ca);
      writeFileSync(join(clientDir, 'other-ca.crt'), other.ca);
      server = await startWith(tlsVolume.secret.defaultMode);
      // What the image does on first start (POSTGRES_DB): the database the Jobs connect to.
      const database = jobEnv('PGDATABASE');
      if (database !== 'postgres') server.query(`CREATE DATABASE "${database}"`, { socket: true });
    });
    afterAll(() => {
      server?.stop();
      for (const dir of [...tlsDirs, clientDir]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** psql with a connection string alone, no PG* variables but the password. */
    const connect = (options: Record<string, string>, sql = 'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()') => {
      const conninfo = Object.entries({ host, hostaddr: '127.0.0.1', port: String(server.port), user: 'postgres', dbname: 'postgres', connect_timeout: '5', ...options })
        .map(([k, v]) => `${k}='${v}'`).join(' ');
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
      return spawnSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-At', '-w', '-d', conninfo, '-c', sql], { encoding: 'utf8', env: { ...env, HOME: clientDir, PGPASSWORD: server.superuserPassword } });
    };

    test('the Jobs connect to a name in the certificate, verified against the mounted CA alone', () => {
      expect(dnsNames).toContain(host);
      expect(jobEnv('PGSSLMODE')).toBe('verify-full');
      const caVolume = job.spec.template.spec.volumes.find((v: any) => v.secret);
      expect(caVolume.secret).toMatchObject({ secretName: tlsVolume.secret.secretName, items: [{ key: 'ca.crt', path: 'ca.crt' }] });
      const caMount = job.spec.template.spec.containers[0].volumeMounts.find((m: any) => m.name === caVolume.name);
      expect(jobEnv('PGSSLROOTCERT')).toBe(`${caMount.mountPath}/ca.crt`);
    });

    test('the server runs TLS from the mounted files, TLS 1.2 at least', () => {
      const show = (name: string) => server.query(`SHOW ${name}`, { socket: true });
      expect(show('ssl')).toBe('on');
      expect(show('ssl_cert_file')).toBe(`${tlsDir}/tls.crt`);
      expect(show('ssl_key_file')).toBe(`${tlsDir}/tls.key`);
      expect(show('ssl_ca_file')).toBe(`${tlsDir}/ca.crt`);
      expect(show('ssl_min_protocol_version')).toBe('TLSv1.2');
    });

    test('a plaintext login is refused by the hostnossl line, whatever the password', () => {
      const plain = connect({ sslmode: 'disable' });
      expect(plain.status).not.toBe(0);
      expect(plain.stderr).toContain('pg_hba.conf rejects connection for host "127.0.0.1", user "postgres", database "postgres", no encryption');
    });

    test('a verify-full login with the CA succeeds, over TLS', () => {
      const verified = connect({ sslmode: 'verify-full', sslrootcert: join(clientDir, 'ca.crt') });
      expect(verified.stderr).toBe('');
      expect(verified.stdout.trim()).toMatch(/^t\|TLSv1\.[23]$/);
    });

    test('a server certificate from another CA fails verification', () => {
      const wrongCa = connect({ sslmode: 'verify-full', sslrootcert: join(clientDir, 'other-ca.crt') });
      expect(wrongCa.status).not.toBe(0);
      expect(wrongCa.stderr).toContain('certificate verify failed');
    });

    test('a host name the certificate does not carry fails verification', () => {
      const wrongName = connect({ host: 'postgres.example.com', sslmode: 'verify-full', sslrootcert: join(clientDir, 'ca.crt') });
      expect(wrongName.status).not.toBe(0);
      expect(wrongName.stderr).toContain('does not match host name "postgres.example.com"');
    });

    test('TLS 1.1 is refused', () => {
      const old = connect({ sslmode: 'require', ssl_min_protocol_version: 'TLSv1', ssl_max_protocol_version: 'TLSv1.1' });
      expect(old.status).not.toBe(0);
      expect(old.stdout).toBe('');
    });

    test('TLS 1.2 takes AEAD suites only: CBC and SHA-1 suites are refused, ECDHE with AES-GCM accepted (openssl s_client)', () => {
      for (const cipher of ['AES128-SHA', 'ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA256']) {
        expect(`${cipher}: ${handshake(server.port, ['-tls1_2', '-cipher', cipher]).ok}`).toBe(`${cipher}: false`);
      }
      expect(handshake(server.port, ['-tls1_2', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256'])).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    });

    test("the schema Job runs with its own TLS settings against the server (verify-full, the Service's name)", () => {
      const secrets = { ...JOB_SECRETS[environment](server.superuserPassword), [tlsVolume.secret.secretName]: { 'ca.crt': certs.ca } };
      const run = runJobScript(objects, job.metadata.name, server, secrets, { env: { WAIT_SECONDS: '10' } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Schema initialization completed');
    });

    const exporter = pod.containers.find((c: any) => c.name === 'postgres-exporter');
    // Only where the environment runs an exporter (aks-phonebill-dev).
    if (exporter) test("the exporter logs in on the server's Unix socket, in the directory the two containers share, with its password", () => {
      // The exporter prefixes 'postgresql://<user>:<password>@': no host, the database, then libpq parameters.
      const [path, query] = (exporter.env.find((e: any) => e.name === 'DATA_SOURCE_URI').value as string).split('?');
      const uri = { pathname: path, searchParams: new URLSearchParams(query) };
      expect(path).toBe('/postgres');
      const socketDir = uri.searchParams.get('host')!;
      const mountOf = (c: any) => c.volumeMounts.find((m: any) => m.mountPath === socketDir);
      expect(mountOf(exporter)).toMatchObject({ readOnly: true });
      expect(mountOf(exporter).name).toBe(mountOf(container).name);
      expect(configMap.data['postgresql.conf']).toContain(`unix_socket_directories = '${socketDir}'`);
      // The test server's socket stands in for the shared directory; the login is the one the schema Job created.
      const login = exporter.env.find((e: any) => e.name === 'DATA_SOURCE_USER').value ?? 'postgres_exporter';
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
      const args = ['-X', '-At', '-w', '-d', `host=${server.socketDir} port=${server.port} user=${login} dbname=${uri.pathname.slice(1)} sslmode=${uri.searchParams.get('sslmode')}`, '-c', 'SELECT pg_has_role(current_user, \'pg_monitor\', \'MEMBER\')'];
      const right = spawnSync(join(CLIENT_BIN_DIR, 'psql'), args, { encoding: 'utf8', env: { ...env, PGPASSWORD: 'exporter-pw' } });
      expect(right.stderr).toBe('');
      expect(right.stdout.trim()).toBe('t');
      const wrong = spawnSync(join(CLIENT_BIN_DIR, 'psql'), args, { encoding: 'utf8', env: { ...env, PGPASSWORD: 'wrong' } });
      expect(wrong.stderr).toContain(`password authentication failed for user "${login}"`);
    });

    test('the schema Job refuses a server whose certificate its CA did not sign', () => {
      const secrets = { ...JOB_SECRETS[environment](server.superuserPassword), [tlsVolume.secret.secretName]: { 'ca.crt': other.ca } };
      const run = runJobScript(objects, job.metadata.name, server, secrets, { env: { WAIT_SECONDS: '0' } });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('Gave up');
    });

    test('the Secret volume mode is what PostgreSQL requires of a root-owned key: with 0644 the server does not start', async () => {
      if (serverGroupId() === undefined) {
        // Not root: the developer owns the files, and PostgreSQL's rule for its own user's keys is 0600.
        expect(tlsVolume.secret.defaultMode).toBe(0o640);
        return;
      }
      server.stop();
      await expect(startWith(0o644)).rejects.toThrow();
      server = await startWith(tlsVolume.secret.defaultMode);
      expect(connect({ sslmode: 'verify-full', sslrootcert: join(clientDir, 'ca.crt') }).stdout.trim()).toMatch(/^t\|/);
    });
  });
}
