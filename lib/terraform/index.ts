export * from './aws-efs-stack';
export * from './chart-manifests';
export * from './efs-file-system';
