import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { renderSecrets } from '../apps/secrets';
import { environmentNamed } from '../environments';
import {
  BackupCronJob, BackupStorage, EnvironmentChart, EnvironmentDescription, PostgresStatefulSet, PostgresStatefulSetProps,
  RequiredCertificates, RestoreJob, SchemaInitJob, ZalandoCluster, ZalandoClusterProps,
} from '../lib';
import { postgresqlProblems } from './support/crd-schema';
import { ConfigReader } from './support/postgres-conf';
import { refused } from './support/errors';
import { KubeObject, loadDist, only, podSpecOf, synth, testApp, testChart } from './support/manifests';
import { validateObject } from './support/schema';

/** ECDHE with AES-GCM or ChaCha20-Poly1305, ECDSA and RSA certificates (test/tls-upkeep.test.ts shows what openssl makes of it). */
const AEAD_CIPHERS = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305';

const SHOP_NAMES = ['orders', 'orders.shop', 'orders.shop.svc', 'orders.shop.svc.cluster.local',
  'orders-headless', 'orders-headless.shop', 'orders-headless.shop.svc', 'orders-headless.shop.svc.cluster.local',
  'orders-0.orders-headless', 'orders-0.orders-headless.shop', 'orders-0.orders-headless.shop.svc', 'orders-0.orders-headless.shop.svc.cluster.local'];

function render(props: PostgresStatefulSetProps = {}) {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', ...props });
  if (props.monitoring) new SchemaInitJob(chart, 'schema', { server });
  return { chart, server, objects: synth(chart) };
}

describe('PostgresStatefulSet: TLS by default', () => {
  const { chart, server, objects } = render({ monitoring: { login: { name: 'orders_metrics', password: { name: 'orders-monitoring', key: 'password' } } } });
  const pod = only(objects, 'StatefulSet').spec.template.spec;
  const [postgres, exporter] = pod.containers;
  const conf: string = only(objects, 'ConfigMap', 'orders-config').data['postgresql.conf'];

  test('the certificate Secret is mounted read-only, its three keys only, key readable by the fsGroup (0640)', () => {
    const volume = pod.volumes.find((v: any) => v.name === 'tls');
    expect(volume.secret).toEqual({
      secretName: 'orders-tls',
      items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }, { key: 'ca.crt', path: 'ca.crt' }],
      defaultMode: 0o640,
    });
    expect(postgres.volumeMounts).toContainEqual({ name: 'tls', mountPath: '/etc/postgresql-tls', readOnly: true });
    expect(pod.securityContext.fsGroup).toBe(999);
  });

  test('postgresql.conf turns TLS on with the mounted files, TLS 1.2 at least, with AEAD suites only', () => {
    for (const line of ["ssl = on", "ssl_cert_file = '/etc/postgresql-tls/tls.crt'", "ssl_key_file = '/etc/postgresql-tls/tls.key'",
      "ssl_ca_file = '/etc/postgresql-tls/ca.crt'", "ssl_min_protocol_version = 'TLSv1.2'", `ssl_ciphers = '${AEAD_CIPHERS}'`]) {
      expect(conf.split('\n')).toContain(line);
    }
  });

  test.each([14, 17])('PostgreSQL %i reads the TLS settings as written (postgres -C)', (major) => {
    const reader = new ConfigReader(major);
    try {
      const read = (name: string) => reader.read(conf, name);
      expect([read('ssl'), read('ssl_cert_file'), read('ssl_key_file'), read('ssl_ca_file'), read('ssl_min_protocol_version'), read('ssl_ciphers')].map((r) => r.error || r.value))
        .toEqual(['on', '/etc/postgresql-tls/tls.crt', '/etc/postgresql-tls/tls.key', '/etc/postgresql-tls/ca.crt', 'TLSv1.2', AEAD_CIPHERS]);
    } finally {
      reader.dispose();
    }
  });

  test('without cert-manager the Secret is declared for the secrets command, with the Services\' names', () => {
    expect(objects.filter((o) => o.kind === 'Certificate')).toEqual([]);
    expect(RequiredCertificates.collect(chart)).toEqual([{ namespace: 'shop', name: 'orders-tls', dnsNames: SHOP_NAMES }]);
    expect(server.tls).toEqual({ caSecretName: 'orders-tls', caKey: 'ca.crt' });
    expect(server.tlsDnsNames).toEqual(SHOP_NAMES);
  });

  test('the exporter uses the Unix socket in the directory it shares with the server, read-only, and no certificate', () => {
    expect(exporter.env).toContainEqual({ name: 'DATA_SOURCE_URI', value: '/postgres?host=/var/run/postgresql&sslmode=disable' });
    expect(exporter.volumeMounts).toEqual([{ name: 'run', mountPath: '/var/run/postgresql', readOnly: true }]);
    expect(postgres.volumeMounts).toContainEqual({ name: 'run', mountPath: '/var/run/postgresql' });
    expect(conf).toContain("unix_socket_directories = '/var/run/postgresql'");
  });

  test('a cert-manager issuer gives a Certificate for every Service name, writing the mounted Secret', () => {
    const { objects: withIssuer } = render({ tls: { certManagerIssuer: { name: 'internal-ca' }, extraDnsNames: ['db.example.com'] } });
    const certificate = only(withIssuer, 'Certificate', 'orders-tls');
    expect(validateObject(certificate)).toEqual([]);
    expect(certificate.apiVersion).toBe('cert-manager.io/v1');
    expect(certificate.spec).toMatchObject({
      secretName: 'orders-tls',
      issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      dnsNames: [...SHOP_NAMES, 'db.example.com'],
      usages: ['server auth', 'digital signature', 'key encipherment'],
    });
  });

  test('the ssl settings belong to the construct', () => {
    for (const key of ['ssl', 'ssl_cert_file', 'ssl_min_protocol_version']) {
      expect(refused(() => render({ parameters: { [key]: 'off' } }))).toBe(
        `PostgresStatefulSet 'test/orders': parameters.${key} "off" is managed by the construct (Services, probes and mounts depend on it) and cannot be overridden`);
    }
  });

  test('TLS off is refused outside a disposable environment', () => {
    expect(refused(() => render({ tls: { enabled: false } }))).toBe(
      "PostgresStatefulSet 'test/orders': tls.enabled false leaves passwords and data readable on the network; TLS may be turned off only where disposable: true declares a disposable development environment");
  });

  test('TLS off in a disposable environment keeps plain host lines, no certificate and no ssl settings', () => {
    const { chart: off, server: plain, objects: offObjects } = render({ tls: { enabled: false }, disposable: true });
    const configMap = only(offObjects, 'ConfigMap');
    expect(configMap.data['pg_hba.conf']).toContain('host all all 0.0.0.0/0 scram-sha-256');
    expect(configMap.data['pg_hba.conf']).not.toContain('hostssl');
    expect(configMap.data['postgresql.conf']).not.toContain('ssl');
    expect(only(offObjects, 'StatefulSet').spec.template.spec.volumes.map((v: any) => v.name)).not.toContain('tls');
    expect(RequiredCertificates.collect(off)).toEqual([]);
    expect(plain.tls).toBeUndefined();
  });

  test.each([
    [{ secretName: 'Orders_TLS' }, `tls.secretName "Orders_TLS"`],
    [{ certManagerIssuer: { name: 'CA issuer' } }, `tls.certManagerIssuer.name "CA issuer"`],
  ])('names are checked at synth: %j', (tls, start) => {
    expect(refused(() => render({ tls }))).toMatch(new RegExp(`^PostgresStatefulSet 'test/orders': ${start.replace(/[.*"]/g, '\\$&')} is not`));
  });

  test('extra DNS names must be DNS names', () => {
    expect(refused(() => render({ tls: { extraDnsNames: ['db.example.com', 'not a name'] } }))).toBe(
      "PostgresStatefulSet 'test/orders': tls.extraDnsNames[1] \"not a name\" is not a DNS name (lower-case labels of letters, digits and '-', separated by dots, e.g. 'db.example.com')");
  });

  test("a string 'false' is not a way to turn TLS off", () => {
    expect(refused(() => render({ tls: { enabled: 'false' as unknown as boolean }, disposable: true }))).toMatch(/tls\.enabled/);
  });
});

describe('clients verify the server (verify-full, the CA alone)', () => {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, 'orders', { namespace: 'shop' });
  new SchemaInitJob(chart, 'schema', { server, databases: [{ name: 'orders', owner: 'postgres' }] });
  const backup = new BackupCronJob(chart, 'backup', { server, storage: BackupStorage.newClaim({ size: '1Gi' }) });
  new RestoreJob(chart, 'restore', { server, claimName: backup.claimName, sourceDatabase: 'orders' });
  const objects = synth(chart);
  const clients = objects.filter((o) => o.kind === 'Job' || o.kind === 'CronJob');

  test.each(clients.map((o): [string, KubeObject] => [`${o.kind} ${o.metadata.name}`, o]))('%s', (_name, o) => {
    const spec = podSpecOf(o);
    const c = spec.containers[0];
    const env = Object.fromEntries(c.env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ PGHOST: 'orders', PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/etc/postgresql-ca/ca.crt' });
    expect(server.tlsDnsNames).toContain(env.PGHOST);
    const secretVolumes = spec.volumes.filter((v: any) => v.secret);
    expect(secretVolumes).toEqual([{ name: 'tls-ca', secret: { secretName: 'orders-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }], defaultMode: 0o444 } }]);
    expect(c.volumeMounts).toContainEqual({ name: 'tls-ca', mountPath: '/etc/postgresql-ca', readOnly: true });
  });

  test('every Job of every environment in dist/ verifies its server, with a name in its certificate', () => {
    const checked: string[] = [];
    for (const [environment, envObjects] of Object.entries(loadDist())) {
      const app = new App({ outdir: '/nonexistent' });
      const names = new Map<string, string[]>([
        ...envObjects.filter((o) => o.kind === 'Certificate').map((c): [string, string[]] => [`${c.metadata.namespace}/${c.spec.secretName}`, c.spec.dnsNames]),
        ...RequiredCertificates.collect(new EnvironmentChart(app, environment, environmentNamed(environment))).map((c): [string, string[]] => [`${c.namespace}/${c.name}`, c.dnsNames]),
      ]);
      for (const o of envObjects.filter((x) => x.kind === 'Job' || x.kind === 'CronJob')) {
        const spec = podSpecOf(o);
        // The container that logs in (a backup that uploads runs its dump as an init container).
        const client = [...spec.initContainers ?? [], ...spec.containers].find((c: any) => c.env?.some((e: any) => e.name === 'PGHOST'));
        const env = Object.fromEntries(client.env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
        const ca = spec.volumes.find((v: any) => v.name === 'tls-ca');
        expect(`${o.metadata.name}: ${env.PGSSLMODE}`).toBe(`${o.metadata.name}: verify-full`);
        expect(ca.secret.items).toEqual([{ key: 'ca.crt', path: 'ca.crt' }]);
        expect(names.get(`${o.metadata.namespace}/${ca.secret.secretName}`)).toContain(env.PGHOST);
        checked.push(`${environment}/${o.metadata.name}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(6);
  });

  test('the connection ConfigMap tells applications the sslmode and where the CA is', () => {
    const configMap = only(loadDist()['solid-cloud'], 'ConfigMap', 'titanium-db-config');
    expect(configMap.data).toMatchObject({
      POSTGRES_HOST: 'postgresql-service',
      POSTGRES_SSLMODE: 'verify-full',
      POSTGRES_SSL_CA_SECRET: 'postgresql-tls',
      POSTGRES_SSL_CA_KEY: 'ca.crt',
    });
    expect(only(loadDist()['solid-cloud'], 'Certificate', 'postgresql-tls').spec.dnsNames).toContain('postgresql-service');
  });
});

describe('ZalandoCluster: spec.tls from the same declaration', () => {
  const base: ZalandoClusterProps = { teamId: 'acid', storage: { size: '10Gi' } };
  const build = (props: Partial<ZalandoClusterProps> = {}) => {
    const chart = testChart();
    const cluster = new ZalandoCluster(chart, 'acid-orders', { namespace: 'shop', ...base, ...props });
    if (props.monitoring) new SchemaInitJob(chart, 'schema', { server: cluster.connection, logins: 'existing' });
    return { cluster, objects: synth(chart) };
  };

  test('the Secret\'s certificate, key and CA, valid against the CRD; Jobs and the exporter verify', () => {
    const { cluster, objects } = build({
      tls: { certManagerIssuer: { name: 'internal-ca', kind: 'Issuer' } },
      users: [{ name: 'orders_metrics', kind: 'monitoring', password: { name: 'x', key: 'm' } }],
      monitoring: { login: { name: 'orders_metrics', password: { name: 'orders-metrics.acid-orders.credentials.postgresql.acid.zalan.do', key: 'password' } } },
    });
    const resource = only(objects, 'postgresql');
    expect(postgresqlProblems(resource)).toEqual([]);
    expect(resource.spec.tls).toEqual({ secretName: 'acid-orders-tls', certificateFile: 'tls.crt', privateKeyFile: 'tls.key', caFile: 'ca.crt' });
    expect(cluster.connection.tls).toEqual({ caSecretName: 'acid-orders-tls', caKey: 'ca.crt' });
    const certificate = only(objects, 'Certificate', 'acid-orders-tls');
    expect(validateObject(certificate)).toEqual([]);
    expect(certificate.spec.issuerRef).toEqual({ name: 'internal-ca', kind: 'Issuer', group: 'cert-manager.io' });
    expect(certificate.spec.dnsNames).toEqual(expect.arrayContaining(['acid-orders', 'acid-orders.shop.svc.cluster.local', 'acid-orders-repl', 'localhost']));
    expect(certificate.spec.dnsNames).not.toContain('acid-orders-pooler');
    const { objects: pooled } = build({ tls: { certManagerIssuer: { name: 'internal-ca' } }, connectionPooler: {} });
    expect(only(pooled, 'Certificate').spec.dnsNames).toEqual(expect.arrayContaining(['acid-orders-pooler', 'acid-orders-pooler.shop.svc.cluster.local']));
    const [sidecar] = resource.spec.sidecars;
    expect(sidecar.env).toContainEqual({ name: 'DATA_SOURCE_URI', value: 'localhost:5432/postgres?sslmode=verify-full&sslrootcert=/etc/postgresql-ca/ca.crt' });
    expect(resource.spec.additionalVolumes).toEqual([{
      name: 'tls-ca', mountPath: '/etc/postgresql-ca', targetContainers: ['postgres-exporter'],
      volumeSource: { secret: { secretName: 'acid-orders-tls', items: [{ key: 'ca.crt', path: 'ca.crt' }], defaultMode: 0o444 } },
    }]);
  });

  test('TLS off is refused outside a disposable environment, and falls back to the operator\'s own certificate inside one', () => {
    expect(refused(() => build({ tls: { enabled: false } }))).toBe(
      "ZalandoCluster 'test/acid-orders': tls.enabled false leaves passwords and data readable on the network; TLS may be turned off only where disposable: true declares a disposable development environment");
    const { cluster, objects } = build({ tls: { enabled: false }, disposable: true });
    expect(only(objects, 'postgresql').spec.tls).toBeUndefined();
    expect(cluster.connection.tls).toBeUndefined();
  });
});

describe('environments: cert-manager where declared', () => {
  const environment = (certManager?: EnvironmentDescription['certManager'], tls?: PostgresStatefulSetProps['tls']): EnvironmentDescription => ({
    name: 'tls-test',
    summary: 'tls',
    ...(certManager ? { certManager } : {}),
    servers: [{ id: 'db', namespace: 'shop', name: 'db', ...(tls ? { tls } : {}), backend: { kind: 'statefulSet', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } } }],
  });

  test("the environment's issuer signs each server's certificate", () => {
    const objects = synth(new EnvironmentChart(testApp(), 'tls-test', environment({ issuer: { name: 'cluster-ca' } })));
    expect(only(objects, 'Certificate', 'db-tls').spec.issuerRef.name).toBe('cluster-ca');
  });

  test("a server's own issuer wins", () => {
    const objects = synth(new EnvironmentChart(testApp(), 'tls-test', environment({ issuer: { name: 'cluster-ca' } }, { certManagerIssuer: { name: 'db-ca', kind: 'Issuer' } })));
    expect(only(objects, 'Certificate', 'db-tls').spec.issuerRef).toEqual({ name: 'db-ca', kind: 'Issuer', group: 'cert-manager.io' });
  });

  test('every environment deploys TLS: a certificate (Certificate or hand-made Secret) for every server', () => {
    for (const [name, objects] of Object.entries(loadDist())) {
      const servers = objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'postgresql');
      for (const server of servers) {
        const secretName = server.kind === 'postgresql' ? server.spec.tls.secretName : podSpecOf(server).volumes.find((v: any) => v.name === 'tls').secret.secretName;
        const declared = objects.some((o) => o.kind === 'Certificate' && o.spec.secretName === secretName)
          || RequiredCertificates.collect(new EnvironmentChart(new App({ outdir: '/nonexistent' }), name, environmentNamed(name))).some((c) => c.name === secretName);
        expect(`${name}/${server.metadata.name}: ${declared}`).toBe(`${name}/${server.metadata.name}: true`);
      }
    }
  });
});

describe('npm run secrets: a self-signed CA and server certificates for development', () => {
  const docs = parseAllDocuments(renderSecrets('minikube-dev')).map((d) => d.toJSON());
  const tlsSecrets = docs.filter((d) => d.type === 'kubernetes.io/tls');
  const dir = mkdtempSync(join(tmpdir(), 'secrets-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const openssl = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });

  test('one kubernetes.io/tls Secret per server, with the keys the volume mounts', () => {
    expect(tlsSecrets.map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual([
      'dbaas-dbaas-metadata/dbaas-metadata-postgresql-local-tls',
      'microservices/postgresql-tls',
    ]);
    for (const secret of tlsSecrets) {
      expect(validateObject(secret)).toEqual([]);
      expect(Object.keys(secret.stringData).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    }
  });

  test("each certificate is signed by the CA in its Secret and valid for the server's names (openssl verify)", () => {
    const app = new App({ outdir: '/nonexistent' });
    const required = RequiredCertificates.collect(new EnvironmentChart(app, 'minikube-dev', environmentNamed('minikube-dev')));
    for (const secret of tlsSecrets) {
      const names = required.find((r) => r.name === secret.metadata.name)!.dnsNames;
      writeFileSync(join(dir, 'ca.crt'), secret.stringData['ca.crt']);
      writeFileSync(join(dir, 'tls.crt'), secret.stringData['tls.crt']);
      writeFileSync(join(dir, 'tls.key'), secret.stringData['tls.key'], { mode: 0o600 });
      for (const name of names) {
        const verify = openssl(['verify', '-purpose', 'sslserver', '-verify_hostname', name, '-CAfile', join(dir, 'ca.crt'), join(dir, 'tls.crt')]);
        expect(`${name}: ${verify.stdout.trim()}`).toBe(`${name}: ${join(dir, 'tls.crt')}: OK`);
      }
      expect(openssl(['verify', '-verify_hostname', 'evil.example.com', '-CAfile', join(dir, 'ca.crt'), join(dir, 'tls.crt')]).status).not.toBe(0);
      // The key belongs to the certificate.
      const publicOf = (args: string[]) => openssl(args).stdout;
      expect(publicOf(['pkey', '-in', join(dir, 'tls.key'), '-pubout'])).toBe(publicOf(['x509', '-in', join(dir, 'tls.crt'), '-noout', '-pubkey']));
    }
  });

  test('both servers share one fresh CA, and a second run makes another', () => {
    expect(new Set(tlsSecrets.map((s) => s.stringData['ca.crt'])).size).toBe(1);
    const again = parseAllDocuments(renderSecrets('minikube-dev')).map((d) => d.toJSON()).filter((d) => d.type === 'kubernetes.io/tls');
    expect(again[0].stringData['ca.crt']).not.toBe(tlsSecrets[0].stringData['ca.crt']);
    expect(again[0].stringData['tls.key']).not.toBe(tlsSecrets[0].stringData['tls.key']);
  });

  test('environments with cert-manager print no certificate', () => {
    const printed = parseAllDocuments(renderSecrets('solid-cloud')).map((d) => d.toJSON());
    expect(printed.filter((d) => d.type === 'kubernetes.io/tls')).toEqual([]);
  });
});
