import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesProviderConfig } from '@cdktf/provider-kubernetes/lib/provider';

/** Properties of {@link AksCluster}. */
export interface AksClusterProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** VM size of the system node pool. */
  readonly vmSize: string;
  /**
   * Nodes in the system pool.
   * @default 1
   */
  readonly nodeCount?: number;
}

/**
 * An AKS cluster for a development database: one system node pool, a system-assigned managed
 * identity, Kubernetes RBAC, Azure CNI with Azure network policy (the library's
 * NetworkPolicies need an enforcing engine), and automatic patch upgrades.
 */
export class AksCluster extends Construct {
  /** The cluster. */
  public readonly cluster: KubernetesCluster;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    this.cluster = new KubernetesCluster(this, 'Resource', {
      name: props.name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      dnsPrefix: props.name,
      defaultNodePool: {
        name: 'system',
        vmSize: props.vmSize,
        nodeCount: props.nodeCount ?? 1,
        maxPods: 30,
        osDiskSizeGb: 64,
        temporaryNameForRotation: 'systemtmp',
      },
      identity: { type: 'SystemAssigned' },
      roleBasedAccessControlEnabled: true,
      networkProfile: { networkPlugin: 'azure', networkPolicy: 'azure' },
      automaticUpgradeChannel: 'patch',
      tags: { 'managed-by': 'cdk8s-postgres' },
    });
  }

  /** Settings for the kubernetes provider, from the cluster's admin-free kube_config. */
  public kubernetesProviderConfig(): KubernetesProviderConfig {
    const kubeConfig = this.cluster.kubeConfig.get(0);
    return {
      host: kubeConfig.host,
      clientCertificate: Fn.base64decode(kubeConfig.clientCertificate),
      clientKey: Fn.base64decode(kubeConfig.clientKey),
      clusterCaCertificate: Fn.base64decode(kubeConfig.clusterCaCertificate),
    };
  }
}
