import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KubeSecret } from '../lib/private/k8s';
import { Chart } from 'cdk8s';
import { busyboxApplets } from './support/busybox';
import { environmentNamed } from '../environments';
import {
  EnvironmentChart, EnvironmentDescription, PostgresMonitoring, PostgresStatefulSet, PostgresStatefulSetProps, RequiredCertificates, SchemaInitJob,
  ValidationError, ZalandoCluster,
} from '../lib';
import { validateChart } from '../lib/checks/chart-checks';
import { METRIC_CATALOG } from '../lib/monitoring/metric-catalog';
import { CERTIFICATE_RELOAD_SCRIPT } from '../lib/server/certificate-reload';
import { certificateSecretProblems } from '../lib/secrets/certificates';
import { DEFAULT_SSL_CIPHERS, SERVER_TLS_DIR, serviceDnsNames, TLS12_AEAD_SUITES } from '../lib/server/tls';
import { makeCertificates, serverGroupId, TestCertificates } from './support/certificates';
import { refused } from './support/errors';
import { KubeObject, only, REPO_ROOT, synth, testApp, testChart } from './support/manifests';
import { CLIENT_BIN_DIR, SERVER_USER, sleep, startPostgres, TestServer } from './support/postgres-server';
import { admittedSuites, certificateFingerprint, ContainerServer, handshake, SecretVolume, startContainerServer } from './support/tls-server';
import { promql, promtoolTestRules } from './support/promql';
import { shellcheck } from './support/shellcheck';

/**
 * TLS that stays valid (issue 22): a renewed certificate is loaded without a person, an alert
 * fires days before a certificate expires, TLS 1.2 takes AEAD suites only, and each server has a
 * certificate Secret of its own. Each rule is shown on what enforces it: a real PostgreSQL for
 * the reload and the ciphers, `openssl ciphers` for what a cipher string admits, promtool for
 * when the alerts fire, and the chart's validation for the Secret names.
 */

const SHOP_NAMES = serviceDnsNames('shop', ['orders', 'orders-headless', 'orders-0.orders-headless']);
const superuser = (name: string) => ({ name: 'postgres', password: { name, key: 'password' } });
const MONITORING = { login: { name: 'orders_metrics', password: { name: 'orders-monitoring', key: 'password' } } };

function render(props: PostgresStatefulSetProps = {}) {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', ...props });
  if (props.monitoring) new SchemaInitJob(chart, 'schema', { server });
  return { chart, server, objects: synth(chart) };
}

const tlsFiles = (c: TestCertificates) => ({ 'tls.crt': c.certificate, 'tls.key': c.key, 'ca.crt': c.ca });

/** Polls `check` every 200 ms for up to `ms`; true once it holds. */
function within(ms: number, check: () => boolean): boolean {
  for (let waited = 0; waited <= ms; waited += 200) {
    if (check()) return true;
    sleep(200);
  }
  return false;
}

/** A StatefulSet's server container and its files, as `render` gives them. */
function serverParts(objects: KubeObject[]) {
  const container = only(objects, 'StatefulSet').spec.template.spec.containers[0];
  const configMap = only(objects, 'ConfigMap', 'orders-config');
  return { container, conf: configMap.data['postgresql.conf'] as string, hba: configMap.data['pg_hba.conf'] as string };
}

/** A login over TCP with `sslmode=verify-full` against the name `orders`, as a Job makes it. */
function verifiedLogin(port: number, caFile: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  const conninfo = `host=orders hostaddr=127.0.0.1 port=${port} user=postgres dbname=postgres sslmode=verify-full sslrootcert=${caFile} connect_timeout=5`;
  return spawnSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-At', '-w', '-d', conninfo, '-c', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'],
    { encoding: 'utf8', env: { ...env, PGPASSWORD: 'test-superuser-password' } });
}

describe('a renewed certificate is loaded without a person', () => {
  const { objects } = render();
  const { container, conf, hba } = serverParts(objects);
  const pod = only(objects, 'StatefulSet').spec.template.spec;

  test("the server container runs the watcher and then the image's entrypoint, with the args it had, in the pod's restricted context", () => {
    expect(container.command).toEqual(['/bin/sh', '-c', CERTIFICATE_RELOAD_SCRIPT, 'postgres']);
    expect(container.command[2]).toContain('exec docker-entrypoint.sh postgres "$@"\n');
    expect(container.args).toEqual(['-c', 'config_file=/etc/postgresql/postgresql.conf', '-c', 'hba_file=/etc/postgresql/pg_hba.conf']);
    expect(container.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
      privileged: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    // No sidecar, no process namespace shared with one, no API token.
    expect(pod.containers.map((c: any) => c.name)).toEqual(['postgres']);
    expect(pod.shareProcessNamespace).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.volumeMounts).toContainEqual({ name: 'tls', mountPath: SERVER_TLS_DIR, readOnly: true });
  });

  test('without TLS (a disposable environment) the container keeps the image\'s entrypoint', () => {
    const plain = serverParts(render({ tls: { enabled: false }, disposable: true }).objects).container;
    expect(plain.command).toBeUndefined();
    expect(plain.args).toEqual(container.args);
  });

  test('shellcheck finds nothing in the script (POSIX sh)', () => {
    const result = shellcheck('sh', CERTIFICATE_RELOAD_SCRIPT);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  /** The container's command and args with the test's directories for the mounts; `shell` stands for the image's /bin/sh. */
  const containerRun = (volume: SecretVolume, shell: string[], script = container.command[2] as string) => ({
    command: [...shell, '-c', script.split(SERVER_TLS_DIR).join(volume.dir), ...container.command.slice(3)],
    args: (container.args as string[]).map((a) => a.split('/etc/postgresql/').join('{workDir}/')),
    files: { 'postgresql.conf': conf.split(`'${SERVER_TLS_DIR}/`).join(`'${volume.dir}/`), 'pg_hba.conf': hba },
  });

  /** busybox's sh, sleep and kill first on PATH, as in the Alpine images (Debian's busybox has no cksum applet; Alpine's has). */
  let busyboxBin: string;
  beforeAll(() => {
    busyboxBin = busyboxApplets(tmpdir(), ['sh', 'sleep', 'kill']);
  });
  afterAll(() => rmSync(busyboxBin, { recursive: true, force: true }));

  // 14 and 18 reap a child they did not start in different code (CleanupBackend; "untracked child
  // process"); busybox's sh is the Alpine images' /bin/sh.
  describe.each([[14, 'sh'], [18, 'busybox sh']])('PostgreSQL %i, the script run by %s', (major, shell) => {
    let certs: TestCertificates;
    let renewed: TestCertificates;
    let volume: SecretVolume;
    let server: ContainerServer;
    let caDir: string;
    const startTime = () => server.query('SELECT pg_postmaster_start_time()');
    let started: string;

    beforeAll(async () => {
      certs = makeCertificates(SHOP_NAMES, 'upkeep CA');
      renewed = makeCertificates(SHOP_NAMES, 'upkeep CA');
      volume = new SecretVolume(tlsFiles(certs), pod.volumes.find((v: any) => v.name === 'tls').secret.defaultMode, serverGroupId());
      caDir = mkdtempSync(join(tmpdir(), 'upkeep-ca-'));
      writeFileSync(join(caDir, 'renewed-ca.crt'), renewed.ca);
      server = await startContainerServer({
        major, ...containerRun(volume, shell.split(' ')), env: { CERTIFICATE_CHECK_SECONDS: '1' }, ...(shell.startsWith('busybox') ? { pathPrefix: busyboxBin } : {}),
      });
      started = startTime();
    });
    afterAll(() => {
      server?.stop();
      volume?.remove();
      if (caDir) rmSync(caDir, { recursive: true, force: true });
    });

    test('the command ends as the postmaster itself; the watcher is its only other child, with its uid', () => {
      expect(server.postmasterPid).toBe(server.launchedPid);
      const children = server.otherChildren();
      expect(children).toHaveLength(1);
      expect(children[0].uid).toBe(SERVER_USER?.uid ?? process.getuid!());
    });

    test('the server presents the mounted certificate, and the renewed one once the Secret changes, without a restart', () => {
      expect(handshake(server.port).fingerprint).toBe(certificateFingerprint(certs.certificate));
      volume.update(tlsFiles(renewed));
      expect(within(15000, () => handshake(server.port).fingerprint === certificateFingerprint(renewed.certificate))).toBe(true);
      expect(startTime()).toBe(started);
      expect(server.log()).toContain(`certificate-reload: the files in ${volume.dir} changed; reloading PostgreSQL`);
      expect(server.log()).toContain('received SIGHUP, reloading configuration files');
      const login = verifiedLogin(server.port, join(caDir, 'renewed-ca.crt'));
      expect(login.stderr).toBe('');
      expect(login.stdout.trim()).toBe('t');
    });

    // Once: what cksum compares does not depend on the shell or the major.
    if (major === 14) test('files that do not change are not reloaded again: an interval and a half passes without a reload', () => {
      const reloads = () => server.log().split('received SIGHUP').length;
      const before = reloads();
      sleep(1500);
      expect(reloads()).toBe(before);
    });

    test('a signal ends the watcher with status 0, which PostgreSQL ignores: no backend is restarted', () => {
      const [watcher] = server.otherChildren();
      process.kill(watcher.pid, 'SIGTERM');
      expect(within(5000, () => server.otherChildren().length === 0)).toBe(true);
      expect(startTime()).toBe(started);
      expect(server.log()).not.toContain('terminating any other active server processes');
      if (major >= 18) expect(server.log()).toContain(`untracked child process (PID ${watcher.pid}) exited with exit code 0`);
    });
  });

  describe('the checks can fail (PostgreSQL 17)', () => {
    let volume: SecretVolume;
    let certs: TestCertificates;
    let renewed: TestCertificates;
    beforeAll(() => {
      certs = makeCertificates(SHOP_NAMES, 'upkeep CA');
      renewed = makeCertificates(SHOP_NAMES, 'upkeep CA');
    });
    beforeEach(() => {
      volume = new SecretVolume(tlsFiles(certs), 0o640, serverGroupId());
    });
    afterEach(() => volume.remove());

    test('without the watcher PostgreSQL keeps presenting the old certificate until it is reloaded', async () => {
      const run = containerRun(volume, ['sh']);
      const plain: TestServer = await startPostgres({
        major: 17,
        files: run.files,
        serverArgs: (workDir) => run.args.map((a) => a.split('{workDir}').join(workDir)),
      });
      try {
        volume.update(tlsFiles(renewed));
        sleep(1200);
        expect(handshake(plain.port).fingerprint).toBe(certificateFingerprint(certs.certificate));
        plain.query('SELECT pg_reload_conf()', { socket: true });
        expect(within(5000, () => handshake(plain.port).fingerprint === certificateFingerprint(renewed.certificate))).toBe(true);
      } finally {
        plain.stop();
      }
    });

    test('a watcher without its trap, ended by a signal, makes PostgreSQL restart every backend (crash recovery)', async () => {
      const script = (container.command[2] as string).replace(/^ {2}trap 'exit 0' [A-Z0-9 ]+\n/m, '');
      expect(script).not.toBe(container.command[2]);
      const server = await startContainerServer({ major: 17, ...containerRun(volume, ['sh'], script), env: { CERTIFICATE_CHECK_SECONDS: '1' } });
      try {
        const [watcher] = server.otherChildren();
        process.kill(watcher.pid, 'SIGTERM');
        expect(within(10000, () => server.log().includes('terminating any other active server processes'))).toBe(true);
      } finally {
        server.stop();
      }
    });
  });
});

describe('TLS 1.2 limited to AEAD suites', () => {
  const { conf } = serverParts(render().objects);
  const message = (value: string, other: string, owner = "PostgresStatefulSet 'test/orders'") =>
    `${owner}: parameters.ssl_ciphers ${JSON.stringify(value)} is not a list of AEAD TLS 1.2 suites separated by ':' (${JSON.stringify(other)} is none of them): ` +
    'OpenSSL aliases, operators and other suites can admit CBC or SHA-1 suites; name some of ECDHE-ECDSA-AES128-GCM-SHA256, ECDHE-RSA-AES128-GCM-SHA256, ' +
    'ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-RSA-AES256-GCM-SHA384, ECDHE-ECDSA-CHACHA20-POLY1305, ECDHE-RSA-CHACHA20-POLY1305, or leave ssl_ciphers out for all of them';

  test('postgresql.conf names the six ECDHE AEAD suites; openssl admits exactly those, all TLS 1.2, ECDH key exchange, AEAD', () => {
    expect(conf.split('\n')).toContain(`ssl_ciphers = '${DEFAULT_SSL_CIPHERS}'`);
    const admitted = admittedSuites(DEFAULT_SSL_CIPHERS);
    expect(admitted.map((s) => s.name)).toEqual(TLS12_AEAD_SUITES);
    expect(admitted.map((s) => `${s.protocol} ${s.kx} ${s.mac}`)).toEqual(TLS12_AEAD_SUITES.map(() => 'TLSv1.2 ECDH AEAD'));
  });

  test.each([
    // PostgreSQL's own default
    ['HIGH:MEDIUM:+3DES:!aNULL', 'HIGH'],
    ['DEFAULT', 'DEFAULT'],
    ['ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA'],
    ['ECDHE-RSA-AES256-SHA384', 'ECDHE-RSA-AES256-SHA384'],
    ['AES128-SHA', 'AES128-SHA'],
  ])('refused: %s, which openssl shows admitting CBC or SHA-1 suites', (value, other) => {
    expect(admittedSuites(value).filter((s) => s.mac !== 'AEAD').length).toBeGreaterThan(0);
    expect(refused(() => render({ parameters: { ssl_ciphers: value } }))).toBe(message(value, other));
  });

  test.each([
    // AEAD only, by openssl's reading; refused all the same: an alias's meaning is the image's OpenSSL's.
    ['ECDHE+AESGCM', 'ECDHE+AESGCM'],
    // AEAD, but RSA key exchange: no forward secrecy.
    ['AES128-GCM-SHA256', 'AES128-GCM-SHA256'],
    ['', ''],
    ['ECDHE-RSA-AES128-GCM-SHA256 ', 'ECDHE-RSA-AES128-GCM-SHA256 '],
  ])('refused, though openssl admits no CBC or SHA-1 suite: %j', (value, other) => {
    expect(admittedSuites(value).filter((s) => s.mac !== 'AEAD')).toEqual([]);
    expect(refused(() => render({ parameters: { ssl_ciphers: value } }))).toBe(message(value, other));
  });

  test('a number is no cipher list', () => {
    expect(refused(() => render({ parameters: { ssl_ciphers: 5 } }))).toBe(message(5 as unknown as string, '5'));
  });

  test('a list of some of the suites is kept as given, and openssl admits those alone', () => {
    const value = 'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384';
    expect(serverParts(render({ parameters: { ssl_ciphers: value } }).objects).conf.split('\n')).toContain(`ssl_ciphers = '${value}'`);
    expect(admittedSuites(value).map((s) => `${s.name} ${s.mac}`)).toEqual(['ECDHE-ECDSA-AES256-GCM-SHA384 AEAD', 'ECDHE-RSA-AES256-GCM-SHA384 AEAD']);
  });

  test('with TLS off no ssl_ciphers is written, and a CBC list is refused all the same', () => {
    expect(serverParts(render({ tls: { enabled: false }, disposable: true }).objects).conf).not.toContain('ssl_ciphers');
    expect(refused(() => render({ tls: { enabled: false }, disposable: true, parameters: { ssl_ciphers: 'HIGH' } }))).toBe(message('HIGH', 'HIGH'));
  });

  test('ZalandoCluster: the CR carries the same ssl_ciphers (Spilo runs TLS with or without a Secret) and refuses the same lists', () => {
    const build = (parameters?: Record<string, string>) => {
      const chart = testChart();
      new ZalandoCluster(chart, 'acid-orders', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, ...(parameters ? { parameters } : {}) });
      return synth(chart);
    };
    expect(only(build(), 'postgresql').spec.postgresql.parameters.ssl_ciphers).toBe(DEFAULT_SSL_CIPHERS);
    expect(refused(() => build({ ssl_ciphers: 'HIGH:!aNULL' }))).toBe(message('HIGH:!aNULL', 'HIGH', "ZalandoCluster 'test/acid-orders'"));
  });

  // One major here; test/majors/suites/tls.ts probes each TLS environment's server on its own major.
  describe.each([18])('on PostgreSQL %i (openssl s_client -tls1_2)', (major) => {
    let server: TestServer;
    let ciphersOff: TestServer;
    let volume: SecretVolume;
    beforeAll(async () => {
      volume = new SecretVolume(tlsFiles(makeCertificates(SHOP_NAMES, 'cipher CA')), 0o640, serverGroupId());
      const withFiles = (text: string) => text.split(`'${SERVER_TLS_DIR}/`).join(`'${volume.dir}/`);
      const { hba } = serverParts(render().objects);
      const args = (workDir: string) => ['-c', `config_file=${workDir}/postgresql.conf`, '-c', `hba_file=${workDir}/pg_hba.conf`];
      server = await startPostgres({ major, files: { 'postgresql.conf': withFiles(conf), 'pg_hba.conf': hba }, serverArgs: args });
      // The same server with PostgreSQL's default ssl_ciphers: what the probes would see without the setting.
      const withoutCiphers = conf.split('\n').filter((l) => !l.startsWith('ssl_ciphers')).join('\n');
      ciphersOff = await startPostgres({ major, files: { 'postgresql.conf': withFiles(withoutCiphers), 'pg_hba.conf': hba }, serverArgs: args });
    });
    afterAll(() => {
      server?.stop();
      ciphersOff?.stop();
      volume?.remove();
    });

    test.each(['AES128-SHA', 'ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA256', 'AES128-GCM-SHA256'])('%s is refused', (cipher) => {
      const refusedHandshake = handshake(server.port, ['-tls1_2', '-cipher', cipher]);
      expect(refusedHandshake.ok).toBe(false);
      expect(refusedHandshake.output).toMatch(/alert handshake failure|no shared cipher/);
      // The probe can succeed: without the setting the server takes the suite.
      expect(handshake(ciphersOff.port, ['-tls1_2', '-cipher', cipher])).toMatchObject({ ok: true, protocol: 'TLSv1.2', cipher });
    });

    test.each(['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305'])('%s is accepted', (cipher) => {
      expect(handshake(server.port, ['-tls1_2', '-cipher', cipher])).toMatchObject({ ok: true, protocol: 'TLSv1.2', cipher });
    });

    test('TLS 1.3 is unaffected', () => {
      expect(handshake(server.port, ['-tls1_3'])).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
    });
  });
});

describe('an alert fires days before a certificate expires', () => {
  const monitored = (props: PostgresStatefulSetProps = {}, thresholds?: object) => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', monitoring: MONITORING, tls: { certManagerIssuer: { name: 'internal-ca' } }, ...props });
    new SchemaInitJob(chart, 'schema', { server });
    new PostgresMonitoring(chart, 'monitoring', { server, ...(thresholds ? { thresholds } : {}) });
    return synth(chart);
  };
  const objects = monitored();
  const rules: any[] = only(objects, 'PrometheusRule').spec.groups[0].rules;
  const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));
  const EXPIRY = 'certmanager_certificate_expiration_timestamp_seconds{exported_namespace="shop", name="orders-tls"} or certmanager_certificate_expiration_timestamp_seconds{namespace="shop", name="orders-tls"}';

  test("the server's cert-manager Certificate: expiry within 14 days, and no metric for it at all", () => {
    expect(only(objects, 'Certificate').metadata).toMatchObject({ name: 'orders-tls', namespace: 'shop' });
    expect(byName.PostgresCertificateExpiresSoon).toEqual({
      alert: 'PostgresCertificateExpiresSoon',
      expr: `min(${EXPIRY}) - time() < 14 * 86400`,
      for: '1h',
      labels: { severity: 'critical', database: 'orders' },
      annotations: {
        summary: 'orders: its certificate shop/orders-tls expires in less than 14 days and cert-manager has not renewed it',
        runbook_url: 'https://github.com/cdk8s-postgres/cdk8s-postgres/blob/main/docs/runbooks.md#postgrescertificateexpiressoon',
      },
    });
    expect(byName.PostgresCertificateExpiryUnknown).toMatchObject({ expr: `absent(${EXPIRY})`, for: '1h', labels: { severity: 'warning', database: 'orders' } });
  });

  test.each(['PostgresCertificateExpiresSoon', 'PostgresCertificateExpiryUnknown'])('%s parses, uses catalogued metrics, and has its runbook section', (name) => {
    const { errors, metrics } = promql(byName[name].expr);
    expect(errors).toBe(0);
    expect([...new Set(metrics)]).toEqual(['certmanager_certificate_expiration_timestamp_seconds']);
    expect(METRIC_CATALOG.certmanager_certificate_expiration_timestamp_seconds.source).toBe('cert-manager');
    const runbooks = readFileSync(join(REPO_ROOT, 'docs', 'runbooks.md'), 'utf8');
    expect(runbooks).toContain(`## ${name.toLowerCase()}\n`);
  });

  describe('promtool evaluates the rules as Prometheus does', () => {
    const DAY = 86400;
    const metric = 'certmanager_certificate_expiration_timestamp_seconds';
    const alert = (name: string) => ({ exp_labels: byName[name].labels, exp_annotations: byName[name].annotations });
    const run = promtoolTestRules;
    const spec = only(objects, 'PrometheusRule').spec;
    const expiresAt = (days: number, labels: string, samples = 200) => ({ series: `${metric}{${labels}}`, values: `${days * DAY}x${samples}` });

    test('fires 14 days before expiry, an hour after it begins, whichever label holds the namespace; not for another namespace; absent when nothing is scraped', () => {
      const result = run(spec, [
        // Scraped without honor_labels (cert-manager's Helm chart): the Certificate's namespace in exported_namespace.
        { interval: '1m', input_series: [expiresAt(13, 'exported_namespace="shop", namespace="cert-manager", name="orders-tls"')], alert_rule_test: [
          { eval_time: '30m', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [] },
          { eval_time: '2h', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [alert('PostgresCertificateExpiresSoon')] },
          { eval_time: '2h', alertname: 'PostgresCertificateExpiryUnknown', exp_alerts: [] },
        ] },
        // Scraped with honor_labels.
        { interval: '1m', input_series: [expiresAt(13, 'namespace="shop", name="orders-tls"')], alert_rule_test: [
          { eval_time: '2h', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [alert('PostgresCertificateExpiresSoon')] },
        ] },
        // Valid for 14 days and 3 hours: quiet until 3 hours have passed, firing an hour later.
        { interval: '1m', input_series: [expiresAt(14 + 3 / 24, 'exported_namespace="shop", namespace="cert-manager", name="orders-tls"', 400)], alert_rule_test: [
          { eval_time: '3h50m', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [] },
          { eval_time: '4h10m', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [alert('PostgresCertificateExpiresSoon')] },
        ] },
        // Another namespace's certificate of the same name, expired, is not this one.
        { interval: '1m', input_series: [expiresAt(60, 'namespace="shop", name="orders-tls"'), { series: `${metric}{exported_namespace="billing", namespace="cert-manager", name="orders-tls"}`, values: '0x200' }],
          alert_rule_test: [{ eval_time: '2h', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [] }] },
        // Nothing scraped.
        { interval: '1m', input_series: [{ series: 'up{job="other"}', values: '1x200' }], alert_rule_test: [
          { eval_time: '2h', alertname: 'PostgresCertificateExpiryUnknown', exp_alerts: [alert('PostgresCertificateExpiryUnknown')] },
          { eval_time: '2h', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [] },
        ] },
      ]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('SUCCESS');
      expect(result.status).toBe(0);
    });

    test('the evaluation can fail: promtool reports an alert that does not fire as expected', () => {
      const result = run(spec, [{ interval: '1m', input_series: [expiresAt(15, 'namespace="shop", name="orders-tls"')], alert_rule_test: [
        { eval_time: '2h', alertname: 'PostgresCertificateExpiresSoon', exp_alerts: [alert('PostgresCertificateExpiresSoon')] },
      ] }]);
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toContain('FAILED');
    });
  });

  test('the threshold is configurable: 7 days', () => {
    const seven = only(monitored({}, { certificateExpiryDays: 7 }), 'PrometheusRule').spec.groups[0].rules.find((r: any) => r.alert === 'PostgresCertificateExpiresSoon');
    expect(seven.expr).toBe(`min(${EXPIRY}) - time() < 7 * 86400`);
    expect(seven.annotations.summary).toBe('orders: its certificate shop/orders-tls expires in less than 7 days and cert-manager has not renewed it');
  });

  test.each([30, 0, -1])('a threshold of %s days is refused', (days) => {
    expect(refused(() => monitored({}, { certificateExpiryDays: days }))).toBe(
      `PostgresMonitoring 'test/monitoring': thresholds.certificateExpiryDays ${days} must be above 0 and below 30: ` +
      'cert-manager renews a certificate 30 days before it expires by default, so at 30 or more the alert would fire before every renewal');
  });

  test('a certificate made by hand (no cert-manager) has no certificate alerts and no dashboard panel', () => {
    const handMade = monitored({ tls: {} });
    expect(only(handMade, 'PrometheusRule').spec.groups[0].rules.map((r: any) => r.alert).filter((a: string) => a.includes('Certificate'))).toEqual([]);
    const dashboard = JSON.parse(Object.values<string>(handMade.find((o) => o.metadata.labels?.grafana_dashboard === '1')!.data)[0]);
    expect(dashboard.panels.map((p: any) => p.title)).not.toContain('Certificate: time until it expires');
  });

  test('the dashboard shows the time left, with the same expression', () => {
    const dashboard = JSON.parse(Object.values<string>(objects.find((o) => o.metadata.labels?.grafana_dashboard === '1')!.data)[0]);
    const panel = dashboard.panels.find((p: any) => p.title === 'Certificate: time until it expires');
    expect(panel.fieldConfig.defaults.unit).toBe('s');
    expect(panel.targets).toEqual([{ refId: 'A', expr: `min(${EXPIRY}) - time()`, legendFormat: 'orders-tls' }]);
    expect(promql(panel.targets[0].expr).errors).toBe(0);
  });

  test("ZalandoCluster: the operator's cluster's Certificate is watched the same way", () => {
    const chart = testChart();
    const cluster = new ZalandoCluster(chart, 'acid-orders', {
      namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, tls: { certManagerIssuer: { name: 'internal-ca' } },
      monitoring: { login: { name: 'orders_metrics', password: { name: 'orders-metrics.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } } },
    });
    new SchemaInitJob(chart, 'schema', { server: cluster.connection, logins: 'existing' });
    new PostgresMonitoring(chart, 'monitoring', { server: cluster });
    const rule = only(synth(chart), 'PrometheusRule').spec.groups[0].rules.find((r: any) => r.alert === 'PostgresCertificateExpiresSoon');
    expect(rule.expr).toContain('{namespace="shop", name="acid-orders-tls"}');
  });

  test('a server given as plain data names its certificate itself; a name that is no Certificate name is refused', () => {
    const plain = { monitoredServer: { name: 'db', namespace: 'shop', podPattern: 'db-[0-9]+', container: 'postgres', claimPattern: 'data-db-[0-9]+', hasCpuLimit: false, metricsServiceLabels: { app: 'db' } } };
    const withCertificate = (name: string) => {
      const chart = testChart();
      new PostgresMonitoring(chart, 'monitoring', { server: { monitoredServer: { ...plain.monitoredServer, certificate: { namespace: 'shop', name } } } });
      return synth(chart);
    };
    expect(only(withCertificate('db-cert'), 'PrometheusRule').spec.groups[0].rules.map((r: any) => r.alert)).toContain('PostgresCertificateExpiresSoon');
    expect(refused(() => withCertificate('DB cert'))).toBe(
      "PostgresMonitoring 'test/monitoring': server.monitoredServer.certificate.name \"DB cert\" is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most 253 characters)");
  });

  test("aks-phonebill-dev (cert-manager, monitoring on) watches its server's Certificate", () => {
    const chart = new EnvironmentChart(testApp(), 'aks-phonebill-dev', environmentNamed('aks-phonebill-dev'));
    const rendered = synth(chart);
    const certificate = only(rendered, 'Certificate');
    const rule = only(rendered, 'PrometheusRule').spec.groups[0].rules.find((r: any) => r.alert === 'PostgresCertificateExpiresSoon');
    expect(rule.expr).toContain(`{namespace="${certificate.metadata.namespace}", name="${certificate.metadata.name}"}`);
  });
});

describe('one certificate per server, never another Secret', () => {
  /** The chart's validation problems (the lines after `Chart '…' is not valid:`). */
  const problems = (chart: Chart): string[] => {
    try {
      validateChart(chart);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as Error).message.split('\n  ').slice(1);
    }
  };
  const SHARED = (later: string, first: string, name = 'shared-tls') =>
    `[test] PostgresStatefulSet '${later}': tls.secretName "${name}" is also the certificate Secret of PostgresStatefulSet '${first}' in namespace 'shop': ` +
    "a Secret holds one certificate, which would carry one server's names only and fail the other's verify-full clients; give each server a tls.secretName of its own";

  test('two servers given one tls.secretName in one namespace are refused at synth, naming both; RequiredCertificates.collect refuses them too', () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', tls: { secretName: 'shared-tls' } });
    new PostgresStatefulSet(chart, 'billing', { namespace: 'shop', tls: { secretName: 'shared-tls' } });
    expect(problems(chart)).toEqual([SHARED('test/billing', 'test/orders')]);
    expect(refused(() => RequiredCertificates.collect(chart))).toBe(SHARED('test/billing', 'test/orders').slice('[test] '.length));
  });

  test('the check can pass: the same name in two namespaces, or two names, are two Secrets', () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', tls: { secretName: 'shared-tls' } });
    new PostgresStatefulSet(chart, 'billing', { namespace: 'billing', tls: { secretName: 'shared-tls' } });
    new PostgresStatefulSet(chart, 'stock', { namespace: 'shop' });
    expect(problems(chart)).toEqual([]);
    expect(RequiredCertificates.collect(chart).map((c) => `${c.namespace}/${c.name}`)).toEqual(['billing/shared-tls', 'shop/shared-tls', 'shop/stock-tls']);
  });

  test('with cert-manager: the same refusal, besides the two Certificates of one name', () => {
    const chart = testChart();
    for (const id of ['orders', 'billing']) new PostgresStatefulSet(chart, id, { namespace: 'shop', tls: { secretName: 'shared-tls', certManagerIssuer: { name: 'internal-ca' } } });
    expect(problems(chart)).toEqual([
      SHARED('test/billing', 'test/orders'),
      "[test] Certificate 'shop/shared-tls' is defined twice: by PostgresStatefulSet 'test/orders' and by PostgresStatefulSet 'test/billing'; objects of one kind, namespace and name replace each other when applied: give one of them another name",
    ]);
  });

  test('a StatefulSet server and a Zalando cluster sharing one Secret', () => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', tls: { secretName: 'shared-tls' } });
    new ZalandoCluster(chart, 'acid-orders', { namespace: 'shop', teamId: 'acid', storage: { size: '10Gi' }, tls: { secretName: 'shared-tls' } });
    expect(problems(chart)).toEqual([
      "[test] ZalandoCluster 'test/acid-orders': tls.secretName \"shared-tls\" is also the certificate Secret of PostgresStatefulSet 'test/orders' in namespace 'shop': " +
      "a Secret holds one certificate, which would carry one server's names only and fail the other's verify-full clients; give each server a tls.secretName of its own",
    ]);
  });

  test.each([
    [{}, 'the secrets command would print two Secrets of that name'],
    [{ certManagerIssuer: { name: 'internal-ca' } }, 'cert-manager would write the certificate into that Secret'],
  ])("a tls.secretName equal to the server's password Secret is refused (%j)", (tls, consequence) => {
    const chart = testChart();
    new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', superuser: superuser('orders-secrets'), tls: { ...tls, secretName: 'orders-secrets' } });
    expect(problems(chart)).toEqual([
      `[test] PostgresStatefulSet 'test/orders': tls.secretName "orders-secrets" is also the name of the Secret of passwords 'shop/orders-secrets' (keys password) that the manifests read: ${consequence}; give the certificate a Secret of its own`,
    ]);
  });

  test("a login Secret a schema Job declares after the server is found too, and a Secret the chart writes", () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', tls: { secretName: 'orders-app' } });
    new SchemaInitJob(chart, 'schema', {
      server,
      databases: [{ name: 'orders', owner: 'postgres' }],
      users: [{ name: 'app', kind: 'app', databases: ['orders'], password: { name: 'orders-app', key: 'password', usernameKey: 'username' } }],
    });
    new KubeSecret(chart, 'own', { metadata: { name: 'orders-app', namespace: 'shop' } });
    expect(problems(chart)).toEqual([
      "[test] PostgresStatefulSet 'test/orders': tls.secretName \"orders-app\" is also the name of the Secret of passwords 'shop/orders-app' (keys password, username) that the manifests read: " +
      'the secrets command would print two Secrets of that name; give the certificate a Secret of its own',
      "[test] PostgresStatefulSet 'test/orders': tls.secretName \"orders-app\" is also the name of Secret 'shop/orders-app' that KubeSecret 'test/own' writes into the manifests; give the certificate a Secret of its own",
    ]);
  });

  test('an environment that gives two servers one tls.secretName fails its synth, as the secrets command does', () => {
    const server = (id: string): EnvironmentDescription['servers'][number] => ({
      id, namespace: 'shop', name: id, tls: { secretName: 'shop-tls' }, backend: { kind: 'statefulSet', superuser: superuser(`${id}-superuser`) },
    });
    const chart = new EnvironmentChart(testApp(), 'tls-test', { name: 'tls-test', summary: 'tls', servers: [server('orders'), server('billing')] });
    expect(problems(chart)).toEqual([SHARED('tls-test/billing', 'tls-test/orders', 'shop-tls').replace('[test]', '[tls-test]')]);
    expect(() => RequiredCertificates.collect(chart)).toThrow(ValidationError);
  });

  test("every environment's servers have certificate Secrets of their own", () => {
    const names = ['minikube-dev', 'solid-cloud', 'aks-phonebill-dev', 'aws-efs', 'prod-operator'];
    for (const name of names) expect(`${name}: ${certificateSecretProblems(new EnvironmentChart(testApp(), name, environmentNamed(name))).join('\n')}`).toBe(`${name}: `);
  });
});
