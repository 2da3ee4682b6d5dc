// The AWS entry point (`cdk8s-postgres/terraform/aws`): needs cdktf and @cdktf/provider-aws only.
export { EfsFileSystem, type EfsFileSystemProps } from './efs-file-system';
export { type AzureStateProps, requireTerraformVersion, type S3StateProps, StateBackend } from './state-backend';
