import { array, object, optional, record, string } from '../checks/props-shape';
import { EXTERNAL_EGRESS_SHAPE, ExternalEgress } from './peers';

/**
 * Where a CloudNativePG cluster's pods may connect and who may connect to them, beside the
 * labelled clients. Facts from CloudNativePG 1.30 (github.com/cloudnative-pg/cloudnative-pg):
 * instance pods carry `cnpg.io/cluster: <cluster>` and `cnpg.io/podRole: instance`
 * (pkg/utils/labels_annotations.go); the operator must reach every instance on 5432 and on the
 * instance manager's status port 8000 (pkg/management/url/url.go, and the project's networking guide), and the
 * instances reach each other (streaming replication) and the Kubernetes API, where the instance
 * manager watches its Cluster and keeps the primary's lease.
 */
export interface CloudNativePgNetworkOptions {
  /**
   * Namespace the operator runs in: `cnpg-system` for its release manifest and Helm chart.
   * Pods of this namespace that carry `operatorPodLabels` reach the instance manager's port 8000,
   * which can promote, restart and reconfigure the instances: keep the right to create pods here
   * to those trusted with the operator.
   * @default 'cnpg-system'
   */
  readonly operatorNamespace?: string;
  /**
   * Labels of the operator's pod (`app.kubernetes.io/name: cloudnative-pg` in its manifest and chart).
   * @default { 'app.kubernetes.io/name': 'cloudnative-pg' }
   */
  readonly operatorPodLabels?: Record<string, string>;
  /**
   * The Kubernetes API server as the pods reach it (the addresses of `kubectl get endpointslices
   * -n default -l kubernetes.io/service-name=kubernetes`), on 443 and 6443. The instance manager
   * needs it: without it no instance learns its role, and the primary loses its lease.
   * @default - { cidrs: ['0.0.0.0/0', '::/0'], ports: [443, 6443] }
   */
  readonly apiServer?: ExternalEgress;
  /**
   * The object store that backups, WAL and a recovery's source are in, on HTTPS (443): the
   * instances' Barman Cloud sidecars and the recovery Job reach it. Only used with `backup` or
   * `recovery`.
   * The same rule carries the identity's token exchange (AWS STS for IRSA, Microsoft Entra ID for
   * Azure Workload Identity): a narrower range must include those endpoints too.
   * @default - HTTPS anywhere ({ cidrs: ['0.0.0.0/0', '::/0'] })
   */
  readonly objectStorage?: ExternalEgress;
  /**
   * Other namespaces whose pods, when they carry the client label, may connect.
   * @default - only pods of the cluster's own namespace
   */
  readonly clientNamespaces?: string[];
}

/** Runtime description of {@link CloudNativePgNetworkOptions}. */
export const CLOUDNATIVEPG_NETWORK_OPTIONS_SHAPE = object<CloudNativePgNetworkOptions>({
  operatorNamespace: optional(string()),
  operatorPodLabels: optional(record(string())),
  apiServer: optional(EXTERNAL_EGRESS_SHAPE),
  objectStorage: optional(EXTERNAL_EGRESS_SHAPE),
  clientNamespaces: optional(array(string())),
}, { name: 'CloudNativePgNetworkOptions' });
