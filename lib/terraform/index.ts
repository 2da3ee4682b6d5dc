export * from './chart-manifests';
export * from './efs-file-system';
export * from './aks-cluster';
export * from './aks-node-size';
export * from './blob-backup-storage';
export * from './backup-upload-identity';
