import { IntOrString, NetworkPolicyEgressRule, NetworkPolicyPeer, NetworkPolicyPort } from '../private/k8s';
import { array, number, object, optional, string } from '../checks/props-shape';
import { parseCidr } from '../config/pg-hba';
import { fail } from '../private/validation';

/** Labels of a set of pods, as a NetworkPolicy selects them. */
export type PodLabels = Record<string, string>;

/** The label every namespace carries with its own name (Kubernetes sets it since 1.22). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Pods with `labels` in the policy's own namespace. */
export function podsPeer(labels: PodLabels): NetworkPolicyPeer {
  return { podSelector: { matchLabels: labels } };
}

/** Pods with `labels` in namespace `namespace`, or every pod there without labels. */
export function namespacePeer(namespace: string, labels?: PodLabels): NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    ...(labels ? { podSelector: { matchLabels: labels } } : {}),
  };
}

/** Addresses outside the cluster. */
function cidrPeer(cidr: string): NetworkPolicyPeer {
  return { ipBlock: { cidr } };
}

/** TCP ports. */
export function tcp(...ports: number[]): NetworkPolicyPort[] {
  return ports.map((port) => ({ port: IntOrString.fromNumber(port), protocol: 'TCP' }));
}

/**
 * The cluster's DNS: CoreDNS (kube-dns) in kube-system on 53, UDP and TCP (TCP for answers that
 * do not fit a datagram). Its pods carry `k8s-app: kube-dns` on kubeadm, AKS, EKS, GKE and
 * minikube alike.
 */
export const DNS_EGRESS: NetworkPolicyEgressRule = {
  to: [namespacePeer('kube-system', { 'k8s-app': 'kube-dns' })],
  ports: [{ port: IntOrString.fromNumber(53), protocol: 'UDP' }, { port: IntOrString.fromNumber(53), protocol: 'TCP' }],
};

/** Egress to addresses outside the cluster, such as object storage or the Kubernetes API server. */
export interface ExternalEgress {
  /** Address ranges, in CIDR notation ('0.0.0.0/0' for anywhere). */
  readonly cidrs: string[];
  /**
   * TCP ports.
   * @default [443]
   */
  readonly ports?: number[];
}

/** The egress rule of an {@link ExternalEgress}, its ranges and ports checked. */
export function externalEgressRule(owner: string, field: string, egress: ExternalEgress, defaultPorts: number[] = [443]): NetworkPolicyEgressRule {
  if (egress.cidrs.length === 0) fail(owner, `${field}.cidrs`, egress.cidrs, "is empty: list the address ranges, e.g. ['203.0.113.0/24']");
  egress.cidrs.forEach((cidr, i) => {
    const problem = parseCidr(cidr);
    if (typeof problem === 'string') fail(owner, `${field}.cidrs[${i}]`, cidr, problem.replace(/ of a pg_hba\.conf line/, ''));
  });
  const ports = egress.ports ?? defaultPorts;
  if (ports.length === 0) fail(owner, `${field}.ports`, ports, 'is empty: list the TCP ports, e.g. [443]');
  ports.forEach((port, i) => {
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(owner, `${field}.ports[${i}]`, port, 'is not a port (an integer from 1 to 65535)');
  });
  return { to: egress.cidrs.map(cidrPeer), ports: tcp(...ports) };
}

/** Runtime description of {@link ExternalEgress}. */
export const EXTERNAL_EGRESS_SHAPE = object<ExternalEgress>({
  cidrs: array(string()),
  ports: optional(array(number())),
}, { name: 'ExternalEgress' });
