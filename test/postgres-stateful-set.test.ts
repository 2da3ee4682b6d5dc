import { PostgresStatefulSet, PostgresStatefulSetProps, Warnings } from '../lib';
import { KubeObject, only, synth, testChart } from './support/manifests';

function render(props: PostgresStatefulSetProps = {}, id = 'orders'): { server: PostgresStatefulSet; objects: KubeObject[]; warnings: string[] } {
  const chart = testChart();
  const server = new PostgresStatefulSet(chart, id, { namespace: 'shop', ...props });
  return { server, objects: synth(chart), warnings: Warnings.collect(chart) };
}

function container(objects: KubeObject[]): any {
  return only(objects, 'StatefulSet').spec.template.spec.containers[0];
}

describe('PostgresStatefulSet defaults', () => {
  const { server, objects } = render();
  const sts = only(objects, 'StatefulSet');

  test('one StatefulSet with a retained 8Gi claim on the default class', () => {
    expect(sts.metadata).toMatchObject({ name: 'orders', namespace: 'shop' });
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.serviceName).toBe('orders-headless');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    const [claim] = sts.spec.volumeClaimTemplates;
    expect(claim.spec.resources.requests.storage).toBe('8Gi');
    expect(claim.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(claim.spec).not.toHaveProperty('storageClassName');
  });

  test('a headless Service for the pod and a ClusterIP Service on 5432 for clients', () => {
    const headless = only(objects, 'Service', 'orders-headless');
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.selector).toEqual(sts.spec.selector.matchLabels);
    const client = only(objects, 'Service', 'orders');
    expect(client.spec.type).toBe('ClusterIP');
    expect(client.spec.ports).toEqual([{ name: 'postgresql', port: 5432, targetPort: 'postgresql', protocol: 'TCP' }]);
    expect(client.spec.selector).toEqual(sts.spec.selector.matchLabels);
  });

  test('the official image pinned to a minor release of PostgreSQL 17', () => {
    expect(server.majorVersion).toBe(17);
    expect(container(objects).image).toMatch(/^postgres:17\.\d+$/);
  });

  test('the server is pointed at the mounted ConfigMap files', () => {
    const c = container(objects);
    const configMap = only(objects, 'ConfigMap');
    const volume = sts.spec.template.spec.volumes.find((v: any) => v.configMap?.name === configMap.metadata.name);
    const mount = c.volumeMounts.find((m: any) => m.name === volume.name);
    expect(mount.readOnly).toBe(true);
    expect(c.args).toEqual(['-c', `config_file=${mount.mountPath}/postgresql.conf`, '-c', `hba_file=${mount.mountPath}/pg_hba.conf`]);
    expect(Object.keys(configMap.data).sort()).toEqual(['pg_hba.conf', 'postgresql.conf']);
  });

  test('PGDATA is a subdirectory of the data volume for majors up to 17', () => {
    const c = container(objects);
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(c.env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' });
  });

  test('memory settings follow the 1Gi memory limit', () => {
    expect(server.settings).toMatchObject({ shared_buffers: '256MB', effective_cache_size: '768MB', max_connections: 100 });
    const conf = only(objects, 'ConfigMap').data['postgresql.conf'];
    expect(conf).toContain("shared_buffers = '256MB'");
    expect(conf).toContain("listen_addresses = '*'");
  });

  test('pg_hba asks scram-sha-256 of every TCP login and never trusts', () => {
    const hba: string = only(objects, 'ConfigMap').data['pg_hba.conf'];
    const hostLines = hba.split('\n').filter((l) => l.startsWith('host'));
    expect(hostLines).toEqual([
      'hostnossl all all 0.0.0.0/0 reject', 'hostnossl all all ::/0 reject',
      'hostssl all all 0.0.0.0/0 scram-sha-256', 'hostssl all all ::/0 scram-sha-256',
    ]);
    expect(hba).not.toMatch(/\btrust\b/);
  });

  test('the superuser password comes from a Secret reference', () => {
    const env = container(objects).env;
    expect(env).toContainEqual({ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-superuser', key: 'password' } } });
    expect(env).toContainEqual({ name: 'POSTGRES_USER', value: 'postgres' });
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });

  test('probes run pg_isready over TCP', () => {
    const c = container(objects);
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
      expect(probe.exec.command.join(' ')).toContain('pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB" -h 127.0.0.1 -p 5432');
    }
    expect(c.readinessProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 3 });
  });

  test('requests and a memory limit, no CPU limit', () => {
    expect(container(objects).resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } });
  });

  test('a PodDisruptionBudget that lets a node drain evict the one pod; allowVoluntaryEviction false forbids it', () => {
    const pdb = only(objects, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ selector: { matchLabels: sts.spec.selector.matchLabels }, maxUnavailable: 1 });
    expect(only(render({ allowVoluntaryEviction: false }).objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(0);
  });

  test('a NetworkPolicy that admits 5432 only from pods with the client label, and lets the server send DNS queries only', () => {
    const policy = only(objects, 'NetworkPolicy', 'orders');
    expect(policy.spec.podSelector.matchLabels).toEqual(sts.spec.selector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { 'access.cdk8s-postgres.io/orders': 'true' } } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    }]);
    expect(policy.spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
    }]);
    expect(server.clientLabel).toEqual({ key: 'access.cdk8s-postgres.io/orders', value: 'true' });
  });

  test('a NetworkPolicy that lets the Jobs of the server reach it on 5432 and DNS, nothing else', () => {
    const policy = only(objects, 'NetworkPolicy', 'orders-jobs');
    expect(policy.spec.podSelector).toEqual({
      matchLabels: { ...sts.spec.selector.matchLabels, 'app.kubernetes.io/managed-by': 'cdk8s-postgres' },
      matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['schema-init', 'backup', 'restore'] }],
    });
    expect(policy.spec.policyTypes).toEqual(['Egress']);
    expect(policy.spec.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: sts.spec.selector.matchLabels } }], ports: [{ port: 5432, protocol: 'TCP' }] });
  });

  test('connection facts', () => {
    expect(server.host).toBe('orders.shop.svc.cluster.local');
    expect(server.port).toBe(5432);
    expect(server.databaseName).toBe('postgres');
    expect(server.superuser).toEqual({ name: 'postgres', password: { name: 'orders-superuser', key: 'password' } });
    expect(server.portForwardCommand).toBe('kubectl port-forward --namespace shop svc/orders 5432:5432');
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('PostgresStatefulSet options', () => {
  test('names, storage class, size and access mode are settable', () => {
    const { objects } = render({
      name: 'postgresql-product-change', serviceName: 'pg-svc', headlessServiceName: 'pg-hl', configMapName: 'pg-conf',
      storage: { size: '20Gi', storageClassName: 'managed-standard', accessMode: 'ReadWriteOncePod' },
    });
    const sts = only(objects, 'StatefulSet', 'postgresql-product-change');
    expect(sts.spec.serviceName).toBe('pg-hl');
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOncePod'], storageClassName: 'managed-standard', resources: { requests: { storage: '20Gi' } },
    });
    only(objects, 'Service', 'pg-svc');
    only(objects, 'Service', 'pg-hl');
    only(objects, 'ConfigMap', 'pg-conf');
  });

  test('PostgreSQL 18 keeps data under /var/lib/postgresql/18/docker', () => {
    const c = container(render({ majorVersion: 18 }).objects);
    expect(c.image).toMatch(/^postgres:18\.\d+$/);
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql' });
    expect(c.env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/18/docker' });
  });

  test('a login name from the Secret, for applications that read both from it', () => {
    const c = container(render({ superuser: { name: 'app', password: { name: 'app-secret', key: 'password', usernameKey: 'username' } } }).objects);
    expect(c.env).toContainEqual({ name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'username' } } });
  });

  test('probe timings can follow a seed', () => {
    const c = container(render({ livenessProbe: { initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 } }).objects);
    expect(c.livenessProbe).toMatchObject({ initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 });
  });

  test('extra labels reach every object and the pod, selectors stay fixed', () => {
    const { objects } = render({ labels: { app: 'orders', tier: 'database' } });
    for (const o of objects) expect(o.metadata.labels).toMatchObject({ app: 'orders', tier: 'database' });
    const sts = only(objects, 'StatefulSet');
    expect(sts.spec.template.metadata.labels).toMatchObject({ app: 'orders', tier: 'database' });
    expect(sts.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': 'orders' });
  });

  test('clients from other namespaces still need the label', () => {
    const policy = only(render({ clientNamespaces: ['apps'] }).objects, 'NetworkPolicy', 'orders');
    expect(policy.spec.ingress[0].from[1]).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } },
      podSelector: { matchLabels: { 'access.cdk8s-postgres.io/orders': 'true' } },
    });
  });

  test('a changed setting read only at start changes the pod template, so the pod restarts; a reloadable one does not', () => {
    const checksum = (p: PostgresStatefulSetProps) => only(render(p).objects, 'StatefulSet').spec.template.metadata.annotations['cdk8s-postgres.io/config-checksum'];
    expect(checksum({})).toBe(checksum({}));
    expect(checksum({ parameters: { max_connections: 50 } })).not.toBe(checksum({}));
    // work_mem (user) and pg_hba.conf are read on a reload: the ConfigMap changes, the pod keeps running.
    const config = (p: PostgresStatefulSetProps) => only(render(p).objects, 'ConfigMap').data;
    expect(config({ parameters: { work_mem: '2MB' } })['postgresql.conf']).not.toBe(config({})['postgresql.conf']);
    expect(checksum({ parameters: { work_mem: '2MB' } })).toBe(checksum({}));
    expect(config({ clientCidrs: ['10.0.0.0/8'] })['pg_hba.conf']).not.toBe(config({})['pg_hba.conf']);
    expect(checksum({ clientCidrs: ['10.0.0.0/8'] })).toBe(checksum({}));
  });

  test('durability switches are allowed in a disposable environment', () => {
    const { server } = render({ disposable: true, parameters: { fsync: 'off', synchronous_commit: 'off', full_page_writes: false } });
    // Canonical switches: every consumer, Patroni included, reads them the same way.
    expect(server.settings).toMatchObject({ fsync: false, synchronous_commit: false, full_page_writes: false });
  });
});

describe('PostgresStatefulSet warnings', () => {
  test('an end-of-life major warns at synth', () => {
    expect(render({ majorVersion: 14 }).warnings).toEqual([
      'test/orders: PostgreSQL 14 reached end of life on 2026-11-12 and gets no more security fixes; upgrade it (docs/upgrading.md)',
    ]);
  });

  test('a docker.io bitnami image warns at synth', () => {
    expect(render({ image: 'bitnami/postgresql:17.6.0' }).warnings).toEqual([
      "test/orders: image 'bitnami/postgresql:17.6.0' comes from docker.io/bitnami, which has withdrawn its versioned tags; pulls can fail at any time, prefer the official 'postgres' image",
    ]);
  });

  test('a supported major with the official image is quiet', () => {
    expect(render().warnings).toEqual([]);
  });
});

describe('PostgresStatefulSet rejects bad input', () => {
  const cases: [string, PostgresStatefulSetProps, string][] = [
    ['a name that is not DNS-1123', { name: 'Orders_DB' }, `PostgresStatefulSet 'test/orders': name "Orders_DB" is not a DNS-1123 label (lower case letters, digits and '-', starting and ending with a letter or digit, at most 52 characters)`],
    ['a namespace that is not DNS-1123', { namespace: 'My NS' }, `PostgresStatefulSet 'test/orders': namespace "My NS" is not a DNS-1123 label (lower case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)`],
    ['a service name starting with a digit', { serviceName: '1db' }, `PostgresStatefulSet 'test/orders': serviceName "1db" is not a DNS-1035 label (lower case letters, digits and '-', starting with a letter, at most 63 characters)`],
    ['a storage size that is not a quantity', { storage: { size: '5 GB' } }, `PostgresStatefulSet 'test/orders': storage.size "5 GB" is not a Kubernetes quantity (e.g. '5Gi')`],
    ['a CPU request that is not a quantity', { resources: { cpuRequest: 'half' } }, `PostgresStatefulSet 'test/orders': resources.cpuRequest "half" is not a Kubernetes quantity (e.g. '500m' or '2')`],
    ['a memory limit that is not a quantity', { resources: { memoryLimit: '2 GiB' } }, `PostgresStatefulSet 'test/orders': resources.memoryLimit "2 GiB" is not a Kubernetes quantity (e.g. '5Gi')`],
    ['replicas below 1', { instances: 0 }, `PostgresStatefulSet 'test/orders': instances 0 must be an integer at least 1`],
    ['replicas above 1', { instances: 3 }, `PostgresStatefulSet 'test/orders': instances 3 is not supported: pods of a plain StatefulSet do not replicate, each would be an independent primary (use ZalandoCluster for replicas)`],
    ['a memory limit below its request', { resources: { memoryRequest: '2Gi', memoryLimit: '1Gi' } }, `PostgresStatefulSet 'test/orders': resources.memoryLimit "1Gi" is below resources.memoryRequest '2Gi'`],
    ['a CPU limit below its request', { resources: { cpuRequest: '1', cpuLimit: '500m' } }, `PostgresStatefulSet 'test/orders': resources.cpuLimit "500m" is below resources.cpuRequest '1'`],
    ['settings that do not fit the memory limit', { resources: { memoryLimit: '1Gi' }, parameters: { shared_buffers: '768MB', work_mem: '16MB' } },
      `PostgresStatefulSet 'test/orders': parameters {"shared_buffers":"768MB","max_connections":100,"work_mem":"16MB","maintenance_work_mem":"16MB"} do not fit the memory limit 1Gi (1024 MiB): shared_buffers 768 MiB + wal_buffers 16 MiB + max_connections 100 × work_mem 16 MiB + (autovacuum_max_workers 3 + 1) × maintenance_work_mem 16 MiB = 2448 MiB`],
    ['fsync off outside a disposable environment', { parameters: { fsync: 'off' } }, `PostgresStatefulSet 'test/orders': parameters.fsync "off" turns off crash safety; set disposable: true to declare the environment a disposable development environment`],
    ['synchronous_commit off outside a disposable environment', { parameters: { synchronous_commit: 'off' } }, `PostgresStatefulSet 'test/orders': parameters.synchronous_commit "off" turns off crash safety; set disposable: true to declare the environment a disposable development environment`],
    ['full_page_writes off outside a disposable environment', { parameters: { full_page_writes: false } }, `PostgresStatefulSet 'test/orders': parameters.full_page_writes false turns off crash safety; set disposable: true to declare the environment a disposable development environment`],
    ['overriding a managed setting', { parameters: { port: 5433 } }, `PostgresStatefulSet 'test/orders': parameters.port 5433 is managed by the construct (Services, probes and mounts depend on it) and cannot be overridden`],
    ['a memory setting PostgreSQL cannot parse', { parameters: { work_mem: '4 megabytes' } }, `PostgresStatefulSet 'test/orders': parameters.work_mem "4 megabytes" has a unit PostgreSQL does not know ('megabytes'); use B, kB, MB, GB or TB (case matters, e.g. '256MB')`],
    ['an unsupported major', { majorVersion: 12 }, `PostgresStatefulSet 'test/orders': majorVersion 12 is not a supported PostgreSQL major (one of 14, 15, 16, 17, 18)`],
    ['13, past end of life and no longer supported', { majorVersion: 13 }, `PostgresStatefulSet 'test/orders': majorVersion 13 is not a supported PostgreSQL major (one of 14, 15, 16, 17, 18)`],
    ['an unpinned image', { image: 'postgres:latest' }, `PostgresStatefulSet 'test/orders': image "postgres:latest" is not pinned: 'latest' moves with every release; name a full version, e.g. 'postgres:17.10'`],
    ['a client range that is not CIDR', { clientCidrs: ['10.0.0.0'] }, `PostgresStatefulSet 'test/orders': clientCidrs[0] "10.0.0.0" is not an address range in CIDR notation (e.g. '10.0.0.0/8' or 'fd00::/8')`],
    ['a malformed Secret key', { superuser: { name: 'postgres', password: { name: 'pg', key: 'pass word' } } }, `PostgresStatefulSet 'test/orders': superuser.password.key "pass word" is not a valid Secret key (letters, digits, '-', '_' and '.')`],
    ['metrics without pg_stat_statements preloaded', { monitoring: { login: { name: 'exporter', password: { name: 'm', key: 'password' } } }, parameters: { shared_preload_libraries: 'auto_explain' } },
      `PostgresStatefulSet 'test/orders': parameters.shared_preload_libraries "auto_explain" must include pg_stat_statements when monitoring is on`],
    ['a malformed label', { labels: { tier: 'data base' } }, `PostgresStatefulSet 'test/orders': labels['tier'] "data base" is not a valid label value (at most 63 letters, digits, '-', '_' or '.')`],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => new PostgresStatefulSet(testChart(), 'orders', { namespace: 'shop', ...props })).toThrow(message);
    expect(() => new PostgresStatefulSet(testChart(), 'orders', { namespace: 'shop', ...props })).toThrow(expect.objectContaining({ name: 'ValidationError' }));
  });

  test('a failed construct leaves nothing behind in the chart', () => {
    const chart = testChart();
    expect(() => new PostgresStatefulSet(chart, 'orders', { storage: { size: '5 GB' } })).toThrow();
    expect(synth(chart)).toEqual([]);
  });
});
