import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Precondition } from 'cdktf';
import { Construct } from 'constructs';
import { S3_BUCKET_NAME } from '../jobs/backup/s3-upload';
import { checkInteger, ownerOf } from '../private/validation';
import { checkTextNowOrInTerraform } from './deploy-time-checks';

/** Properties of {@link S3BackupStorage}. */
export interface S3BackupStorageProps {
  /**
   * Bucket name: 3 to 63 lower-case letters, digits and hyphens, unique in its AWS partition (no
   * dots: the backup upload addresses it as `<bucket>.s3.<region>.amazonaws.com`).
   */
  readonly bucketName: string;
  /**
   * Days a dump is kept: a lifecycle rule expires dumps this long after they were written; an
   * overwritten or deleted one stays recoverable (as a noncurrent version) as long again.
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * Guard the bucket against `terraform destroy`; turning it off is the explicit opt-in to delete the backups.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * An S3 bucket for database dumps, a copy outside the cluster: every public access blocked, ACLs
 * off (bucket owner enforced), encrypted at rest (SSE-S3), reachable over TLS 1.2 only, written
 * only with conditional writes that never replace an object (a bucket policy denies the rest),
 * versioned so that a deleted dump can be recovered for the retention period, and a lifecycle rule
 * that deletes dumps after it. Writers get `s3:PutObject` on
 * their prefix from an {@link S3BackupUploadRole}.
 */
export class S3BackupStorage extends Construct {
  /** The bucket. */
  public readonly bucket: S3Bucket;
  /** The bucket's name. */
  public readonly bucketName: string;
  /** The bucket's ARN. */
  public readonly bucketArn: string;
  /** The rule that deletes dumps after the retention period. */
  public readonly lifecycle: S3BucketLifecycleConfiguration;

  constructor(scope: Construct, id: string, props: S3BackupStorageProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 30;
    // A literal name is checked now; a name Terraform knows (a variable) by a precondition of the bucket.
    const bucketChecks: Precondition[] = [];
    try {
      const owner = ownerOf(this, 'S3BackupStorage');
      checkTextNowOrInTerraform(owner, 'bucketName', props.bucketName, S3_BUCKET_NAME, bucketChecks);
      checkInteger(owner, 'retentionDays', retentionDays, 1, 36500);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: props.bucketName,
      tags: { 'managed-by': 'cdk8s-postgres' },
      lifecycle: { preventDestroy: props.preventDestroy ?? true, ...(bucketChecks.length ? { precondition: bucketChecks } : {}) },
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'Ownership', { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
    });
    const versioning = new S3BucketVersioningA(this, 'Versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'Retention', {
      bucket: this.bucket.id,
      rule: [{
        id: 'expire-dumps',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: retentionDays }],
        // an overwritten or deleted dump stays recoverable as long as a current one would have been kept
        noncurrentVersionExpiration: [{ noncurrentDays: retentionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
      }],
      dependsOn: [versioning],
    });
    const tlsOnly = new DataAwsIamPolicyDocument(this, 'TlsOnly', {
      statement: [
        {
          sid: 'DenyWithoutTls',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        {
          // Only conditional writes (If-None-Match: *, as the backup upload sends): a stolen upload
          // credential can add objects but not overwrite a dump (s3:if-none-match, conditional writes).
          sid: 'DenyOverwrites',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:PutObject'],
          resources: [`${this.bucket.arn}/*`],
          condition: [{ test: 'Null', variable: 's3:if-none-match', values: ['true'] }],
        },
        {
          sid: 'DenyOldTls',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }],
        },
      ],
    });
    new S3BucketPolicy(this, 'Policy', { bucket: this.bucket.id, policy: tlsOnly.json });
  }
}
