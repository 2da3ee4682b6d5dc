// The Kubernetes entry point (`cdk8s-postgres/terraform/kubernetes`): needs cdktf and @cdktf/provider-kubernetes only.
export { ChartManifests, type ChartManifestsProps, type KubeObjectJson } from './chart-manifests';
export { type AzureStateProps, requireTerraformVersion, type S3StateProps, StateBackend } from './state-backend';
