// The Azure entry point (`cdk8s-postgres/terraform/azure`): needs cdktf and @cdktf/provider-azurerm only.
export { AksCluster, type AksClusterProps } from './aks-cluster';
export { AksMonitoring, type AksMonitoringProps } from './aks-monitoring';
export { AksNetwork, type AksNetworkProps } from './aks-network';
export { chooseNodeSize, demandOf, type NodeCapacity, type NodeDemand, type VmSize } from './aks-node-size';
export { BackupUploadIdentity, type BackupUploadIdentityProps } from './backup-upload-identity';
export { BlobBackupStorage, type BlobBackupStorageProps } from './blob-backup-storage';
export { type AzureStateProps, requireTerraformVersion, type S3StateProps, StateBackend } from './state-backend';
