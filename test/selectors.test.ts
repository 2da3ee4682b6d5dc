import { BackupCronJob, BackupStorage, PostgresMonitoring, PostgresStatefulSet, SchemaInitJob, ZalandoCluster } from '../lib';
import { synth, testChart } from './support/manifests';
import { NetworkPolicies, podsOf, selects } from './support/network-policy';

/**
 * The library owns its selectors: a user's labels are added to its objects, but may not take the
 * place of a key it (or Kubernetes) selects pods by. Before, `labels: { 'app.kubernetes.io/component': … }`
 * on a backup took its pods out of their egress policy, and on a server made the ServiceMonitor
 * select nothing, so `pg_up == 0` never fired.
 */
const SUPERUSER = { name: 'postgres', password: { name: 'db-superuser', key: 'password' } };

function server(chart = testChart(), props: Record<string, unknown> = {}) {
  return new PostgresStatefulSet(chart, 'db', { namespace: 'shop', superuser: SUPERUSER, ...props });
}

const OURS = "is a label the library sets and selects the server's pods, Jobs and Services by; choose a key of your own";
const KUBERNETES = 'is a label Kubernetes sets on the pods of Jobs and StatefulSets and selects them by; choose a key of your own';

describe('user labels never take the place of a selector label', () => {
  const constructs: [string, (labels: Record<string, string>) => void, string][] = [
    ['PostgresStatefulSet', (labels) => server(testChart(), { labels }), "PostgresStatefulSet 'test/db'"],
    ['SchemaInitJob', (labels) => { const chart = testChart(); new SchemaInitJob(chart, 'schema', { server: server(chart), labels }); }, "SchemaInitJob 'test/schema'"],
    ['BackupCronJob', (labels) => { const chart = testChart(); new BackupCronJob(chart, 'backup', { server: server(chart), storage: BackupStorage.newClaim({ size: '1Gi' }), labels }); }, "BackupCronJob 'test/backup'"],
  ];
  const keys: [string, string][] = [
    ['app.kubernetes.io/component', OURS], ['app.kubernetes.io/instance', OURS], ['app.kubernetes.io/name', OURS], ['app.kubernetes.io/managed-by', OURS],
    ['cdk8s-postgres.io/metrics', OURS], ['access.cdk8s-postgres.io/db', OURS],
    ['job-name', KUBERNETES], ['controller-uid', KUBERNETES], ['batch.kubernetes.io/job-name', KUBERNETES], ['statefulset.kubernetes.io/pod-name', KUBERNETES],
  ];
  test.each(constructs.flatMap(([name, build, owner]) => keys.map(([key, why]) => [name, key, build, `${owner}: labels key "${key}" ${why}`] as const)))('%s refuses %s', (_name, key, build, message) => {
    expect(() => build({ [key]: 'x' })).toThrow(message);
  });

  test('labels of the user\'s own keys are added', () => {
    expect(() => server(testChart(), { labels: { team: 'orders', 'example.com/tier': 'gold', 'app.kubernetes.io/part-of': 'shop' } })).not.toThrow();
  });
});

const zalando = (props: Record<string, unknown>) => new ZalandoCluster(testChart(), 'acid-db', { namespace: 'shop', teamId: 'acid', ...props });

describe("a Zalando cluster's labels never take the place of the operator's or the library's", () => {
  const OPERATOR = "is a label the operator sets on the cluster's pods and selects them by (and copies from the resource when its inherited_labels lists it); choose a key of your own";
  test.each([['application', OPERATOR], ['cluster-name', OPERATOR], ['spilo-role', OPERATOR], ['team', OPERATOR], ['connection-pooler', OPERATOR],
    ['app.kubernetes.io/managed-by', OURS], ['cdk8s-postgres.io/metrics', OURS]])('refuses %s', (key, why) => {
    expect(() => zalando({ labels: { [key]: 'x' } })).toThrow(`ZalandoCluster 'test/acid-db': labels key "${key}" ${why}`);
  });
});

describe('an empty list of namespaces Prometheus scrapes from is refused: a rule with no sources admits everyone', () => {
  const EMPTY = "monitoring.scrapeNamespaces [] is empty, and a NetworkPolicy rule with no sources admits every pod and address to the exporter: list the namespaces Prometheus runs in, or leave it out for 'monitoring'";
  const monitoring = { login: { name: 'exporter', password: { name: 'exporter', key: 'password' } }, scrapeNamespaces: [] };
  test('PostgresStatefulSet', () => {
    expect(() => server(testChart(), { monitoring })).toThrow(`PostgresStatefulSet 'test/db': ${EMPTY}`);
  });
  test('ZalandoCluster', () => {
    const login = { name: 'exporter', password: { name: 'exporter.acid-db.credentials.postgresql.acid.zalan.do', key: 'password' } };
    expect(() => zalando({ monitoring: { ...monitoring, login } })).toThrow(`ZalandoCluster 'test/acid-db': ${EMPTY}`);
  });
});

describe("a user's labels leave every selector selecting what it selected", () => {
  const USER_LABELS = { team: 'orders', 'app.kubernetes.io/part-of': 'shop' };
  const MONITORING = { login: { name: 'exporter', password: { name: 'exporter', key: 'password' } } };
  /** A server with an exporter, a backup that uploads and one that does not, all with the user's labels. */
  function build() {
    const chart = testChart();
    const db = server(chart, { labels: USER_LABELS, monitoring: MONITORING });
    new SchemaInitJob(chart, 'schema', { server: db, labels: USER_LABELS });
    new PostgresMonitoring(chart, 'monitoring', { server: db });
    new BackupCronJob(chart, 'uploaded', { server: db, name: 'db-backup-uploaded', storage: BackupStorage.newClaim({ size: '1Gi' }), labels: USER_LABELS, upload: { accountName: 'shopbackups' } });
    new BackupCronJob(chart, 'local', { server: db, name: 'db-backup-local', storage: BackupStorage.newClaim({ size: '1Gi', name: 'db-backup-local' }), labels: USER_LABELS });
    return synth(chart);
  }

  test('only the uploading backup reaches HTTPS outside; the other backup of the same server does not', () => {
    const objects = build();
    const net = new NetworkPolicies(objects);
    const pods = podsOf(objects);
    const internet = { ip: '203.0.113.10' };
    const uploaded = pods.find((p) => p.name === 'CronJob/db-backup-uploaded')!;
    const local = pods.find((p) => p.name === 'CronJob/db-backup-local')!;
    expect([net.allows(uploaded, internet, { port: 443 }), net.allows(local, internet, { port: 443 })]).toEqual([true, false]);
  });

  test('the ServiceMonitor selects the metrics Service, and the Service the server pod', () => {
    const objects = build();
    const monitor = objects.find((o) => o.kind === 'ServiceMonitor')!;
    const services = objects.filter((o) => o.kind === 'Service' && selects(monitor.spec.selector, o.metadata.labels ?? {}));
    expect(services.map((o) => o.metadata.name)).toEqual(['db-metrics']);
    const pod = podsOf(objects).find((p) => p.kind === 'StatefulSet')!;
    expect(selects({ matchLabels: services[0].spec.selector }, pod.labels)).toBe(true);
  });
});
