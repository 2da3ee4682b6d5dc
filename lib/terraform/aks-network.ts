import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';

/** Properties of {@link AksNetwork}. */
export interface AksNetworkProps {
  /** Prefix of the virtual network's name (`<name>-vnet`). */
  readonly name: string;
  /** Resource group the resources are created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `koreacentral`. */
  readonly location: string;
  /**
   * Address space of the virtual network; must not overlap AKS's service range (10.0.0.0/16 by default).
   * @default '10.240.0.0/16'
   */
  readonly addressSpace?: string;
  /**
   * Range of the node subnet. With Azure CNI every pod takes an address here: (nodes + 1) × (max pods + 1) at least.
   * @default '10.240.0.0/22'
   */
  readonly nodeSubnetPrefix?: string;
}

/**
 * The virtual network of an AKS cluster, with one node subnet that has the `Microsoft.Storage`
 * service endpoint, so a storage account firewall can admit the cluster's traffic by subnet
 * (address rules do not apply to clients in the account's own region).
 */
export class AksNetwork extends Construct {
  /** The virtual network. */
  public readonly network: VirtualNetwork;
  /** Subnet `nodes`, where Azure CNI gives nodes and pods their addresses; pass its ID to AksCluster. */
  public readonly nodeSubnet: Subnet;

  constructor(scope: Construct, id: string, props: AksNetworkProps) {
    super(scope, id);
    this.network = new VirtualNetwork(this, 'Resource', {
      name: `${props.name}-vnet`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      addressSpace: [props.addressSpace ?? '10.240.0.0/16'],
      tags: { 'managed-by': 'cdk8s-postgres' },
    });
    this.nodeSubnet = new Subnet(this, 'Nodes', {
      name: 'nodes',
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: this.network.name,
      addressPrefixes: [props.nodeSubnetPrefix ?? '10.240.0.0/22'],
      serviceEndpoints: ['Microsoft.Storage'],
    });
  }
}
