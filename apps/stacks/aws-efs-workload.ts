import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App } from 'cdk8s';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { awsEfs } from '../../environments/aws-efs';
import { EnvironmentChart } from '../../lib';
import { ChartManifests, requireTerraformVersion } from '../../lib/terraform/kubernetes';

/** Properties of {@link AwsEfsWorkloadStack}. */
export interface AwsEfsWorkloadStackProps {
  /** Address ranges allowed to log in (pg_hba). */
  readonly clientCidrs: string[];
}

/**
 * Stack `aws-efs-workload`: seed 003's manifests through the kubernetes provider, on the file
 * system and access point, and with the backup bucket, that stack `aws-efs` created (given as
 * variables).
 */
export class AwsEfsWorkloadStack extends TerraformStack {
  /** The deployed chart. */
  public readonly manifests: ChartManifests;

  constructor(scope: Construct, id: string, props: AwsEfsWorkloadStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const kubeconfig = new TerraformVariable(this, 'kubeconfig_path', { type: 'string', default: '~/.kube/config', description: 'kubeconfig of the EKS cluster' });
    const fileSystemId = new TerraformVariable(this, 'file_system_id', {
      type: 'string',
      description: 'Output file_system_id of stack aws-efs',
      validation: [{ condition: '${can(regex("^fs-([0-9a-f]{8}|[0-9a-f]{17})$", var.file_system_id))}', errorMessage: 'file_system_id must look like fs-0123456789abcdef0.' }],
    });
    const accessPointId = new TerraformVariable(this, 'access_point_id', {
      type: 'string',
      description: 'Output access_point_id of stack aws-efs',
      validation: [{ condition: '${can(regex("^fsap-[0-9a-f]{17}$", var.access_point_id))}', errorMessage: 'access_point_id must look like fsap-0123456789abcdef0.' }],
    });
    const region = new TerraformVariable(this, 'region', { type: 'string', default: 'ap-northeast-2', description: 'AWS region of the cluster and the backup bucket' });
    const backupBucket = new TerraformVariable(this, 'backup_bucket', { type: 'string', description: 'Output backup_bucket of stack aws-efs' });
    // The context is the kubeconfig's current one, or KUBE_CTX when set (read by the provider itself).
    new KubernetesProvider(this, 'kubernetes', { configPath: kubeconfig.stringValue });
    const environment = awsEfs({
      fileSystemId: fileSystemId.stringValue,
      accessPointId: accessPointId.stringValue,
      clientCidrs: props.clientCidrs,
      region: region.stringValue,
      backupBucket: backupBucket.stringValue,
    });
    const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), environment.name, environment);
    this.manifests = new ChartManifests(this, 'Workload', { chart });
  }
}
