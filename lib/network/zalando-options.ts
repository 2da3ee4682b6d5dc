import { array, object, optional, record, string } from '../checks/props-shape';
import { EXTERNAL_EGRESS_SHAPE, ExternalEgress } from './peers';

/**
 * Where a Zalando cluster's pods may connect and who may connect to them, beside the labelled
 * clients. Facts from the operator's documentation and source (github.com/zalando/postgres-operator):
 * its pods carry `application: spilo` and `cluster-name: <cluster>` (operator parameters
 * `cluster_labels` and `cluster_name_label`,
 * https://github.com/zalando/postgres-operator/blob/master/docs/reference/operator_parameters.md), PgBouncer
 * pods `application: db-connection-pooler` (pkg/cluster/connection_pooler.go), logical backup
 * pods `application: spilo-logical-backup` (pkg/cluster/k8sres.go); the operator calls Patroni's
 * REST API on 8008 of every pod, over plain HTTP and without credentials (pkg/util/patroni/patroni.go:28,
 * 66-104), and PostgreSQL on 5432; Patroni keeps its leader lock in the
 * Kubernetes API (endpoints or, from operator 2.0, ConfigMaps: `kubernetes_use_configmaps`), and
 * the logical backup script asks the same API for a replica to dump (logical-backup/dump.sh).
 */
export interface ZalandoNetworkOptions {
  /**
   * Namespace the operator runs in. The operator's own manifests (`kubectl apply -k
   * github.com/zalando/postgres-operator/manifests`,
   * https://github.com/zalando/postgres-operator/blob/master/docs/quickstart.md) install it in `default`;
   * with Helm it is the release's namespace.
   *
   * Pods of this namespace that carry `operatorPodLabels` reach Patroni's REST API (8008), which
   * has no authentication (the operator could not send any): it can switch over, restart and
   * change the server's configuration. A NetworkPolicy knows pods only by namespace and labels,
   * so whoever may create pods here can pass for the operator; that person can also run a pod as
   * the operator's ServiceAccount (Kubernetes asks no more than that it exists in the namespace),
   * whose ClusterRole already reads every cluster's Secrets and execs into its pods. Keep the
   * right to create pods in this namespace to those trusted with the operator; a namespace of its
   * own makes that easy.
   * @default 'default'
   */
  readonly operatorNamespace?: string;
  /**
   * Labels of the operator's pod: `name: postgres-operator` in its manifests
   * (manifests/postgres-operator.yaml); the Helm chart sets
   * `app.kubernetes.io/name: postgres-operator` instead. Refused when they would also select the
   * cluster's clients, PgBouncer or logical backup pods, which would then reach Patroni's API.
   * @default { name: 'postgres-operator' }
   */
  readonly operatorPodLabels?: Record<string, string>;
  /**
   * The Kubernetes API server as the pods reach it, after the `kubernetes` Service's address
   * translation: the addresses of `kubectl get endpointslices -n default -l
   * kubernetes.io/service-name=kubernetes` (on AKS and EKS, the control plane's addresses), on
   * 443 and 6443. Patroni needs it as its DCS: without it the primary demotes itself and no
   * replica can take over. The default lets the pods reach any address on those ports; narrow it.
   * @default - { cidrs: ['0.0.0.0/0', '::/0'], ports: [443, 6443] }
   */
  readonly apiServer?: ExternalEgress;
  /**
   * Object storage that WAL archives (`WAL_S3_BUCKET`, `WAL_GS_BUCKET`, `AZURE_STORAGE_ACCOUNT`
   * in the operator's configuration) and logical backups go to.
   * @default - none beyond `apiServer`, whose default already covers HTTPS anywhere
   */
  readonly objectStorage?: ExternalEgress;
  /**
   * Other namespaces whose pods, when they carry the client label, may connect.
   * @default - only pods of the cluster's own namespace
   */
  readonly clientNamespaces?: string[];
}

/** Runtime description of {@link ZalandoNetworkOptions}. */
export const ZALANDO_NETWORK_OPTIONS_SHAPE = object<ZalandoNetworkOptions>({
  operatorNamespace: optional(string()),
  operatorPodLabels: optional(record(string())),
  apiServer: optional(EXTERNAL_EGRESS_SHAPE),
  objectStorage: optional(EXTERNAL_EGRESS_SHAPE),
  clientNamespaces: optional(array(string())),
}, { name: 'ZalandoNetworkOptions' });
