import { KubeNetworkPolicy } from '../private/k8s';
import { Construct } from 'constructs';
import { MANAGED_BY_LABEL, selectorLabels } from '../private/labels';
import { DNS_EGRESS, PodLabels, podsPeer, tcp } from './peers';
import { SCHEMA_JOB_COMPONENT } from '../private/rendered-names';

/** The `app.kubernetes.io/component` of every Job the library runs against a server (schema, backup, restore). */
const JOB_COMPONENTS = [SCHEMA_JOB_COMPONENT, 'backup', 'restore'];

/** Properties of {@link jobsPolicy}. */
export interface JobsPolicyOptions {
  /** Namespace of the server and its Jobs. */
  readonly namespace: string;
  /** Name of the server (the `app.kubernetes.io/instance` of its Jobs' pods). */
  readonly instance: string;
  /** Pods the Jobs connect to. */
  readonly serverPods: PodLabels;
  /** Port the Jobs connect to. */
  readonly port: number;
  /** Labels of the policy. */
  readonly labels: Record<string, string>;
}

/**
 * `<server>-jobs`: the pods of the server's schema, backup and restore Jobs (selected by the
 * labels every client pod of the library carries) may reach the server's pods on its port and the
 * cluster's DNS, nothing else. A Job that needs more (an upload) gets its own policy beside this
 * one, see {@link ExternalEgressPolicy}.
 */
export function jobsPolicy(scope: Construct, id: string, options: JobsPolicyOptions): KubeNetworkPolicy {
  return new KubeNetworkPolicy(scope, id, {
    metadata: { name: `${options.instance}-jobs`, namespace: options.namespace, labels: options.labels },
    spec: {
      podSelector: {
        matchLabels: { ...selectorLabels(options.instance), ...MANAGED_BY_LABEL },
        matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: JOB_COMPONENTS }],
      },
      policyTypes: ['Egress'],
      egress: [DNS_EGRESS, { to: [podsPeer(options.serverPods)], ports: tcp(options.port) }],
    },
  });
}
