import { IConstruct } from 'constructs';
import { object, optional, string } from '../../checks/props-shape';
import { checkVersionedImage } from '../../private/image-reference';
import { fail } from '../../private/validation';
import { checkText, TextRule } from '../../private/terraform-tokens';
import { CURL_IMAGE } from './blob-upload';
import { uploadLoop } from './upload-loop';
import { checkOwnServiceAccount, ROLE_ARN } from '../../core/cloud-identity';

/**
 * A copy of every verified dump in Amazon S3, uploaded with the pod's AWS identity: no access key
 * in the cluster. The backup pod runs under its own ServiceAccount, which an IAM role trusts in
 * one of the two ways EKS offers, and the upload takes whichever the pod has:
 *
 * - **EKS Pod Identity** (an association of the role with the ServiceAccount, made in the EKS API:
 *   the aws-efs Terraform stack makes it with `S3BackupUploadRole`). The agent's webhook sets
 *   AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
 *   (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html).
 * - **IAM roles for service accounts** (IRSA: `roleArn`, written to the ServiceAccount's
 *   `eks.amazonaws.com/role-arn` annotation). The webhook sets AWS_ROLE_ARN and
 *   AWS_WEB_IDENTITY_TOKEN_FILE; the token is exchanged at STS (AssumeRoleWithWebIdentity).
 *
 * The role needs `s3:PutObject` on `arn:aws:s3:::<bucket>/<namespace>/<server>/*` and nothing else.
 */
export interface S3UploadOptions {
  /**
   * Bucket the dumps go to: 3 to 63 lower-case letters, digits and hyphens (no dots: the upload
   * addresses the bucket as `<bucket>.s3.<region>.amazonaws.com`, whose TLS certificate covers
   * one label only). In a Terraform stack it may be a cdktf token, checked where Terraform knows it.
   */
  readonly bucket: string;
  /** Region of the bucket, such as `ap-northeast-2`; a cdktf token as for `bucket`. */
  readonly region: string;
  /**
   * IAM role for IRSA, written to the ServiceAccount's `eks.amazonaws.com/role-arn` annotation.
   * Leave it out with EKS Pod Identity, whose association names the ServiceAccount instead.
   * @default - none: the role comes from an EKS Pod Identity association
   */
  readonly roleArn?: string;
  /**
   * ServiceAccount of the backup pods, created here: a DNS-1123 subdomain, never `default`
   * (the namespace's own account, which every pod without one runs as: the role would trust
   * them all).
   * @default - the CronJob's name
   */
  readonly serviceAccountName?: string;
  /**
   * Image that runs the upload with curl (7.75 or newer: it signs the requests, AWS Signature
   * Version 4): pinned to a full version.
   * @default 'curlimages/curl:8.11.1'
   */
  readonly image?: string;
}

/** Runtime description of {@link S3UploadOptions}. */
export const S3_UPLOAD_OPTIONS_SHAPE = object<S3UploadOptions>({
  bucket: string(),
  region: string(),
  roleArn: optional(string()),
  serviceAccountName: optional(string()),
  image: optional(string()),
}, { name: 'S3UploadOptions' });

/** S3 bucket names the upload can address: no dots (see {@link S3UploadOptions.bucket}). */
export const S3_BUCKET_NAME: TextRule = {
  pattern: '^[a-z0-9](-?[a-z0-9])*$', minLength: 3, maxLength: 63,
  rule: 'is not an S3 bucket name the upload can address (3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit; no dots, which break the TLS name of `<bucket>.s3.<region>.amazonaws.com`)',
};

/** AWS regions: `us-east-1`, `ap-northeast-2`, `us-gov-west-1`, `cn-north-1`. */
export const AWS_REGION: TextRule = {
  pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$', maxLength: 30,
  rule: 'is not an AWS region (such as ap-northeast-2)',
};

/** The S3 and STS endpoints of a region (China's regions have their own domain). */
export function awsEndpoints(bucket: string, region: string): { s3: string; sts: string } {
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { s3: `https://${bucket}.s3.${region}.${domain}`, sts: `https://sts.${region}.${domain}` };
}

/**
 * Checks the ServiceAccount name in effect (given, or the CronJob's): IRSA names the STS session
 * after it, and STS takes 2 to 64 characters.
 */
export function checkS3ServiceAccount(owner: string, field: string, name: string): void {
  if (name.length < 2 || name.length > 64) fail(owner, field, name, `names the upload's STS session (IRSA), which takes 2 to 64 characters, not ${name.length}: give upload.serviceAccountName`);
}

/** Checks the options (after BackupCronJob's props check). */
export function checkS3Upload(scope: IConstruct, owner: string, upload: S3UploadOptions): void {
  checkText(scope, owner, 'upload.bucket', upload.bucket, S3_BUCKET_NAME);
  checkText(scope, owner, 'upload.region', upload.region, AWS_REGION);
  if (upload.roleArn !== undefined) checkText(scope, owner, 'upload.roleArn', upload.roleArn, ROLE_ARN);
  if (upload.serviceAccountName !== undefined) {
    checkOwnServiceAccount(owner, 'upload.serviceAccountName', upload.serviceAccountName, 'the upload role', "; name an account of its own (or leave it out for the CronJob's name)");
  }
  checkVersionedImage(owner, 'upload.image', upload.image ?? CURL_IMAGE, CURL_IMAGE);
}

/**
 * The upload step's POSIX sh script (curl image, busybox sh). Environment: BACKUP_DIR,
 * UPLOAD_LIST (the files the dump step verified, relative to BACKUP_DIR, one a line), S3_ENDPOINT
 * (`https://<bucket>.s3.<region>.amazonaws.com`), S3_BUCKET, S3_REGION, S3_PREFIX, STS_ENDPOINT,
 * SERVICE_ACCOUNT, and what the EKS webhook injects (see {@link S3UploadOptions}).
 *
 * It gets temporary credentials from the Pod Identity agent, or else from STS for the projected
 * web identity token, then PUTs each file as `<prefix>/<file>`, signed by curl (`--aws-sigv4`) with its SHA-256,
 * only if no object of that key exists (`If-None-Match: *`). Credentials reach curl in files of
 * the step's private folder (a config file and a header file), never on a command line. Any
 * missing setting or failed upload fails the step.
 */
export const S3_UPLOAD_SCRIPT = `set -eu
fail() { printf '%s\\n' "$*" >&2; exit 1; }
if [ ! -s "\${UPLOAD_LIST}" ]; then
  echo "No new backup to upload"
  exit 0
fi
umask 077
work="\${TMPDIR:-/tmp}/upload.$$"
mkdir "\${work}"
trap 'rm -rf "\${work}"' EXIT
# The value of a one-line JSON string field, or of an XML element, in the credentials response.
json_field() { sed -n "s/.*\\"$1\\" *: *\\"\\([^\\"]*\\)\\".*/\\1/p" "\${work}/credentials" | head -n 1; }
xml_field() { sed -n "s/.*<$1>\\([^<]*\\)<\\/$1>.*/\\1/p" "\${work}/credentials" | head -n 1; }

if [ -n "\${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}" ]; then
  [ -r "\${AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE:-}" ] || fail "No backup was uploaded: EKS Pod Identity gave no readable token file ('\${AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE:-}')"
  printf 'Authorization: %s\\n' "$(cat "\${AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}")" > "\${work}/agent-authorization"
  code=$(curl -sS --proto '=http,https' --retry 3 -o "\${work}/credentials" -w '%{http_code}' \\
    -H "@\${work}/agent-authorization" "\${AWS_CONTAINER_CREDENTIALS_FULL_URI}") || fail "No backup was uploaded: could not reach the EKS Pod Identity agent at \${AWS_CONTAINER_CREDENTIALS_FULL_URI}"
  [ "\${code}" = 200 ] || fail "No backup was uploaded: the EKS Pod Identity agent refused the credentials (HTTP \${code}): $(cat "\${work}/credentials")"
  key_id=$(json_field AccessKeyId)
  secret=$(json_field SecretAccessKey)
  session=$(json_field Token)
elif [ -n "\${AWS_ROLE_ARN:-}" ]; then
  [ -r "\${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ] || fail "No backup was uploaded: IRSA gave no readable web identity token file ('\${AWS_WEB_IDENTITY_TOKEN_FILE:-}')"
  code=$(curl -sS --proto '=https' --tlsv1.2 --retry 3 -o "\${work}/credentials" -w '%{http_code}' \\
    --data 'Action=AssumeRoleWithWebIdentity' --data 'Version=2011-06-15' \\
    --data-urlencode "RoleArn=\${AWS_ROLE_ARN}" --data-urlencode "RoleSessionName=\${SERVICE_ACCOUNT}" \\
    --data-urlencode "WebIdentityToken@\${AWS_WEB_IDENTITY_TOKEN_FILE}" \\
    "\${STS_ENDPOINT}/") || fail "No backup was uploaded: could not reach \${STS_ENDPOINT}"
  [ "\${code}" = 200 ] || fail "No backup was uploaded: STS refused the web identity token (HTTP \${code}): $(cat "\${work}/credentials")"
  key_id=$(xml_field AccessKeyId)
  secret=$(xml_field SecretAccessKey)
  session=$(xml_field SessionToken)
else
  fail "No backup was uploaded: the pod has no AWS identity. Associate ServiceAccount \${SERVICE_ACCOUNT} with an IAM role: an EKS Pod Identity association (Terraform: S3BackupUploadRole), or IRSA (upload.roleArn)."
fi
rm -f "\${work}/credentials"
# Access key IDs and secrets are letters, digits, '/', '+' and '=': nothing that needs quoting in curl's config file.
case "\${key_id}:\${secret}" in
  *[!A-Za-z0-9/+=:]* | :* | *:) fail "No backup was uploaded: the credentials response holds no usable access key" ;;
esac
[ -n "\${session}" ] || fail "No backup was uploaded: the credentials response holds no session token"
printf 'user = "%s:%s"\\n' "\${key_id}" "\${secret}" > "\${work}/curl.conf"
printf 'x-amz-security-token: %s\\n' "\${session}" > "\${work}/session"
unset secret session

${uploadLoop({
  prefixVariable: 'S3_PREFIX',
  maxBytes: 5368709120,
  maxText: 'one PutObject takes (5 GiB)',
  // The payload's hash is signed and S3 checks the object against it: a copy that changed on the way is refused.
  put: `sha256=$(sha256sum < "\${path}" | cut -d' ' -f1)
code=$(curl -sS --proto '=https' --tlsv1.2 --retry 3 -o "\${work}/response" -w '%{http_code}' \\
  -K "\${work}/curl.conf" --aws-sigv4 "aws:amz:\${S3_REGION}:s3" -H "@\${work}/session" -H "x-amz-content-sha256: \${sha256}" \\
  -H 'If-None-Match: *' -H 'Content-Type: application/octet-stream' \\
  --upload-file "\${path}" "\${S3_ENDPOINT%/}/$(printf '%s' "\${key}" | sed 's/%/%25/g')") || code=000`,
  okCode: 200,
  destination: 's3://\${S3_BUCKET}/\${key}',
})}`;
