import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App } from 'cdk8s';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { aksPhonebillDev } from '../../environments/aks-phonebill-dev';
import { EnvironmentChart } from '../../lib';
import { AksCluster, BlobBackupStorage, ChartManifests, chooseNodeSize, demandOf, VmSize } from '../../lib/terraform';

/**
 * Stack `aks-phonebill-dev` (seed 004): resource group `phonebill-dev-rg`, AKS cluster
 * `phonebill-dev-aks` with a node sized for the environment's pods, Blob storage for backups, and
 * the environment's manifests and Secrets through the kubernetes provider.
 */
export class AksPhonebillDevStack extends TerraformStack {
  /** The node size chosen from the environment's requests. */
  public readonly nodeSize: VmSize;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const location = new TerraformVariable(this, 'location', { type: 'string', default: 'koreacentral', description: 'Azure region' });
    const accountName = new TerraformVariable(this, 'backup_storage_account_name', {
      type: 'string',
      default: 'phonebilldevbackups',
      description: 'Storage account for database dumps; unique across Azure',
      validation: [{ condition: '${can(regex("^[a-z0-9]{3,24}$", var.backup_storage_account_name))}', errorMessage: 'A storage account name is 3 to 24 lower-case letters and digits.' }],
    });
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), aksPhonebillDev);
    this.nodeSize = chooseNodeSize(demandOf(chart.toJson()));

    const group = new ResourceGroup(this, 'ResourceGroup', { name: 'phonebill-dev-rg', location: location.stringValue, tags: { environment: 'dev' } });
    const aks = new AksCluster(this, 'Cluster', { name: 'phonebill-dev-aks', resourceGroupName: group.name, location: group.location, vmSize: this.nodeSize.name });
    const backups = new BlobBackupStorage(this, 'Backups', { accountName: accountName.stringValue, resourceGroupName: group.name, location: group.location });

    new KubernetesProvider(this, 'kubernetes', aks.kubernetesProviderConfig());
    new ChartManifests(this, 'Workload', { chart, dependsOn: [aks.cluster] });

    new TerraformOutput(this, 'cluster_name', { value: aks.cluster.name });
    new TerraformOutput(this, 'backup_container', { value: `${backups.account.name}/${backups.container.name}` });
  }
}
