import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App } from 'cdk8s';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { aksPhonebillDev } from '../../environments/aks-phonebill-dev';
import { BlobUploadOptions, EnvironmentChart, EnvironmentDescription } from '../../lib';
import { AksCluster, BackupUploadIdentity, BlobBackupStorage, ChartManifests, chooseNodeSize, demandOf, VmSize } from '../../lib/terraform';

/** The environment with its backup upload pointed at the stack's storage account and identity. */
function withUpload(environment: EnvironmentDescription, upload: Pick<BlobUploadOptions, 'accountName' | 'clientId'>): EnvironmentDescription {
  return {
    ...environment,
    servers: environment.servers.map((s) => (s.backup?.upload ? { ...s, backup: { ...s.backup, upload: { ...s.backup.upload, ...upload } } } : s)),
  };
}

/**
 * Stack `aks-phonebill-dev` (seed 004): resource group `phonebill-dev-rg`, AKS cluster
 * `phonebill-dev-aks` with a node sized for the environment's pods, Blob storage for backups, the
 * identity the backup pods upload as (workload identity), and the environment's manifests and
 * Secrets through the kubernetes provider, the backup ServiceAccount annotated with that
 * identity's client ID.
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

    // The chart as dist/ has it sizes the node; the one deployed also names the identity Terraform creates below.
    const sizing = new EnvironmentChart(new App({ outdir: '/nonexistent' }), aksPhonebillDev);
    this.nodeSize = chooseNodeSize(demandOf(sizing.toJson()));
    const server = aksPhonebillDev.servers.find((s) => s.backup?.upload)!;
    const uploadAccount = sizing.backups[server.id].serviceAccount!;

    const group = new ResourceGroup(this, 'ResourceGroup', { name: 'phonebill-dev-rg', location: location.stringValue, tags: { environment: 'dev' } });
    const aks = new AksCluster(this, 'Cluster', { name: 'phonebill-dev-aks', resourceGroupName: group.name, location: group.location, vmSize: this.nodeSize.name });
    const backups = new BlobBackupStorage(this, 'Backups', { accountName: accountName.stringValue, resourceGroupName: group.name, location: group.location, containerName: server.backup!.upload!.containerName });
    const upload = new BackupUploadIdentity(this, 'BackupUpload', {
      name: 'phonebill-dev-backup-upload',
      resourceGroupName: group.name,
      location: group.location,
      oidcIssuerUrl: aks.cluster.oidcIssuerUrl,
      namespace: server.namespace,
      serviceAccountName: uploadAccount.name,
      storageAccountId: backups.account.id,
      containerName: backups.container.name,
    });
    const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), withUpload(aksPhonebillDev, { accountName: accountName.stringValue, clientId: upload.clientId }));

    new KubernetesProvider(this, 'kubernetes', aks.kubernetesProviderConfig());
    new ChartManifests(this, 'Workload', { chart, dependsOn: [aks.cluster, upload.credential] });

    new TerraformOutput(this, 'cluster_name', { value: aks.cluster.name });
    new TerraformOutput(this, 'backup_container', { value: `${backups.account.name}/${backups.container.name}` });
    new TerraformOutput(this, 'backup_upload_client_id', {
      value: upload.clientId,
      description: `kubectl users: kubectl annotate serviceaccount -n ${server.namespace} ${uploadAccount.name} azure.workload.identity/client-id=<this>`,
    });
  }
}
