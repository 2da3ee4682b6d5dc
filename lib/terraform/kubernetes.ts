// Entry point `cdk8s-postgres/terraform/kubernetes`: loads cdktf and @cdktf/provider-kubernetes only.
export * from './chart-manifests';
export * from './state-backend';
