import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import {
  IntOrString,
  KubeConfigMap,
  KubePodDisruptionBudget,
  KubeService,
  KubeStatefulSet,
  Quantity,
  Volume,
  VolumeMount,
} from '../private/k8s';
import { Construct } from 'constructs';
import { array, boolean, checkProps, number, object, optional, string } from '../checks/props-shape';
import { Login, LOGIN_SHAPE } from '../secrets/login';
import { checkLogin } from '../secrets/login-checks';
import { passwordEnv, usernameEnv } from '../secrets/login-env';
import { MonitoredServer } from '../monitoring/alert-rules';
import { EXPORTER_IMAGE, EXPORTER_PORT, exporterContainer } from '../monitoring/postgres-exporter';
import { requireSchemaJob } from '../monitoring/schema-job-requirement';
import { DATA_VOLUME_SHAPE, IDataVolume } from '../storage/efs-volume';
import { useClaim } from '../storage/data-claims';
import { commonLabels, clientLabel, selectorLabels } from '../private/labels';
import { jobsPolicy, statefulSetServerPolicy } from '../network';
import { checkScrapeNamespaces } from '../network/server-policy';
import { checkClientCidrs, renderPgHba } from '../config/pg-hba';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, scratchVolumes } from '../core/pod-security';
import { majorGuardContainer } from './major-guard';
import { needsRestart } from '../config/pg-settings';
import { ParameterValue, renderPostgresqlConf, serverSettings } from '../config/postgres-config';
import { DEFAULT_MAJOR_VERSION, SUPPORTED_MAJOR_VERSIONS, dataPaths, defaultImage, endOfLifeWarning } from '../core/postgres-version';
import { checkPostgresImage, checkVersionedImage } from '../private/image-reference';
import { LIVENESS_DEFAULTS, PROBE_TIMING_SHAPE, ProbeTiming, READINESS_DEFAULTS, STARTUP_DEFAULTS, checkProbeTiming, pgIsReadyProbe } from './probes';
import { checkRequestsAndLimits, requireQuantity } from '../private/quantity';
import { RequiredSecrets } from '../secrets/required-secrets';
import { databaseNameProblem } from '../sql/reserved-names';
import { checkDnsLabel, checkDnsSubdomain, checkInteger, checkLabels, checkServiceName, checkUserLabels, fail, ownerOf } from '../private/validation';
import { todayOf } from '../private/today';
import { ClientTls, TLS_KEYS } from '../core/client-tls';
import { declareServerCertificate } from '../secrets/certificates';
import { resolveServerTls, SERVER_TLS_DIR, serverTlsVolume, serviceDnsNames, withAeadCiphers } from './tls';
import { certificateReloadCommand } from './certificate-reload';
import { POSTGRES_SERVER_PROPS_SHAPE, PostgresServerProps, requireExporterLogin, scrapeNamespacesOf, serverResources } from './server-props';
import { Warnings } from '../diagnostics/warnings';
import { addChartChecks } from '../checks/chart-checks';
import { SERVER_CONTAINER } from '../private/rendered-names';

/** The longest name of a server: its pods carry a controller-revision-hash label built from it, which 52 keeps within 63. */
export const SERVER_NAME_MAX = 52;

/** Properties of {@link PostgresStatefulSet}: those every server has, and the StatefulSet's own. */
export interface PostgresStatefulSetProps extends PostgresServerProps {
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
   * @default - login 'postgres', password in key 'password' of Secret '<name>-superuser'
   */
  readonly superuser?: Login;
  /**
   * An existing claim for the data, such as an {@link EfsVolume}, in place of the claim
   * template. `storage` must then be left out.
   * @default - a claim template from `storage`
   */
  readonly dataVolume?: IDataVolume;
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
   * The label a client pod carries to pass the server's NetworkPolicy. A major upgrade gives the
   * new server the old one's, so the applications' pods keep reaching whichever server serves.
   * @default - `access.cdk8s-postgres.io/<name>: 'true'`
   */
  readonly clientLabel?: {
    /** The label's key. */
    readonly key: string;
    /** The label's value. */
    readonly value: string;
  };
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
   * Let node drains evict the server (PodDisruptionBudget `maxUnavailable: 1`). The server has one
   * pod: evicted, the database is down until the pod runs on another node with its volume (a
   * zonal disk keeps it in its zone). false makes the budget forbid eviction (`maxUnavailable: 0`):
   * the database stays up, but every `kubectl drain`, managed node upgrade and autoscaler
   * scale-down of its node waits until someone moves it on purpose.
   * @default true
   */
  readonly allowVoluntaryEviction?: boolean;
  /**
   * Local port of the documented `kubectl port-forward` command.
   * @default 5432
   */
  readonly portForwardLocalPort?: number;
}

/** Runtime description of {@link PostgresStatefulSetProps}. */
export const POSTGRES_STATEFUL_SET_PROPS_SHAPE = object<PostgresStatefulSetProps>({
  ...POSTGRES_SERVER_PROPS_SHAPE.fields,
  serviceName: optional(string()),
  headlessServiceName: optional(string()),
  configMapName: optional(string()),
  image: optional(string()),
  database: optional(string()),
  superuser: optional(LOGIN_SHAPE),
  dataVolume: optional(DATA_VOLUME_SHAPE),
  clientCidrs: optional(array(string())),
  clientNamespaces: optional(array(string())),
  clientLabel: optional(object<{ readonly key: string; readonly value: string }>({ key: string(), value: string() })),
  startupProbe: optional(PROBE_TIMING_SHAPE),
  livenessProbe: optional(PROBE_TIMING_SHAPE),
  readinessProbe: optional(PROBE_TIMING_SHAPE),
  allowVoluntaryEviction: optional(boolean()),
  portForwardLocalPort: optional(number()),
}, { name: 'PostgresStatefulSetProps' });

const PORT = 5432;
/** What the exporter needs from the server: statement statistics, and slow statements in the log (one second). */
const MONITORING_PARAMETERS: Record<string, ParameterValue> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'top',
  log_min_duration_statement: 1000,
};
const CONFIG_DIR = '/etc/postgresql';

/** The props with their defaults applied. */
interface Resolved {
  readonly owner: string;
  readonly props: PostgresStatefulSetProps;
  readonly instances: number;
  readonly storageSize: string;
  readonly resources: { cpuRequest: string; memoryRequest: string; memoryLimit: string; cpuLimit?: string };
  readonly memoryLimitBytes: number;
  readonly clientCidrs: string[];
  readonly extraLabels: Record<string, string>;
  readonly localPort: number;
  readonly metricsServiceName: string;
}

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
  public readonly superuser: Login;
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
  /** The exporter's login, which the server's SchemaInitJob creates; undefined without monitoring. */
  public readonly monitoringLogin?: Login;
  /** What alerts and dashboards watch; undefined without monitoring. */
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
      this.superuser = props.superuser ?? { name: 'postgres', password: { name: `${this.name}-superuser`, key: 'password' } };
      this.majorVersion = props.majorVersion ?? DEFAULT_MAJOR_VERSION;
      if (!SUPPORTED_MAJOR_VERSIONS.includes(this.majorVersion)) {
        fail(owner, 'majorVersion', this.majorVersion, `is not a supported PostgreSQL major (one of ${SUPPORTED_MAJOR_VERSIONS.join(', ')})`);
      }
      this.image = props.image ?? defaultImage(this.majorVersion);
      this.monitoringLogin = props.monitoring && requireExporterLogin(owner, props.monitoring);
      const resolved = this.checkProps(owner, props);
      // One data volume, one server: a claim another server (or a backup) already uses is refused, naming both.
      if (props.dataVolume) useClaim(this, owner, 'dataVolume', props.dataVolume.claimName, this.namespace, props.dataVolume.claimName, 'data', props.dataVolume);
      else useClaim(this, owner, 'name', this.name, this.namespace, `data-${this.name}-0`, 'template');

      const serverTls = resolveServerTls({
        owner,
        tls: props.tls,
        name: this.name,
        // Clients may name either Service, or the pod through the headless one (`<name>-0.<headless>…`).
        dnsNames: serviceDnsNames(this.namespace, [this.serviceName, this.headlessServiceName, `${this.name}-0.${this.headlessServiceName}`]),
        disposable: props.disposable ?? false,
      });
      this.tls = serverTls && { caSecretName: serverTls.caSecretName, caKey: serverTls.caKey };
      this.tlsDnsNames = serverTls?.dnsNames ?? [];
      this.settings = serverSettings({
        owner,
        memoryLimitBytes: resolved.memoryLimitBytes,
        memoryLimit: resolved.resources.memoryLimit,
        overrides: withAeadCiphers(owner, props.monitoring ? { ...MONITORING_PARAMETERS, ...props.parameters } : props.parameters ?? {}, serverTls !== undefined),
        disposable: props.disposable ?? false,
        majorVersion: this.majorVersion,
        logsStatements: props.logsStatements,
        tls: serverTls && {
          certFile: `${SERVER_TLS_DIR}/${TLS_KEYS.certificate}`,
          keyFile: `${SERVER_TLS_DIR}/${TLS_KEYS.privateKey}`,
          caFile: `${SERVER_TLS_DIR}/${TLS_KEYS.ca}`,
        },
      });
      this.selectorLabels = selectorLabels(this.name);
      this.clientLabel = props.clientLabel ?? clientLabel(this.name);
      this.host = `${this.serviceName}.${this.namespace}.svc.cluster.local`;
      this.portForwardCommand = `kubectl port-forward --namespace ${this.namespace} svc/${this.serviceName} ${resolved.localPort}:${PORT}`;

      const labels = { ...commonLabels(this.name, 'database'), ...resolved.extraLabels };
      const configData = {
        'postgresql.conf': renderPostgresqlConf(this.settings),
        'pg_hba.conf': renderPgHba(resolved.clientCidrs, serverTls !== undefined),
      };
      this.addConfigAndServices(labels, configData);
      this.statefulSet = this.addStatefulSet(resolved, labels, serverTls && serverTlsVolume(serverTls));
      this.addDisruptionBudgetAndPolicies(resolved, labels);
      this.monitoredServer = props.monitoring && this.addMetricsService(resolved);

      RequiredSecrets.declareLogin(this, this.namespace, this.superuser);
      if (this.monitoringLogin) {
        RequiredSecrets.declareLogin(this, this.namespace, this.monitoringLogin);
        requireSchemaJob(this, owner, 'monitoring.login', this.monitoringLogin);
      }
      if (serverTls) declareServerCertificate(this, this.namespace, serverTls, labels);
      addChartChecks(this);
    } catch (error) {
      // Nothing half-written: a rejected construct leaves no objects behind in the chart.
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  /** Checks every prop and returns them with their defaults applied. */
  private checkProps(owner: string, props: PostgresStatefulSetProps): Resolved {
    const metricsServiceName = `${this.name}-metrics`;
    this.checkNames(owner, props, metricsServiceName);
    checkLogin(owner, 'superuser', this.superuser);
    const databaseProblem = databaseNameProblem(this.databaseName);
    if (databaseProblem) fail(owner, 'database', this.databaseName, databaseProblem);
    const extraLabels = props.labels ?? {};
    checkUserLabels(owner, 'labels', extraLabels);
    const instances = props.instances ?? 1;
    checkInteger(owner, 'instances', instances, 1);
    if (instances > 1) {
      fail(owner, 'instances', instances, 'is not supported: pods of a plain StatefulSet do not replicate, each would be an independent primary (use ZalandoCluster for replicas)');
    }
    const storageSize = props.storage?.size ?? '8Gi';
    requireQuantity(owner, 'storage.size', storageSize, 'storage');
    if (props.dataVolume) {
      if (props.storage) fail(owner, 'storage', props.storage, 'cannot be combined with dataVolume, which brings its own claim');
      if (props.dataVolume.namespace !== this.namespace) {
        fail(owner, 'dataVolume', props.dataVolume.claimName, `is a claim in namespace '${props.dataVolume.namespace}', not '${this.namespace}'`);
      }
    }
    const resources = serverResources(props.resources);
    const memoryLimitBytes = checkRequestsAndLimits(owner, resources);
    checkProbeTiming(owner, 'startupProbe', props.startupProbe);
    checkProbeTiming(owner, 'livenessProbe', props.livenessProbe);
    checkProbeTiming(owner, 'readinessProbe', props.readinessProbe);
    const clientCidrs = props.clientCidrs ?? ['0.0.0.0/0', '::/0'];
    checkClientCidrs(owner, 'clientCidrs', clientCidrs);
    for (const ns of props.clientNamespaces ?? []) checkDnsLabel(owner, 'clientNamespaces', ns);
    if (props.clientLabel) checkLabels(owner, 'clientLabel', { [props.clientLabel.key]: props.clientLabel.value });
    const localPort = props.portForwardLocalPort ?? PORT;
    checkInteger(owner, 'portForwardLocalPort', localPort, 1, 65535);
    this.checkImage(owner, props);
    if (props.monitoring) this.checkMonitoring(owner, props);
    return { owner, props, instances, storageSize, resources, memoryLimitBytes, clientCidrs, extraLabels, localPort, metricsServiceName };
  }

  private checkNames(owner: string, props: PostgresStatefulSetProps, metricsServiceName: string): void {
    checkDnsLabel(owner, 'namespace', this.namespace);
    checkDnsLabel(owner, 'name', this.name, SERVER_NAME_MAX);
    checkServiceName(owner, 'serviceName', this.serviceName);
    checkServiceName(owner, 'headlessServiceName', this.headlessServiceName);
    if (this.headlessServiceName === this.serviceName) {
      fail(owner, 'headlessServiceName', this.headlessServiceName, 'is also the client Service\'s name (serviceName): two Services of one name replace each other; give them different names');
    }
    for (const [field, value] of [['serviceName', this.serviceName], ['headlessServiceName', this.headlessServiceName]] as const) {
      if (props.monitoring && value === metricsServiceName) fail(owner, field, value, `is also the name of the metrics Service ('<name>-metrics'): give it another name`);
    }
    checkDnsSubdomain(owner, 'configMapName', this.configMapName);
  }

  private checkImage(owner: string, props: PostgresStatefulSetProps): void {
    const imageMajor = checkPostgresImage(owner, 'image', this.image, defaultImage(this.majorVersion));
    if (imageMajor !== this.majorVersion) {
      fail(owner, 'image', this.image, `is PostgreSQL ${imageMajor}, but majorVersion is ${this.majorVersion}; use a ${this.majorVersion}.x image (e.g. '${defaultImage(this.majorVersion)}'), ` +
        `or declare majorVersion: ${imageMajor} (a change of major is an upgrade to carry out, not a new image)`);
    }
    const endOfLife = endOfLifeWarning(this.majorVersion, todayOf(this));
    if (endOfLife) Warnings.add(this, endOfLife);
    if (/^(docker\.io\/)?bitnami\//.test(this.image)) {
      Warnings.add(this, `image '${this.image}' comes from docker.io/bitnami, which has withdrawn its versioned tags; pulls can fail at any time, prefer the official 'postgres' image`);
    }
    if (props.monitoring?.image !== undefined) checkVersionedImage(owner, 'monitoring.image', props.monitoring.image, EXPORTER_IMAGE);
  }

  private checkMonitoring(owner: string, props: PostgresStatefulSetProps): void {
    const preload = { ...MONITORING_PARAMETERS, ...props.parameters }.shared_preload_libraries;
    if (!String(preload).split(',').map((l) => l.trim()).includes('pg_stat_statements')) {
      fail(owner, 'parameters.shared_preload_libraries', preload, 'must include pg_stat_statements when monitoring is on');
    }
    checkScrapeNamespaces(owner, props.monitoring?.scrapeNamespaces);
    checkLogin(owner, 'monitoring.login', this.monitoringLogin!);
  }

  private addConfigAndServices(labels: Record<string, string>, configData: Record<string, string>): void {
    const metadata = (name: string) => ({ name, namespace: this.namespace, labels });
    new KubeConfigMap(this, 'Config', { metadata: metadata(this.configMapName), data: configData });
    const ports = [{ name: 'postgresql', port: PORT, targetPort: IntOrString.fromString('postgresql'), protocol: 'TCP' }];
    new KubeService(this, 'HeadlessService', {
      metadata: metadata(this.headlessServiceName),
      spec: { clusterIp: 'None', publishNotReadyAddresses: true, selector: this.selectorLabels, ports },
    });
    new KubeService(this, 'Service', {
      metadata: metadata(this.serviceName),
      spec: { type: 'ClusterIP', selector: this.selectorLabels, ports },
    });
  }

  private addStatefulSet(r: Resolved, labels: Record<string, string>, tlsVolume: { mount: VolumeMount; volume: Volume } | undefined): KubeStatefulSet {
    const { props, resources } = r;
    const paths = dataPaths(this.majorVersion);
    const scratch = scratchVolumes([
      { name: 'run', mountPath: '/var/run/postgresql', sizeLimit: '16Mi' },
      { name: 'tmp', mountPath: '/tmp', sizeLimit: '1Gi' },
      // Parallel queries allocate dynamic shared memory here; the runtime's default is 64MB.
      { name: 'dshm', mountPath: '/dev/shm', memory: true, sizeLimit: resources.memoryLimit },
    ]);
    return new KubeStatefulSet(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        serviceName: this.headlessServiceName,
        replicas: r.instances,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        selector: { matchLabels: this.selectorLabels },
        template: {
          metadata: {
            labels: { ...labels, ...this.selectorLabels },
            // A changed setting that PostgreSQL reads only at start restarts the pod. The others, and
            // pg_hba.conf, take a reload (SELECT pg_reload_conf()) once the kubelet has updated the
            // mounted ConfigMap: changing them does not restart the database.
            annotations: { 'cdk8s-postgres.io/config-checksum': sha256(JSON.stringify(restartSettings(this.majorVersion, this.settings))) },
          },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurityContext(),
            terminationGracePeriodSeconds: 60,
            initContainers: [majorGuardContainer({ image: this.image, majorVersion: this.majorVersion })],
            containers: [{
              name: SERVER_CONTAINER,
              image: this.image,
              imagePullPolicy: 'IfNotPresent',
              // With TLS, the image's entrypoint runs behind a watcher that reloads a renewed certificate.
              ...(tlsVolume ? { command: certificateReloadCommand() } : {}),
              args: ['-c', `config_file=${CONFIG_DIR}/postgresql.conf`, '-c', `hba_file=${CONFIG_DIR}/pg_hba.conf`],
              ports: [{ name: 'postgresql', containerPort: PORT, protocol: 'TCP' }],
              env: [
                usernameEnv(this.superuser, 'POSTGRES_USER'),
                passwordEnv(this.superuser, 'POSTGRES_PASSWORD'),
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
            }, ...(props.monitoring ? [exporterContainer(this.monitoringLogin!, scratch.mounts[0], props.monitoring.image)] : [])],
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
              resources: { requests: { storage: Quantity.fromString(r.storageSize) } },
            },
          }],
        }),
      },
    });
  }

  private addDisruptionBudgetAndPolicies(r: Resolved, labels: Record<string, string>): void {
    new KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        selector: { matchLabels: this.selectorLabels },
        maxUnavailable: IntOrString.fromNumber(r.props.allowVoluntaryEviction === false ? 0 : 1),
      },
    });
    statefulSetServerPolicy(this, 'NetworkPolicy', {
      name: this.name,
      namespace: this.namespace,
      labels,
      serverPods: this.selectorLabels,
      port: PORT,
      clientLabel: this.clientLabel,
      clientNamespaces: r.props.clientNamespaces ?? [],
      metrics: r.props.monitoring && { port: EXPORTER_PORT, scrapeNamespaces: scrapeNamespacesOf(r.props.monitoring) },
    });
    jobsPolicy(this, 'JobsNetworkPolicy', { namespace: this.namespace, instance: this.name, serverPods: this.selectorLabels, port: PORT, labels });
  }

  /** The exporter's Service, and what alerts and dashboards need to watch the server. */
  private addMetricsService(r: Resolved): MonitoredServer {
    const metricsServiceLabels = { ...commonLabels(this.name, 'metrics'), 'cdk8s-postgres.io/metrics': 'true' };
    new KubeService(this, 'MetricsService', {
      metadata: { name: r.metricsServiceName, namespace: this.namespace, labels: { ...metricsServiceLabels, ...r.extraLabels } },
      spec: { selector: this.selectorLabels, ports: [{ name: 'metrics', port: EXPORTER_PORT, targetPort: IntOrString.fromString('metrics'), protocol: 'TCP' }] },
    });
    return {
      name: this.name,
      namespace: this.namespace,
      podPattern: `${this.name}-[0-9]+`,
      container: 'postgres',
      claimPattern: r.props.dataVolume ? r.props.dataVolume.claimName : `data-${this.name}-[0-9]+`,
      hasCpuLimit: r.resources.cpuLimit !== undefined,
      metricsServiceLabels,
    };
  }
}

/** The settings whose change takes a restart (pg_settings.context `postmaster`, `internal` or unknown), sorted by name. */
function restartSettings(major: number, settings: Readonly<Record<string, ParameterValue>>): Array<[string, ParameterValue]> {
  return Object.entries(settings).filter(([name]) => needsRestart(major, name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
