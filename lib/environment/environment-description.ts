import { BACKUP_CRON_JOB_PROPS_SHAPE, BackupCronJobProps } from '../jobs/backup-cron-job';
import { NEW_BACKUP_CLAIM_OPTIONS_SHAPE, NewBackupClaimOptions } from '../storage/backup-storage';
import { array, boolean, object, omit, oneOf, optional, record, string, tagged, union } from '../checks/props-shape';
import { CONNECTION_CONFIG_MAP_PROPS_SHAPE, ConnectionConfigMapProps } from '../server/connection-config-map';
import { ALERT_THRESHOLDS_SHAPE, AlertThresholds } from '../monitoring/alert-rules';
import { EFS_STATIC_VOLUME_PROPS_SHAPE, EfsStaticVolumeProps } from '../storage/efs-volume';
import { POSTGRES_STATEFUL_SET_PROPS_SHAPE, PostgresStatefulSetProps } from '../server/postgres-stateful-set';
import { MAJOR_UPGRADE_DECLARATION_SHAPE, MajorUpgradeDeclaration } from '../upgrades/postgres-major-upgrade';
import { POSTGRES_SERVER_PROPS_SHAPE, PostgresServerProps, SERVER_MONITORING_PROPS_SHAPE, ServerMonitoringProps } from '../server/server-props';
import { DATABASE_DEFINITION_SHAPE, DATABASE_USER_SHAPE, DatabaseDefinition, DatabaseUser } from '../sql/model';
import { Login, LOGIN_SHAPE } from '../secrets/login';
import { CERT_MANAGER_ISSUER_SHAPE, CertManagerIssuer } from '../server/tls';
import { VOLUME_SNAPSHOT_CLASS_PROPS_SHAPE, VolumeSnapshotClassProps } from '../storage/volume-snapshot-class';
import { CLOUDNATIVEPG_CLUSTER_PROPS_SHAPE, CloudNativePgClusterProps } from '../cloudnativepg/cloudnativepg-cluster';
import { ZALANDO_CLUSTER_PROPS_SHAPE, ZalandoClusterProps } from '../zalando/zalando-cluster';

/** Backups of a server, as plain data. */
export interface BackupDescription extends Omit<BackupCronJobProps, 'server' | 'storage' | 'login'> {
  /** The claim backups go to: a new one (size, class, name) or an existing one by name. */
  readonly storage: NewBackupClaimOptions | {
    /** Name of a claim that already exists. */
    readonly existingClaim: string;
  };
  /**
   * A least-privilege login the dumps run as (kind `backup`: pg_read_all_data, BYPASSRLS,
   * CONNECT on what it dumps), created by the schema Job, and where its password lives. StatefulSet
   * backend only (the operator owns the Zalando cluster's logins).
   * @default - the superuser
   */
  readonly login?: Login;
}

/** Runtime description of {@link BackupDescription}. */
export const BACKUP_DESCRIPTION_SHAPE = object<BackupDescription>({
  ...omit(BACKUP_CRON_JOB_PROPS_SHAPE.fields, 'server', 'storage', 'login'),
  storage: union(NEW_BACKUP_CLAIM_OPTIONS_SHAPE, object<{ readonly existingClaim: string }>({ existingClaim: string() })),
  login: optional(LOGIN_SHAPE),
}, { name: 'BackupDescription' });

/** Metrics, alerts and a dashboard for a server, as plain data. */
export interface MonitoringDescription extends ServerMonitoringProps {
  /**
   * Alert thresholds.
   * @default - CPU 80% / 5 min, memory 85% / 3 min, 80 connections, storage 80%, queries over 5 s
   */
  readonly thresholds?: AlertThresholds;
  /**
   * Labels Prometheus selects monitors and rules by.
   * @default { release: 'prometheus' }
   */
  readonly prometheusLabels?: Record<string, string>;
}

/** Runtime description of {@link MonitoringDescription}. */
export const MONITORING_DESCRIPTION_SHAPE = object<MonitoringDescription>({
  ...SERVER_MONITORING_PROPS_SHAPE.fields,
  thresholds: optional(ALERT_THRESHOLDS_SHAPE),
  prometheusLabels: optional(record(string())),
}, { name: 'MonitoringDescription' });

/** Run the server as a {@link PostgresStatefulSet}: one pod, its own claim (or an EFS volume). */
export interface StatefulSetBackend extends Omit<PostgresStatefulSetProps, keyof PostgresServerProps | 'superuser' | 'dataVolume'> {
  /** Selects this backend. */
  readonly kind: 'statefulSet';
  /** The superuser the image creates on first start. */
  readonly superuser: Login;
  /**
   * Keep the data on Amazon EFS (a static volume on a file system and access point) instead of
   * a claim template.
   * @default - a claim template from the server's `storage`
   */
  readonly efs?: Omit<EfsStaticVolumeProps, 'namespace'>;
  /**
   * A major upgrade in progress: `majorVersion` names the new major and this the one the data
   * is on now. The previous server keeps running unchanged while a new server
   * `<name>-pg<major>` is filled by a verified copy; `serve` switches the client Service
   * (docs/upgrading.md). Changing `majorVersion` without it is refused by the server's pod.
   * @default - no upgrade
   */
  readonly upgrade?: MajorUpgradeDeclaration;
}

/** Run the server as a {@link ZalandoCluster}: the operator's primary and streaming replicas. */
export interface ZalandoBackend extends Omit<ZalandoClusterProps, keyof PostgresServerProps | 'databases' | 'users'> {
  /** Selects this backend. */
  readonly kind: 'zalando';
}

/** Run the server as a {@link CloudNativePgCluster}: the CloudNativePG operator's primary and streaming replicas. */
export interface CloudNativePgBackend extends Omit<CloudNativePgClusterProps, keyof PostgresServerProps | 'databases' | 'users'> {
  /** Selects this backend. */
  readonly kind: 'cloudnativepg';
}

/** The backend that runs a server: exactly one, told apart by `kind`. */
export type ServerBackend = StatefulSetBackend | ZalandoBackend | CloudNativePgBackend;

/** Fields every server description holds, whichever backend runs it; the backends take none of them. */
const SHARED_SERVER_FIELDS = Object.keys(POSTGRES_SERVER_PROPS_SHAPE.fields) as (keyof PostgresServerProps)[];

/** Runtime description of {@link ServerBackend}. */
export const SERVER_BACKEND_SHAPE = tagged<ServerBackend, 'kind'>('kind', {
  statefulSet: object<StatefulSetBackend>({
    ...omit(POSTGRES_STATEFUL_SET_PROPS_SHAPE.fields, ...SHARED_SERVER_FIELDS, 'superuser', 'dataVolume'),
    kind: oneOf('statefulSet'),
    superuser: LOGIN_SHAPE,
    efs: optional(object<Omit<EfsStaticVolumeProps, 'namespace'>>(omit(EFS_STATIC_VOLUME_PROPS_SHAPE.fields, 'namespace'))),
    upgrade: optional(MAJOR_UPGRADE_DECLARATION_SHAPE),
  }, { name: 'StatefulSetBackend' }),
  zalando: object<ZalandoBackend>({
    ...omit(ZALANDO_CLUSTER_PROPS_SHAPE.fields, ...SHARED_SERVER_FIELDS, 'databases', 'users'),
    kind: oneOf('zalando'),
  }, { name: 'ZalandoBackend' }),
  cloudnativepg: object<CloudNativePgBackend>({
    ...omit(CLOUDNATIVEPG_CLUSTER_PROPS_SHAPE.fields, ...SHARED_SERVER_FIELDS, 'databases', 'users'),
    kind: oneOf('cloudnativepg'),
  }, { name: 'CloudNativePgBackend' }),
});

/**
 * One PostgreSQL server of an environment. Everything but `backend` means the same on every
 * backend, so moving a server from a StatefulSet to an operator changes `backend` only.
 */
export interface DatabaseServerDescription extends Omit<PostgresServerProps, 'namespace' | 'disposable' | 'monitoring'> {
  /** Construct id, unique within the environment. */
  readonly id: string;
  /** Namespace of the server and its objects. */
  readonly namespace: string;
  /** The backend that runs the server, and its own settings. */
  readonly backend: ServerBackend;
  /**
   * Databases, their owners, schemas, schema files and history tracking.
   * @default - only the database the image creates
   */
  readonly databases?: DatabaseDefinition[];
  /**
   * Logins besides the superuser.
   * @default - none
   */
  readonly users?: DatabaseUser[];
  /**
   * Names and extra labels of the schema Job and its ConfigMap.
   * @default - `<server>-schema-init` and `<server>-schema`, no extra labels
   */
  readonly schemaInit?: {
    /** The Job's name before its content: the Job is `<jobName>-<8 hex digits>` and carries the label `cdk8s-postgres.io/job: <jobName>` (see SchemaInitJobProps.name). */
    readonly jobName?: string;
    /** The SQL ConfigMap's name. */
    readonly configMapName?: string;
    /** Labels added to both. */
    readonly labels?: Record<string, string>;
  };
  /**
   * A ConfigMap with the connection settings the applications read.
   * @default - none
   */
  readonly connectionConfigMap?: Omit<ConnectionConfigMapProps, 'server'>;
  /**
   * Metrics (a postgres-exporter beside each server pod), alerts and a Grafana dashboard.
   * @default - none
   */
  readonly monitoring?: MonitoringDescription;
  /**
   * Scheduled backups.
   * @default - none
   */
  readonly backup?: BackupDescription;
}

/** Runtime description of {@link DatabaseServerDescription}. */
export const DATABASE_SERVER_DESCRIPTION_SHAPE = object<DatabaseServerDescription>({
  ...omit(POSTGRES_SERVER_PROPS_SHAPE.fields, 'namespace', 'disposable', 'monitoring'),
  id: string(),
  namespace: string(),
  backend: SERVER_BACKEND_SHAPE,
  databases: optional(array(DATABASE_DEFINITION_SHAPE)),
  users: optional(array(DATABASE_USER_SHAPE)),
  schemaInit: optional(object<NonNullable<DatabaseServerDescription['schemaInit']>>({
    jobName: optional(string()),
    configMapName: optional(string()),
    labels: optional(record(string())),
  })),
  connectionConfigMap: optional(object<Omit<ConnectionConfigMapProps, 'server'>>(omit(CONNECTION_CONFIG_MAP_PROPS_SHAPE.fields, 'server'))),
  monitoring: optional(MONITORING_DESCRIPTION_SHAPE),
  backup: optional(BACKUP_DESCRIPTION_SHAPE),
}, { name: 'DatabaseServerDescription' });

/** The network defaults of the namespaces an environment creates. */
export interface NetworkDescription {
  /**
   * Deny all traffic in every namespace the environment creates (`default-deny`), except DNS
   * (`allow-dns`) and what the library's own policies allow: labelled clients to their server,
   * Jobs to their server, Prometheus to the exporter. An application pod deployed into such a
   * namespace reaches only its database (with the client label) and DNS until its own
   * NetworkPolicies allow more; false leaves unlabelled pods of the namespace unrestricted.
   * Namespaces every cluster has (`default`, `kube-system`, …) are never given a default deny.
   * @default true
   */
  readonly defaultDeny?: boolean;
}

/** Runtime description of {@link NetworkDescription}. */
export const NETWORK_DESCRIPTION_SHAPE = object<NetworkDescription>({
  defaultDeny: optional(boolean()),
}, { name: 'NetworkDescription' });

/** Everything one environment deploys, as plain data. */
export interface EnvironmentDescription {
  /**
   * Environment name, by which the commands and stacks find it: a DNS-1123 label. The chart's
   * file is named after the EnvironmentChart's id; `apps/k8s.ts` passes this name as the id, so
   * `dist/<name>.k8s.yaml`.
   */
  readonly name: string;
  /** One line on what it deploys and where. */
  readonly summary: string;
  /**
   * Declares the environment disposable: durability switches may be turned off and data may be thrown away.
   * @default false
   */
  readonly disposable?: boolean;
  /**
   * cert-manager is installed, with this issuer: every server's certificate comes from a
   * cert-manager Certificate (unless the server's own `tls` names another issuer).
   * @default - no cert-manager: each server's TLS Secret is created by hand (`npm run secrets`,
   * or `npx cdk8s-postgres secrets`, prints a self-signed pair for development)
   */
  readonly certManager?: {
    /** The issuer of every server's certificate. */
    readonly issuer: CertManagerIssuer;
  };
  /** The servers. */
  readonly servers: DatabaseServerDescription[];
  /**
   * VolumeSnapshotClasses the environment's storage needs.
   * @default - none
   */
  readonly volumeSnapshotClasses?: (VolumeSnapshotClassProps & {
    /** Construct id, unique within the environment. */
    readonly id: string;
  })[];
  /**
   * Network defaults of the namespaces the environment creates.
   * @default - a default deny in each, with DNS allowed
   */
  readonly network?: NetworkDescription;
  /**
   * Namespaces of the servers that exist already and are someone else's (the team's applications
   * run there): the environment writes no Namespace for them, no Pod Security labels and no
   * namespace-wide default deny, so nothing changes for the pods it does not know about; its own
   * NetworkPolicies (the server's ingress, its Jobs', its clients' egress) still isolate its pods.
   * Listing a namespace the environment created before removes its Namespace from the manifests:
   * `kubectl apply` leaves it, but a Terraform stack destroys it with everything in it (the review
   * says data-loss): take it out of the state first (`terraform state rm`).
   * @default - none: the environment creates and owns every namespace of its servers (those every cluster has aside)
   */
  readonly existingNamespaces?: string[];
}

/** Runtime description of {@link EnvironmentDescription}. */
export const ENVIRONMENT_DESCRIPTION_SHAPE = object<EnvironmentDescription>({
  name: string(),
  summary: string(),
  disposable: optional(boolean()),
  certManager: optional(object<{ readonly issuer: CertManagerIssuer }>({ issuer: CERT_MANAGER_ISSUER_SHAPE })),
  servers: array(DATABASE_SERVER_DESCRIPTION_SHAPE),
  volumeSnapshotClasses: optional(array(object<VolumeSnapshotClassProps & { readonly id: string }>({ ...VOLUME_SNAPSHOT_CLASS_PROPS_SHAPE.fields, id: string() }))),
  network: optional(NETWORK_DESCRIPTION_SHAPE),
  existingNamespaces: optional(array(string())),
}, { name: 'EnvironmentDescription' });
