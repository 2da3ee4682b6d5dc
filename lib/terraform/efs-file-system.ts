import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { EfsBackupPolicy } from '@cdktf/provider-aws/lib/efs-backup-policy';
import { EfsFileSystem as AwsEfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsFileSystemPolicy } from '@cdktf/provider-aws/lib/efs-file-system-policy';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, TerraformCount, Token } from 'cdktf';
import { Construct } from 'constructs';
import { POSTGRES_UID } from '../core/pod-security';

/** Properties of {@link EfsFileSystem}. */
export interface EfsFileSystemProps {
  /** Name tag and creation token. */
  readonly name: string;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** Subnets for mount targets, one per availability zone; at least two for zone redundancy. */
  readonly subnetIds: string[];
  /**
   * IAM role of the EFS CSI driver's node pods (the identity that mounts with the `iam` option):
   * the only principal the file system policy lets mount and write, and only through the access point.
   */
  readonly csiDriverRoleArn: string;
  /**
   * Address ranges that may reach NFS (2049): the cluster's nodes and pods.
   * @default - none; give this or clientSecurityGroupIds
   */
  readonly clientCidrs?: string[];
  /**
   * Security groups whose members may reach NFS (2049): the cluster's node security group.
   * @default - none; give this or clientCidrs
   */
  readonly clientSecurityGroupIds?: string[];
  /**
   * Owner uid of the access point's directory and of every file written through it.
   * @default 999 (postgres in the official image)
   */
  readonly uid?: number;
  /**
   * Owner gid, as uid.
   * @default 999
   */
  readonly gid?: number;
  /**
   * Directory the access point exposes as the volume's root; created 0700 for uid/gid.
   * @default '/postgresql'
   */
  readonly rootDirectory?: string;
  /**
   * When files move to Infrequent Access.
   * @default 'AFTER_30_DAYS'
   */
  readonly transitionToIa?: string;
  /**
   * Guard the file system against `terraform destroy`; turning it off is the explicit opt-in to delete data.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

const CLIENT_ACCESS = ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'];
const EVERYONE = [{ type: 'AWS', identifiers: ['*'] }];

/**
 * Statements of the file system policy: only the CSI driver's role may mount and write, only
 * through the access point and over TLS; nobody gets root access; every request without TLS is
 * refused. The denials apply to every principal, so an identity policy elsewhere in the account
 * that grants EFS client access cannot open another way in.
 */
export function fileSystemPolicyStatements(fileSystemArn: string, accessPointArn: string, roleArn: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: 'AllowCsiDriverThroughAccessPoint',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: [roleArn] }],
      actions: CLIENT_ACCESS,
      resources: [fileSystemArn],
      condition: [
        { test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn', values: [accessPointArn] },
        { test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] },
      ],
    },
    {
      sid: 'DenyOtherPrincipals',
      effect: 'Deny',
      principals: EVERYONE,
      actions: CLIENT_ACCESS,
      resources: [fileSystemArn],
      // Anonymous NFS clients carry no principal, and a missing key never equals: refused too.
      condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [roleArn] }],
    },
    {
      sid: 'DenyMountsOutsideAccessPoint',
      effect: 'Deny',
      principals: EVERYONE,
      actions: CLIENT_ACCESS,
      resources: [fileSystemArn],
      condition: [{ test: 'StringNotEquals', variable: 'elasticfilesystem:AccessPointArn', values: [accessPointArn] }],
    },
    { sid: 'DenyRootAccess', effect: 'Deny', principals: EVERYONE, actions: ['elasticfilesystem:ClientRootAccess'], resources: [fileSystemArn] },
    {
      sid: 'DenyUnencryptedTransport',
      effect: 'Deny',
      principals: EVERYONE,
      actions: ['*'],
      resources: [fileSystemArn],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    },
  ];
}

/**
 * An EFS file system for one PostgreSQL data directory, so the data survives the loss of an availability zone: encrypted at rest, backed up
 * by AWS Backup, moved to Infrequent Access when cold, protected from `terraform destroy`,
 * mounted in every given subnet, reachable on NFS only from the cluster, mountable only by the
 * CSI driver's IAM role through the access point over TLS and never as root, and exposed through
 * an access point that makes the postgres user (uid/gid 999) the owner of everything, because PostgreSQL must own its data directory and cannot chown it on EFS.
 */
export class EfsFileSystem extends Construct {
  /** The file system id (`fs-…`). */
  public readonly fileSystemId: string;
  /** The access point id (`fsap-…`). */
  public readonly accessPointId: string;
  /** The security group of the mount targets. */
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: EfsFileSystemProps) {
    super(scope, id);
    const uid = props.uid ?? POSTGRES_UID;
    const gid = props.gid ?? POSTGRES_UID;
    const tags = { Name: props.name, 'managed-by': 'cdk8s-postgres' };

    const fileSystem = new AwsEfsFileSystem(this, 'Resource', {
      creationToken: props.name,
      encrypted: true,
      performanceMode: 'generalPurpose',
      throughputMode: 'elastic',
      lifecyclePolicy: [{ transitionToIa: props.transitionToIa ?? 'AFTER_30_DAYS' }, { transitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
      tags,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.fileSystemId = fileSystem.id;

    new EfsBackupPolicy(this, 'BackupPolicy', { fileSystemId: fileSystem.id, backupPolicy: { status: 'ENABLED' } });
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: `${props.name}-nfs`,
      description: `NFS to ${props.name} from the Kubernetes cluster only`,
      vpcId: props.vpcId,
      tags,
    });
    this.securityGroupId = securityGroup.id;
    // One NFS rule per client range or security group; counts because the lists are variables.
    const nfsFrom = (id: string, sources: string[], source: (element: string) => { cidrIpv4: string } | { referencedSecurityGroupId: string }) => {
      const each = TerraformCount.of(Token.asNumber(Fn.lengthOf(sources)));
      new VpcSecurityGroupIngressRule(this, id, {
        count: each,
        securityGroupId: securityGroup.id,
        description: 'NFS from the cluster',
        ipProtocol: 'tcp',
        fromPort: 2049,
        toPort: 2049,
        ...source(Fn.element(sources, each.index)),
      });
    };
    nfsFrom('NfsFromClusterCidr', props.clientCidrs ?? [], (cidr) => ({ cidrIpv4: cidr }));
    nfsFrom('NfsFromClusterSecurityGroup', props.clientSecurityGroupIds ?? [], (group) => ({ referencedSecurityGroupId: group }));

    const perSubnet = TerraformCount.of(Token.asNumber(Fn.lengthOf(props.subnetIds)));
    new EfsMountTarget(this, 'MountTarget', {
      count: perSubnet,
      fileSystemId: fileSystem.id,
      subnetId: Fn.element(props.subnetIds, perSubnet.index),
      securityGroups: [securityGroup.id],
    });

    const accessPoint = new EfsAccessPoint(this, 'AccessPoint', {
      fileSystemId: fileSystem.id,
      posixUser: { uid, gid },
      rootDirectory: {
        path: props.rootDirectory ?? '/postgresql',
        creationInfo: { ownerUid: uid, ownerGid: gid, permissions: '700' },
      },
      tags,
    });
    this.accessPointId = accessPoint.id;

    // Id kept from when the policy only required TLS: a new address would delete the policy after writing it.
    new EfsFileSystemPolicy(this, 'TlsOnly', {
      fileSystemId: fileSystem.id,
      policy: new DataAwsIamPolicyDocument(this, 'PolicyDocument', {
        statement: fileSystemPolicyStatements(fileSystem.arn, accessPoint.arn, props.csiDriverRoleArn),
      }).json,
    });
  }
}
