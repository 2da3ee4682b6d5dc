import { KubeNetworkPolicy, NetworkPolicyIngressRule } from '../private/k8s';
import { Construct } from 'constructs';
import { DNS_EGRESS, namespacePeer, PodLabels, podsPeer, tcp } from './peers';
import { checkDnsLabel, fail } from '../private/validation';
import { clientSelector } from '../private/labels';

/** Properties of {@link statefulSetServerPolicy}. */
export interface ServerPolicyOptions {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the policy. */
  readonly labels: Record<string, string>;
  /** The server's pods. */
  readonly serverPods: PodLabels;
  readonly port: number;
  readonly clientLabel: { readonly key: string; readonly value: string };
  /** Other namespaces whose labelled pods may connect. */
  readonly clientNamespaces: string[];
  /**
   * The exporter's port and the namespaces that scrape it, when the exporter is on.
   * @default - no exporter: nothing is admitted to scrape
   */
  readonly metrics?: { readonly port: number; readonly scrapeNamespaces: string[] };
}

/** Labelled clients (the library's Jobs carry the label too) on the server's port. */
export function clientIngress(clientLabel: ServerPolicyOptions['clientLabel'], clientNamespaces: readonly string[], port: number): NetworkPolicyIngressRule {
  const client = clientSelector(clientLabel);
  return { from: [podsPeer(client), ...clientNamespaces.map((ns) => namespacePeer(ns, client))], ports: tcp(port) };
}

/**
 * Checks `monitoring.scrapeNamespaces`: namespace names, and at least one, since a NetworkPolicy
 * rule with an empty `from` admits every source.
 */
export function checkScrapeNamespaces(owner: string, namespaces: readonly string[] | undefined): void {
  (namespaces ?? []).forEach((ns, i) => checkDnsLabel(owner, `monitoring.scrapeNamespaces[${i}]`, ns));
  if (namespaces?.length === 0) {
    fail(owner, 'monitoring.scrapeNamespaces', [], "is empty, and a NetworkPolicy rule with no sources admits every pod and address to the exporter: list the namespaces Prometheus runs in, or leave it out for 'monitoring'");
  }
}

/** Prometheus, from its namespaces, on the exporter's port. */
export function scrapeIngress(metrics: NonNullable<ServerPolicyOptions['metrics']>): NetworkPolicyIngressRule {
  return { from: metrics.scrapeNamespaces.map((ns) => namespacePeer(ns)), ports: tcp(metrics.port) };
}

/**
 * `<name>`: the single-primary server admits labelled clients (and the library's Jobs, which
 * carry the label) on 5432 and Prometheus on the exporter's port; it sends nothing but DNS
 * queries: it replicates to no one, and the exporter sidecar reaches PostgreSQL over the pod's
 * loopback, which NetworkPolicies do not filter. Kubelet probes come from the node, which
 * Kubernetes always lets through.
 */
export function statefulSetServerPolicy(scope: Construct, id: string, options: ServerPolicyOptions): KubeNetworkPolicy {
  return new KubeNetworkPolicy(scope, id, {
    metadata: { name: options.name, namespace: options.namespace, labels: options.labels },
    spec: {
      podSelector: { matchLabels: options.serverPods },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        clientIngress(options.clientLabel, options.clientNamespaces, options.port),
        ...(options.metrics ? [scrapeIngress(options.metrics)] : []),
      ],
      egress: [DNS_EGRESS],
    },
  });
}
