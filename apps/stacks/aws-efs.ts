import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { App } from 'cdk8s';
import { awsEfs } from '../../environments/aws-efs';
import config from '../../environments/aws-efs.config.json';
import { EnvironmentChart } from '../../lib';
import { EfsFileSystem, requireTerraformVersion, S3BackupStorage, S3BackupUploadRole } from '../../lib/terraform/aws';

/**
 * Stack `aws-efs`: the AWS side of seed 003, with the AWS provider only so that
 * `terraform validate` can check it offline: the file system, and the bucket the backups are
 * copied to with the role the backup pods upload as. Its outputs feed `aws-efs-workload` and
 * environments/aws-efs.config.json.
 */
export class AwsEfsStack extends TerraformStack {
  /** The file system and access point. */
  public readonly efs: EfsFileSystem;
  /** The bucket the backups are copied to. */
  public readonly backups: S3BackupStorage;
  /** The role the backup upload runs as (EKS Pod Identity). */
  public readonly uploadRole: S3BackupUploadRole;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    requireTerraformVersion(this);
    const region = new TerraformVariable(this, 'region', { type: 'string', default: 'ap-northeast-2', description: 'AWS region of the cluster' });
    const vpcId = new TerraformVariable(this, 'vpc_id', {
      type: 'string',
      description: 'VPC of the Kubernetes cluster',
      validation: [{ condition: '${can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))}', errorMessage: 'vpc_id must look like vpc-0123456789abcdef0.' }],
    });
    const subnetIds = new TerraformVariable(this, 'subnet_ids', {
      type: 'list(string)',
      description: 'Private subnets for the mount targets, in different availability zones',
      validation: [{ condition: '${length(var.subnet_ids) >= 2}', errorMessage: 'Give at least two subnets in different availability zones, so the data survives the loss of one.' }],
    });
    const clusterCidrs = new TerraformVariable(this, 'cluster_cidrs', {
      type: 'list(string)',
      default: [],
      description: "Address ranges of the cluster's nodes and pods that may mount the file system (NFS, 2049)",
      validation: [
        { condition: '${alltrue([for c in var.cluster_cidrs : can(cidrhost(c, 0))])}', errorMessage: 'Every entry of cluster_cidrs must be a CIDR block such as 10.0.0.0/16.' },
        { condition: '${length(var.cluster_cidrs) + length(var.cluster_security_group_ids) > 0}', errorMessage: 'Give cluster_cidrs or cluster_security_group_ids: nothing else may reach NFS.' },
      ],
    });
    const clusterGroups = new TerraformVariable(this, 'cluster_security_group_ids', {
      type: 'list(string)',
      default: [],
      description: "Security groups of the cluster's nodes that may mount the file system",
    });

    const csiDriverRole = new TerraformVariable(this, 'efs_csi_driver_role_arn', {
      type: 'string',
      description: "IAM role of the EFS CSI driver's node pods (IRSA or Pod Identity): the only principal allowed to mount",
      validation: [{ condition: '${can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.efs_csi_driver_role_arn))}', errorMessage: 'efs_csi_driver_role_arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/AmazonEKS_EFS_CSI_DriverRole.' }],
    });

    const clusterName = new TerraformVariable(this, 'cluster_name', { type: 'string', description: 'The EKS cluster (with the EKS Pod Identity Agent add-on): its backup pods get the upload role' });
    const backupBucket = new TerraformVariable(this, 'backup_bucket_name', {
      type: 'string',
      description: 'Name of the S3 bucket for the backups, unique in AWS (lower-case letters, digits and hyphens)',
    });

    new AwsProvider(this, 'aws', { region: region.stringValue });
    this.efs = new EfsFileSystem(this, 'PostgresData', {
      name: 'postgres-data',
      vpcId: vpcId.stringValue,
      subnetIds: subnetIds.listValue,
      clientCidrs: clusterCidrs.listValue,
      clientSecurityGroupIds: clusterGroups.listValue,
      csiDriverRoleArn: csiDriverRole.stringValue,
    });
    // The backup CronJob as dist/ has it names the ServiceAccount and the prefix the role may write.
    const description = awsEfs(config);
    const workload = new EnvironmentChart(new App({ outdir: '/nonexistent' }), description.name, description);
    const [server] = description.servers;
    const backup = workload.backups[server.id];
    this.backups = new S3BackupStorage(this, 'Backups', { bucketName: backupBucket.stringValue, retentionDays: 30 });
    this.uploadRole = new S3BackupUploadRole(this, 'BackupUpload', {
      name: 'postgres-backup-upload',
      clusterName: clusterName.stringValue,
      namespace: server.namespace,
      serviceAccountName: backup.serviceAccount!.name,
      bucketArn: this.backups.bucketArn,
      prefix: backup.uploadPrefix!,
    });
    new TerraformOutput(this, 'file_system_id', { value: this.efs.fileSystemId, description: 'EFS file system id, for environments/aws-efs.config.json' });
    new TerraformOutput(this, 'access_point_id', { value: this.efs.accessPointId, description: 'EFS access point id, for environments/aws-efs.config.json' });
    new TerraformOutput(this, 'backup_bucket', { value: this.backups.bucketName, description: 'S3 bucket of the backups, for environments/aws-efs.config.json and stack aws-efs-workload' });
    new TerraformOutput(this, 'volume_handle', { value: `${this.efs.fileSystemId}::${this.efs.accessPointId}`, description: 'volumeHandle of the PersistentVolume' });
  }
}
