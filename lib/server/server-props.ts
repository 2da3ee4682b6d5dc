import { array, boolean, defined, number, object, oneOf, optional, record, string, union } from '../checks/props-shape';
import { ParameterValue } from '../config/postgres-config';
import { Login, LOGIN_SHAPE } from '../secrets/login';
import { POSTGRES_TLS_PROPS_SHAPE, PostgresTlsProps } from './tls';
import { fail } from '../private/validation';

/** Where the server keeps its data. */
export interface ServerStorageProps {
  /**
   * Size of each data volume, as a Kubernetes quantity.
   * @default '8Gi'
   */
  readonly size?: string;
  /**
   * StorageClass of the data volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Access mode of the data volumes. Only one pod ever writes to each; the Zalando operator's
   * claims are always ReadWriteOnce.
   * @default 'ReadWriteOnce'
   */
  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteOncePod';
}

/** Runtime description of {@link ServerStorageProps}. */
export const SERVER_STORAGE_PROPS_SHAPE = object<ServerStorageProps>({
  size: optional(string()),
  storageClassName: optional(string()),
  accessMode: optional(oneOf('ReadWriteOnce', 'ReadWriteOncePod')),
}, { name: 'ServerStorageProps' });

/** CPU and memory of a container. */
export interface ContainerResources {
  /**
   * CPU the scheduler reserves.
   * @default '250m'
   */
  readonly cpuRequest?: string;
  /**
   * CPU ceiling. Unset by default: throttling a database adds latency without protecting neighbours.
   * @default - no CPU limit
   */
  readonly cpuLimit?: string;
  /**
   * Memory the scheduler reserves.
   * @default '512Mi'
   */
  readonly memoryRequest?: string;
  /**
   * Memory ceiling; the memory settings of postgresql.conf are derived from it.
   * @default '1Gi'
   */
  readonly memoryLimit?: string;
}

/** A server container's resources with the defaults both backends document applied. */
export function serverResources(resources: ContainerResources | undefined): { cpuRequest: string; memoryRequest: string; memoryLimit: string; cpuLimit?: string } {
  return { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '1Gi', ...defined(resources) };
}

/** Runtime description of {@link ContainerResources}. */
export const CONTAINER_RESOURCES_SHAPE = object<ContainerResources>({
  cpuRequest: optional(string()),
  cpuLimit: optional(string()),
  memoryRequest: optional(string()),
  memoryLimit: optional(string()),
}, { name: 'ContainerResources' });

/**
 * Metrics on port 9187 behind a `<name>-metrics` Service: a postgres-exporter beside each server
 * pod (PostgresStatefulSet, ZalandoCluster), or the operator's own exporter (CloudNativePgCluster).
 */
export interface ServerMonitoringProps {
  /**
   * The exporter's least-privilege login (member of pg_monitor) and where its password lives.
   * PostgresStatefulSet needs a SchemaInitJob for the server to create it (EnvironmentChart adds
   * it; synthesis fails naming it otherwise). On ZalandoCluster the operator creates the login
   * from `users` and writes its password to `<login>.<cluster>.credentials.postgresql.acid.zalan.do`,
   * which `password` must name. Required by both; CloudNativePgCluster takes none (the operator's
   * exporter connects as its own user).
   * @default - none
   */
  readonly login?: Login;
  /**
   * Exporter image, pinned.
   * @default 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1'
   */
  readonly image?: string;
  /**
   * Namespaces whose pods (Prometheus) may scrape port 9187.
   * @default ['monitoring']
   */
  readonly scrapeNamespaces?: string[];
}

/** The namespace Prometheus scrapes from unless a server says otherwise. */
export const DEFAULT_SCRAPE_NAMESPACE = 'monitoring';

/** The namespaces that may scrape a server's metrics: those its monitoring names, else {@link DEFAULT_SCRAPE_NAMESPACE}. */
export function scrapeNamespacesOf(monitoring: ServerMonitoringProps): string[] {
  return monitoring.scrapeNamespaces ?? [DEFAULT_SCRAPE_NAMESPACE];
}

/** Runtime description of {@link ServerMonitoringProps}. */
export const SERVER_MONITORING_PROPS_SHAPE = object<ServerMonitoringProps>({
  login: optional(LOGIN_SHAPE),
  image: optional(string()),
  scrapeNamespaces: optional(array(string())),
}, { name: 'ServerMonitoringProps' });

/**
 * What every PostgreSQL server has, whichever backend runs it: PostgresStatefulSetProps and
 * ZalandoClusterProps both extend it, so moving a server from one to the other keeps these.
 */
export interface PostgresServerProps {
  /**
   * Namespace of every object.
   * @default - the chart's namespace, or 'default'
   */
  readonly namespace?: string;
  /**
   * Name of the server (the StatefulSet, or the operator's cluster); also the base of the other names.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * PostgreSQL major version.
   * @default 17
   */
  readonly majorVersion?: number;
  /**
   * Number of server pods. A PostgresStatefulSet does not replicate, so it accepts only 1;
   * a ZalandoCluster runs one primary and the rest as streaming replicas.
   * @default - 1 for PostgresStatefulSet, 2 for ZalandoCluster
   */
  readonly instances?: number;
  /**
   * The data volume of each pod.
   * @default - 8Gi, ReadWriteOnce, on the cluster's default StorageClass
   */
  readonly storage?: ServerStorageProps;
  /**
   * CPU and memory of the server container.
   * @default - requests 250m / 512Mi, memory limit 1Gi, no CPU limit
   */
  readonly resources?: ContainerResources;
  /**
   * postgresql.conf settings. They override the memory settings derived from the memory limit
   * (shared_buffers 25%, effective_cache_size 75%, work_mem and maintenance_work_mem from what
   * remains, max_connections 100).
   * @default - derived memory settings only
   */
  readonly parameters?: Record<string, ParameterValue>;
  /**
   * Allows settings that write the text of every statement to the server log: `log_statement`
   * other than 'none', and `debug_print_parse`, `debug_print_rewritten` and `debug_print_plan`.
   * They put what applications send in the log, passwords in `ALTER ROLE … PASSWORD '…'`
   * included (the schema Job turns them off for its own password step). Slow-statement logging
   * (`log_min_duration_statement`) is allowed without it.
   * @default false
   */
  readonly logsStatements?: boolean;
  /**
   * Declares a disposable development environment, the only place where fsync,
   * synchronous_commit or full_page_writes may be turned off, or TLS left off.
   * @default false
   */
  readonly disposable?: boolean;
  /**
   * TLS: the certificate Secret (or the cert-manager issuer that writes it); every TCP login
   * must use TLS, and the library's Jobs verify the server (sslmode verify-full). Turning it
   * off is accepted only with `disposable: true`.
   * @default - on, with Secret `<name>-tls` created by hand
   */
  readonly tls?: PostgresTlsProps;
  /**
   * A postgres-exporter beside each server pod, pg_stat_statements, and (unless set) a log line
   * for each statement slower than a second.
   * @default - no exporter
   */
  readonly monitoring?: ServerMonitoringProps;
  /**
   * Extra labels on every object the library writes (selectors are not affected).
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/** Runtime description of {@link PostgresServerProps}; the props that extend it spread its fields. */
export const POSTGRES_SERVER_PROPS_SHAPE = object<PostgresServerProps>({
  namespace: optional(string()),
  name: optional(string()),
  majorVersion: optional(number()),
  instances: optional(number()),
  storage: optional(SERVER_STORAGE_PROPS_SHAPE),
  resources: optional(CONTAINER_RESOURCES_SHAPE),
  parameters: optional(record(union(string(), number(), boolean()))),
  logsStatements: optional(boolean()),
  disposable: optional(boolean()),
  tls: optional(POSTGRES_TLS_PROPS_SHAPE),
  monitoring: optional(SERVER_MONITORING_PROPS_SHAPE),
  labels: optional(record(string())),
}, { name: 'PostgresServerProps' });

/** The exporter sidecar's login, which PostgresStatefulSet and ZalandoCluster need. */
export function requireExporterLogin(owner: string, monitoring: ServerMonitoringProps): Login {
  if (!monitoring.login) fail(owner, 'monitoring.login', monitoring.login, "is required: the postgres-exporter sidecar logs in as it (a 'monitoring' login, member of pg_monitor)");
  return monitoring.login;
}
