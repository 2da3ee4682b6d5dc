export * from './chart-manifests';
export * from './efs-file-system';
