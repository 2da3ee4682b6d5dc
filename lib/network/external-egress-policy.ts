import { KubeNetworkPolicy, NetworkPolicyEgressRule } from '../private/k8s';
import { Construct } from 'constructs';
import { array, checkProps, object, optional, record, string, union } from '../checks/props-shape';
import { checkDnsLabel, checkDnsSubdomain, checkLabels, fail, ownerOf } from '../private/validation';
import { DNS_EGRESS, EXTERNAL_EGRESS_SHAPE, ExternalEgress, externalEgressRule } from './peers';
import { MANAGED_BY_LABEL } from '../private/labels';

/** Properties of {@link ExternalEgressPolicy}. */
export interface ExternalEgressPolicyProps {
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Name of the NetworkPolicy. */
  readonly name: string;
  /** Labels that select the pods, e.g. a backup CronJob's pod labels. Never empty. */
  readonly podLabels: Record<string, string>;
  /** Where they may go: address ranges and TCP ports (443 unless given); one rule or several. */
  readonly egress: ExternalEgress | ExternalEgress[];
  /**
   * Labels of the policy.
   * @default { 'app.kubernetes.io/managed-by': 'cdk8s-postgres' }
   */
  readonly labels?: Record<string, string>;
}

/** Runtime description of {@link ExternalEgressPolicyProps}. */
export const EXTERNAL_EGRESS_POLICY_PROPS_SHAPE = object<ExternalEgressPolicyProps>({
  namespace: string(),
  name: string(),
  podLabels: record(string()),
  egress: union(EXTERNAL_EGRESS_SHAPE, array(EXTERNAL_EGRESS_SHAPE)),
  labels: optional(record(string())),
}, { name: 'ExternalEgressPolicyProps' });

/**
 * Egress beyond the cluster for a few selected pods, added to what their other policies allow
 * (NetworkPolicies add up): for example a backup Job's upload to object storage over HTTPS,
 * `{ cidrs: ['0.0.0.0/0'], ports: [443] }`, or narrower ranges where the storage has fixed
 * addresses. DNS is allowed too, so the policy stands on its own.
 */
export class ExternalEgressPolicy extends Construct {
  /** The NetworkPolicy. */
  public readonly resource: KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: ExternalEgressPolicyProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'ExternalEgressPolicy');
      checkProps(owner, props, EXTERNAL_EGRESS_POLICY_PROPS_SHAPE);
      checkDnsLabel(owner, 'namespace', props.namespace);
      checkDnsSubdomain(owner, 'name', props.name);
      checkLabels(owner, 'podLabels', props.podLabels);
      if (Object.keys(props.podLabels).length === 0) fail(owner, 'podLabels', props.podLabels, 'is empty, which would select every pod of the namespace: name the pods that need the egress');
      const labels = props.labels ?? { ...MANAGED_BY_LABEL };
      checkLabels(owner, 'labels', labels);
      this.resource = new KubeNetworkPolicy(this, 'Resource', {
        metadata: { name: props.name, namespace: props.namespace, labels },
        spec: {
          podSelector: { matchLabels: props.podLabels },
          policyTypes: ['Egress'],
          egress: [DNS_EGRESS, ...egressRules(owner, props.egress)],
        },
      });
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}

function egressRules(owner: string, egress: ExternalEgress | ExternalEgress[]): NetworkPolicyEgressRule[] {
  if (!Array.isArray(egress)) return [externalEgressRule(owner, 'egress', egress)];
  if (egress.length === 0) fail(owner, 'egress', egress, "is empty: name where the pods may go, e.g. { cidrs: ['0.0.0.0/0'], ports: [443] }");
  return egress.map((rule, i) => externalEgressRule(owner, `egress[${i}]`, rule));
}
