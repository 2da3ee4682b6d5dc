import { NetworkPolicyEgressRule } from '../private/k8s';
import { checkDnsLabel, checkLabels, fail } from '../private/validation';
import { ExternalEgress, externalEgressRule, PodLabels } from './peers';

/** The network options every operator backend shares: where its operator runs, its clients' namespaces, the API server. */
export interface OperatorNetworkOptions {
  readonly operatorNamespace?: string;
  readonly operatorPodLabels?: Record<string, string>;
  readonly apiServer?: ExternalEgress;
  readonly clientNamespaces?: string[];
}

/** {@link OperatorNetworkOptions} with the backend's defaults applied and checked, and the egress rule to the API server. */
export interface OperatorNetwork {
  readonly operatorNamespace: string;
  readonly operatorPods: PodLabels;
  readonly clientNamespaces: readonly string[];
  readonly apiServer: NetworkPolicyEgressRule;
}

/**
 * Checks an operator backend's network options (names, labels, an operator selector that is not
 * empty) and applies the backend's defaults; the API server is reached on 443 and 6443, anywhere
 * unless `apiServer` narrows it.
 */
export function operatorNetwork(owner: string, network: OperatorNetworkOptions, defaults: { readonly namespace: string; readonly podLabels: PodLabels }): OperatorNetwork {
  const operatorNamespace = network.operatorNamespace ?? defaults.namespace;
  const operatorPods = network.operatorPodLabels ?? defaults.podLabels;
  const clientNamespaces = network.clientNamespaces ?? [];
  checkDnsLabel(owner, 'network.operatorNamespace', operatorNamespace);
  checkLabels(owner, 'network.operatorPodLabels', operatorPods);
  if (Object.keys(operatorPods).length === 0) fail(owner, 'network.operatorPodLabels', operatorPods, "is empty, which would admit every pod of the operator's namespace: give the operator pod's labels");
  clientNamespaces.forEach((ns, i) => checkDnsLabel(owner, `network.clientNamespaces[${i}]`, ns));
  const apiServer = externalEgressRule(owner, 'network.apiServer', network.apiServer ?? { cidrs: ['0.0.0.0/0', '::/0'] }, [443, 6443]);
  return { operatorNamespace, operatorPods, clientNamespaces, apiServer };
}
