import { Construct } from 'constructs';
import { object, oneOf, optional, string, union } from '../checks/props-shape';
import { cronProblem } from '../jobs/cron';
import { ObjectStore, ObjectStoreSpecConfigurationDataCompression, ObjectStoreSpecConfigurationWalCompression } from '../imports/barmancloud.cnpg.io';
import { ScheduledBackup, ScheduledBackupSpecMethod } from '../imports/postgresql.cnpg.io';
import { tcp } from '../network/peers';
import { NetworkPolicyEgressRule } from '../private/k8s';
import { fail } from '../private/validation';
import { meetsTextRule } from '../private/terraform-tokens';
import { CLIENT_ID, CLIENT_ID_ANNOTATION, POD_IDENTITY_AGENT, ROLE_ARN, ROLE_ARN_ANNOTATION, WORKLOAD_IDENTITY_POD_LABELS } from '../core/cloud-identity';

/** The Barman Cloud plugin's name, as clusters, backups and recoveries refer to it. */
export const BARMAN_CLOUD_PLUGIN = 'barman-cloud.cloudnative-pg.io';

/** An IAM role the cluster's ServiceAccount assumes (IAM Roles for Service Accounts). */
export interface AwsRoleIdentity {
  /** The role's ARN: `arn:aws:iam::<account>:role/<name>`. */
  readonly awsRoleArn: string;
}

/** A managed identity the cluster's ServiceAccount is federated with (Azure Workload Identity). */
export interface AzureWorkloadIdentity {
  /** The managed identity's client id (a GUID). */
  readonly azureClientId: string;
}

/** A Google service account the cluster's ServiceAccount acts as (GKE Workload Identity). */
export interface GkeWorkloadIdentity {
  /** `<name>@<project>.iam.gserviceaccount.com`. */
  readonly gcpServiceAccount: string;
}

/**
 * Where a cluster's base backups and WAL go, and the workload identity the instances reach it
 * with: no access key is stored anywhere. The identity must match the destination's cloud.
 */
export interface CloudNativePgObjectStore {
  /**
   * `s3://<bucket>/<path>`, `https://<account>.blob.core.windows.net/<container>/<path>` or
   * `gs://<bucket>/<path>`.
   */
  readonly destinationPath: string;
  /**
   * How the instances (the plugin's sidecar in each) authenticate:
   * - `{ awsRoleArn }`: IAM Roles for Service Accounts, an annotation on the cluster's
   *   ServiceAccount (the role trusts the EKS OIDC provider for `system:serviceaccount:<namespace>:<cluster>`);
   * - `'eksPodIdentity'`: an EKS Pod Identity association of that ServiceAccount, made on the AWS side;
   * - `{ azureClientId }`: Azure Workload Identity (the ServiceAccount annotated with the managed
   *   identity's client id, the pods labelled for the webhook; a federated credential for the
   *   ServiceAccount on the Azure side);
   * - `{ gcpServiceAccount }`: GKE Workload Identity (the ServiceAccount annotated with the Google
   *   service account it acts as).
   */
  readonly identity: 'eksPodIdentity' | AwsRoleIdentity | AzureWorkloadIdentity | GkeWorkloadIdentity;
}

/** Runtime description of {@link CloudNativePgObjectStore}. */
export const CLOUDNATIVEPG_OBJECT_STORE_SHAPE = object<CloudNativePgObjectStore>({
  destinationPath: string(),
  identity: union(
    oneOf('eksPodIdentity'),
    object<AwsRoleIdentity>({ awsRoleArn: string() }, { name: 'AwsRoleIdentity' }),
    object<AzureWorkloadIdentity>({ azureClientId: string() }, { name: 'AzureWorkloadIdentity' }),
    object<GkeWorkloadIdentity>({ gcpServiceAccount: string() }, { name: 'GkeWorkloadIdentity' }),
  ),
}, { name: 'CloudNativePgObjectStore' });

/** Continuous backups through the Barman Cloud plugin: WAL archived as it is written, and scheduled base backups. */
export interface CloudNativePgBackupOptions {
  /** Where they go. */
  readonly objectStore: CloudNativePgObjectStore;
  /**
   * When base backups run: the operator's six-field cron, seconds first.
   * @default '0 0 2 * * *' (every day at 02:00, the operator's time zone, UTC)
   */
  readonly schedule?: string;
  /**
   * How far back a point-in-time recovery can go (the plugin deletes older backups and WAL, checking
   * every 30 minutes): `<n>d`, `<n>w` or `<n>m`.
   * @default '30d'
   */
  readonly retention?: string;
}

/** Runtime description of {@link CloudNativePgBackupOptions}. */
export const CLOUDNATIVEPG_BACKUP_OPTIONS_SHAPE = object<CloudNativePgBackupOptions>({
  objectStore: CLOUDNATIVEPG_OBJECT_STORE_SHAPE,
  schedule: optional(string()),
  retention: optional(string()),
}, { name: 'CloudNativePgBackupOptions' });

/** A new cluster made from another one's backups: its latest state, or a point in time. */
export interface CloudNativePgRecovery {
  /** The object store holding the source's backups and WAL. */
  readonly objectStore: CloudNativePgObjectStore;
  /** The name the source cluster archived under: `<cluster>-pg<major>` for a CloudNativePgCluster. */
  readonly serverName: string;
  /**
   * The point in time to recover to (RFC 3339 with a zone, e.g. '2026-12-01T09:30:00Z').
   * @default - the end of the archived WAL: the latest state
   */
  readonly targetTime?: string;
}

/** Runtime description of {@link CloudNativePgRecovery}. */
export const CLOUDNATIVEPG_RECOVERY_SHAPE = object<CloudNativePgRecovery>({
  objectStore: CLOUDNATIVEPG_OBJECT_STORE_SHAPE,
  serverName: string(),
  targetTime: optional(string()),
}, { name: 'CloudNativePgRecovery' });

const CLOUDS: Array<[scheme: RegExp, cloud: 'aws' | 'azure' | 'gcp']> = [
  [/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, 'aws'],
  [/^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net\/[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])?(\/.*)?$/, 'azure'],
  [/^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/.*)?$/, 'gcp'],
];

/** The fields of an identity given as an object (none for 'eksPodIdentity'). */
function identityFields(identity: CloudNativePgObjectStore['identity']): Partial<AwsRoleIdentity & AzureWorkloadIdentity & GkeWorkloadIdentity> {
  return typeof identity === 'object' && identity !== null ? identity : {};
}

function cloudOf(identity: CloudNativePgObjectStore['identity']): 'aws' | 'azure' | 'gcp' | undefined {
  if (identity === 'eksPodIdentity' || (typeof identity === 'object' && 'awsRoleArn' in identity)) return 'aws';
  if (typeof identity === 'object' && 'azureClientId' in identity) return 'azure';
  if (typeof identity === 'object' && 'gcpServiceAccount' in identity) return 'gcp';
  return undefined;
}

/** When base backups run unless the backup says: every day at 02:00 (the operator's six-field cron). */
export const DEFAULT_BACKUP_SCHEDULE = '0 0 2 * * *';

/** The recovery window the plugin keeps unless the backup says. */
export const DEFAULT_BACKUP_RETENTION = '30d';

/** Checks an object store: a destination of a known cloud, and an identity of that cloud. */
export function checkObjectStore(owner: string, field: string, store: CloudNativePgObjectStore): void {
  const cloud = CLOUDS.find(([scheme]) => scheme.test(store.destinationPath))?.[1];
  if (!cloud) fail(owner, `${field}.destinationPath`, store.destinationPath, "is not an S3 (s3://<bucket>/<path>), Azure Blob (https://<account>.blob.core.windows.net/<container>/<path>) or Google Cloud Storage (gs://<bucket>/<path>) destination");
  const identityCloud = cloudOf(store.identity);
  if (!identityCloud) fail(owner, `${field}.identity`, store.identity, "must be 'eksPodIdentity', { awsRoleArn }, { azureClientId } or { gcpServiceAccount }");
  if (identityCloud !== cloud) fail(owner, `${field}.identity`, store.identity, `is an identity of ${identityCloud}, and ${store.destinationPath} is on ${cloud}`);
  const identity = identityFields(store.identity);
  if (identity.awsRoleArn !== undefined && !meetsTextRule(identity.awsRoleArn, ROLE_ARN)) fail(owner, `${field}.identity.awsRoleArn`, identity.awsRoleArn, "is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
  if (identity.azureClientId !== undefined && !meetsTextRule(identity.azureClientId, CLIENT_ID)) fail(owner, `${field}.identity.azureClientId`, identity.azureClientId, 'is not a managed identity client id (a GUID)');
  if (identity.gcpServiceAccount !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9-]+\.iam\.gserviceaccount\.com$/.test(identity.gcpServiceAccount)) fail(owner, `${field}.identity.gcpServiceAccount`, identity.gcpServiceAccount, 'is not a Google service account (<name>@<project>.iam.gserviceaccount.com)');
}

/** What the cluster's ServiceAccount and pods carry for the store's identity. */
export function identityMetadata(store: CloudNativePgObjectStore): { annotations: Record<string, string>; podLabels: Record<string, string> } {
  const identity = identityFields(store.identity);
  if (identity.awsRoleArn) return { annotations: { [ROLE_ARN_ANNOTATION]: identity.awsRoleArn }, podLabels: {} };
  if (identity.azureClientId) return { annotations: { [CLIENT_ID_ANNOTATION]: identity.azureClientId }, podLabels: { ...WORKLOAD_IDENTITY_POD_LABELS } };
  if (identity.gcpServiceAccount) return { annotations: { 'iam.gke.io/gcp-service-account': identity.gcpServiceAccount }, podLabels: {} };
  return { annotations: {}, podLabels: {} };
}

/**
 * Where the pods fetch the credentials of the stores' identities, beside HTTPS: the EKS Pod
 * Identity agent (169.254.170.23 and fd00:ec2::23, port 80) and the GKE metadata server
 * (169.254.169.254 port 80, and 169.254.169.252 port 988 on GKE Dataplane V2).
 */
export function credentialEndpoints(stores: readonly CloudNativePgObjectStore[]): NetworkPolicyEgressRule[] {
  const rule = (cidrs: string[], port: number): NetworkPolicyEgressRule => ({ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(port) });
  const rules: NetworkPolicyEgressRule[] = [];
  if (stores.some((s) => s.identity === 'eksPodIdentity')) rules.push(rule([...POD_IDENTITY_AGENT.cidrs], POD_IDENTITY_AGENT.port));
  if (stores.some((s) => identityFields(s.identity).gcpServiceAccount !== undefined)) rules.push(rule(['169.254.169.254/32'], 80), rule(['169.254.169.252/32'], 988));
  return rules;
}

/** An ObjectStore resource for `store`: credentials from the identity, never a key. */
export function objectStoreResource(scope: Construct, id: string, name: string, namespace: string, labels: Record<string, string>, store: CloudNativePgObjectStore, retention?: string): ObjectStore {
  const cloud = cloudOf(store.identity);
  return new ObjectStore(scope, id, {
    metadata: { name, namespace, labels },
    spec: {
      configuration: {
        destinationPath: store.destinationPath,
        // IRSA and Pod Identity give the pods AWS_REGION and their credentials
        ...(cloud === 'aws' ? { s3Credentials: { inheritFromIamRole: true } } : {}),
        ...(cloud === 'azure' ? { azureCredentials: { useDefaultAzureCredentials: true } } : {}),
        ...(cloud === 'gcp' ? { googleCredentials: { gkeEnvironment: true } } : {}),
        wal: { compression: ObjectStoreSpecConfigurationWalCompression.GZIP },
        data: { compression: ObjectStoreSpecConfigurationDataCompression.GZIP },
      },
      ...(retention ? { retentionPolicy: retention } : {}),
    },
  });
}

/** Checks backup options (the store is checked by the caller): a six-field schedule and a retention the plugin reads. */
export function checkBackupOptions(owner: string, options: CloudNativePgBackupOptions): void {
  const schedule = options.schedule ?? DEFAULT_BACKUP_SCHEDULE;
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6 || !/^(\*|[0-5]?\d)$/.test(fields[0])) fail(owner, 'backup.schedule', schedule, "is not the operator's six-field cron (seconds first, e.g. '0 0 2 * * *' for 02:00 every day)");
  const problem = cronProblem(fields.slice(1).join(' '));
  if (problem) fail(owner, 'backup.schedule', schedule, problem);
  if (options.retention !== undefined && !/^[1-9][0-9]*[dwm]$/.test(options.retention)) fail(owner, 'backup.retention', options.retention, "is not a recovery window the plugin reads: '<n>d', '<n>w' or '<n>m' (e.g. '30d')");
}

/** The ScheduledBackup of a cluster: base backups through the plugin, owned by the ScheduledBackup. */
export function scheduledBackup(scope: Construct, cluster: string, namespace: string, labels: Record<string, string>, schedule: string): ScheduledBackup {
  return new ScheduledBackup(scope, 'ScheduledBackup', {
    metadata: { name: `${cluster}-backup`, namespace, labels },
    spec: {
      cluster: { name: cluster },
      schedule,
      method: ScheduledBackupSpecMethod.PLUGIN,
      pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN },
      immediate: true,
    },
  });
}
