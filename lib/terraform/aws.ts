// The AWS entry point (`cdk8s-postgres/terraform/aws`): needs cdktf and @cdktf/provider-aws only.
export { EfsFileSystem, type EfsFileSystemProps } from './efs-file-system';
export { type AzureStateProps, requireTerraformVersion, type S3StateProps, StateBackend } from './state-backend';
export { S3BackupStorage, type S3BackupStorageProps } from './s3-backup-storage';
export { POD_IDENTITY_PRINCIPAL, S3BackupUploadRole, type S3BackupUploadRoleProps } from './s3-backup-upload-role';
