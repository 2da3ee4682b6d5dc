import { Chart } from 'cdk8s';
import { MajorUpgradeJob, MajorUpgradeJobProps, PostgresStatefulSet, toYaml } from '../lib';
import { MAJOR_UPGRADE_SCRIPT } from '../lib/jobs/major-upgrade/script';
import { refused } from './support/errors';
import { asJson, byIdentity, objectsOf, readWithKubectl } from './support/kubectl';
import { only, synth, testChart } from './support/manifests';
import { NetworkPolicies, Pod } from './support/network-policy';
import { checkSecurityBaseline } from './support/policy';
import { shellcheck } from './support/shellcheck';

const SUPERUSER = { name: 'postgres', password: { name: 'orders-superuser', key: 'password' } };

function servers(chart: Chart, from = 14, to = 17) {
  const source = new PostgresStatefulSet(chart, 'old', { namespace: 'shop', name: 'orders', majorVersion: from, superuser: SUPERUSER, database: 'orders' });
  const target = new PostgresStatefulSet(chart, 'new', { namespace: 'shop', name: `orders-pg${to}`, majorVersion: to, superuser: SUPERUSER, database: 'orders' });
  return { source, target };
}

function build(props: Partial<MajorUpgradeJobProps> = {}, from = 14, to = 17) {
  const chart = testChart();
  const { source, target } = servers(chart, from, to);
  const upgrade = new MajorUpgradeJob(chart, 'upgrade', { source, target, ...props });
  return { chart, source, target, upgrade, objects: synth(chart) };
}

describe('MajorUpgradeJob manifest', () => {
  const { chart, source, target, upgrade, objects } = build();
  const job = only(objects, 'Job', 'orders-pg17-major-upgrade');
  const pod = job.spec.template.spec;
  const container = pod.containers[0];
  const env = (name: string) => container.env.find((e: any) => e.name === name);

  test('one run of the target major\'s image, no retries, bounded, kept a day', () => {
    expect(upgrade.name).toBe('orders-pg17-major-upgrade');
    expect([upgrade.sourceMajorVersion, upgrade.targetMajorVersion]).toEqual([14, 17]);
    expect(container.image).toBe(target.image);
    expect(container.image).toBe('postgres:17.10');
    expect(job.metadata.namespace).toBe('shop');
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 21600, ttlSecondsAfterFinished: 86400 });
    expect(container.command).toEqual(['/bin/bash', '-c', MAJOR_UPGRADE_SCRIPT]);
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
  });

  test('the target in libpq\'s variables, the source in SOURCE_*, both verified with TLS against their own CA', () => {
    expect(env('PGHOST')).toEqual({ name: 'PGHOST', value: target.serviceName });
    expect(env('SOURCE_PGHOST')).toEqual({ name: 'SOURCE_PGHOST', value: source.serviceName });
    expect(env('SOURCE_PGPORT')).toEqual({ name: 'SOURCE_PGPORT', value: '5432' });
    expect(env('SOURCE_PGDATABASE')).toEqual({ name: 'SOURCE_PGDATABASE', value: 'orders' });
    expect(env('PGSSLMODE')?.value).toBe('verify-full');
    expect(env('SOURCE_PGSSLMODE')?.value).toBe('verify-full');
    expect(env('SOURCE_PGSSLROOTCERT')?.value).toBe('/etc/postgresql-source-ca/ca.crt');
    const caSecrets = pod.volumes.filter((v: any) => v.secret).map((v: any) => [v.name, v.secret.secretName, v.secret.items]);
    expect(caSecrets).toEqual([
      ['source-tls-ca', source.tls!.caSecretName, [{ key: 'ca.crt', path: 'ca.crt' }]],
      ['tls-ca', target.tls!.caSecretName, [{ key: 'ca.crt', path: 'ca.crt' }]],
    ]);
    expect(container.volumeMounts).toContainEqual({ name: 'source-tls-ca', mountPath: '/etc/postgresql-source-ca', readOnly: true });
  });

  test('passwords only by secretKeyRef; no value names or holds one', () => {
    const passwords = container.env.filter((e: any) => /PASSWORD/.test(e.name));
    expect(passwords).toHaveLength(2);
    expect(passwords).toEqual(expect.arrayContaining([
      { name: 'SOURCE_PGPASSWORD', valueFrom: { secretKeyRef: { name: 'orders-superuser', key: 'password' } } },
      { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'orders-superuser', key: 'password' } } },
    ]));
    for (const e of container.env) if (e.value !== undefined) expect(e.value).not.toMatch(/password=|:\/\/[^@]*:[^@]*@/i);
    expect(container.args).toBeUndefined();
  });

  test('restricted Pod Security, read-only root, no service account token', () => {
    expect(checkSecurityBaseline(objects.filter((o) => o.kind === 'Job'))).toEqual([]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('its pod reaches both servers on 5432 and DNS, nothing else; both servers admit it', () => {
    const policies = new NetworkPolicies(objects);
    const jobPod: Pod = { namespace: 'shop', labels: job.spec.template.metadata.labels };
    const serverPod = (s: PostgresStatefulSet): Pod => ({ namespace: 'shop', labels: s.selectorLabels });
    expect(policies.allows(jobPod, serverPod(source), { port: 5432 })).toBe(true);
    expect(policies.allows(jobPod, serverPod(target), { port: 5432 })).toBe(true);
    expect(policies.allows(jobPod, { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, { port: 53, protocol: 'UDP' })).toBe(true);
    expect(policies.refusals(jobPod, { ip: '203.0.113.10' }, { port: 443 })).toEqual(['egress of the source']);
    expect(policies.refusals(jobPod, { namespace: 'shop', labels: { app: 'shop' } }, { port: 5432 })).toEqual(['egress of the source']);
    // Another pod, without the clients' labels, is refused by both servers.
    expect(policies.allows({ namespace: 'shop', labels: { app: 'shop' } }, serverPod(source), { port: 5432 })).toBe(false);
  });

  test('kubectl reads the manifest as the chart meant it', async () => {
    const reading = (await readWithKubectl({ 'upgrade.k8s.yaml': toYaml(chart.toJson()) }))['upgrade.k8s.yaml'];
    const meant = byIdentity(asJson(chart.toJson()));
    expect(byIdentity(objectsOf(reading.applyFile))).toEqual(meant);
    expect(byIdentity(objectsOf(reading.kustomize))).toEqual(meant);
  });

  test('shellcheck finds nothing in its script', () => {
    const result = shellcheck('bash', MAJOR_UPGRADE_SCRIPT);
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  test('snapshot', () => {
    expect(objects.filter((o) => o.metadata.name === 'orders-pg17-major-upgrade')).toMatchSnapshot();
  });
});

describe('MajorUpgradeJob options', () => {
  test('name, image of the same major, deadlines, resources and labels', () => {
    const { objects } = build({
      name: 'orders-to-17', image: 'registry.example.com/postgres:17.9', waitSeconds: 60, activeDeadlineSeconds: 7200,
      ttlSecondsAfterFinished: 0, resources: { memoryLimit: '1Gi' }, labels: { team: 'shop' },
    });
    const job = only(objects, 'Job', 'orders-to-17');
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 7200, ttlSecondsAfterFinished: 0 });
    expect(job.metadata.labels.team).toBe('shop');
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.example.com/postgres:17.9');
    expect(container.env).toContainEqual({ name: 'WAIT_SECONDS', value: '60' });
    expect(container.resources.limits.memory).toBe('1Gi');
    expect(only(objects, 'NetworkPolicy', 'orders-to-17').spec.policyTypes).toEqual(['Egress']);
  });

  test('servers without TLS (a disposable environment): no CA, no verify-full', () => {
    const chart = testChart();
    const plain = (id: string, name: string, major: number) => new PostgresStatefulSet(chart, id, { namespace: 'shop', name, majorVersion: major, disposable: true, tls: { enabled: false } });
    new MajorUpgradeJob(chart, 'upgrade', { source: plain('old', 'orders', 16), target: plain('new', 'orders-pg18', 18) });
    const container = only(synth(chart), 'Job').spec.template.spec.containers[0];
    expect(container.env.map((e: any) => e.name).filter((n: string) => /SSL/.test(n))).toEqual([]);
    expect(container.image).toBe('postgres:18.4');
  });
});

describe('MajorUpgradeJob refusals', () => {
  const attempt = (props: (chart: Chart) => MajorUpgradeJobProps) => () => {
    const chart = testChart();
    return new MajorUpgradeJob(chart, 'upgrade', props(chart));
  };

  test.each([
    ['the same server as source and target', (chart: Chart) => {
      const { source } = servers(chart);
      return { source, target: source };
    }, `MajorUpgradeJob 'test/upgrade': target.name "orders" is the source's too: the copy goes into a new server of its own (its own StatefulSet and claim), never into the server it reads`],
    ['a target behind the source\'s Service', (chart: Chart) => {
      const { source, target } = servers(chart);
      return { source, target: { ...connection(target), serviceName: source.serviceName } };
    }, `MajorUpgradeJob 'test/upgrade': target.serviceName "orders" is the source's too: the copy goes into a new server of its own (its own StatefulSet and claim), never into the server it reads`],
    ['a target whose client label has the source\'s key and another value', (chart: Chart) => {
      const { source, target } = servers(chart);
      return { source, target: { ...connection(target), clientLabel: { key: source.clientLabel.key, value: 'other' } } };
    }, `MajorUpgradeJob 'test/upgrade': target.clientLabel {"key":"access.cdk8s-postgres.io/orders","value":"other"} has the source's key with another value ('true'): the Job's pod carries one value, and one of the two servers would refuse it`],
    ['a target major older than the source\'s', (chart: Chart) => {
      const { source, target } = servers(chart, 17, 14);
      return { source, target };
    }, `MajorUpgradeJob 'test/upgrade': target.image "postgres:14.23" is PostgreSQL 14, not newer than the source's 17 ('postgres:17.10'); an upgrade copies into a newer major`],
    ['the same major on both sides', (chart: Chart) => {
      const { source, target } = servers(chart, 17, 17);
      return { source, target };
    }, `MajorUpgradeJob 'test/upgrade': target.image "postgres:17.10" is PostgreSQL 17, not newer than the source's 17 ('postgres:17.10'); an upgrade copies into a newer major`],
    ['an unsupported source major', (chart: Chart) => {
      const { source, target } = servers(chart);
      return { source: { ...connection(source), image: 'postgres:13.22' }, target };
    }, `MajorUpgradeJob 'test/upgrade': source.image "postgres:13.22" is PostgreSQL 13, which the library does not support (14, 15, 16, 17, 18)`],
    ['an unsupported target major', (chart: Chart) => {
      const { source, target } = servers(chart);
      return { source, target: { ...connection(target), image: 'postgres:19.0' } };
    }, `MajorUpgradeJob 'test/upgrade': target.image "postgres:19.0" is PostgreSQL 19, which the library does not support (14, 15, 16, 17, 18)`],
    ['an unpinned target image', (chart: Chart) => {
      const { source, target } = servers(chart);
      return { source, target: { ...connection(target), image: 'postgres:latest' } };
    }, `MajorUpgradeJob 'test/upgrade': target.image "postgres:latest" is not pinned: 'latest' moves with every release; name a full version, e.g. 'postgres:17.10'`],
    ['a Job image of the source\'s major', (chart: Chart) => ({ ...servers(chart), image: 'postgres:14.23' }),
      `MajorUpgradeJob 'test/upgrade': image "postgres:14.23" is PostgreSQL 14, but the server runs 17 ('postgres:17.10'); pg_dump must be the target's major: it refuses to dump a server newer than itself, and PostgreSQL advises the newer major's programs`],
    ['servers in two namespaces', (chart: Chart) => {
      const source = new PostgresStatefulSet(chart, 'old', { namespace: 'shop', name: 'orders', majorVersion: 14 });
      const target = new PostgresStatefulSet(chart, 'new', { namespace: 'shop-next', name: 'orders-pg17', majorVersion: 17 });
      return { source, target };
    }, `MajorUpgradeJob 'test/upgrade': target.namespace "shop-next" differs from the source's ('shop'): the Job runs beside both servers, in one namespace, and mounts the CA Secrets of both`],
    ['a deadline within the wait', (chart: Chart) => ({ ...servers(chart), waitSeconds: 600, activeDeadlineSeconds: 600 }),
      `MajorUpgradeJob 'test/upgrade': activeDeadlineSeconds 600 must exceed waitSeconds (600), or the Job is killed before it gives up waiting`],
  ])('%s', (_name, props, message) => {
    expect(refused(attempt(props as (chart: Chart) => MajorUpgradeJobProps))).toBe(message);
  });

  test('a refused Job leaves nothing behind', () => {
    const chart = testChart();
    const { source } = servers(chart);
    expect(() => new MajorUpgradeJob(chart, 'upgrade', { source, target: source })).toThrow();
    expect(chart.node.tryFindChild('upgrade')).toBeUndefined();
  });
});

/** A server's connection as a plain object, to change one field. */
function connection(server: PostgresStatefulSet) {
  const { name, namespace, serviceName, port, databaseName, superuser, image, clientLabel, tls } = server;
  return { name, namespace, serviceName, port, databaseName, superuser, image, clientLabel, tls };
}
