import { EnvironmentChart, ExternalEgressPolicy, PostgresStatefulSet, RestoreJob, SchemaInitJob, ZalandoCluster } from '../lib';
import { ENVIRONMENTS } from '../environments';
import { refused } from './support/errors';
import { KubeObject, loadDist, synth, testApp, testChart } from './support/manifests';
import { Endpoint, NetworkPolicies, Pod, podsOf } from './support/network-policy';

/**
 * Every environment's manifests, read by a NetworkPolicy evaluator with Kubernetes' semantics
 * (test/support/network-policy.ts): who reaches the servers, and where the servers and Jobs may go.
 */

const dist = loadDist();
const DNS: Pod = { name: 'CoreDNS', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
const INTERNET = { ip: '203.0.113.10' };
/** EKS Pod Identity's agent, on every node's link-local address. */
const POD_IDENTITY_AGENT = { ip: '169.254.170.23' };
const PROMETHEUS: Pod = { name: 'Prometheus', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };
const OPERATOR: Pod = { name: 'the operator', namespace: 'default', labels: { name: 'postgres-operator' } };
const CNPG_OPERATOR: Pod = { name: 'the CloudNativePG operator', namespace: 'cnpg-system', labels: { 'app.kubernetes.io/name': 'cloudnative-pg' } };
const tcp = (port: number) => ({ port });
const udp = (port: number) => ({ port, protocol: 'UDP' as const });

/** A server's pods, as the evaluator needs them: StatefulSet pods, or the operator's pods of a `postgresql` resource. */
interface Server {
  readonly name: string;
  readonly namespace: string;
  readonly pods: (Pod & { readonly name: string })[];
  readonly clientLabel: Record<string, string>;
  readonly exporter: boolean;
  readonly zalando?: { readonly pooler?: Pod; readonly logicalBackup?: Pod };
  /** A CloudNativePG cluster's instances. */
  readonly cloudnativepg?: true;
}

function serversOf(objects: KubeObject[]): Server[] {
  const statefulSets = podsOf(objects).filter((p) => p.kind === 'StatefulSet' && p.namedPorts?.postgresql === 5432).map((pod) => ({
    name: pod.labels['app.kubernetes.io/instance'],
    namespace: pod.namespace,
    pods: [pod],
    clientLabel: { [`access.cdk8s-postgres.io/${pod.labels['app.kubernetes.io/instance']}`]: 'true' },
    exporter: pod.namedPorts?.metrics === 9187,
  }));
  // The operator's labels (its defaults: cluster_labels application:spilo, cluster_name_label cluster-name, pod_role_label spilo-role).
  const clusters = objects.filter((o) => o.kind === 'postgresql').map((o): Server => {
    const cluster = o.metadata.name;
    const namespace = o.metadata.namespace!;
    const spilo = (i: number, role: string) => ({ name: `${cluster}-${i}`, namespace, labels: { application: 'spilo', 'cluster-name': cluster, 'spilo-role': role, team: o.spec.teamId } });
    return {
      name: cluster,
      namespace,
      pods: Array.from({ length: o.spec.numberOfInstances }, (_, i) => spilo(i, i === 0 ? 'master' : 'replica')),
      clientLabel: { [`access.cdk8s-postgres.io/${cluster}`]: 'true' },
      exporter: (o.spec.sidecars ?? []).some((s: any) => s.ports?.some((p: any) => p.containerPort === 9187)),
      zalando: {
        pooler: o.spec.enableConnectionPooler ? { name: 'PgBouncer', namespace, labels: { application: 'db-connection-pooler', 'cluster-name': cluster, 'connection-pooler': `${cluster}-pooler`, 'spilo-role': 'master' } } : undefined,
        logicalBackup: o.spec.enableLogicalBackup ? { name: 'logical backup', namespace, labels: { application: 'spilo-logical-backup', 'cluster-name': cluster, team: o.spec.teamId } } : undefined,
      },
    };
  });
  // The operator's labels on instance pods (pkg/utils/labels_annotations.go, CloudNativePG 1.30).
  const cnpgClusters = objects.filter((o) => o.kind === 'Cluster' && o.apiVersion === 'postgresql.cnpg.io/v1').map((o): Server => {
    const cluster = o.metadata.name;
    const namespace = o.metadata.namespace!;
    const instance = (i: number, role: string) => ({
      name: `${cluster}-${i}`, namespace,
      labels: { 'cnpg.io/cluster': cluster, 'cnpg.io/podRole': 'instance', 'cnpg.io/instanceName': `${cluster}-${i}`, 'cnpg.io/instanceRole': role, ...o.spec.inheritedMetadata?.labels },
    });
    return {
      name: cluster,
      namespace,
      pods: Array.from({ length: o.spec.instances }, (_, i) => instance(i + 1, i === 0 ? 'primary' : 'replica')),
      clientLabel: { [`access.cdk8s-postgres.io/${cluster}`]: 'true' },
      // the operator's instance manager exports on 9187; monitoring on, a <cluster>-metrics Service fronts it
      exporter: objects.some((s) => s.kind === 'Service' && s.metadata.name === `${cluster}-metrics` && s.metadata.namespace === namespace),
      cloudnativepg: true,
    };
  });
  return [...statefulSets, ...clusters, ...cnpgClusters];
}

function describeEndpoint(e: Endpoint): string {
  return 'ip' in e ? e.ip : `${(e as Pod).name ?? JSON.stringify((e as Pod).labels)} in ${(e as Pod).namespace}`;
}

/** Fails with who could not reach whom, and which side refused. */
function expectReach(net: NetworkPolicies, from: Endpoint, to: Endpoint, connection: { port: number; protocol?: 'TCP' | 'UDP' }, allowed: boolean): void {
  const refusals = net.refusals(from, to, connection);
  const what = `${describeEndpoint(from)} → ${describeEndpoint(to)}:${connection.port}/${connection.protocol ?? 'TCP'}`;
  expect({ what, allowed: refusals.length === 0, refusals: allowed ? refusals : undefined }).toEqual({ what, allowed, refusals: allowed ? [] : undefined });
}

describe.each(Object.entries(dist))('%s', (env, objects) => {
  const net = new NetworkPolicies(objects);
  const servers = serversOf(objects);
  const jobs = podsOf(objects).filter((p) => p.kind === 'Job' || p.kind === 'CronJob');
  const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
  const serverOf = (job: Pod) => servers.find((s) => s.namespace === job.namespace && s.name === job.labels['app.kubernetes.io/instance'])!;

  test('has servers and Jobs to check', () => {
    expect(servers.length).toBeGreaterThan(0);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(serverOf(job)).toBeDefined();
  });

  test('every namespace it creates denies by default, in and out, and allows DNS', () => {
    for (const namespace of namespaces) {
      const app: Pod = { name: 'an unlabelled application', namespace, labels: { app: 'web' } };
      expect(net.isolating(app, 'Ingress').map((p) => p.metadata.name)).toContain('default-deny');
      expect(net.isolating(app, 'Egress').map((p) => p.metadata.name)).toContain('default-deny');
      expectReach(net, app, DNS, udp(53), true);
      expectReach(net, app, DNS, tcp(53), true);
      expectReach(net, app, INTERNET, tcp(443), false);
      expectReach(net, { ...app, namespace: 'elsewhere' }, app, tcp(8080), false);
    }
  });

  test('each Job reaches its server on 5432 and DNS, nothing else (a backup that uploads its dumps also HTTPS, and on AWS the node\'s Pod Identity agent)', () => {
    for (const job of jobs) {
      const server = serverOf(job);
      const uploads = job.labels['cdk8s-postgres.io/backup-upload'] !== undefined;
      const toS3 = uploads && job.labels['azure.workload.identity/use'] === undefined;
      expectReach(net, job, POD_IDENTITY_AGENT, tcp(80), toS3);
      expectReach(net, job, POD_IDENTITY_AGENT, tcp(443), uploads);
      for (const pod of server.pods) expectReach(net, job, pod, tcp(5432), true);
      expectReach(net, job, DNS, udp(53), true);
      expectReach(net, job, DNS, tcp(53), true);
      expectReach(net, job, INTERNET, tcp(443), uploads);
      expectReach(net, job, INTERNET, tcp(80), false);
      expectReach(net, job, PROMETHEUS, tcp(9090), false);
      if (server.exporter) expectReach(net, job, server.pods[0], tcp(9187), false);
    }
  });

  test('a pod with the client label reaches the server; without it, from here or elsewhere, it does not', () => {
    for (const server of servers) {
      const client: Pod = { name: 'a labelled application', namespace: server.namespace, labels: { app: 'api', ...server.clientLabel } };
      const stranger: Pod = { name: 'an unlabelled application', namespace: server.namespace, labels: { app: 'api' } };
      const outsider: Pod = { name: 'a labelled pod of another namespace', namespace: 'other', labels: { app: 'api', ...server.clientLabel } };
      for (const pod of server.pods) {
        expectReach(net, client, pod, tcp(5432), true);
        expectReach(net, stranger, pod, tcp(5432), false);
        expectReach(net, outsider, pod, tcp(5432), false);
        expectReach(net, INTERNET, pod, tcp(5432), false);
      }
    }
  });

  test('the servers send nothing but DNS queries (and, on an operator, replication and the API server)', () => {
    for (const server of servers) {
      for (const pod of server.pods) {
        expectReach(net, pod, DNS, udp(53), true);
        expectReach(net, pod, INTERNET, tcp(80), false);
        expectReach(net, pod, INTERNET, tcp(5432), false);
        expectReach(net, pod, { ...PROMETHEUS }, tcp(9090), false);
        expectReach(net, pod, INTERNET, tcp(443), Boolean(server.zalando || server.cloudnativepg));
      }
    }
  });

  test('Prometheus, from its namespace, scrapes the exporter port and nothing else', () => {
    for (const server of servers.filter((s) => s.exporter)) {
      for (const pod of server.pods) {
        expectReach(net, PROMETHEUS, pod, tcp(9187), true);
        expectReach(net, PROMETHEUS, pod, tcp(5432), false);
        expectReach(net, { ...PROMETHEUS, namespace: server.namespace }, pod, tcp(9187), false);
      }
    }
  });

  if (env === 'prod-cnpg') {
    const [cluster] = servers.filter((s) => s.cloudnativepg);
    const [primary, replica] = cluster.pods;

    test('the cluster has a primary and two replicas to check', () => {
      expect(cluster.pods.length).toBe(3);
    });

    test('instances reach each other on 5432 (replication) and 8000 (the instance manager), both ways', () => {
      for (const [a, b] of [[primary, replica], [replica, primary]]) {
        expectReach(net, a, b, tcp(5432), true);
        expectReach(net, a, b, tcp(8000), true);
        expectReach(net, a, b, tcp(22), false);
      }
    });

    test('the operator reaches the instance manager and PostgreSQL; other pods of its namespace, and clients, do not reach the instance manager', () => {
      expectReach(net, CNPG_OPERATOR, primary, tcp(8000), true);
      expectReach(net, CNPG_OPERATOR, replica, tcp(5432), true);
      expectReach(net, { ...CNPG_OPERATOR, labels: { app: 'other' } }, primary, tcp(8000), false);
      expectReach(net, { ...CNPG_OPERATOR, namespace: 'elsewhere' }, primary, tcp(8000), false);
      const client: Pod = { name: 'a labelled application', namespace: cluster.namespace, labels: cluster.clientLabel };
      expectReach(net, client, primary, tcp(8000), false);
      for (const job of jobs) expectReach(net, job, primary, tcp(8000), false);
    });

    test('the instances reach the Kubernetes API server on 443 and 6443', () => {
      expectReach(net, primary, { ip: '10.0.0.1' }, tcp(443), true);
      expectReach(net, replica, { ip: '20.61.10.4' }, tcp(6443), true);
    });

    test("the operator's bootstrap Jobs (labels of pkg/specs/jobs.go) read the API server, and a replica's join copies the primary", () => {
      const job = (role: string, i: number): Pod => ({ name: `${cluster.name}-${i}-${role}`, namespace: cluster.namespace, labels: { 'cnpg.io/cluster': cluster.name, 'cnpg.io/instanceName': `${cluster.name}-${i}`, 'cnpg.io/jobRole': role, 'app.kubernetes.io/managed-by': 'cloudnative-pg' } });
      expectReach(net, job('initdb', 1), { ip: '10.0.0.1' }, tcp(443), true);
      expectReach(net, job('join', 2), { ip: '10.0.0.1' }, tcp(443), true);
      expectReach(net, job('join', 2), primary, tcp(5432), true);
      expectReach(net, job('join', 2), INTERNET, tcp(80), false);
    });
  }

  if (env === 'prod-operator') {
    const [cluster] = servers.filter((s) => s.zalando);
    const [primary, replica] = cluster.pods;

    test('the cluster has a primary, replicas, PgBouncer and a logical backup to check', () => {
      expect(cluster.pods.length).toBe(3);
      expect(cluster.zalando?.pooler).toBeDefined();
      expect(cluster.zalando?.logicalBackup).toBeDefined();
    });

    test('peers reach each other on 5432 (replication) and 8008 (Patroni), both ways', () => {
      for (const [a, b] of [[primary, replica], [replica, primary]]) {
        expectReach(net, a, b, tcp(5432), true);
        expectReach(net, a, b, tcp(8008), true);
        expectReach(net, a, b, tcp(22), false);
      }
    });

    test('the operator reaches Patroni and PostgreSQL; other pods of its namespace do not', () => {
      expectReach(net, OPERATOR, primary, tcp(8008), true);
      expectReach(net, OPERATOR, replica, tcp(5432), true);
      expectReach(net, { ...OPERATOR, labels: { app: 'other' } }, primary, tcp(8008), false);
      expectReach(net, { ...OPERATOR, namespace: 'elsewhere' }, primary, tcp(8008), false);
    });

    test('clients, the library\'s Jobs and the cluster\'s own pods never reach Patroni\'s API unless peers', () => {
      const client: Pod = { name: 'a labelled application', namespace: cluster.namespace, labels: cluster.clientLabel };
      expectReach(net, client, primary, tcp(8008), false);
      for (const job of jobs) expectReach(net, job, primary, tcp(8008), false);
    });

    test('Patroni reaches the Kubernetes API server (its DCS) on 443 and 6443', () => {
      expectReach(net, primary, { ip: '10.0.0.1' }, tcp(443), true);
      expectReach(net, replica, { ip: '20.61.10.4' }, tcp(6443), true);
    });

    test('PgBouncer: labelled clients in, the cluster out', () => {
      const pooler = cluster.zalando!.pooler!;
      const client: Pod = { name: 'a labelled application', namespace: cluster.namespace, labels: cluster.clientLabel };
      expectReach(net, client, pooler, tcp(5432), true);
      expectReach(net, { ...client, labels: {} }, pooler, tcp(5432), false);
      expectReach(net, pooler, primary, tcp(5432), true);
      expectReach(net, pooler, primary, tcp(8008), false);
      expectReach(net, pooler, INTERNET, tcp(443), false);
    });

    test('the logical backup reaches the cluster, the API server and object storage over HTTPS, and admits no one', () => {
      const backup = cluster.zalando!.logicalBackup!;
      expectReach(net, backup, replica, tcp(5432), true);
      expectReach(net, backup, INTERNET, tcp(443), true);
      expectReach(net, backup, INTERNET, tcp(80), false);
      expectReach(net, primary, backup, tcp(8080), false);
    });
  }
});

describe('one policy less and the evaluator notices', () => {
  const aks = dist['aks-phonebill-dev'];
  const job = podsOf(aks).find((p) => p.kind === 'Job')!;
  const server = podsOf(aks).find((p) => p.kind === 'StatefulSet')!;

  test('without the Jobs policy, the schema Job still reaches the server through its client label', () => {
    const net = new NetworkPolicies(aks.filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name.endsWith('-jobs'))));
    expect(net.allows(job, server, tcp(5432))).toBe(true);
  });

  test('without the clients policy and the Jobs policy, the default deny stops the Job', () => {
    const net = new NetworkPolicies(aks.filter((o) => !(o.kind === 'NetworkPolicy' && /-(jobs|clients)$/.test(o.metadata.name))));
    expect(net.refusals(job, server, tcp(5432))).toEqual(['egress of the source']);
  });

  test('without the server policy, an unlabelled pod of the namespace is still stopped by the default deny', () => {
    const stranger: Pod = { namespace: server.namespace, labels: {} };
    const net = new NetworkPolicies(aks.filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === server.name.split('/')[1])));
    expect(net.refusals(stranger, server, tcp(5432))).toEqual(['egress of the source', 'ingress of the destination']);
  });

  test('without allow-dns, an application cannot resolve names', () => {
    const net = new NetworkPolicies(aks.filter((o) => o.metadata.name !== 'allow-dns'));
    expect(net.allows({ namespace: server.namespace, labels: {} }, DNS, udp(53))).toBe(false);
  });
});

describe('the evaluator follows Kubernetes\' rules', () => {
  const policy = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'a' }, spec });
  const web: Pod = { namespace: 'a', labels: { app: 'web' }, namedPorts: { http: 8080 } };
  const db: Pod = { namespace: 'a', labels: { app: 'db' } };
  const other: Pod = { namespace: 'b', labels: { app: 'web' } };

  test('no policy: everything is allowed', () => {
    expect(new NetworkPolicies([]).allows(web, db, tcp(5432))).toBe(true);
  });

  test('an ingress-only policy leaves egress open, and policyTypes defaults to Ingress', () => {
    const net = new NetworkPolicies([policy('p', { podSelector: { matchLabels: { app: 'web' } } })]);
    expect(net.allows(web, INTERNET, tcp(443))).toBe(true);
    expect(net.allows(db, web, tcp(8080))).toBe(false);
  });

  test('both ends must allow: egress of the source and ingress of the destination', () => {
    const net = new NetworkPolicies([
      policy('out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] }),
      policy('in', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [] }),
    ]);
    expect(net.refusals(web, db, tcp(5432))).toEqual(['ingress of the destination']);
  });

  test('policies add up; a namespace and pod selector in one peer both have to match', () => {
    const net = new NetworkPolicies([
      policy('deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('allow', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, podSelector: { matchLabels: { app: 'web' } } }] }] }),
    ]);
    expect(net.allows(other, db, tcp(5432))).toBe(true);
    expect(net.allows(web, db, tcp(5432))).toBe(false);
    expect(net.allows({ ...other, labels: {} }, db, tcp(5432))).toBe(false);
  });

  test('ports: protocol, named ports, ranges; ipBlock with except', () => {
    const net = new NetworkPolicies([
      policy('in', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] }),
      policy('out', {
        podSelector: { matchLabels: { app: 'db' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 1000, endPort: 2000, protocol: 'TCP' }] }],
      }),
    ]);
    expect(net.allows(db, web, tcp(8080))).toBe(false);
    expect(net.allows(other, web, tcp(8080))).toBe(true);
    expect(net.allows(other, web, udp(8080))).toBe(false);
    expect(net.allows(db, { ip: '10.2.3.4' }, tcp(1500))).toBe(true);
    expect(net.allows(db, { ip: '10.1.3.4' }, tcp(1500))).toBe(false);
    expect(net.allows(db, { ip: '10.2.3.4' }, tcp(2001))).toBe(false);
    expect(net.allows(db, { ip: '11.2.3.4' }, tcp(1500))).toBe(false);
  });

  test('matchExpressions', () => {
    const net = new NetworkPolicies([policy('p', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] }, ingress: [] })]);
    expect(net.isolating(db, 'Ingress')).toHaveLength(1);
    expect(net.isolating(web, 'Ingress')).toHaveLength(0);
  });
});

describe('restore Jobs fall under the Jobs policy', () => {
  test('npm run restore\'s Job reaches the server and not the internet', () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
    new RestoreJob(chart, 'restore', { server, claimName: 'db-backup', sourceDatabase: 'orders' });
    const objects = synth(chart);
    const net = new NetworkPolicies(objects);
    const restore = podsOf(objects).find((p) => p.kind === 'Job')!;
    const pod = podsOf(objects).find((p) => p.kind === 'StatefulSet')!;
    expect(net.allows(restore, pod, tcp(5432))).toBe(true);
    expect(net.allows(restore, INTERNET, tcp(443))).toBe(false);
    expect(net.isolating(restore, 'Egress').map((p) => p.metadata.name)).toContain('db-jobs');
  });
});

describe('ExternalEgressPolicy: HTTPS out for a backup upload, and only for the pods it selects', () => {
  const build = () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db', { namespace: 'shop' });
    new SchemaInitJob(chart, 'schema', { server, databases: [{ name: 'orders', owner: 'postgres' }] });
    const upload = { 'app.kubernetes.io/instance': 'db', 'app.kubernetes.io/component': 'backup' };
    new ExternalEgressPolicy(chart, 'upload', { namespace: 'shop', name: 'db-backup-upload', podLabels: upload, egress: { cidrs: ['0.0.0.0/0'] } });
    return { objects: synth(chart), upload };
  };

  test('the selected pods reach HTTPS anywhere, on 443 only; the schema Job does not', () => {
    const { objects, upload } = build();
    const net = new NetworkPolicies(objects);
    const backup: Pod = { namespace: 'shop', labels: { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/managed-by': 'cdk8s-postgres', ...upload, 'access.cdk8s-postgres.io/db': 'true' } };
    const schema = podsOf(objects).find((p) => p.kind === 'Job')!;
    const server = podsOf(objects).find((p) => p.kind === 'StatefulSet')!;
    expect(net.allows(backup, INTERNET, tcp(443))).toBe(true);
    expect(net.allows(backup, INTERNET, tcp(80))).toBe(false);
    expect(net.allows(backup, server, tcp(5432))).toBe(true);
    expect(net.allows(schema, INTERNET, tcp(443))).toBe(false);
  });

  test.each([
    ['no pod labels', { podLabels: {} }, "ExternalEgressPolicy 'test/upload': podLabels {} is empty, which would select every pod of the namespace: name the pods that need the egress"],
    ['a range with host bits', { egress: { cidrs: ['10.1.2.3/8'] } }, "ExternalEgressPolicy 'test/upload': egress.cidrs[0] \"10.1.2.3/8\" has bits set after the prefix, which PostgreSQL ignores: it means '10.0.0.0/8'; write that, or '10.1.2.3/32' for the one address"],
    ['port 0', { egress: { cidrs: ['0.0.0.0/0'], ports: [0] } }, "ExternalEgressPolicy 'test/upload': egress.ports[0] 0 is not a port (an integer from 1 to 65535)"],
    ['no ranges', { egress: { cidrs: [] } }, "ExternalEgressPolicy 'test/upload': egress.cidrs [] is empty: list the address ranges, e.g. ['203.0.113.0/24']"],
  ])('refuses %s', (_name, change, message) => {
    const chart = testChart();
    expect(refused(() => new ExternalEgressPolicy(chart, 'upload', { namespace: 'shop', name: 'up', podLabels: { a: 'b' }, egress: { cidrs: ['0.0.0.0/0'] }, ...change }))).toBe(message);
    expect(chart.node.tryFindChild('upload')).toBeUndefined();
  });
});

describe('the default deny is per environment, on unless turned off', () => {
  const minikube = ENVIRONMENTS.find((e) => e.name === 'minikube-dev')!;

  test('network.defaultDeny false leaves the namespaces without default-deny, the servers still guarded', () => {
    const chart = new EnvironmentChart(testApp(), minikube.name, { ...minikube, network: { defaultDeny: false } });
    const objects = synth(chart);
    const names = objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
    expect(names).not.toContain('default-deny');
    expect(names).not.toContain('allow-dns');
    const net = new NetworkPolicies(objects);
    const server = podsOf(objects).find((p) => p.kind === 'StatefulSet')!;
    const app: Pod = { namespace: server.namespace, labels: { app: 'web' } };
    expect(net.allows(app, INTERNET, tcp(443))).toBe(true);
    expect(net.allows(app, server, tcp(5432))).toBe(false);
  });

  test('labelled clients of another namespace the environment creates reach a server that admits that namespace', () => {
    const [metadata, microservices] = minikube.servers;
    expect(metadata.namespace).not.toBe(microservices.namespace);
    const servers = [{ ...metadata, backend: { ...metadata.backend, kind: 'statefulSet' as const, clientNamespaces: [microservices.namespace] } } as typeof metadata, microservices];
    const objects = synth(new EnvironmentChart(testApp(), minikube.name, { ...minikube, servers }));
    const net = new NetworkPolicies(objects);
    const server = podsOf(objects).find((p) => p.kind === 'StatefulSet' && p.namespace === metadata.namespace)!;
    const label = { [`access.cdk8s-postgres.io/${server.labels['app.kubernetes.io/instance']}`]: 'true' };
    expectReach(net, { name: 'a labelled client', namespace: microservices.namespace, labels: label }, server, tcp(5432), true);
    expectReach(net, { name: 'an unlabelled pod', namespace: microservices.namespace, labels: {} }, server, tcp(5432), false);
    expectReach(net, { name: 'a labelled client', namespace: 'elsewhere', labels: label }, server, tcp(5432), false);
  });

  test('namespaces every cluster has never get a default deny', () => {
    const objects = dist['aws-efs'];
    expect(objects.filter((o) => o.metadata.name === 'default-deny')).toEqual([]);
  });

  test("an existing namespace stays as it is: no Namespace, no Pod Security labels, no default deny; the environment's own pods stay isolated", () => {
    const microservices = minikube.servers[1].namespace;
    const objects = synth(new EnvironmentChart(testApp(), minikube.name, { ...minikube, existingNamespaces: [microservices] }));
    const inIt = objects.filter((o) => o.metadata.namespace === microservices || (o.kind === 'Namespace' && o.metadata.name === microservices));
    expect(inIt.filter((o) => o.kind === 'Namespace' || ['default-deny', 'allow-dns'].includes(o.metadata.name)).map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([]);
    // the other namespace is still the environment's
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([minikube.servers[0].namespace]);
    const net = new NetworkPolicies(objects);
    const server = podsOf(objects).find((p) => p.kind === 'StatefulSet' && p.namespace === microservices)!;
    // a team's application there keeps its traffic; the server admits only its labelled clients
    const app: Pod = { namespace: microservices, labels: { app: 'web' } };
    expect(net.allows(app, INTERNET, tcp(443))).toBe(true);
    expect(net.allows(app, server, tcp(5432))).toBe(false);
    expect(net.allows(server, INTERNET, tcp(443))).toBe(false);
  });

  test('a default deny where Prometheus runs, and an existing namespace no server uses, are refused', () => {
    const monitored = { ...minikube.servers[1], namespace: 'monitoring', monitoring: { login: { name: 'postgres_exporter', password: { name: 'postgres-secret', key: 'exporter-password' } } } };
    expect(refused(() => new EnvironmentChart(testApp(), minikube.name, { ...minikube, servers: [minikube.servers[0], monitored] })))
      .toBe("EnvironmentChart 'minikube-dev': servers.microservices.monitoring.scrapeNamespaces \"monitoring\" is where Prometheus runs, and a server of this environment makes it a namespace with a default deny, which would leave Prometheus only DNS; list 'monitoring' in existingNamespaces (the namespace stays as it is) or set network.defaultDeny: false");
    expect(() => new EnvironmentChart(testApp(), minikube.name, { ...minikube, servers: [minikube.servers[0], monitored], existingNamespaces: ['monitoring'] })).not.toThrow();
    expect(refused(() => new EnvironmentChart(testApp(), minikube.name, { ...minikube, existingNamespaces: ['microservice'] })))
      .toBe(`EnvironmentChart 'minikube-dev': existingNamespaces[0] "microservice" is not the namespace of any server (${minikube.servers.map((s) => s.namespace).join(', ')})`);
  });
});

describe('ZalandoCluster network options', () => {
  const cluster = (network: Record<string, unknown>) => {
    const chart = testChart();
    new ZalandoCluster(chart, 'acid-db', { teamId: 'acid', storage: { size: '1Gi' }, network });
    return synth(chart);
  };

  test('the operator namespace and labels, the API server ranges and object storage come from props', () => {
    const objects = cluster({
      operatorNamespace: 'operators',
      operatorPodLabels: { name: 'postgres-operator' },
      apiServer: { cidrs: ['20.61.10.4/32'], ports: [443] },
      objectStorage: { cidrs: ['52.95.0.0/16'] },
    });
    const net = new NetworkPolicies(objects);
    const spilo: Pod = { namespace: 'default', labels: { application: 'spilo', 'cluster-name': 'acid-db' } };
    expect(net.allows({ namespace: 'operators', labels: { name: 'postgres-operator' } }, spilo, tcp(8008))).toBe(true);
    expect(net.allows(OPERATOR, spilo, tcp(8008))).toBe(false);
    expect(net.allows(spilo, { ip: '20.61.10.4' }, tcp(443))).toBe(true);
    expect(net.allows(spilo, { ip: '20.61.10.4' }, tcp(6443))).toBe(false);
    expect(net.allows(spilo, { ip: '52.95.1.2' }, tcp(443))).toBe(true);
    expect(net.allows(spilo, INTERNET, tcp(443))).toBe(false);
  });

  test.each([
    ['an API server range that is a host name', { apiServer: { cidrs: ['kubernetes.default'] } },
      "ZalandoCluster 'test/acid-db': network.apiServer.cidrs[0] \"kubernetes.default\" is not an address range in CIDR notation (e.g. '10.0.0.0/8' or 'fd00::/8')"],
    ['an object storage port out of range', { objectStorage: { cidrs: ['0.0.0.0/0'], ports: [70000] } },
      "ZalandoCluster 'test/acid-db': network.objectStorage.ports[0] 70000 is not a port (an integer from 1 to 65535)"],
    ['an operator namespace that is no namespace name', { operatorNamespace: 'Postgres Operator' },
      "ZalandoCluster 'test/acid-db': network.operatorNamespace \"Postgres Operator\" "],
  ])('refuses %s', (_name, network, message) => {
    expect(refused(() => cluster(network))).toContain(message);
  });

  test('empty operator labels are refused', () => {
    expect(refused(() => cluster({ operatorPodLabels: {} }))).toBe(
      "ZalandoCluster 'test/acid-db': network.operatorPodLabels {} is empty, which would admit every pod of the operator's namespace: give the operator pod's labels");
  });
});
