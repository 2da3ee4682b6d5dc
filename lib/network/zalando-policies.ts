import { KubeNetworkPolicy, NetworkPolicyEgressRule } from '../private/k8s';
import { Construct } from 'constructs';
import { fail } from '../private/validation';
import { clientSelector } from '../private/labels';
import { operatorNetwork } from './operator-network';
import { jobsPolicy } from './jobs-policy';
import { DNS_EGRESS, externalEgressRule, namespacePeer, PodLabels, podsPeer, tcp } from './peers';
import { clientIngress, scrapeIngress } from './server-policy';
import { ZalandoNetworkOptions } from './zalando-options';

const POSTGRES = 5432;
const PATRONI = 8008;
/** Every pod of a cluster the operator creates (`cluster_labels` and `cluster_name_label` at their defaults). */
export function spiloPods(cluster: string): PodLabels {
  return { application: 'spilo', 'cluster-name': cluster };
}
/** The cluster's PgBouncer pods. */
export function poolerPods(cluster: string): PodLabels {
  return { application: 'db-connection-pooler', 'cluster-name': cluster };
}
/** The pods of the cluster's logical backup CronJob. */
function logicalBackupPods(cluster: string): PodLabels {
  return { application: 'spilo-logical-backup', 'cluster-name': cluster };
}

/**
 * Fails when the operator's pod selector would also pick pods that the policies admit for other
 * reasons: they would reach Patroni's API on 8008 as if they were the operator.
 */
function checkOperatorSelector(options: ZalandoPoliciesOptions, operatorNamespace: string, operatorPods: PodLabels, clientNamespaces: readonly string[]): void {
  const selects = (labels: PodLabels) => Object.entries(operatorPods).every(([key, value]) => labels[key] === value);
  const others: [string, PodLabels][] = [];
  if (operatorNamespace === options.namespace || clientNamespaces.includes(operatorNamespace)) {
    others.push([`every client of the cluster (label ${options.clientLabel.key}: ${options.clientLabel.value})`, clientSelector(options.clientLabel)]);
  }
  if (operatorNamespace === options.namespace) {
    if (options.pooler) others.push(['the PgBouncer pods', poolerPods(options.cluster)]);
    if (options.logicalBackup) others.push(['the logical backup pods', logicalBackupPods(options.cluster)]);
  }
  for (const [who, labels] of others) {
    if (selects(labels)) {
      fail(options.owner, 'network.operatorPodLabels', operatorPods, `would also select ${who} in namespace '${operatorNamespace}', which would then reach Patroni's REST API (8008, no authentication) as the operator does: give the labels only the operator's pod carries`);
    }
  }
}

/** What {@link zalandoPolicies} needs to know about the cluster. */
export interface ZalandoPoliciesOptions {
  readonly owner: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly clientLabel: { readonly key: string; readonly value: string };
  readonly pooler: boolean;
  readonly logicalBackup: boolean;
  /**
   * The exporter's port and the namespaces that scrape it, when the exporter is on.
   * @default - no exporter: nothing is admitted to scrape
   */
  readonly metrics?: { readonly port: number; readonly scrapeNamespaces: string[] };
  readonly network: ZalandoNetworkOptions;
}

/**
 * The cluster's NetworkPolicies: `<cluster>` for the PostgreSQL pods (clients, PgBouncer, the
 * logical backup and the library's Jobs on 5432; peers on 5432 and 8008 for replication and
 * Patroni; the operator on 5432 and 8008; Prometheus on the exporter's port; out: DNS, peers, the
 * API server, object storage), `<cluster>-pooler` (clients in, the cluster out),
 * `<cluster>-logical-backup` (the cluster, the API server and object storage out) and
 * `<cluster>-jobs` for the library's Jobs. The operator's own pod lives in its namespace and is
 * outside what the library deploys.
 *
 * Patroni's REST API (8008) has no authentication: the operator calls it over plain HTTP without
 * credentials (pkg/util/patroni/patroni.go:66-104), so it cannot be turned on. Only the cluster's
 * own pods (Patroni asks its peers during a failover) and pods with the operator's labels in the
 * operator's namespace reach it; the operator's labels are refused when they would also select
 * the cluster's clients, PgBouncer or logical backup (see ZalandoNetworkOptions.operatorNamespace
 * for what labels can and cannot prove).
 */
export function zalandoPolicies(scope: Construct, options: ZalandoPoliciesOptions): void {
  const { owner, cluster, namespace, network } = options;
  const { operatorNamespace, operatorPods, clientNamespaces, apiServer } = operatorNetwork(owner, network, { namespace: 'default', podLabels: { name: 'postgres-operator' } });
  checkOperatorSelector(options, operatorNamespace, operatorPods, clientNamespaces);
  const storage: NetworkPolicyEgressRule[] = network.objectStorage ? [externalEgressRule(owner, 'network.objectStorage', network.objectStorage)] : [];

  const spilo = spiloPods(cluster);
  const metadata = (name: string) => ({ name, namespace, labels: options.labels });
  const toSpilo = { to: [podsPeer(spilo)], ports: tcp(POSTGRES) };
  new KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: metadata(cluster),
    spec: {
      podSelector: { matchLabels: spilo },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        clientIngress(options.clientLabel, clientNamespaces, POSTGRES),
        { from: [podsPeer(spilo)], ports: tcp(POSTGRES, PATRONI) },
        { from: [namespacePeer(operatorNamespace, operatorPods)], ports: tcp(POSTGRES, PATRONI) },
        ...(options.pooler ? [{ from: [podsPeer(poolerPods(cluster))], ports: tcp(POSTGRES) }] : []),
        ...(options.logicalBackup ? [{ from: [podsPeer(logicalBackupPods(cluster))], ports: tcp(POSTGRES) }] : []),
        ...(options.metrics ? [scrapeIngress(options.metrics)] : []),
      ],
      egress: [DNS_EGRESS, { to: [podsPeer(spilo)], ports: tcp(POSTGRES, PATRONI) }, apiServer, ...storage],
    },
  });
  if (options.pooler) {
    new KubeNetworkPolicy(scope, 'PoolerNetworkPolicy', {
      metadata: metadata(`${cluster}-pooler`),
      spec: {
        podSelector: { matchLabels: poolerPods(cluster) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [clientIngress(options.clientLabel, clientNamespaces, POSTGRES)],
        egress: [DNS_EGRESS, toSpilo],
      },
    });
  }
  if (options.logicalBackup) {
    new KubeNetworkPolicy(scope, 'LogicalBackupNetworkPolicy', {
      metadata: metadata(`${cluster}-logical-backup`),
      spec: {
        podSelector: { matchLabels: logicalBackupPods(cluster) },
        policyTypes: ['Ingress', 'Egress'],
        egress: [DNS_EGRESS, toSpilo, apiServer, ...storage],
      },
    });
  }
  jobsPolicy(scope, 'JobsNetworkPolicy', { namespace, instance: cluster, serverPods: spilo, port: POSTGRES, labels: options.labels });
}
