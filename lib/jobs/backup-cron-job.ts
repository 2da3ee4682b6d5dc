import { EnvVar, KubeCronJob, KubeServiceAccount, PodTemplateSpec, Quantity } from '../private/k8s';
import { Construct } from 'constructs';
import { BLOB_UPLOAD_OPTIONS_SHAPE, BlobUploadOptions, checkBlobUpload, CURL_IMAGE, UPLOAD_LIST_DIR, UPLOAD_SCRIPT } from './backup/blob-upload';
import { awsEndpoints, checkS3ServiceAccount, checkS3Upload, S3_UPLOAD_OPTIONS_SHAPE, S3_UPLOAD_SCRIPT, S3UploadOptions } from './backup/s3-upload';
import { CLIENT_ID_ANNOTATION, POD_IDENTITY_AGENT, ROLE_ARN_ANNOTATION, WORKLOAD_IDENTITY_POD_LABELS } from '../core/cloud-identity';
import { BACKUP_SCRIPT } from './backup/scripts';
import { BACKUP_STORAGE_SHAPE, BackupStorage } from '../storage/backup-storage';
import { array, boolean, checkProps, number, object, oneOf, optional, record, string, union } from '../checks/props-shape';
import { checkServerConnection, POSTGRES_SERVER_CONNECTION_SHAPE, PostgresServerConnection } from '../core/server-connection';
import { clientPodTemplate, JOB_RESOURCES_SHAPE, jobResources, JobResources } from './client-pod';
import { Login, LOGIN_SHAPE } from '../secrets/login';
import { checkLogin } from '../secrets/login-checks';
import { restrictedContainerSecurityContext } from '../core/pod-security';
import { RequiredSecrets } from '../secrets/required-secrets';
import { checkCron, checkTimeZone } from './cron';
import { commonLabels, selectorLabels } from '../private/labels';
import { ExternalEgressPolicy } from '../network/external-egress-policy';
import { ExternalEgress } from '../network/peers';
import { databaseNameProblem } from '../sql/reserved-names';
import { checkDerivedSubdomain, checkInteger, checkUserLabels, fail, ownerOf } from '../private/validation';
import { addChartChecks } from '../checks/chart-checks';
import { checkJobImage } from '../private/image-reference';
import { BACKUP_RETENTION, KEEP_ROLE_VERIFIERS } from '../private/rendered-names';

/** How long backups are kept. A backup goes when it is older than `days` or has `count` newer ones; the newest always stays. */
export interface BackupRetention {
  /**
   * Delete backups older than this many days.
   * @default 7
   */
  readonly days?: number;
  /**
   * Keep at most this many backups per database.
   * @default - no limit by count
   */
  readonly count?: number;
}

/** Runtime description of {@link BackupRetention}. */
export const BACKUP_RETENTION_SHAPE = object<BackupRetention>({ days: optional(number()), count: optional(number()) }, { name: 'BackupRetention' });

/** Properties of {@link BackupCronJob}. */
export interface BackupCronJobProps {
  /** The server to back up. */
  readonly server: PostgresServerConnection;
  /** Where backups are written. */
  readonly storage: BackupStorage;
  /**
   * Name of the CronJob.
   * @default `<server>-backup`
   */
  readonly name?: string;
  /**
   * When to run, as a 5-field cron expression.
   * @default '0 2 * * *' (daily at 02:00)
   */
  readonly schedule?: string;
  /**
   * IANA time zone of the schedule.
   * @default - the kube-controller-manager's time zone (UTC on most clusters)
   */
  readonly timeZone?: string;
  /**
   * `database`: one `pg_dump --format=custom` file per database; `cluster`: one `pg_dumpall`
   * file with roles and every database.
   * @default 'database'
   */
  readonly mode?: 'database' | 'cluster';
  /**
   * The login the dumps run as: a least-privilege `backup` login (member of pg_read_all_data,
   * BYPASSRLS, CONNECT on what it dumps; declare it in the schema Job's users with kind
   * `backup`). It dumps the same as the superuser in both modes, role passwords included, except
   * large objects (the dump fails) and subscriptions (pg_dump skips them; the script then fails
   * the dump): back up servers that have either as the superuser.
   * @default - the server's superuser
   */
  readonly login?: Login;
  /**
   * Keep role passwords (SCRAM verifiers) in `cluster` mode's pg_dumpall file. Off, the file
   * holds no verifier, and logins restored from it have no password until the schema Job runs
   * again and sets them from their Secrets.
   * @default false
   */
  readonly rolePasswords?: boolean;
  /**
   * Also copy each verified dump out of the cluster: to Azure Blob Storage with workload identity
   * ({@link BlobUploadOptions}: `accountName`), or to Amazon S3 with EKS Pod Identity or IRSA
   * ({@link S3UploadOptions}: `bucket`); no key in the cluster either way. Retention there is the
   * storage's lifecycle rule; `retention` only prunes the claim.
   * @default - the dumps stay on the claim only
   */
  readonly upload?: BlobUploadOptions | S3UploadOptions;
  /**
   * Databases to dump in `database` mode.
   * @default - every database that accepts connections, listed at run time
   */
  readonly databases?: string[];
  /**
   * How long backups are kept.
   * @default - 7 days
   */
  readonly retention?: BackupRetention;
  /**
   * Seconds one run may take.
   * @default 3600
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Seconds after its scheduled time a missed run may still start.
   * @default 600
   */
  readonly startingDeadlineSeconds?: number;
  /**
   * Image that runs pg_dump: a pinned PostgreSQL image of the server's major (pg_dump refuses
   * newer servers, and RestoreJob's pg_restore, the server's own, cannot read newer dumps).
   * @default - the server's image
   */
  readonly image?: string;
  /**
   * CPU and memory.
   * @default - requests 50m / 64Mi, memory limit 256Mi
   */
  readonly resources?: JobResources;
  /**
   * Extra labels on the CronJob, its claim and its pods.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/** Runtime description of {@link BackupCronJobProps}. */
export const BACKUP_CRON_JOB_PROPS_SHAPE = object<BackupCronJobProps>({
  server: POSTGRES_SERVER_CONNECTION_SHAPE,
  storage: BACKUP_STORAGE_SHAPE,
  login: optional(LOGIN_SHAPE),
  rolePasswords: optional(boolean()),
  upload: optional(union(BLOB_UPLOAD_OPTIONS_SHAPE, S3_UPLOAD_OPTIONS_SHAPE)),
  name: optional(string()),
  schedule: optional(string()),
  timeZone: optional(string()),
  mode: optional(oneOf('database', 'cluster')),
  databases: optional(array(string())),
  retention: optional(BACKUP_RETENTION_SHAPE),
  activeDeadlineSeconds: optional(number()),
  startingDeadlineSeconds: optional(number()),
  image: optional(string()),
  resources: optional(JOB_RESOURCES_SHAPE),
  labels: optional(record(string())),
}, { name: 'BackupCronJobProps' });

export const BACKUP_DIR = '/backup';

/**
 * The label that selects one BackupCronJob's upload pods (value: the CronJob's name) for HTTPS
 * egress: the pods of another backup of the same server, which uploads nothing, stay without it.
 */
const UPLOAD_POD_LABEL = 'cdk8s-postgres.io/backup-upload';

/**
 * A backup CronJob: dumps written atomically and verified, UTC time stamps,
 * retention that never deletes the newest backup, one run at a time, and the security baseline.
 */
export class BackupCronJob extends Construct {
  /** Name of the CronJob. */
  public readonly name: string;
  /** Name of the claim backups are written to. */
  public readonly claimName: string;
  /** The schedule. */
  public readonly schedule: string;
  /** Retention in effect. */
  public readonly retention: BackupRetention;
  /** One file per database, or one pg_dumpall file. */
  public readonly mode: 'database' | 'cluster';
  /** The CronJob. */
  public readonly cronJob: KubeCronJob;
  /** The backup pods' ServiceAccount, when dumps are uploaded. */
  public readonly serviceAccount?: KubeServiceAccount;
  /** Where in the bucket or container the dumps are uploaded, `<namespace>/<server>`; undefined without an upload. */
  public readonly uploadPrefix?: string;

  constructor(scope: Construct, id: string, props: BackupCronJobProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'BackupCronJob');
      checkProps(owner, props, BACKUP_CRON_JOB_PROPS_SHAPE);
      checkServerConnection(owner, 'server', props.server);
      const { server } = props;
      this.name = props.name ?? `${server.name}-backup`;
      this.schedule = props.schedule ?? '0 2 * * *';
      this.retention = props.retention ?? { days: 7 };
      const mode = this.mode = props.mode ?? 'database';
      const databases = props.databases ?? [];
      // The CronJob controller appends 11 characters to the names of the Jobs it starts; the API server limits CronJob names to 52.
      // a CronJob's name: a DNS subdomain of at most 52 characters (its Jobs add 11)
      checkDerivedSubdomain(owner, 'name', this.name, props.name !== undefined, "'<server>-backup'", 52);
      checkCron(owner, 'schedule', this.schedule);
      if (props.timeZone !== undefined) checkTimeZone(owner, 'timeZone', props.timeZone);
      if (!['database', 'cluster'].includes(mode)) fail(owner, 'mode', mode, "must be 'database' or 'cluster'");
      if (mode === 'cluster' && databases.length) fail(owner, 'databases', databases, "cannot be chosen in 'cluster' mode, which dumps everything");
      databases.forEach((db, i) => {
        const problem = databaseNameProblem(db);
        if (problem) fail(owner, `databases[${i}]`, db, problem);
      });
      if (this.retention.days === undefined && this.retention.count === undefined) fail(owner, 'retention', this.retention, 'needs days, count or both');
      if (this.retention.days !== undefined) checkInteger(owner, 'retention.days', this.retention.days, 1);
      if (this.retention.count !== undefined) checkInteger(owner, 'retention.count', this.retention.count, 1);
      const activeDeadlineSeconds = props.activeDeadlineSeconds ?? 3600;
      const startingDeadlineSeconds = props.startingDeadlineSeconds ?? 600;
      checkInteger(owner, 'activeDeadlineSeconds', activeDeadlineSeconds, 1);
      checkInteger(owner, 'startingDeadlineSeconds', startingDeadlineSeconds, 10);
      checkUserLabels(owner, 'labels', props.labels ?? {});
      const resources = jobResources(owner, props.resources);
      checkJobImage(owner, props.image === undefined ? 'server.image' : 'image', props.image ?? server.image, server.image,
        "pg_dump refuses a server newer than itself, and RestoreJob restores with the server's image, whose pg_restore cannot read a newer pg_dump's files; use the server's major");
      if (props.login !== undefined) checkLogin(owner, 'login', props.login);
      if (props.rolePasswords && mode !== 'cluster') fail(owner, 'rolePasswords', props.rolePasswords, "applies to 'cluster' mode only (pg_dump never dumps roles)");
      if (props.upload) this.uploadPrefix = `${server.namespace}/${server.name}`;
      const upload = props.upload && this.resolveUpload(owner, props.upload, this.uploadPrefix!);
      const labels = { ...commonLabels(server.name, 'backup'), ...props.labels };
      props.storage.bind(this, owner, server.name, server.namespace, labels);
      this.claimName = props.storage.claimName(server.name);
      if (props.login) RequiredSecrets.declareLogin(this, server.namespace, props.login);

      const dumpPod = clientPodTemplate({
        server: props.login ? { ...server, superuser: props.login } : server,
        containerName: 'backup',
        image: props.image ?? server.image,
        script: BACKUP_SCRIPT,
        labels,
        env: [
          { name: 'BACKUP_DIR', value: BACKUP_DIR },
          { name: 'BACKUP_MODE', value: mode },
          { name: 'BACKUP_DATABASES', value: databases.join('\n') },
          { name: BACKUP_RETENTION.days, value: this.retention.days === undefined ? '' : String(this.retention.days) },
          { name: BACKUP_RETENTION.count, value: this.retention.count === undefined ? '' : String(this.retention.count) },
          ...(mode === 'cluster' ? [{ name: KEEP_ROLE_VERIFIERS, value: String(props.rolePasswords ?? false) }] : []),
        ],
        volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: this.claimName } }],
        volumeMounts: [{ name: 'backup', mountPath: BACKUP_DIR }],
        resources,
      });
      this.cronJob = new KubeCronJob(this, 'Resource', {
        metadata: { name: this.name, namespace: server.namespace, labels },
        spec: {
          schedule: this.schedule,
          ...(props.timeZone ? { timeZone: props.timeZone } : {}),
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds,
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 3,
          jobTemplate: {
            metadata: { labels },
            spec: {
              backoffLimit: 2,
              activeDeadlineSeconds,
              template: upload ? this.withUpload(dumpPod, upload) : dumpPod,
            },
          },
        },
      });
      if (upload) {
        this.serviceAccount = new KubeServiceAccount(this, 'ServiceAccount', {
          metadata: {
            name: upload.serviceAccount,
            namespace: server.namespace,
            labels,
            ...(upload.annotations ? { annotations: upload.annotations } : {}),
          },
          automountServiceAccountToken: false,
        });
        // The token endpoints and the storage have no fixed addresses a NetworkPolicy could
        // name: HTTPS anywhere, for the backup pods only (and the node's Pod Identity agent).
        new ExternalEgressPolicy(this, 'UploadEgress', {
          namespace: server.namespace,
          name: `${this.name}-upload`,
          podLabels: { ...selectorLabels(server.name), [UPLOAD_POD_LABEL]: this.name },
          egress: [{ cidrs: ['0.0.0.0/0', '::/0'], ports: [443] }, ...upload.moreEgress],
          labels,
        });
      }
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  /** The upload's container, ServiceAccount and egress, for Azure Blob Storage or Amazon S3. */
  private resolveUpload(owner: string, options: BlobUploadOptions | S3UploadOptions, prefix: string): ResolvedUpload {
    const serviceAccount = options.serviceAccountName ?? this.name;
    const image = options.image ?? CURL_IMAGE;
    if ('bucket' in options) {
      checkS3Upload(this, owner, options);
      checkS3ServiceAccount(owner, options.serviceAccountName === undefined ? 'name' : 'upload.serviceAccountName', serviceAccount);
      const endpoints = awsEndpoints(options.bucket, options.region);
      return {
        image,
        script: S3_UPLOAD_SCRIPT,
        serviceAccount,
        annotations: options.roleArn ? { [ROLE_ARN_ANNOTATION]: options.roleArn } : undefined,
        env: [
          { name: 'S3_ENDPOINT', value: endpoints.s3 },
          { name: 'S3_BUCKET', value: options.bucket },
          { name: 'S3_REGION', value: options.region },
          { name: 'S3_PREFIX', value: prefix },
          { name: 'STS_ENDPOINT', value: endpoints.sts },
        ],
        // EKS's webhook (Pod Identity and IRSA alike) gives the dump container no AWS credentials.
        skipContainersAnnotation: 'eks.amazonaws.com/skip-containers',
        moreEgress: [{ cidrs: [...POD_IDENTITY_AGENT.cidrs], ports: [POD_IDENTITY_AGENT.port] }],
      };
    }
    // The ServiceAccount names the Azure federated credential (`<namespace>-<account>`), which takes no '.'.
    if (options.serviceAccountName === undefined && this.name.includes('.')) {
      fail(owner, 'name', this.name, "names the upload's ServiceAccount, and through it an Azure federated credential, which takes letters, digits, '-' and '_' only; give upload.serviceAccountName");
    }
    const containerName = checkBlobUpload(this, owner, options);
    return {
      image,
      script: UPLOAD_SCRIPT,
      serviceAccount,
      annotations: options.clientId ? { [CLIENT_ID_ANNOTATION]: options.clientId } : undefined,
      env: [
        { name: 'BLOB_ENDPOINT', value: `https://${options.accountName}.blob.core.windows.net` },
        { name: 'BLOB_CONTAINER', value: containerName },
        { name: 'BLOB_PREFIX', value: prefix },
      ],
      // AKS's workload identity webhook acts on pods with this label, and skips the containers named.
      podLabels: WORKLOAD_IDENTITY_POD_LABELS,
      skipContainersAnnotation: 'azure.workload.identity/skip-containers',
      moreEgress: [],
    };
  }

  /**
   * With an upload, the pods carry {@link UPLOAD_POD_LABEL}, which selects them, and only them,
   * for HTTPS egress. The dump runs first (an init container that lists the files it verified in
   * a shared emptyDir) and the upload after it, in the curl image, under the ServiceAccount the
   * cloud's identity webhook reads, which skips the dump container: only the upload gets the
   * credentials. A failed dump fails the pod before any upload; a failed upload fails it after.
   */
  private withUpload(template: PodTemplateSpec, upload: ResolvedUpload): PodTemplateSpec {
    const spec = template.spec!;
    const [dump] = spec.containers;
    const list = { name: 'upload-list', mountPath: UPLOAD_LIST_DIR };
    const uploadList = `${UPLOAD_LIST_DIR}/files`;
    return {
      metadata: {
        ...template.metadata,
        labels: { ...template.metadata?.labels, ...upload.podLabels, [UPLOAD_POD_LABEL]: this.name },
        annotations: { ...template.metadata?.annotations, [upload.skipContainersAnnotation]: dump.name },
      },
      spec: {
        ...spec,
        serviceAccountName: upload.serviceAccount,
        initContainers: [{
          ...dump,
          env: [...dump.env ?? [], { name: 'UPLOAD_LIST', value: uploadList }],
          volumeMounts: [...dump.volumeMounts ?? [], list],
        }],
        containers: [{
          name: 'upload',
          image: upload.image,
          imagePullPolicy: 'IfNotPresent',
          command: ['/bin/sh', '-c', upload.script],
          env: [
            { name: 'BACKUP_DIR', value: BACKUP_DIR },
            { name: 'UPLOAD_LIST', value: uploadList },
            ...upload.env,
            { name: 'SERVICE_ACCOUNT', value: upload.serviceAccount },
          ],
          // The same requests and limits as the dump's.
          resources: dump.resources,
          securityContext: restrictedContainerSecurityContext(),
          volumeMounts: [
            { name: 'backup', mountPath: BACKUP_DIR, readOnly: true },
            { ...list, readOnly: true },
            ...(dump.volumeMounts ?? []).filter((m) => m.mountPath === '/tmp'),
          ],
        }],
        volumes: [...spec.volumes ?? [], { name: list.name, emptyDir: { sizeLimit: Quantity.fromString('1Mi') } }],
      },
    };
  }
}

/** What {@link BackupCronJob} needs to render an upload step. */
interface ResolvedUpload {
  readonly image: string;
  readonly script: string;
  readonly serviceAccount: string;
  readonly annotations?: Record<string, string>;
  readonly env: EnvVar[];
  readonly podLabels?: Record<string, string>;
  /** The annotation that tells the cloud's identity webhook which containers to leave without credentials. */
  readonly skipContainersAnnotation: string;
  readonly moreEgress: ExternalEgress[];
}
