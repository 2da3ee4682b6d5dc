import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkDnsLabel, fail, ownerOf } from '../private/validation';
import { checkOwnServiceAccount } from '../core/cloud-identity';

/** Properties of {@link S3BackupUploadRole}. */
export interface S3BackupUploadRoleProps {
  /** Name of the IAM role. */
  readonly name: string;
  /** The EKS cluster the backup pods run in. */
  readonly clusterName: string;
  /** Namespace of the backup pods' ServiceAccount. */
  readonly namespace: string;
  /** The backup pods' ServiceAccount (BackupCronJob.serviceAccount); never `default`, which every pod of the namespace runs as. */
  readonly serviceAccountName: string;
  /** ARN of the bucket the dumps go to (S3BackupStorage.bucketArn). */
  readonly bucketArn: string;
  /** The key prefix the uploads write under: `<namespace>/<server>`, as the backup upload writes. */
  readonly prefix: string;
}

/** The service principal of EKS Pod Identity, which assumes roles for pods. */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

/**
 * The role the backup upload runs as, with no key anywhere: an IAM role that only EKS Pod
 * Identity may assume, associated with exactly one ServiceAccount of the cluster, allowed
 * `s3:PutObject` under one prefix of the backup bucket and nothing else (no read, no delete, no
 * list: a stolen pod token can add dumps, not take or destroy them).
 */
export class S3BackupUploadRole extends Construct {
  /** The IAM role. */
  public readonly role: IamRole;
  /** The association of the role with the ServiceAccount. */
  public readonly association: EksPodIdentityAssociation;
  /** The role's ARN. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: S3BackupUploadRoleProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'S3BackupUploadRole');
      if (!Token.isUnresolved(props.namespace)) checkDnsLabel(owner, 'namespace', props.namespace);
      if (!Token.isUnresolved(props.serviceAccountName)) checkOwnServiceAccount(owner, 'serviceAccountName', props.serviceAccountName, 'the role');
      if (!Token.isUnresolved(props.prefix) && !/^[^/*?]+(\/[^/*?]+)*$/.test(props.prefix)) {
        fail(owner, 'prefix', props.prefix, "is not a key prefix such as 'default/postgres' (no leading or trailing '/', no '*' or '?')");
      }
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
    const trust = new DataAwsIamPolicyDocument(this, 'Trust', {
      statement: [{
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: [POD_IDENTITY_PRINCIPAL] }],
        actions: ['sts:AssumeRole', 'sts:TagSession'],
      }],
    });
    this.role = new IamRole(this, 'Role', {
      name: props.name,
      assumeRolePolicy: trust.json,
      tags: { 'managed-by': 'cdk8s-postgres' },
    });
    this.roleArn = this.role.arn;
    const write = new DataAwsIamPolicyDocument(this, 'Write', {
      statement: [{ effect: 'Allow', actions: ['s3:PutObject'], resources: [`${props.bucketArn}/${props.prefix}/*`] }],
    });
    new IamRolePolicy(this, 'PutDumps', { role: this.role.id, name: 'put-dumps', policy: write.json });
    this.association = new EksPodIdentityAssociation(this, 'Association', {
      clusterName: props.clusterName,
      namespace: props.namespace,
      serviceAccount: props.serviceAccountName,
      roleArn: this.role.arn,
    });
  }
}
