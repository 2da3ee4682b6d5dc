import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App } from 'cdk8s';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { aksPhonebillDev, BACKUP_CONTAINER } from '../../environments/aks-phonebill-dev';
import { BlobUploadOptions, EnvironmentChart, EnvironmentDescription } from '../../lib';
import { AksCluster, AksNetwork, BackupUploadIdentity, BlobBackupStorage, chooseNodeSize, demandOf, requireTerraformVersion, VmSize } from '../../lib/terraform/azure';
import { KUBELOGIN_LOGIN_MODES } from '../../lib/terraform/aks-cluster';
import { REDUNDANT_REPLICATION } from '../../lib/terraform/blob-backup-storage';
import { authorizedRangesRules, DEFAULT_MAX_ADMITTED_ADDRESSES, storageIpRulesRules } from '../../lib/terraform/ip-ranges';
import { ChartManifests } from '../../lib/terraform/kubernetes';

/** Days a copied dump cannot be changed or deleted (no longer than the days it is kept). */
export const BLOB_BACKUP_IMMUTABILITY_DAYS = 7;

/** The environment with its backup upload pointed at the stack's storage account and identity. */
function withUpload(environment: EnvironmentDescription, upload: Pick<BlobUploadOptions, 'accountName' | 'clientId'>): EnvironmentDescription {
  return {
    ...environment,
    servers: environment.servers.map((s) => (s.backup?.upload ? { ...s, backup: { ...s.backup, upload: { ...s.backup.upload, ...upload } } } : s)),
  };
}

/**
 * Stack `aks-phonebill-dev` (seed 004): resource group `phonebill-dev-rg`, a virtual network,
 * AKS cluster `phonebill-dev-aks` (Entra ID and Azure RBAC, no local accounts, API server limited
 * to given ranges or private, workload identity) with a node sized for the environment's pods,
 * Blob storage for backups reachable from the cluster's subnet only, the identity the backup pods
 * upload as (workload identity), and the environment's manifests and Secrets through the
 * kubernetes provider, which signs in with kubelogin; the backup ServiceAccount is annotated with
 * that identity's client ID.
 */
export class AksPhonebillDevStack extends TerraformStack {
  /** The node size chosen from the environment's requests. */
  public readonly nodeSize: VmSize;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    requireTerraformVersion(this);
    const location = new TerraformVariable(this, 'location', { type: 'string', default: 'koreacentral', description: 'Azure region' });
    const accountName = new TerraformVariable(this, 'backup_storage_account_name', {
      type: 'string',
      default: 'phonebilldevbackups',
      description: 'Storage account for database dumps; unique across Azure',
      validation: [{ condition: '${can(regex("^[a-z0-9]{3,24}$", var.backup_storage_account_name))}', errorMessage: 'A storage account name is 3 to 24 lower-case letters and digits.' }],
    });
    const privateCluster = new TerraformVariable(this, 'private_cluster', {
      type: 'bool',
      default: false,
      description: 'Make the API server private (reachable only from the virtual network); Terraform must then run from inside it',
    });
    const authorizedRanges = new TerraformVariable(this, 'api_server_authorized_ip_ranges', {
      type: 'list(string)',
      default: [],
      description: `Public address ranges (IPv4 CIDRs) allowed to reach the API server: the machines that run Terraform and kubectl; at most ${DEFAULT_MAX_ADMITTED_ADDRESSES} addresses together`,
      // The AksCluster's own rules (its preconditions check them again), evaluated before anything is planned.
      validation: authorizedRangesRules({
        list: 'var.api_server_authorized_ip_ranges',
        privateCluster: 'var.private_cluster',
        maxAddresses: DEFAULT_MAX_ADMITTED_ADDRESSES,
        subject: 'api_server_authorized_ip_ranges',
        maximum: `the ${DEFAULT_MAX_ADMITTED_ADDRESSES} addresses (a /16) this stack authorizes at most`,
      }),
    });
    const adminGroups = new TerraformVariable(this, 'aks_admin_group_object_ids', {
      type: 'list(string)',
      default: [],
      description: 'Object IDs of Entra ID groups whose members administer the cluster',
    });
    const monitoring = new TerraformVariable(this, 'monitoring_enabled', {
      type: 'bool',
      default: true,
      description: 'Container Insights into a Log Analytics workspace (billed per GB ingested)',
    });
    const defender = new TerraformVariable(this, 'defender_enabled', {
      type: 'bool',
      default: true,
      description: 'The Microsoft Defender for Containers sensor (billed per node vCore by the subscription\'s Defender plan)',
    });
    const kubelogin = new TerraformVariable(this, 'kubelogin_login', {
      type: 'string',
      default: 'azurecli',
      description: 'How kubelogin gets the Entra ID token for the kubernetes provider (azurecli: the az login session)',
      validation: [{ condition: `\${contains(${JSON.stringify(KUBELOGIN_LOGIN_MODES)}, var.kubelogin_login)}`, errorMessage: `kubelogin_login is one of ${KUBELOGIN_LOGIN_MODES.join(', ')}.` }],
    });
    const replication = new TerraformVariable(this, 'backup_storage_replication', {
      type: 'string',
      default: 'GRS',
      description: 'Replication of the backup storage account: zone- or geo-redundant',
      validation: [{ condition: `\${contains(${JSON.stringify(REDUNDANT_REPLICATION)}, var.backup_storage_replication)}`, errorMessage: `backup_storage_replication is one of ${REDUNDANT_REPLICATION.join(', ')}.` }],
    });
    const storageRanges = new TerraformVariable(this, 'backup_storage_allowed_ip_ranges', {
      type: 'list(string)',
      default: [],
      description: `Public addresses or ranges (prefix /30 or wider; single addresses without a prefix; no private range) allowed to reach the backup storage, e.g. to download a dump; at most ${DEFAULT_MAX_ADMITTED_ADDRESSES} addresses together`,
      // The BlobBackupStorage's own rules (its preconditions check them again).
      validation: storageIpRulesRules({
        list: 'var.backup_storage_allowed_ip_ranges',
        maxAddresses: DEFAULT_MAX_ADMITTED_ADDRESSES,
        subject: 'backup_storage_allowed_ip_ranges',
        maximum: `the ${DEFAULT_MAX_ADMITTED_ADDRESSES} addresses (a /16) this stack lets through at most`,
      }),
    });
    new AzurermProvider(this, 'azurerm', {
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
      // Shared keys are off on the backup account: storage calls use Entra ID.
      storageUseAzuread: true,
    });
    const deployer = new DataAzurermClientConfig(this, 'Deployer', {});

    // The chart as dist/ has it sizes the node; the one deployed also names the identity Terraform creates below.
    const sizing = new EnvironmentChart(new App({ outdir: '/nonexistent' }), aksPhonebillDev.name, aksPhonebillDev);
    this.nodeSize = chooseNodeSize(demandOf(sizing.toJson()));
    const server = aksPhonebillDev.servers.find((s) => s.backup?.upload)!;
    const uploadAccount = sizing.backups[server.id].serviceAccount!;

    const group = new ResourceGroup(this, 'ResourceGroup', { name: 'phonebill-dev-rg', location: location.stringValue, tags: { environment: 'dev' } });
    const network = new AksNetwork(this, 'Network', { name: 'phonebill-dev', resourceGroupName: group.name, location: group.location });
    const aks = new AksCluster(this, 'Cluster', {
      name: 'phonebill-dev-aks',
      resourceGroupName: group.name,
      location: group.location,
      vmSize: this.nodeSize.name,
      nodeSubnetId: network.nodeSubnet.id,
      tenantId: deployer.tenantId,
      adminGroupObjectIds: adminGroups.listValue,
      authorizedIpRanges: authorizedRanges.listValue,
      privateCluster: privateCluster.booleanValue,
      monitoringEnabled: monitoring.booleanValue,
      defenderEnabled: defender.booleanValue,
      kubeloginMode: kubelogin.stringValue,
    });
    const deployerAccess = aks.grantClusterAdmin('DeployerClusterAdmin', deployer.objectId);
    const backups = new BlobBackupStorage(this, 'Backups', {
      accountName: accountName.stringValue,
      resourceGroupName: group.name,
      location: group.location,
      replication: replication.stringValue,
      allowedSubnetIds: [network.nodeSubnet.id],
      allowedIpRanges: storageRanges.listValue,
      containerName: BACKUP_CONTAINER,
      // Seed 004 §7.1: full backups are kept 7 days, in the cluster and in Blob storage alike.
      retentionDays: server.backup!.retention?.days ?? 7,
      immutabilityDays: BLOB_BACKUP_IMMUTABILITY_DAYS,
    });
    const upload = new BackupUploadIdentity(this, 'BackupUpload', {
      name: 'phonebill-dev-backup-upload',
      resourceGroupName: group.name,
      location: group.location,
      oidcIssuerUrl: aks.oidcIssuerUrl,
      namespace: server.namespace,
      serviceAccountName: uploadAccount.name,
      storageAccountId: backups.account.id,
      containerName: backups.container.name,
    });
    const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), aksPhonebillDev.name, withUpload(aksPhonebillDev, { accountName: accountName.stringValue, clientId: upload.clientId }));

    new KubernetesProvider(this, 'kubernetes', aks.kubernetesProviderConfig());
    new ChartManifests(this, 'Workload', { chart, dependsOn: [aks.cluster, deployerAccess, upload.credential] });

    new TerraformOutput(this, 'cluster_name', { value: aks.cluster.name });
    new TerraformOutput(this, 'oidc_issuer_url', { value: aks.oidcIssuerUrl, description: 'Issuer of the cluster\'s service account tokens, for federated credentials' });
    new TerraformOutput(this, 'backup_container', { value: `${backups.account.name}/${backups.container.name}` });
    new TerraformOutput(this, 'backup_container_id', { value: backups.containerResourceManagerId, description: 'Scope for the backup identity\'s Storage Blob Data Contributor role' });
    new TerraformOutput(this, 'backup_upload_client_id', {
      value: upload.clientId,
      description: `kubectl users: kubectl annotate serviceaccount -n ${server.namespace} ${uploadAccount.name} azure.workload.identity/client-id=<this>`,
    });
  }
}
