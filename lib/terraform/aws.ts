// Entry point `cdk8s-postgres/terraform/aws`: loads cdktf and @cdktf/provider-aws only.
export * from './efs-file-system';
export * from './state-backend';
