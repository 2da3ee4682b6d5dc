import { Construct } from 'constructs';
import { KubeNetworkPolicy, NetworkPolicyEgressRule } from '../private/k8s';
import { fail } from '../private/validation';
import { clientSelector } from '../private/labels';
import { operatorNetwork } from './operator-network';
import { CloudNativePgNetworkOptions } from './cnpg-options';
import { jobsPolicy } from './jobs-policy';
import { DNS_EGRESS, externalEgressRule, namespacePeer, PodLabels, podsPeer, tcp } from './peers';
import { clientIngress, scrapeIngress } from './server-policy';

const POSTGRES = 5432;
/** The instance manager's status port, which the operator calls. */
const INSTANCE_MANAGER = 8000;

/** Every instance pod of a CloudNativePG cluster: what its clients connect to. */
export function cnpgInstancePods(cluster: string): PodLabels {
  return { 'cnpg.io/cluster': cluster, 'cnpg.io/podRole': 'instance' };
}

/**
 * Every pod the operator runs for a cluster: the instances and the Jobs that make them (`initdb`
 * for the first, `join` for each replica, which copies the primary with pg_basebackup), all
 * labelled `cnpg.io/cluster` (pkg/specs/pods.go, pkg/specs/jobs.go).
 */
export function cnpgClusterPods(cluster: string): PodLabels {
  return { 'cnpg.io/cluster': cluster };
}

/** What {@link cnpgPolicies} needs to know about the cluster. */
export interface CnpgPoliciesOptions {
  readonly owner: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly clientLabel: { readonly key: string; readonly value: string };
  readonly network: CloudNativePgNetworkOptions;
  /** Whether the pods reach an object store (backups, WAL, a recovery's source). */
  readonly objectStorage: boolean;
  /**
   * Where the pods fetch their workload identity's credentials, beside HTTPS: the EKS Pod Identity
   * agent and the GKE metadata server listen on link-local addresses.
   * @default - none (IRSA and Azure Workload Identity exchange their token over HTTPS)
   */
  readonly credentialEndpoints?: NetworkPolicyEgressRule[];
  /**
   * The exporter's port and the namespaces that scrape it, when monitoring is on.
   * @default - no monitoring: nothing is admitted to scrape
   */
  readonly metrics?: { readonly port: number; readonly scrapeNamespaces: string[] };
}

/**
 * The cluster's NetworkPolicies: `<cluster>` for every pod the operator runs for it, instances and
 * its bootstrap Jobs alike (labelled clients and the library's Jobs on 5432; the cluster's other
 * pods on 5432 and 8000; the operator on 5432 and 8000; out: DNS, the cluster's pods, the API
 * server, which the instance manager and the Jobs read their Cluster from) and `<cluster>-jobs`
 * for the library's Jobs. The operator's pod lives in its own namespace, outside what the library
 * deploys.
 */
export function cnpgPolicies(scope: Construct, options: CnpgPoliciesOptions): void {
  const { owner, cluster, namespace, network } = options;
  const { operatorNamespace, operatorPods, clientNamespaces, apiServer } = operatorNetwork(owner, network, { namespace: 'cnpg-system', podLabels: { 'app.kubernetes.io/name': 'cloudnative-pg' } });
  const client = clientSelector(options.clientLabel);
  if ((operatorNamespace === namespace || clientNamespaces.includes(operatorNamespace)) && Object.entries(operatorPods).every(([key, value]) => client[key] === value)) {
    fail(owner, 'network.operatorPodLabels', operatorPods, `would also select every client of the cluster (label ${options.clientLabel.key}: ${options.clientLabel.value}) in namespace '${operatorNamespace}', which would then reach the instance manager (8000) as the operator does: give the labels only the operator's pod carries`);
  }
  const storage = options.objectStorage ? [externalEgressRule(owner, 'network.objectStorage', network.objectStorage ?? { cidrs: ['0.0.0.0/0', '::/0'] })] : [];
  const pods = cnpgClusterPods(cluster);
  new KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name: cluster, namespace, labels: options.labels },
    spec: {
      podSelector: { matchLabels: pods },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        clientIngress(options.clientLabel, clientNamespaces, POSTGRES),
        { from: [podsPeer(pods)], ports: tcp(POSTGRES, INSTANCE_MANAGER) },
        { from: [namespacePeer(operatorNamespace, operatorPods)], ports: tcp(POSTGRES, INSTANCE_MANAGER) },
        ...(options.metrics ? [scrapeIngress(options.metrics)] : []),
      ],
      egress: [DNS_EGRESS, { to: [podsPeer(pods)], ports: tcp(POSTGRES, INSTANCE_MANAGER) }, apiServer, ...storage, ...options.credentialEndpoints ?? []],
    },
  });
  jobsPolicy(scope, 'JobsNetworkPolicy', { namespace, instance: cluster, serverPods: cnpgInstancePods(cluster), port: POSTGRES, labels: options.labels });
}
