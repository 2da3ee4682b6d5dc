import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import {
  IntOrString,
  KubeConfigMap,
  KubePodDisruptionBudget,
  KubeService,
  KubeStatefulSet,
  Quantity,
} from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { array, boolean, checkProps, number, object, oneOf, optional, record, string, union } from '../checks/props-shape';
import { Credentials, CREDENTIALS_SHAPE } from '../secrets/credentials';
import { MonitoredServer } from '../monitoring/alert-rules';
import { EXPORTER_IMAGE, EXPORTER_PORT, exporterContainer } from '../monitoring/postgres-exporter';
import { DATA_VOLUME_SHAPE, IDataVolume } from '../storage/efs-volume';
import { commonLabels, clientLabel, selectorLabels } from '../private/labels';
import { jobsPolicy, statefulSetServerPolicy } from '../network';
import { checkClientCidrs, renderPgHba } from '../config/pg-hba';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, scratchVolumes } from './pod-security';
import { ParameterValue, renderPostgresqlConf, serverSettings } from '../config/postgres-config';
import {
  DEFAULT_MAJOR_VERSION,
  SUPPORTED_MAJOR_VERSIONS,
  dataPaths,
  defaultImage,
  endOfLifeWarning,
} from './postgres-version';
import { checkPostgresImage, checkVersionedImage } from '../private/image-reference';
import { LIVENESS_DEFAULTS, PROBE_TIMING_SHAPE, ProbeTiming, READINESS_DEFAULTS, STARTUP_DEFAULTS, checkProbeTiming, pgIsReadyProbe } from './probes';
import { checkRequestsAndLimits, requireQuantity } from '../private/quantity';
import { RequiredSecrets } from '../secrets/required-secrets';
import { databaseNameProblem, roleNameProblem } from '../sql/reserved-names';
import { checkDnsLabel, checkInteger, checkLabels, checkServiceName, fail, ownerOf } from '../private/validation';
import { todayOf } from '../private/today';
import { ClientTls, declareServerCertificate, POSTGRES_TLS_PROPS_SHAPE, PostgresTlsProps, resolveServerTls, SERVER_TLS_DIR, serverTlsVolume, serviceDnsNames, TLS_KEYS } from './tls';
import { Warnings } from '../diagnostics/warnings';
import { addChartChecks } from '../checks/chart-checks';

/** Where the server keeps its data. */
export interface PostgresStorageProps {
  /**
   * Size of the data volume, as a Kubernetes quantity.
   * @default '8Gi'
   */
  readonly size?: string;
  /**
   * StorageClass of the data volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Access mode of the data volume. Only one pod ever writes to it.
   * @default 'ReadWriteOnce'
   */
  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteOncePod';
}

/** Runtime description of {@link PostgresStorageProps}. */
export const POSTGRES_STORAGE_PROPS_SHAPE = object<PostgresStorageProps>({
  size: optional(string()),
  storageClassName: optional(string()),
  accessMode: optional(oneOf('ReadWriteOnce', 'ReadWriteOncePod')),
}, { name: 'PostgresStorageProps' });

/** CPU and memory of the server container. */
export interface PostgresResources {
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

/** Runtime description of {@link PostgresResources}. */
export const POSTGRES_RESOURCES_SHAPE = object<PostgresResources>({
  cpuRequest: optional(string()),
  cpuLimit: optional(string()),
  memoryRequest: optional(string()),
  memoryLimit: optional(string()),
}, { name: 'PostgresResources' });

/** A postgres-exporter sidecar. */
export interface PostgresMetricsProps {
  /** The monitoring login the exporter uses (create it as a `monitoring` user of SchemaInitJob). */
  readonly login: Credentials;
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

/** Runtime description of {@link PostgresMetricsProps}. */
export const POSTGRES_METRICS_PROPS_SHAPE = object<PostgresMetricsProps>({
  login: CREDENTIALS_SHAPE,
  image: optional(string()),
  scrapeNamespaces: optional(array(string())),
}, { name: 'PostgresMetricsProps' });

/** Properties of {@link PostgresStatefulSet}. */
export interface PostgresStatefulSetProps {
  /**
   * Namespace of every object.
   * @default - the chart's namespace, or 'default'
   */
  readonly namespace?: string;
  /**
   * Name of the StatefulSet (its pod is `<name>-0`); also the base of the other names.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Name of the ClusterIP Service that clients connect to on port 5432.
   * @default - the StatefulSet name
   */
  readonly serviceName?: string;
  /**
   * Name of the headless Service that gives the pod its stable DNS name.
   * @default `<name>-headless`
   */
  readonly headlessServiceName?: string;
  /**
   * Name of the ConfigMap holding postgresql.conf and pg_hba.conf.
   * @default `<name>-config`
   */
  readonly configMapName?: string;
  /**
   * PostgreSQL major version.
   * @default 17
   */
  readonly majorVersion?: number;
  /**
   * Container image. Its tag must name a full version of `majorVersion` ('postgres:17.10',
   * 'postgres:17.10-alpine'), optionally followed by a digest ('postgres:17.10@sha256:…'); a
   * digest alone is refused, because the major is read from the tag.
   * @default - the official image pinned to the newest known minor release, e.g. 'postgres:17.10'
   */
  readonly image?: string;
  /**
   * Database the image creates on first start (POSTGRES_DB).
   * @default 'postgres'
   */
  readonly database?: string;
  /**
   * The superuser the image creates on first start.
   * @default - Credentials.fromSecret('<name>-superuser'): login 'postgres', key 'password'
   */
  readonly superuser?: Credentials;
  /**
   * The data volume.
   * @default - 8Gi, ReadWriteOnce, on the cluster's default StorageClass
   */
  readonly storage?: PostgresStorageProps;
  /**
   * An existing claim for the data, such as an {@link EfsVolume}, in place of the claim
   * template. `storage` must then be left out.
   * @default - a claim template from `storage`
   */
  readonly dataVolume?: IDataVolume;
  /**
   * Number of pods. A plain StatefulSet does not replicate, so only 1 is accepted; use
   * ZalandoCluster for replicas.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * CPU and memory of the server container.
   * @default - requests 250m / 512Mi, memory limit 1Gi, no CPU limit
   */
  readonly resources?: PostgresResources;
  /**
   * postgresql.conf settings. They override the memory settings derived from the memory limit
   * (shared_buffers 25%, effective_cache_size 75%, work_mem and maintenance_work_mem from what
   * remains, max_connections 100).
   * @default - derived memory settings only
   */
  readonly parameters?: Record<string, ParameterValue>;
  /**
   * Declares a disposable development environment, the only place where fsync,
   * synchronous_commit or full_page_writes may be turned off.
   * @default false
   */
  readonly disposable?: boolean;
  /**
   * Address ranges that may log in over TCP (with scram-sha-256). The NetworkPolicy decides
   * which pods reach the port at all.
   * @default ['0.0.0.0/0', '::/0']
   */
  readonly clientCidrs?: string[];
  /**
   * Other namespaces whose pods, when they carry the client label, may connect.
   * @default - only pods of the server's own namespace
   */
  readonly clientNamespaces?: string[];
  /**
   * Extra labels on every object and pod (selectors are not affected).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Startup probe timings.
   * @default - every 10 s, 5 s timeout, 60 failures allowed
   */
  readonly startupProbe?: ProbeTiming;
  /**
   * Liveness probe timings.
   * @default - every 10 s, 5 s timeout, 6 failures allowed
   */
  readonly livenessProbe?: ProbeTiming;
  /**
   * Readiness probe timings.
   * @default - every 5 s, 3 s timeout, 3 failures allowed
   */
  readonly readinessProbe?: ProbeTiming;
  /**
   * Let node drains evict the server. By default the PodDisruptionBudget forbids it, so a drain
   * waits until someone moves the database on purpose.
   * @default false
   */
  readonly allowVoluntaryEviction?: boolean;
  /**
   * A postgres-exporter sidecar on 9187 with a `<name>-metrics` Service; also turns on
   * pg_stat_statements and, unless set, logs statements slower than a second.
   * @default - no exporter
   */
  readonly metrics?: PostgresMetricsProps;
  /**
   * Local port of the documented `kubectl port-forward` command.
   * @default 5432
   */
  readonly portForwardLocalPort?: number;
  /**
   * TLS: the certificate Secret (or the cert-manager issuer that writes it); every TCP login
   * must use TLS, and the library's Jobs verify the server (sslmode verify-full). Turning it
   * off is accepted only with `disposable: true`.
   * @default - on, with Secret `<name>-tls` created by hand
   */
  readonly tls?: PostgresTlsProps;
}

/** Runtime description of {@link PostgresStatefulSetProps}. */
export const POSTGRES_STATEFUL_SET_PROPS_SHAPE = object<PostgresStatefulSetProps>({
  namespace: optional(string()),
  name: optional(string()),
  serviceName: optional(string()),
  headlessServiceName: optional(string()),
  configMapName: optional(string()),
  majorVersion: optional(number()),
  image: optional(string()),
  database: optional(string()),
  superuser: optional(CREDENTIALS_SHAPE),
  storage: optional(POSTGRES_STORAGE_PROPS_SHAPE),
  dataVolume: optional(DATA_VOLUME_SHAPE),
  replicas: optional(number()),
  resources: optional(POSTGRES_RESOURCES_SHAPE),
  parameters: optional(record(union(string(), number(), boolean()))),
  disposable: optional(boolean()),
  clientCidrs: optional(array(string())),
  clientNamespaces: optional(array(string())),
  labels: optional(record(string())),
  startupProbe: optional(PROBE_TIMING_SHAPE),
  livenessProbe: optional(PROBE_TIMING_SHAPE),
  readinessProbe: optional(PROBE_TIMING_SHAPE),
  allowVoluntaryEviction: optional(boolean()),
  metrics: optional(POSTGRES_METRICS_PROPS_SHAPE),
  portForwardLocalPort: optional(number()),
  tls: optional(POSTGRES_TLS_PROPS_SHAPE),
}, { name: 'PostgresStatefulSetProps' });

const PORT = 5432;
/** What the exporter needs from the server: statement statistics, and statements slower than 1 s in the log. */
const MONITORING_PARAMETERS: Record<string, ParameterValue> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'top',
  log_min_duration_statement: 1000,
};
const CONFIG_DIR = '/etc/postgresql';

/**
 * A single-primary PostgreSQL server: StatefulSet with a retained volume claim, headless and
 * client Services, a ConfigMap the server really reads, a PodDisruptionBudget and a
 * NetworkPolicy, every pod under the restricted Pod Security Standard.
 */
export class PostgresStatefulSet extends Construct {
  /** Namespace of every object. */
  public readonly namespace: string;
  /** Name of the StatefulSet. */
  public readonly name: string;
  /** Name of the client Service. */
  public readonly serviceName: string;
  /** Name of the headless Service. */
  public readonly headlessServiceName: string;
  /** Name of the ConfigMap with postgresql.conf and pg_hba.conf. */
  public readonly configMapName: string;
  /** Cluster DNS name of the client Service. */
  public readonly host: string;
  /** Port of the client Service. */
  public readonly port = PORT;
  /** Database created on first start. */
  public readonly databaseName: string;
  /** The superuser login. */
  public readonly superuser: Credentials;
  /** PostgreSQL major version. */
  public readonly majorVersion: number;
  /** Container image. */
  public readonly image: string;
  /** Effective postgresql.conf settings. */
  public readonly settings: Readonly<Record<string, ParameterValue>>;
  /** Label a client pod needs to pass the NetworkPolicy. */
  public readonly clientLabel: {
    /** Label key. */
    readonly key: string;
    /** Label value. */
    readonly value: string;
  };
  /** `kubectl port-forward` command that exposes the server on localhost. */
  public readonly portForwardCommand: string;
  /** Labels that select the server pod. */
  public readonly selectorLabels: Record<string, string>;
  /** The StatefulSet. */
  public readonly statefulSet: KubeStatefulSet;
  /** Labels of the metrics Service, when the exporter is on. */
  public readonly metricsServiceLabels?: Record<string, string>;
  /** What alerts and dashboards watch, when the exporter is on. */
  public readonly monitoredServer?: MonitoredServer;
  /** The CA clients verify the server with; undefined when TLS is off. */
  public readonly tls?: ClientTls;
  /** DNS names in the server's certificate (empty when TLS is off). */
  public readonly tlsDnsNames: readonly string[];

  constructor(scope: Construct, id: string, props: PostgresStatefulSetProps = {}) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'PostgresStatefulSet');
      checkProps(owner, props, POSTGRES_STATEFUL_SET_PROPS_SHAPE);
      this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
      this.name = props.name ?? id;
      this.serviceName = props.serviceName ?? this.name;
      this.headlessServiceName = props.headlessServiceName ?? `${this.name}-headless`;
      this.configMapName = props.configMapName ?? `${this.name}-config`;
      this.databaseName = props.database ?? 'postgres';
      this.superuser = props.superuser ?? Credentials.fromSecret(`${this.name}-superuser`);
      this.majorVersion = props.majorVersion ?? DEFAULT_MAJOR_VERSION;
      const replicas = props.replicas ?? 1;
      const storageSize = props.storage?.size ?? '8Gi';
      const resources = {
        cpuRequest: props.resources?.cpuRequest ?? '250m',
        memoryRequest: props.resources?.memoryRequest ?? '512Mi',
        memoryLimit: props.resources?.memoryLimit ?? '1Gi',
        cpuLimit: props.resources?.cpuLimit,
      };
      const clientCidrs = props.clientCidrs ?? ['0.0.0.0/0', '::/0'];
      const extraLabels = props.labels ?? {};

      checkDnsLabel(owner, 'namespace', this.namespace);
      // Pods of a StatefulSet carry a controller-revision-hash label built from the name; 52 keeps it within 63.
      checkDnsLabel(owner, 'name', this.name, 52);
      checkServiceName(owner, 'serviceName', this.serviceName);
      checkServiceName(owner, 'headlessServiceName', this.headlessServiceName);
      if (this.headlessServiceName === this.serviceName) {
        fail(owner, 'headlessServiceName', this.headlessServiceName, 'is also the client Service\'s name (serviceName): two Services of one name replace each other; give them different names');
      }
      const metricsServiceName = `${this.name}-metrics`;
      for (const [field, value] of [['serviceName', this.serviceName], ['headlessServiceName', this.headlessServiceName]] as const) {
        if (props.metrics && value === metricsServiceName) fail(owner, field, value, `is also the name of the metrics Service ('<name>-metrics'): give it another name`);
      }
      checkDnsLabel(owner, 'configMapName', this.configMapName, 253);
      this.superuser.validate(owner, 'superuser');
      const superuserProblem = roleNameProblem(this.superuser.username);
      if (superuserProblem) fail(owner, 'superuser.username', this.superuser.username, superuserProblem);
      const databaseProblem = databaseNameProblem(this.databaseName);
      if (databaseProblem) fail(owner, 'database', this.databaseName, databaseProblem);
      checkLabels(owner, 'labels', extraLabels);
      if (!SUPPORTED_MAJOR_VERSIONS.includes(this.majorVersion)) {
        fail(owner, 'majorVersion', this.majorVersion, `is not a supported PostgreSQL major (one of ${SUPPORTED_MAJOR_VERSIONS.join(', ')})`);
      }
      checkInteger(owner, 'replicas', replicas, 1);
      if (replicas > 1) {
        fail(owner, 'replicas', replicas, 'is not supported: pods of a plain StatefulSet do not replicate, each would be an independent primary (use ZalandoCluster for replicas)');
      }
      requireQuantity(owner, 'storage.size', storageSize, 'storage');
      if (props.dataVolume) {
        if (props.storage) fail(owner, 'storage', props.storage, 'cannot be combined with dataVolume, which brings its own claim');
        if (props.dataVolume.namespace !== this.namespace) {
          fail(owner, 'dataVolume', props.dataVolume.claimName, `is a claim in namespace '${props.dataVolume.namespace}', not '${this.namespace}'`);
        }
      }
      const memoryLimit = checkRequestsAndLimits(owner, resources);
      checkProbeTiming(owner, 'startupProbe', props.startupProbe);
      checkProbeTiming(owner, 'livenessProbe', props.livenessProbe);
      checkProbeTiming(owner, 'readinessProbe', props.readinessProbe);
      checkClientCidrs(owner, 'clientCidrs', clientCidrs);
      for (const ns of props.clientNamespaces ?? []) checkDnsLabel(owner, 'clientNamespaces', ns);
      const localPort = props.portForwardLocalPort ?? PORT;
      checkInteger(owner, 'portForwardLocalPort', localPort, 1, 65535);

      this.image = props.image ?? defaultImage(this.majorVersion);
      const imageMajor = checkPostgresImage(owner, 'image', this.image, defaultImage(this.majorVersion));
      if (imageMajor !== this.majorVersion) {
        fail(owner, 'image', this.image, `is PostgreSQL ${imageMajor}, but majorVersion is ${this.majorVersion}; use a ${this.majorVersion}.x image (e.g. '${defaultImage(this.majorVersion)}'), ` +
          `or declare majorVersion: ${imageMajor} (a change of major is an upgrade to carry out, not a new image)`);
      }
      if (props.metrics?.image !== undefined) checkVersionedImage(owner, 'metrics.image', props.metrics.image, EXPORTER_IMAGE);
      this.warnAboutImage();

      const parameters = props.metrics ? { ...MONITORING_PARAMETERS, ...props.parameters } : props.parameters ?? {};
      if (props.metrics && !String(parameters.shared_preload_libraries).split(',').map((l) => l.trim()).includes('pg_stat_statements')) {
        fail(owner, 'parameters.shared_preload_libraries', parameters.shared_preload_libraries, 'must include pg_stat_statements when metrics are on');
      }
      for (const ns of props.metrics?.scrapeNamespaces ?? []) checkDnsLabel(owner, 'metrics.scrapeNamespaces', ns);
      if (props.metrics) {
        props.metrics.login.validate(owner, 'metrics.login');
        const loginProblem = roleNameProblem(props.metrics.login.username);
        if (loginProblem) fail(owner, 'metrics.login.username', props.metrics.login.username, loginProblem);
      }
      const serverTls = resolveServerTls({
        owner,
        tls: props.tls,
        name: this.name,
        namespace: this.namespace,
        // Clients may name either Service, or the pod through the headless one (`<name>-0.<headless>…`).
        dnsNames: serviceDnsNames(this.namespace, [this.serviceName, this.headlessServiceName, `${this.name}-0.${this.headlessServiceName}`]),
        disposable: props.disposable ?? false,
      });
      this.tls = serverTls && { caSecretName: serverTls.caSecretName, caKey: serverTls.caKey };
      this.tlsDnsNames = serverTls?.dnsNames ?? [];
      this.settings = serverSettings({
        owner,
        memoryLimitBytes: memoryLimit,
        memoryLimit: resources.memoryLimit,
        overrides: parameters,
        disposable: props.disposable ?? false,
        majorVersion: this.majorVersion,
        tls: serverTls && {
          certFile: `${SERVER_TLS_DIR}/${TLS_KEYS.certificate}`,
          keyFile: `${SERVER_TLS_DIR}/${TLS_KEYS.privateKey}`,
          caFile: `${SERVER_TLS_DIR}/${TLS_KEYS.ca}`,
        },
      });
      this.selectorLabels = selectorLabels(this.name);
      this.clientLabel = clientLabel(this.name);
      this.host = `${this.serviceName}.${this.namespace}.svc.cluster.local`;
      this.portForwardCommand = `kubectl port-forward --namespace ${this.namespace} svc/${this.serviceName} ${localPort}:${PORT}`;

      const labels = { ...commonLabels(this.name, 'database'), ...extraLabels };
      const metadata = (name: string) => ({ name, namespace: this.namespace, labels });
      const configData = {
        'postgresql.conf': renderPostgresqlConf(this.settings),
        'pg_hba.conf': renderPgHba(clientCidrs, serverTls !== undefined),
      };

      new KubeConfigMap(this, 'Config', { metadata: metadata(this.configMapName), data: configData });
      const servicePorts = [{ name: 'postgresql', port: PORT, targetPort: IntOrString.fromString('postgresql'), protocol: 'TCP' }];
      new KubeService(this, 'HeadlessService', {
        metadata: metadata(this.headlessServiceName),
        spec: {
          clusterIp: 'None',
          publishNotReadyAddresses: true,
          selector: this.selectorLabels,
          ports: servicePorts,
        },
      });
      new KubeService(this, 'Service', {
        metadata: metadata(this.serviceName),
        spec: {
          type: 'ClusterIP',
          selector: this.selectorLabels,
          ports: servicePorts,
        },
      });

      const paths = dataPaths(this.majorVersion);
      const tlsVolume = serverTls && serverTlsVolume(serverTls);
      const scratch = scratchVolumes([
        { name: 'run', mountPath: '/var/run/postgresql', sizeLimit: '16Mi' },
        { name: 'tmp', mountPath: '/tmp', sizeLimit: '1Gi' },
        // Parallel queries allocate dynamic shared memory here; the runtime's default is 64MB.
        { name: 'dshm', mountPath: '/dev/shm', memory: true, sizeLimit: resources.memoryLimit },
      ]);
      this.statefulSet = new KubeStatefulSet(this, 'Resource', {
        metadata: metadata(this.name),
        spec: {
          serviceName: this.headlessServiceName,
          replicas,
          podManagementPolicy: 'OrderedReady',
          updateStrategy: { type: 'RollingUpdate' },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
          selector: { matchLabels: this.selectorLabels },
          template: {
            metadata: {
              labels: { ...labels, ...this.selectorLabels },
              // A changed configuration restarts the pod, so the server always runs what the ConfigMap says.
              annotations: { 'cdk8s-postgres.io/config-checksum': sha256(JSON.stringify(configData)) },
            },
            spec: {
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              securityContext: restrictedPodSecurityContext(),
              terminationGracePeriodSeconds: 60,
              containers: [{
                name: 'postgres',
                image: this.image,
                imagePullPolicy: 'IfNotPresent',
                args: ['-c', `config_file=${CONFIG_DIR}/postgresql.conf`, '-c', `hba_file=${CONFIG_DIR}/pg_hba.conf`],
                ports: [{ name: 'postgresql', containerPort: PORT, protocol: 'TCP' }],
                env: [
                  this.superuser.usernameEnv('POSTGRES_USER'),
                  this.superuser.passwordEnv('POSTGRES_PASSWORD'),
                  { name: 'POSTGRES_DB', value: this.databaseName },
                  { name: 'PGDATA', value: paths.pgdata },
                  { name: 'POSTGRES_INITDB_ARGS', value: '--data-checksums --auth-local=scram-sha-256 --auth-host=scram-sha-256' },
                ],
                resources: {
                  requests: { cpu: Quantity.fromString(resources.cpuRequest), memory: Quantity.fromString(resources.memoryRequest) },
                  limits: {
                    memory: Quantity.fromString(resources.memoryLimit),
                    ...(resources.cpuLimit ? { cpu: Quantity.fromString(resources.cpuLimit) } : {}),
                  },
                },
                securityContext: restrictedContainerSecurityContext(),
                startupProbe: pgIsReadyProbe(props.startupProbe, STARTUP_DEFAULTS),
                livenessProbe: pgIsReadyProbe(props.livenessProbe, LIVENESS_DEFAULTS),
                readinessProbe: pgIsReadyProbe(props.readinessProbe, READINESS_DEFAULTS),
                lifecycle: {
                  // Fast shutdown: a "smart" one waits for every client and runs into SIGKILL and crash recovery.
                  preStop: { exec: { command: ['/bin/sh', '-c', 'exec pg_ctl stop --pgdata="$PGDATA" --mode=fast --wait --timeout=50'] } },
                },
                volumeMounts: [
                  { name: 'data', mountPath: paths.mountPath },
                  { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                  ...(tlsVolume ? [tlsVolume.mount] : []),
                  ...scratch.mounts,
                ],
              }, ...(props.metrics ? [exporterContainer(props.metrics.login, scratch.mounts[0], props.metrics.image)] : [])],
              volumes: [
                { name: 'config', configMap: { name: this.configMapName } },
                ...(tlsVolume ? [tlsVolume.volume] : []),
                ...(props.dataVolume ? [{ name: 'data', persistentVolumeClaim: { claimName: props.dataVolume.claimName } }] : []),
                ...scratch.volumes,
              ],
            },
          },
          ...(props.dataVolume ? {} : {
            volumeClaimTemplates: [{
              metadata: { name: 'data', labels },
              spec: {
                accessModes: [props.storage?.accessMode ?? 'ReadWriteOnce'],
                ...(props.storage?.storageClassName ? { storageClassName: props.storage.storageClassName } : {}),
                resources: { requests: { storage: Quantity.fromString(storageSize) } },
              },
            }],
          }),
        },
      });

      new KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata: metadata(this.name),
        spec: {
          selector: { matchLabels: this.selectorLabels },
          maxUnavailable: IntOrString.fromNumber(props.allowVoluntaryEviction ? 1 : 0),
        },
      });

      statefulSetServerPolicy(this, 'NetworkPolicy', {
        name: this.name,
        namespace: this.namespace,
        labels,
        serverPods: this.selectorLabels,
        port: PORT,
        clientLabel: this.clientLabel,
        clientNamespaces: props.clientNamespaces ?? [],
        metrics: props.metrics && { port: EXPORTER_PORT, scrapeNamespaces: props.metrics.scrapeNamespaces ?? ['monitoring'] },
      });
      jobsPolicy(this, 'JobsNetworkPolicy', { namespace: this.namespace, instance: this.name, serverPods: this.selectorLabels, port: PORT, labels });
      if (props.metrics) {
        this.metricsServiceLabels = { ...commonLabels(this.name, 'metrics'), 'cdk8s-postgres.io/metrics': 'true' };
        new KubeService(this, 'MetricsService', {
          metadata: { name: metricsServiceName, namespace: this.namespace, labels: { ...this.metricsServiceLabels, ...extraLabels } },
          spec: { selector: this.selectorLabels, ports: [{ name: 'metrics', port: EXPORTER_PORT, targetPort: IntOrString.fromString('metrics'), protocol: 'TCP' }] },
        });
        this.monitoredServer = {
          name: this.name,
          namespace: this.namespace,
          podPattern: `${this.name}-[0-9]+`,
          container: 'postgres',
          claimPattern: props.dataVolume ? props.dataVolume.claimName : `data-${this.name}-[0-9]+`,
          hasCpuLimit: resources.cpuLimit !== undefined,
        };
        const login = props.metrics.login;
        RequiredSecrets.declare(this, { namespace: this.namespace, name: login.secretName, keys: login.secretKeys() });
      }

      RequiredSecrets.declare(this, { namespace: this.namespace, name: this.superuser.secretName, keys: this.superuser.secretKeys() });
      if (serverTls) declareServerCertificate(this, this.namespace, serverTls, labels);
      addChartChecks(this);
    } catch (error) {
      // Nothing half-written: a rejected construct leaves no objects behind in the chart.
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  private warnAboutImage(): void {
    const endOfLife = endOfLifeWarning(this.majorVersion, todayOf(this));
    if (endOfLife) Warnings.add(this, endOfLife);
    if (/^(docker\.io\/)?bitnami\//.test(this.image)) {
      Warnings.add(this, `image '${this.image}' comes from docker.io/bitnami, which has withdrawn its versioned tags; pulls can fail at any time, prefer the official 'postgres' image`);
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
