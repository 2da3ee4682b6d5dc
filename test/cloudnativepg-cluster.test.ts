import { CloudNativePgCluster, CloudNativePgClusterProps, DatabaseUser, EnvironmentChart, PostgresMonitoring, RequiredSecrets } from '../lib';
import { reviewObjects } from '../lib/review';
import { renderNeededSecrets } from '../lib/secrets/secrets-script';
import { ENVIRONMENTS } from '../environments';
import { CLOUDNATIVEPG_PROBLEMS } from './support/crd-schema';
import { refused } from './support/errors';
import { KubeObject, loadDist, only, synth, testApp, testChart } from './support/manifests';
import { parseAllDocuments } from 'yaml';

const login = (name: string, kind: DatabaseUser['kind'] = 'app'): DatabaseUser => ({ name, kind, password: { name: `orders-${name.replace(/_/g, '-')}`, key: 'password', usernameKey: 'username' } });
const BASE: CloudNativePgClusterProps = {
  namespace: 'shop',
  name: 'orders',
  databases: [{ name: 'orders', owner: 'orders_owner' }, { name: 'invoices', owner: 'orders_owner' }],
  users: [login('orders_owner', 'admin'), login('orders_app'), login('orders_reader', 'readonly')],
};

function render(props: Partial<CloudNativePgClusterProps> = {}): { objects: KubeObject[]; cluster: CloudNativePgCluster } {
  const chart = testChart();
  const cluster = new CloudNativePgCluster(chart, 'orders', { ...BASE, ...props });
  return { objects: synth(chart), cluster };
}

const problemsOf = (o: KubeObject) => CLOUDNATIVEPG_PROBLEMS[`${o.apiVersion}/${o.kind}`](o);

describe('CloudNativePgCluster', () => {
  test('renders a Cluster, a DatabaseRole per login and a Database per database, each valid against its vendored CRD', () => {
    const { objects } = render();
    const rendered = objects.filter((o) => o.apiVersion === 'postgresql.cnpg.io/v1');
    expect(rendered.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Cluster/orders',
      'DatabaseRole/orders-orders-owner', 'DatabaseRole/orders-orders-app', 'DatabaseRole/orders-orders-reader',
      'Database/orders-orders', 'Database/orders-invoices',
    ]);
    for (const o of rendered) expect({ object: `${o.kind}/${o.metadata.name}`, problems: problemsOf(o) }).toEqual({ object: `${o.kind}/${o.metadata.name}`, problems: [] });
    expect(only(objects, 'DatabaseRole', 'orders-orders-owner').spec).toEqual({
      cluster: { name: 'orders' }, name: 'orders_owner', ensure: 'present', login: true, createdb: true, passwordSecret: { name: 'orders-orders-owner' }, databaseRoleReclaimPolicy: 'retain',
    });
    // an admin of a database another login owns does not inherit that owner's rights (PostgreSQL 14 and 15 take it from the role)
    const admin = render({ users: [...BASE.users!, { ...login('orders_dba', 'admin'), databases: ['orders'] }] }).objects;
    expect(only(admin, 'DatabaseRole', 'orders-orders-dba').spec.inherit).toBe(false);
    expect(only(objects, 'DatabaseRole', 'orders-orders-owner').spec.inherit).toBeUndefined();
    expect(only(objects, 'Database', 'orders-invoices').spec).toEqual({ cluster: { name: 'orders' }, name: 'invoices', owner: 'orders_owner', ensure: 'present', databaseReclaimPolicy: 'retain' });
  });

  test('the CRD checks can fail: a field the schema does not know, a value outside an enum, a missing required field', () => {
    const { objects } = render();
    const cluster = only(objects, 'Cluster', 'orders');
    expect(problemsOf({ ...cluster, spec: { ...cluster.spec, instance: 3 } })).toEqual(['/spec/instance is not in the CRD\'s schema and would be pruned']);
    const role = only(objects, 'DatabaseRole', 'orders-orders-app');
    expect(problemsOf({ ...role, spec: { ...role.spec, ensure: 'here' } })).toEqual(['/spec/ensure must be equal to one of the allowed values']);
    const { owner, ...noOwner } = only(objects, 'Database', 'orders-orders').spec;
    expect(problemsOf({ ...only(objects, 'Database', 'orders-orders'), spec: noOwner })).toEqual(["/spec must have required property 'owner'"]);
  });

  test('TLS-only scram-sha-256 logins after the operator\'s own rules; the superuser enabled for the schema Job; bootstrapped with the first database and its owner', () => {
    const { objects, cluster } = render();
    const spec = only(objects, 'Cluster', 'orders').spec;
    expect(spec.postgresql.pg_hba).toEqual(['hostnossl all all 0.0.0.0/0 reject', 'hostnossl all all ::/0 reject', 'hostssl all all 0.0.0.0/0 scram-sha-256', 'hostssl all all ::/0 scram-sha-256']);
    expect(spec.postgresql.parameters.password_encryption).toBe('scram-sha-256');
    expect(spec.enableSuperuserAccess).toBe(true);
    expect(spec.bootstrap).toEqual({ initdb: { database: 'orders', owner: 'orders_owner', secret: { name: 'orders-orders-owner' }, dataChecksums: true } });
    expect(spec.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:17.10-standard-trixie');
    // a pg_stat_statements setting makes the operator load it: utility statements stay out of the view
    expect(only(render({ parameters: { 'pg_stat_statements.max': 10000 } }).objects, 'Cluster', 'orders').spec.postgresql.parameters['pg_stat_statements.track_utility']).toBe('off');
    expect(spec.postgresql.parameters['pg_stat_statements.track_utility']).toBeUndefined();
    expect(cluster.connection).toMatchObject({ serviceName: 'orders-rw', port: 5432, superuser: { name: 'postgres', password: { name: 'orders-superuser', key: 'password' } } });
  });

  test("TLS: by default the operator's certificates, which the Jobs verify with its CA; with an issuer, a cert-manager Certificate for the Services", () => {
    const own = render();
    expect(own.objects.some((o) => o.kind === 'Certificate')).toBe(false);
    expect(only(own.objects, 'Cluster', 'orders').spec.certificates).toBeUndefined();
    expect(own.cluster.connection.tls).toEqual({ caSecretName: 'orders-ca', caKey: 'ca.crt' });
    const issued = render({ tls: { certManagerIssuer: { name: 'internal-ca' } } });
    expect(only(issued.objects, 'Cluster', 'orders').spec.certificates).toEqual({ serverTLSSecret: 'orders-tls', serverCASecret: 'orders-tls' });
    expect(only(issued.objects, 'Certificate', 'orders-tls').spec.dnsNames).toEqual(expect.arrayContaining(['orders-rw', 'orders-rw.shop.svc.cluster.local', 'orders-ro.shop', 'orders-r.shop.svc']));
    expect(issued.cluster.connection.tls).toEqual({ caSecretName: 'orders-tls', caKey: 'ca.crt' });
  });

  test('each login is a basic-auth Secret of its own, labelled for the operator to reload, which the secrets commands print so', () => {
    const chart = testChart();
    new CloudNativePgCluster(chart, 'orders', BASE);
    const secrets = RequiredSecrets.collect(chart);
    expect(secrets.find((s) => s.name === 'orders-orders-app')).toEqual({
      namespace: 'shop', name: 'orders-orders-app', keys: { username: { value: 'orders_app' }, password: { generate: 'password' } }, type: 'kubernetes.io/basic-auth', labels: { 'cnpg.io/reload': 'true' },
    });
    const printed = parseAllDocuments(renderNeededSecrets({ secrets, certificates: [] }, () => 'pw')).map((d) => d.toJSON());
    expect(printed.find((s) => s.metadata.name === 'orders-orders-app')).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/basic-auth',
      metadata: { name: 'orders-orders-app', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-postgres', 'cnpg.io/reload': 'true' } },
      stringData: { username: 'orders_app', password: 'pw' },
    });
  });

  test("two clusters' logins in one Secret, or one Secret of two types, are refused when the Secrets are collected", () => {
    const chart = testChart();
    new CloudNativePgCluster(chart, 'orders', BASE);
    new CloudNativePgCluster(chart, 'billing', { ...BASE, name: 'billing', users: [login('orders_owner', 'admin'), { ...login('billing_app'), password: login('orders_app').password }, login('orders_reader', 'readonly')] });
    expect(refused(() => RequiredSecrets.collect(chart))).toBe(
      "Secret 'shop/orders-orders-app': key 'username' is declared as the value \"orders_app\" and as the value \"billing_app\"; give one of them a Secret of its own");
  });

  test.each([
    [{ users: [{ ...login('orders_owner', 'admin'), password: { name: 'shared', key: 'owner-password' } }, login('orders_app')] }, 'users[0].password',
      `{"name":"shared","key":"owner-password"} must name a kubernetes.io/basic-auth Secret as the operator reads it: { name: 'shared', key: 'password', usernameKey: 'username' } (the Secret's username is the login's name)`],
    [{ users: [login('orders_owner', 'admin'), { ...login('orders_app'), password: login('orders_owner').password }] }, 'users[1].password.name',
      `"orders-orders-owner" is also the Secret of login 'orders_owner': the operator reads one login's name and password from a Secret; give each login a Secret of its own`],
    [{ users: [login('orders_owner', 'admin'), login('streaming_replica')] }, 'users[1].name', '"streaming_replica" is a role the CloudNativePG operator reserves for itself; choose another name'],
    [{ users: [login('orders_owner', 'admin'), login('cnpg_pooler')] }, 'users[1].name', '"cnpg_pooler" is a role the CloudNativePG operator reserves for itself; choose another name'],
    [{ databases: [{ name: 'orders', owner: 'nobody' }] }, 'databases[0].owner', '"nobody" is not a declared user; the operator creates the owner only from a DatabaseRole'],
    [{ users: [login('orders_owner', 'admin'), { ...login('orders-owner'), password: { name: 'other', key: 'password', usernameKey: 'username' } }], databases: [] }, 'users[1].name', `"orders-owner" gives resource name 'orders-orders-owner', as login 'orders_owner' does ('_' becomes '-' in Kubernetes names); rename one of them`],
    [{ name: 'o'.repeat(51) }, 'name', `"${'o'.repeat(51)}" is 51 characters long; the operator's webhook refuses Cluster names longer than 50`],
    [{ name: '1orders' }, 'name', `"1orders" must start with a letter: the operator's webhook refuses a Cluster whose name is not a DNS-1035 label`],
    [{ parameters: { archive_mode: 'on' } }, 'parameters.archive_mode', '"on" is set by the CloudNativePG operator, whose admission webhook refuses a Cluster that sets it; leave it out'],
    [{ parameters: { 'pg_stat_statements.max': 10000, 'pg_stat_statements.track_utility': true } }, 'parameters.pg_stat_statements.track_utility',
      "true must be off: pg_stat_statements would keep utility statements verbatim, an application's ALTER ROLE … PASSWORD '…' included, for every pg_monitor member to read"],
    [{ tls: { enabled: false }, disposable: true }, 'tls.enabled', 'false cannot be turned off: CloudNativePG always serves TLS (with its own certificates when no other is given)'],
    [{ monitoring: { login: { name: 'orders_exporter', password: { name: 'exporter', key: 'password' } } } }, 'monitoring.login',
      `"orders_exporter" is not used on CloudNativePG: the operator's exporter in each instance connects as its own user; leave it out`],
    [{ monitoring: { image: 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1' } }, 'monitoring.image',
      `"quay.io/prometheuscommunity/postgres-exporter:v0.17.1" is not used on CloudNativePG: the exporter is the operator's instance manager, of the operator's version; leave it out`],
  ])('refuses %j: %s', (props, field, rule) => {
    expect(refused(() => render(props as Partial<CloudNativePgClusterProps>))).toBe(`CloudNativePgCluster 'test/orders': ${field} ${rule}`);
  });
});

describe('CloudNativePgCluster with a pooler', () => {
  test('with the operator\'s own certificate, the pooler\'s Service is named in it (serverAltDNSNames)', () => {
    const cluster = only(render({ namespace: 'shop', pooler: {} }).objects, 'Cluster');
    expect(cluster.spec.certificates).toEqual({ serverAltDNSNames: ['orders-pooler-rw', 'orders-pooler-rw.shop', 'orders-pooler-rw.shop.svc', 'orders-pooler-rw.shop.svc.cluster.local'] });
    expect(problemsOf(cluster)).toEqual([]);
  });

});

describe('CloudNativePgCluster with monitoring, as a consumer writes it', () => {
  test("PostgresMonitoring watches the operator's exporter: ServiceMonitor on <cluster>-metrics, alerts on cnpg_ metrics; without monitoring it names what to turn on", () => {
    const chart = testChart();
    const cluster = new CloudNativePgCluster(chart, 'orders', { namespace: 'shop', monitoring: { scrapeNamespaces: ['observability'] } });
    new PostgresMonitoring(chart, 'monitoring', { server: cluster });
    const objects = synth(chart);
    expect(only(objects, 'ServiceMonitor').spec.selector.matchLabels).toEqual(only(objects, 'Service', 'orders-metrics').metadata.labels);
    expect(only(objects, 'PrometheusRule').spec.groups[0].rules.find((r: { alert: string }) => r.alert === 'PostgresExporterDown').expr).toBe('max by (namespace, pod) (cnpg_collector_up{namespace="shop", pod=~"orders-[0-9]+"}) == 0');
    expect(only(objects, 'NetworkPolicy', 'orders').spec.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }], ports: [{ protocol: 'TCP', port: 9187 }] });
    const plain = testChart();
    const unmonitored = new CloudNativePgCluster(plain, 'orders', { namespace: 'shop' });
    expect(refused(() => new PostgresMonitoring(plain, 'monitoring', { server: unmonitored }))).toContain("has no exporter: turn on the server's monitoring");
  });
});

describe('prod-cnpg', () => {
  const objects = loadDist()['prod-cnpg'];
  const operator = loadDist()['prod-operator'];

  test("prod-operator's databases, owners and logins, on three instances of 50Gi", () => {
    const cluster = only(objects, 'Cluster', 'postgres-cluster').spec;
    expect([cluster.instances, cluster.storage.size]).toEqual([3, '50Gi']);
    const zalando = only(operator, 'postgresql', 'postgres-cluster').spec;
    const databases = objects.filter((o) => o.kind === 'Database').map((o) => [o.spec.name, o.spec.owner]);
    expect(Object.fromEntries(databases)).toEqual(zalando.databases);
    expect(objects.filter((o) => o.kind === 'DatabaseRole').map((o) => o.spec.name).sort()).toEqual(Object.keys(zalando.users).filter((u) => u !== 'postgres_exporter').sort());
  });

  test('the namespace it creates enforces the restricted Pod Security Standard', () => {
    expect(only(objects, 'Namespace', 'microservices').metadata.labels).toEqual({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' });
  });

  test("the schema Job runs as the operator's superuser and verifies the server with the cert-manager CA", () => {
    const job = objects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('postgres-cluster-schema-init'))!;
    const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom?.secretKeyRef]));
    expect(env).toMatchObject({ PGHOST: 'postgres-cluster-rw', PGSSLMODE: 'verify-full', PGPASSWORD: { name: 'postgres-cluster-superuser', key: 'password' } });
  });

  test("docs/upgrading.md's major upgrade: majorVersion 17 -> 18 changes the image and the archive's serverName together; the review says downtime, data at risk, no data loss", () => {
    const environment = ENVIRONMENTS.find((e) => e.name === 'prod-cnpg')!;
    const upgraded = { ...environment, servers: environment.servers.map((s) => ({ ...s, majorVersion: 18 })) };
    const after = synth(new EnvironmentChart(testApp(), 'prod-cnpg', upgraded));
    const [before, now] = [only(objects, 'Cluster'), only(after, 'Cluster')];
    expect([before.spec.imageName, now.spec.imageName]).toEqual([expect.stringMatching(/:17\.\d+-standard-trixie$/), expect.stringMatching(/:18\.\d+-standard-trixie$/)]);
    expect(now.spec.plugins[0].parameters.serverName).toBe('postgres-cluster-pg18');
    const findings = reviewObjects(objects, after).filter((f) => f.risk !== 'safe');
    expect(findings.map((f) => [f.risk, f.target, f.path, f.data])).toEqual([['downtime', 'Cluster/microservices/postgres-cluster', 'spec.imageName', 'at risk']]);
  });

  test('renders in an EnvironmentChart as the description says, and refuses a backup login', () => {
    const environment = ENVIRONMENTS.find((e) => e.name === 'prod-cnpg')!;
    const [server] = environment.servers;
    expect(synth(new EnvironmentChart(testApp(), 'prod-cnpg', environment)).filter((o) => o.kind === 'Cluster')).toHaveLength(1);
    const withBackupLogin = { ...environment, servers: [{ ...server, backup: { login: { name: 'orders_backup', password: { name: 'backup', key: 'password' } }, storage: { size: '1Gi' } } }] };
    expect(refused(() => new EnvironmentChart(testApp(), 'prod-cnpg', withBackupLogin))).toBe(
      "EnvironmentChart 'prod-cnpg': server 'microservices': backup.login \"orders_backup\" needs the StatefulSet backend: the CloudNativePG backend's backups are not this library's pg_dump CronJob");
  });
});

describe('the review of CloudNativePG changes', () => {
  const { objects } = render();
  const cluster = only(objects, 'Cluster', 'orders');
  const withSpec = (o: KubeObject, spec: object): KubeObject => ({ ...o, spec: { ...o.spec, ...spec } });
  const review = (before: KubeObject[], after: KubeObject[]) => reviewObjects(before, after).map((f) => `${f.risk} ${f.path}: ${f.message}`);

  test('a smaller volume and an older major are refused as the webhook refuses them; an in-place upgrade to 14 or 15 too', () => {
    expect(review([cluster], [withSpec(cluster, { storage: { size: '4Gi' } })])).toEqual([`refused spec.storage.size: storage.size 8Gi -> 4Gi: the operator's webhook refuses the Cluster ("can't shrink existing storage")`]);
    const image = (major: string) => withSpec(cluster, { imageName: `ghcr.io/cloudnative-pg/postgresql:${major}-standard-trixie` });
    expect(review([cluster], [image('16.14')])[0]).toMatch(/^refused spec\.imageName: PostgreSQL 17 -> 16: the operator's webhook refuses/);
    expect(review([image('14.23')], [image('15.18')])[0]).toMatch(/^refused spec\.imageName: PostgreSQL 14 -> 15: the operator's webhook refuses an in-place upgrade to a major older than 16/);
  });

  test('a newer major is the offline pg_upgrade, data at risk; a minor image a rolling restart; a larger volume in place', () => {
    const upgrade = reviewObjects([cluster], [withSpec(cluster, { imageName: 'ghcr.io/cloudnative-pg/postgresql:18.4-standard-trixie' })]);
    expect(upgrade.map((f) => [f.risk, f.data])).toEqual([['downtime', 'at risk']]);
    expect(upgrade[0].message).toMatch(/offline in place: every instance stops, a Job runs pg_upgrade --link/);
    expect(review([cluster], [withSpec(cluster, { imageName: 'ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie' })])[0]).toMatch(/^downtime spec\.imageName: image .* one by one, replicas first/);
    expect(review([cluster], [withSpec(cluster, { storage: { size: '20Gi' } })])[0]).toMatch(/^safe spec\.storage\.size: .* grows each instance's claim in place/);
  });

  test("removing the Cluster loses its claims' data; a Database with retain stays; a DatabaseRole with retain keeps its login", () => {
    expect(review([cluster], [])).toEqual([`data-loss : Cluster orders is removed: the instances' claims are owned by the Cluster: Kubernetes deletes them, and the data with them, when the Cluster goes`]);
    const database = only(objects, 'Database', 'orders-orders');
    expect(review([database], [])[0]).toMatch(/^safe : Database orders-orders is removed: the operator leaves database orders in PostgreSQL/);
    expect(review([withSpec(database, { databaseReclaimPolicy: 'delete' })], [])[0]).toMatch(/^data-loss : Database orders-orders is removed: its reclaim policy is delete/);
    expect(review([database], [withSpec(database, { ensure: 'absent' })])[0]).toMatch(/^data-loss spec\.ensure: database orders ensure: absent: the operator drops the database/);
    const role = only(objects, 'DatabaseRole', 'orders-orders-app');
    expect(review([role], [])[0]).toMatch(/^security : DatabaseRole orders-orders-app is removed: the operator leaves login orders_app in PostgreSQL .* it can still log in/);
    expect(review([role], [withSpec(role, { superuser: true })])[0]).toMatch(/^security spec\.superuser: login orders_app gains SUPERUSER/);
    // the operator refuses ensure: absent on a DatabaseRole; deleting one with reclaim policy delete drops the login
    expect(review([role], [withSpec(role, { ensure: 'absent' })])[0]).toMatch(/^refused spec\.ensure: login orders_app ensure: absent: the operator does not support it/);
    expect(review([withSpec(role, { databaseRoleReclaimPolicy: 'delete' })], [])[0]).toMatch(/^safe : DatabaseRole orders-orders-app is removed: the operator drops login orders_app/);
  });
});

describe('backups and point-in-time recovery through the Barman Cloud plugin', () => {
  const S3 = { destinationPath: 's3://orders-backups/shop', identity: { awsRoleArn: 'arn:aws:iam::123456789012:role/orders-backups' } };
  const backedUp = render({ backup: { objectStore: S3 } });

  test('WAL archived and nightly base backups to S3 with the IRSA role, valid against the vendored CRDs, no key anywhere', () => {
    const { objects } = backedUp;
    const store = only(objects, 'ObjectStore', 'orders-backups');
    const schedule = only(objects, 'ScheduledBackup', 'orders-backup');
    for (const o of [store, schedule, only(objects, 'Cluster', 'orders')]) expect(problemsOf(o)).toEqual([]);
    expect(store.spec).toEqual({
      configuration: { destinationPath: 's3://orders-backups/shop', s3Credentials: { inheritFromIAMRole: true }, wal: { compression: 'gzip' }, data: { compression: 'gzip' } },
      retentionPolicy: '30d',
    });
    expect(schedule.spec).toEqual({ cluster: { name: 'orders' }, schedule: '0 0 2 * * *', method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' }, immediate: true });
    const cluster = only(objects, 'Cluster', 'orders').spec;
    // archived under <cluster>-pg<major>: a major upgrade archives apart from the old major's WAL
    expect(cluster.plugins).toEqual([{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'orders-backups', serverName: 'orders-pg17' } }]);
    expect(cluster.primaryUpdateMethod).toBe('switchover');
    expect(cluster.serviceAccountTemplate).toEqual({ metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orders-backups' } } });
    expect(JSON.stringify(objects)).not.toMatch(/accessKeyId|secretAccessKey|storageKey|connectionString|applicationCredentials/);
    // the instances (their plugin sidecars) reach the store on HTTPS
    const egress = only(objects, 'NetworkPolicy', 'orders').spec.egress;
    expect(egress[egress.length - 1]).toEqual({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }], ports: [{ port: 443, protocol: 'TCP' }] });
  });

  test('Azure Blob with Workload Identity, Google Cloud Storage with GKE Workload Identity', () => {
    const azure = render({ backup: { objectStore: { destinationPath: 'https://ordersbackups.blob.core.windows.net/backups/shop', identity: { azureClientId: '00000000-0000-0000-0000-000000000001' } } } }).objects;
    expect(only(azure, 'ObjectStore', 'orders-backups').spec.configuration.azureCredentials).toEqual({ useDefaultAzureCredentials: true });
    const cluster = only(azure, 'Cluster', 'orders').spec;
    expect(cluster.serviceAccountTemplate.metadata.annotations).toEqual({ 'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000001' });
    expect(cluster.inheritedMetadata.labels['azure.workload.identity/use']).toBe('true');
    const gcs = render({ backup: { objectStore: { destinationPath: 'gs://orders-backups/shop', identity: { gcpServiceAccount: 'orders-backups@shop-prod.iam.gserviceaccount.com' } } } }).objects;
    expect(only(gcs, 'ObjectStore', 'orders-backups').spec.configuration.googleCredentials).toEqual({ gkeEnvironment: true });
    // the GKE metadata server and the EKS Pod Identity agent hand out credentials on link-local addresses
    const egressTo = (objects: KubeObject[]): string[] => only(objects, 'NetworkPolicy', 'orders').spec.egress.flatMap((r: any) => (r.to ?? []).map((p: any) => `${p.ipBlock?.cidr}:${r.ports.map((x: any) => x.port).join(',')}`));
    expect(egressTo(gcs)).toEqual(expect.arrayContaining(['169.254.169.254/32:80', '169.254.169.252/32:988']));
    const podIdentity = render({ backup: { objectStore: { destinationPath: 's3://orders-backups/shop', identity: 'eksPodIdentity' } } }).objects;
    expect(egressTo(podIdentity)).toEqual(expect.arrayContaining(['169.254.170.23/32:80', 'fd00:ec2::23/128:80']));
    expect(egressTo(backedUp.objects).filter((e) => e.startsWith('169.254'))).toEqual([]);
    expect(only(gcs, 'Cluster', 'orders').spec.serviceAccountTemplate.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'orders-backups@shop-prod.iam.gserviceaccount.com' });
    for (const o of [...azure, ...gcs].filter((x) => x.kind === 'ObjectStore')) expect(problemsOf(o)).toEqual([]);
  });

  test('a recovery into a new cluster: to a point in time from the source\'s store, which this cluster never prunes', () => {
    const { objects } = render({ name: 'orders-restored', recovery: { objectStore: S3, serverName: 'orders-pg17', targetTime: '2026-12-01T09:30:00Z' }, backup: { objectStore: S3 } });
    const cluster = only(objects, 'Cluster', 'orders-restored').spec;
    // the first database and its owner, as after initdb: no operator-made `app` login
    expect(cluster.bootstrap).toEqual({ recovery: { source: 'origin', database: 'orders', owner: 'orders_owner', secret: { name: 'orders-orders-owner' }, recoveryTarget: { targetTime: '2026-12-01T09:30:00Z' } } });
    expect(cluster.externalClusters).toEqual([{ name: 'origin', plugin: { name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: 'orders-restored-recovery-source', serverName: 'orders-pg17' } } }]);
    expect(only(objects, 'ObjectStore', 'orders-restored-recovery-source').spec.retentionPolicy).toBeUndefined();
    expect(problemsOf(only(objects, 'Cluster', 'orders-restored'))).toEqual([]);
    // the latest state when no time is given
    expect(only(render({ recovery: { objectStore: S3, serverName: 'orders-old' } }).objects, 'Cluster', 'orders').spec.bootstrap.recoveryTarget).toBeUndefined();
  });

  test.each([
    [{ backup: { objectStore: { ...S3, destinationPath: 'ftp://backups' } } }, 'backup.objectStore.destinationPath', '"ftp://backups" is not an S3 (s3://<bucket>/<path>), Azure Blob (https://<account>.blob.core.windows.net/<container>/<path>) or Google Cloud Storage (gs://<bucket>/<path>) destination'],
    [{ backup: { objectStore: { ...S3, identity: { gcpServiceAccount: 'a-backups@p.iam.gserviceaccount.com' } } } }, 'backup.objectStore.identity', '{"gcpServiceAccount":"a-backups@p.iam.gserviceaccount.com"} is an identity of gcp, and s3://orders-backups/shop is on aws'],
    [{ backup: { objectStore: S3, schedule: '0 2 * * *' } }, 'backup.schedule', `"0 2 * * *" is not the operator's six-field cron (seconds first, e.g. '0 0 2 * * *' for 02:00 every day)`],
    [{ backup: { objectStore: S3, retention: '7 days' } }, 'backup.retention', `"7 days" is not a recovery window the plugin reads: '<n>d', '<n>w' or '<n>m' (e.g. '30d')`],
    [{ recovery: { objectStore: S3, serverName: 'orders-old', targetTime: '2026-12-01 09:30:00' } }, 'recovery.targetTime', `"2026-12-01 09:30:00" is not a point in time with its zone (RFC 3339, e.g. '2026-12-01T09:30:00Z'): without a zone PostgreSQL would read it in the server's time zone`],
    [{ recovery: { objectStore: S3, serverName: 'orders-old', targetTime: '2026-12-01T09:30:00+0100' } }, 'recovery.targetTime', `"2026-12-01T09:30:00+0100" is not a point in time with its zone (RFC 3339, e.g. '2026-12-01T09:30:00Z'): without a zone PostgreSQL would read it in the server's time zone`],
    [{ recovery: { objectStore: S3, serverName: 'orders-pg17' }, backup: { objectStore: S3 } }, 'recovery.serverName',
      `"orders-pg17" is this cluster's own name in the store it archives to: the recovered cluster would write its WAL over the source's (the plugin refuses a non-empty archive); give the new cluster another name, or back it up elsewhere`],
  ])('refuses %j: %s', (props, field, rule) => {
    expect(refused(() => render(props as Partial<CloudNativePgClusterProps>))).toBe(`CloudNativePgCluster 'test/orders': ${field} ${rule}`);
  });

  test('the review: a shorter window loses backups, a removed schedule or archiver weakens protection', () => {
    const { objects } = backedUp;
    const store = only(objects, 'ObjectStore', 'orders-backups');
    const review = (before: KubeObject[], after: KubeObject[]) => reviewObjects(before, after).map((f) => `${f.risk} ${f.path}`);
    expect(review([store], [{ ...store, spec: { ...store.spec, retentionPolicy: '7d' } }])).toEqual(['data-loss spec.retentionPolicy']);
    expect(review([store], [{ ...store, spec: { ...store.spec, retentionPolicy: '8w' } }])).toEqual(['safe spec.retentionPolicy']);
    expect(review([only(objects, 'ScheduledBackup', 'orders-backup')], [])).toEqual(['security ']);
    const cluster = only(objects, 'Cluster', 'orders');
    const { plugins, ...noPlugins } = cluster.spec;
    expect(reviewObjects([cluster], [{ ...cluster, spec: noPlugins }]).map((f) => [f.risk, f.data])).toEqual([['security', 'at risk']]);
    // a store the cluster still archives to cannot go; the recovery's source can
    expect(review([cluster, store], [cluster])).toEqual(['downtime ']);
    expect(review([store], [])).toEqual(['safe ']);
    // a major upgrade keeps the archive apart only with a new serverName
    const upgraded = { ...cluster, spec: { ...cluster.spec, imageName: 'ghcr.io/cloudnative-pg/postgresql:18.4-standard-trixie' } };
    expect(review([cluster], [upgraded])).toEqual(['data-loss spec.plugins', 'downtime spec.imageName']);
    const renamed = { ...upgraded, spec: { ...upgraded.spec, plugins: [{ ...plugins[0], parameters: { ...plugins[0].parameters, serverName: 'orders-pg18' } }] } };
    expect(review([cluster], [renamed])).toEqual(['downtime spec.imageName', 'safe spec.plugins']);
    // a new serverName without a major upgrade restarts the instances
    expect(review([cluster], [{ ...renamed, spec: { ...renamed.spec, imageName: cluster.spec.imageName } }])).toEqual(['downtime spec.plugins']);
  });
});

describe('one description, three backends: seed 001\'s server on a StatefulSet (minikube-dev), the Zalando operator (prod-operator) and CloudNativePG (prod-cnpg)', () => {
  const dist = loadDist();
  const schema = (environment: string, name: string) => only(dist[environment], 'ConfigMap', name).data as Record<string, string>;
  const backends = { statefulSet: schema('minikube-dev', 'postgresql-schema'), zalando: schema('prod-operator', 'postgres-cluster-schema'), cloudnativepg: schema('prod-cnpg', 'postgres-cluster-schema') };

  test('the same databases, owners and grants: the schema Job\'s per-database SQL is byte for byte the same', () => {
    const perDatabase = (data: Record<string, string>) => Object.fromEntries(Object.entries(data).filter(([file]) => /^\d{3}-\d-(setup|grants)\.sql$|^owners\.tsv$/.test(file)));
    expect(Object.keys(perDatabase(backends.statefulSet))).toHaveLength(11);
    expect(perDatabase(backends.zalando)).toEqual(perDatabase(backends.statefulSet));
    expect(perDatabase(backends.cloudnativepg)).toEqual(perDatabase(backends.statefulSet));
  });

  test('the same logins: the StatefulSet\'s Job creates them, each operator makes them from its resource', () => {
    const created = [...backends.statefulSet['000-cluster.sql'].matchAll(/^-- login (\w+) \(app\)$/gm)].map((m) => m[1]).sort();
    expect(created).toHaveLength(5);
    const zalando = Object.keys(only(dist['prod-operator'], 'postgresql', 'postgres-cluster').spec.users).filter((u) => u !== 'postgres_exporter').sort();
    const cnpg = dist['prod-cnpg'].filter((o) => o.kind === 'DatabaseRole').map((o) => o.spec.name).sort();
    expect([zalando, cnpg]).toEqual([created, created]);
    for (const operated of [backends.zalando, backends.cloudnativepg]) expect(operated['000-cluster.sql']).not.toMatch(/CREATE ROLE/);
  });
});
