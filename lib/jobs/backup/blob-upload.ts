import { IConstruct } from 'constructs';
import { object, optional, string } from '../../checks/props-shape';
import { checkVersionedImage } from '../../private/image-reference';
import { fail } from '../../private/validation';
import { checkText, TextRule } from '../../private/terraform-tokens';
import { uploadLoop } from './upload-loop';
import { checkOwnServiceAccount, CLIENT_ID, CLIENT_ID_ANNOTATION } from '../../core/cloud-identity';

/**
 * A copy of every verified dump in Azure Blob Storage, uploaded with Microsoft
 * Entra Workload ID: no key or connection string in the cluster. The backup pod runs under its
 * own ServiceAccount, labelled `azure.workload.identity/use: "true"`; AKS's workload identity
 * webhook then projects a service account token and sets AZURE_CLIENT_ID (from the
 * ServiceAccount's `azure.workload.identity/client-id` annotation), AZURE_TENANT_ID,
 * AZURE_AUTHORITY_HOST and AZURE_FEDERATED_TOKEN_FILE
 * (https://azure.github.io/azure-workload-identity/docs/installation/mutating-admission-webhook.html).
 */
export interface BlobUploadOptions {
  /**
   * Storage account name (3 to 24 lower-case letters and digits). In a Terraform stack it may be
   * a cdktf token (a variable or an attribute), whose value the stack checks before it applies
   * anything (ChartManifests); any other text is checked here.
   */
  readonly accountName: string;
  /**
   * Container the dumps go to; a cdktf token as for `accountName`.
   * @default 'postgresql-backups'
   */
  readonly containerName?: string;
  /**
   * Client ID of the user-assigned managed identity the upload runs as (a GUID), written to the
   * ServiceAccount's `azure.workload.identity/client-id` annotation. Terraform knows it only after
   * it creates the identity: the Terraform stack sets it; kubectl users annotate the
   * ServiceAccount with `terraform output`'s value. Without it, the upload step fails.
   * @default - none: the ServiceAccount must be annotated after it is applied
   */
  readonly clientId?: string;
  /**
   * ServiceAccount of the backup pods, created here: a DNS-1123 subdomain, never `default`
   * (the namespace's own account, which every pod without one runs as: the upload identity
   * would trust them all).
   * @default - the CronJob's name
   */
  readonly serviceAccountName?: string;
  /**
   * Image that runs the upload with curl: pinned to a full version.
   * @default 'curlimages/curl:8.11.1'
   */
  readonly image?: string;
}

/** Runtime description of {@link BlobUploadOptions}. */
export const BLOB_UPLOAD_OPTIONS_SHAPE = object<BlobUploadOptions>({
  accountName: string(),
  containerName: optional(string()),
  clientId: optional(string()),
  serviceAccountName: optional(string()),
  image: optional(string()),
}, { name: 'BlobUploadOptions' });

/** The official postgres images ship no curl (docker-library/postgres removes wget after use): the upload runs in its own image. */
export const CURL_IMAGE = 'curlimages/curl:8.11.1';


/** Where the dump step lists the files it verified, for the upload step. */
export const UPLOAD_LIST_DIR = '/var/run/backup-upload';

/** Storage account names: 3 to 24 lower-case letters and digits. */
export const STORAGE_ACCOUNT_NAME: TextRule = {
  pattern: '^[a-z0-9]+$', minLength: 3, maxLength: 24,
  rule: 'is not a storage account name (3 to 24 lower-case letters and digits)',
};

/** Blob container names: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit. */
export const BLOB_CONTAINER_NAME: TextRule = {
  pattern: '^[a-z0-9](-?[a-z0-9])*$', minLength: 3, maxLength: 63,
  rule: 'is not a blob container name (3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit)',
};


/**
 * Checks a ServiceAccount name a workload identity trusts: a DNS-1123 subdomain, and never
 * `default`, the account every pod of the namespace without one of its own runs as.
 */
export function checkServiceAccountName(owner: string, field: string, name: string): void {
  checkOwnServiceAccount(owner, field, name, 'the upload identity', "; name an account of its own (or leave it out for the CronJob's name)");
  if (name.includes('.')) fail(owner, field, name, "names an Azure federated credential (`<namespace>-<account>`), which takes letters, digits, '-' and '_' only: leave out the '.'");
}

/**
 * Checks the options (after BackupCronJob's props check); returns the container name in effect.
 * Terraform tokens in the account, container and client ID are checked where Terraform knows
 * their values (see `checkText`).
 */
export function checkBlobUpload(scope: IConstruct, owner: string, upload: BlobUploadOptions): string {
  checkText(scope, owner, 'upload.accountName', upload.accountName, STORAGE_ACCOUNT_NAME);
  const containerName = upload.containerName ?? 'postgresql-backups';
  checkText(scope, owner, 'upload.containerName', containerName, BLOB_CONTAINER_NAME);
  if (upload.clientId !== undefined) checkText(scope, owner, 'upload.clientId', upload.clientId, CLIENT_ID);
  if (upload.serviceAccountName !== undefined) checkServiceAccountName(owner, 'upload.serviceAccountName', upload.serviceAccountName);
  checkVersionedImage(owner, 'upload.image', upload.image ?? CURL_IMAGE, CURL_IMAGE);
  return containerName;
}

/**
 * The upload step's POSIX sh script (curl image, busybox sh). Environment: BACKUP_DIR,
 * UPLOAD_LIST (the files the dump step verified, relative to BACKUP_DIR, one a line),
 * BLOB_ENDPOINT, BLOB_CONTAINER, BLOB_PREFIX, SERVICE_ACCOUNT, and the workload identity
 * webhook's AZURE_* variables.
 *
 * It exchanges the projected service account token for a Microsoft Entra token for Azure Storage
 * (client credentials grant with a JWT client assertion), then PUTs each file as a block blob
 * `<prefix>/<file>` that must not exist yet (`If-None-Match: *`). The bearer token goes to curl
 * in a header file, never on a command line. Any missing setting or failed upload fails the step.
 */
export const UPLOAD_SCRIPT = `set -eu
fail() { printf '%s\\n' "$*" >&2; exit 1; }
[ -n "\${AZURE_CLIENT_ID:-}" ] || fail "No backup was uploaded: AZURE_CLIENT_ID is empty. Annotate ServiceAccount \${SERVICE_ACCOUNT} with ${CLIENT_ID_ANNOTATION}=<client ID of the upload identity> (terraform output -raw backup_upload_client_id)."
[ -n "\${AZURE_TENANT_ID:-}" ] || fail "No backup was uploaded: AZURE_TENANT_ID is empty. Is the cluster's workload identity webhook on (AKS: workload identity enabled)?"
[ -r "\${AZURE_FEDERATED_TOKEN_FILE:-}" ] || fail "No backup was uploaded: no federated token file ('\${AZURE_FEDERATED_TOKEN_FILE:-}'). Is the cluster's workload identity webhook on (AKS: workload identity enabled)?"
if [ ! -s "\${UPLOAD_LIST}" ]; then
  echo "No new backup to upload"
  exit 0
fi
authority="\${AZURE_AUTHORITY_HOST:-https://login.microsoftonline.com/}"
authority="\${authority%/}"
work="\${TMPDIR:-/tmp}/upload.$$"
mkdir -m 700 "\${work}"
trap 'rm -rf "\${work}"' EXIT

code=$(curl -sS --proto '=https' --tlsv1.2 --retry 3 -o "\${work}/token.json" -w '%{http_code}' \\
  --data-urlencode "client_id=\${AZURE_CLIENT_ID}" \\
  --data-urlencode 'scope=https://storage.azure.com/.default' \\
  --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \\
  --data-urlencode "client_assertion@\${AZURE_FEDERATED_TOKEN_FILE}" \\
  --data-urlencode 'grant_type=client_credentials' \\
  "\${authority}/\${AZURE_TENANT_ID}/oauth2/v2.0/token") || fail "No backup was uploaded: could not reach \${authority}"
[ "\${code}" = 200 ] || fail "No backup was uploaded: the token exchange was refused (HTTP \${code}): $(cat "\${work}/token.json")"
token=$(sed -n 's/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p' "\${work}/token.json")
rm -f "\${work}/token.json"
[ -n "\${token}" ] || fail "No backup was uploaded: the token response holds no access_token"
printf 'Authorization: Bearer %s\\n' "\${token}" > "\${work}/authorization"

${uploadLoop({
  prefixVariable: 'BLOB_PREFIX',
  maxBytes: 5242880000,
  maxText: 'one Put Blob takes (5000 MiB)',
  put: `code=$(curl -sS --proto '=https' --tlsv1.2 --retry 3 -o "\${work}/response" -w '%{http_code}' \\
  -H "@\${work}/authorization" -H 'x-ms-version: 2023-11-03' -H 'x-ms-blob-type: BlockBlob' \\
  -H 'If-None-Match: *' -H 'Content-Type: application/octet-stream' \\
  --upload-file "\${path}" "\${BLOB_ENDPOINT%/}/\${BLOB_CONTAINER}/$(printf '%s' "\${key}" | sed 's/%/%25/g')") || code=000`,
  okCode: 201,
  destination: '\${BLOB_CONTAINER}/\${key}',
})}`;
