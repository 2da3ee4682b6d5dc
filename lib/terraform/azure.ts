// Entry point `cdk8s-postgres/terraform/azure`: loads cdktf and @cdktf/provider-azurerm only
// (AksCluster names the kubernetes provider's config type, but does not load it).
export * from './aks-cluster';
export * from './aks-monitoring';
export * from './aks-network';
export * from './aks-node-size';
export * from './backup-upload-identity';
export * from './blob-backup-storage';
export * from './state-backend';
