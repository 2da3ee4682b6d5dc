import { BackupCronJobProps } from './backup-cron-job';
import { NewBackupClaimOptions } from './backup-storage';
import { ConnectionConfigMapProps } from './connection-config-map';
import { AlertThresholds } from './monitoring/alert-rules';
import { EfsStaticVolumeProps } from './efs-volume';
import { PostgresStatefulSetProps } from './postgres-stateful-set';
import { DatabaseDefinition, DatabaseUser } from './sql/model';
import { VolumeSnapshotClassProps } from './volume-snapshot-class';
import { ZalandoClusterProps } from './zalando-cluster';

/** A key of a Secret, by name. */
export interface SecretKeyReference {
  /** Secret name, in the namespace of the server. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
  /**
   * Key of the same Secret that also carries the login name, for applications that read both
   * from one Secret; the secrets command fills it in.
   * @default - the Secret holds only the password
   */
  readonly usernameKey?: string;
}

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

/** Backups of a server, as plain data. */
export interface BackupDescription extends Omit<BackupCronJobProps, 'server' | 'storage'> {
  /** The claim backups go to: a new one (size, class, name) or an existing one by name. */
  readonly storage: NewBackupClaimOptions | { readonly existingClaim: string };
}

/** Metrics, alerts and a dashboard for a server, as plain data. */
export interface MonitoringDescription {
  /** The exporter's least-privilege login (member of pg_monitor) and where its password lives. */
  readonly login: { readonly name: string; readonly password: SecretKeyReference };
  /**
   * Alert thresholds.
   * @default - seed 004 §8.1
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
  readonly schemaInit?: { readonly jobName?: string; readonly configMapName?: string; readonly labels?: Record<string, string> };
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

/** Everything one environment deploys, as plain data. */
export interface EnvironmentDescription {
  /** Environment name; also the name of its manifest file, `dist/<name>.k8s.yaml`. */
  readonly name: string;
  /** One line on what it deploys and where. */
  readonly summary: string;
  /**
   * Declares the environment disposable: durability switches may be turned off and data may be thrown away.
   * @default false
   */
  readonly disposable?: boolean;
  /** The servers. */
  readonly servers: DatabaseServerDescription[];
  /**
   * VolumeSnapshotClasses the environment's storage needs.
   * @default - none
   */
  readonly volumeSnapshotClasses?: (VolumeSnapshotClassProps & { readonly id: string })[];
}
