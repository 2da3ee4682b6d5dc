import { BACKUP_CRON_JOB_PROPS_SHAPE, BackupCronJobProps } from '../jobs/backup-cron-job';
import { NEW_BACKUP_CLAIM_OPTIONS_SHAPE, NewBackupClaimOptions } from '../storage/backup-storage';
import { array, boolean, object, omit, optional, record, string, union } from '../checks/props-shape';
import { CONNECTION_CONFIG_MAP_PROPS_SHAPE, ConnectionConfigMapProps } from '../server/connection-config-map';
import { ALERT_THRESHOLDS_SHAPE, AlertThresholds } from '../monitoring/alert-rules';
import { EFS_STATIC_VOLUME_PROPS_SHAPE, EfsStaticVolumeProps } from '../storage/efs-volume';
import { POSTGRES_STATEFUL_SET_PROPS_SHAPE, PostgresStatefulSetProps } from '../server/postgres-stateful-set';
import { DATABASE_DEFINITION_SHAPE, DATABASE_USER_SHAPE, DatabaseDefinition, DatabaseUser, SECRET_KEY_REFERENCE_SHAPE, SecretKeyReference } from '../sql/model';
import { CERT_MANAGER_ISSUER_SHAPE, CertManagerIssuer } from '../server/tls';
import { VOLUME_SNAPSHOT_CLASS_PROPS_SHAPE, VolumeSnapshotClassProps } from '../storage/volume-snapshot-class';
import { ZALANDO_CLUSTER_PROPS_SHAPE, ZalandoClusterProps } from '../zalando/zalando-cluster';

/** The superuser of a server, as plain data. */
export interface SuperuserDescription {
  /** Secret holding the password. */
  readonly secretName: string;
  /**
   * Key of the password.
   * @default 'password'
   */
  readonly passwordKey?: string;
  /**
   * Login name.
   * @default 'postgres'
   */
  readonly username?: string;
  /**
   * Key of the login name, when the Secret also carries it.
   * @default - none
   */
  readonly usernameKey?: string;
}

/** Runtime description of {@link SuperuserDescription}. */
export const SUPERUSER_DESCRIPTION_SHAPE = object<SuperuserDescription>({
  secretName: string(),
  passwordKey: optional(string()),
  username: optional(string()),
  usernameKey: optional(string()),
}, { name: 'SuperuserDescription' });

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
  readonly login?: {
    /** The login's name. */
    readonly name: string;
    /** Where its password lives. */
    readonly password: SecretKeyReference;
  };
}

/** Runtime description of {@link BackupDescription}. */
export const BACKUP_DESCRIPTION_SHAPE = object<BackupDescription>({
  ...omit(BACKUP_CRON_JOB_PROPS_SHAPE.fields, 'server', 'storage', 'login'),
  storage: union(NEW_BACKUP_CLAIM_OPTIONS_SHAPE, object<{ readonly existingClaim: string }>({ existingClaim: string() })),
  login: optional(object<NonNullable<BackupDescription['login']>>({ name: string(), password: SECRET_KEY_REFERENCE_SHAPE })),
}, { name: 'BackupDescription' });

/** Metrics, alerts and a dashboard for a server, as plain data. */
export interface MonitoringDescription {
  /** The exporter's least-privilege login (member of pg_monitor) and where its password lives. */
  readonly login: {
    /** The login's name. */
    readonly name: string;
    /** Where its password lives. */
    readonly password: SecretKeyReference;
  };
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
  /**
   * Namespaces Prometheus scrapes from.
   * @default ['monitoring']
   */
  readonly scrapeNamespaces?: string[];
}

/** Runtime description of {@link MonitoringDescription}. */
export const MONITORING_DESCRIPTION_SHAPE = object<MonitoringDescription>({
  login: object<MonitoringDescription['login']>({ name: string(), password: SECRET_KEY_REFERENCE_SHAPE }),
  thresholds: optional(ALERT_THRESHOLDS_SHAPE),
  prometheusLabels: optional(record(string())),
  scrapeNamespaces: optional(array(string())),
}, { name: 'MonitoringDescription' });

/** One PostgreSQL server of an environment, independent of the backend that runs it. */
export interface DatabaseServerDescription {
  /** Construct id, unique within the environment. */
  readonly id: string;
  /** Namespace of the server and its objects. */
  readonly namespace: string;
  /**
   * The superuser, on the StatefulSet backend (the operator manages its own).
   * @default - required on the StatefulSet backend
   */
  readonly superuser?: SuperuserDescription;
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
   * @default - `<statefulset>-schema-init` and `<statefulset>-schema`, no extra labels
   */
  readonly schemaInit?: {
    /** The Job's name. */
    readonly jobName?: string;
    /** The SQL ConfigMap's name. */
    readonly configMapName?: string;
    /** Labels added to both. */
    readonly labels?: Record<string, string>;
  };
  /**
   * Keep the data on Amazon EFS (a static volume on a file system and access point) instead of
   * a claim template.
   * @default - a claim template from `statefulSet.storage`
   */
  readonly efs?: Omit<EfsStaticVolumeProps, 'namespace'>;
  /**
   * A ConfigMap with the connection settings the applications read.
   * @default - none
   */
  readonly connectionConfigMap?: Omit<ConnectionConfigMapProps, 'server'>;
  /**
   * Metrics (a postgres-exporter sidecar), alerts and a Grafana dashboard.
   * @default - none
   */
  readonly monitoring?: MonitoringDescription;
  /**
   * Scheduled backups.
   * @default - none
   */
  readonly backup?: BackupDescription;
  /**
   * Run it as a PostgresStatefulSet (names, sizes, tuning).
   * @default - give this or zalando
   */
  readonly statefulSet?: Omit<PostgresStatefulSetProps, 'namespace' | 'superuser'>;
  /**
   * Run it as a Zalando operator cluster.
   * @default - give this or statefulSet
   */
  readonly zalando?: Omit<ZalandoClusterProps, 'namespace' | 'databases' | 'users' | 'disposable'>;
}

/** Runtime description of {@link DatabaseServerDescription}. */
export const DATABASE_SERVER_DESCRIPTION_SHAPE = object<DatabaseServerDescription>({
  id: string(),
  namespace: string(),
  superuser: optional(SUPERUSER_DESCRIPTION_SHAPE),
  databases: optional(array(DATABASE_DEFINITION_SHAPE)),
  users: optional(array(DATABASE_USER_SHAPE)),
  schemaInit: optional(object<NonNullable<DatabaseServerDescription['schemaInit']>>({
    jobName: optional(string()),
    configMapName: optional(string()),
    labels: optional(record(string())),
  })),
  efs: optional(object<Omit<EfsStaticVolumeProps, 'namespace'>>(omit(EFS_STATIC_VOLUME_PROPS_SHAPE.fields, 'namespace'))),
  connectionConfigMap: optional(object<Omit<ConnectionConfigMapProps, 'server'>>(omit(CONNECTION_CONFIG_MAP_PROPS_SHAPE.fields, 'server'))),
  monitoring: optional(MONITORING_DESCRIPTION_SHAPE),
  backup: optional(BACKUP_DESCRIPTION_SHAPE),
  statefulSet: optional(object<Omit<PostgresStatefulSetProps, 'namespace' | 'superuser'>>(omit(POSTGRES_STATEFUL_SET_PROPS_SHAPE.fields, 'namespace', 'superuser'))),
  zalando: optional(object<Omit<ZalandoClusterProps, 'namespace' | 'databases' | 'users' | 'disposable'>>(omit(ZALANDO_CLUSTER_PROPS_SHAPE.fields, 'namespace', 'databases', 'users', 'disposable'))),
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
   * @default - no cert-manager: each server's TLS Secret is created by hand (`npm run secrets`
   * prints a self-signed pair for development)
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
}, { name: 'EnvironmentDescription' });
