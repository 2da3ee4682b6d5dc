import { Chart } from 'cdk8s';
import { operatorMetricsService } from '../monitoring/operator-metrics-service';
import { Construct } from 'constructs';
import { array, boolean, checkProps, enumOf, number, object, oneOf, optional, record, string } from '../checks/props-shape';
import { PostgresServerConnection } from '../core/server-connection';
import { checkCron } from '../jobs/cron';
import {
  Postgresql,
  PostgresqlSpecConnectionPoolerMode,
  PostgresqlSpecNodeAffinity,
  PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution,
  PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference,
  PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions,
  PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution,
  PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms,
  PostgresqlSpecPostgresqlVersion,
  PostgresqlSpecPreparedDatabases,
  PostgresqlSpecPreparedDatabasesSchemas,
  PostgresqlSpecTolerations,
  PostgresqlSpecUsers,
} from '../imports/acid.zalan.do';
import { MonitoredServer } from '../monitoring/alert-rules';
import { requireSchemaJob } from '../monitoring/schema-job-requirement';
import { Login } from '../secrets/login';
import { checkLogin } from '../secrets/login-checks';
import { CONTAINER_RESOURCES_SHAPE, ContainerResources, POSTGRES_SERVER_PROPS_SHAPE, PostgresServerProps, requireExporterLogin, scrapeNamespacesOf, serverResources, ServerStorageProps } from '../server/server-props';
import { ZALANDO_NETWORK_OPTIONS_SHAPE, ZalandoNetworkOptions } from '../network/zalando-options';
import { zalandoPolicies } from '../network/zalando-policies';
import { checkScrapeNamespaces } from '../network/server-policy';
import { EXPORTER_IMAGE, EXPORTER_PORT } from '../monitoring/postgres-exporter';
import { serverSettings } from '../config/postgres-config';
import { refusePatroniOwned, zalandoParameters } from './zalando-parameters';
import { checkVersionedImage } from '../private/image-reference';
import { checkCrdResources, checkCrdVolumeSize } from './zalando-resources';
import { DEFAULT_MAJOR_VERSION, defaultImage, endOfLifeWarning } from '../core/postgres-version';
import { requireQuantity } from '../private/quantity';
import { DATABASE_DEFINITION_SHAPE, DATABASE_USER_SHAPE, DatabaseDefinition, DatabaseUser } from '../sql/model';
import { databaseNameProblem, roleNameProblem } from '../sql/reserved-names';
import { operatorCredentialSecretName, operatorDatabaseProblem, operatorLabelProblem, operatorUserProblem } from './zalando-names';
import { zalandoPgHba } from './zalando-hba';
import { checkPreparedDatabases } from './zalando-prepared-databases';
import { checkNodeAffinity, checkTolerations } from './zalando-scheduling';
import { checkDnsLabel, checkInteger, checkUserLabels, fail, ownerOf } from '../private/validation';
import { todayOf } from '../private/today';
import { Warnings } from '../diagnostics/warnings';
import { clientCaVolume, TLS_KEYS } from '../core/client-tls';
import { declareServerCertificate } from '../secrets/certificates';
import { resolveServerTls, serviceDnsNames, withAeadCiphers } from '../server/tls';
import { addChartChecks } from '../checks/chart-checks';
import { declareImpliedObjects, ImpliedObject } from '../checks/unique-objects';
import { MANAGED_BY_LABEL } from '../private/labels';

/** The operator's connection pooler (PgBouncer). */
export interface ZalandoPoolerOptions {
  /**
   * PgBouncer instances.
   * @default 2
   */
  readonly instances?: number;
  /**
   * Pooling mode.
   * @default 'transaction'
   */
  readonly mode?: 'session' | 'transaction';
  /**
   * CPU and memory of each instance.
   * @default - the operator's defaults
   */
  readonly resources?: ContainerResources;
}

/** Logical backups by the operator (pg_dumpall to its configured object storage). */
export interface ZalandoLogicalBackupOptions {
  /**
   * When, as 5 numeric cron fields (the CRD allows numbers, `*` and steps only).
   * @default '30 0 * * *'
   */
  readonly schedule?: string;
  /**
   * Days backups are kept.
   * @default 7
   */
  readonly retentionDays?: number;
}

/** Runtime description of {@link ZalandoPoolerOptions}. */
export const ZALANDO_POOLER_OPTIONS_SHAPE = object<ZalandoPoolerOptions>({
  instances: optional(number()),
  mode: optional(oneOf('session', 'transaction')),
  resources: optional(CONTAINER_RESOURCES_SHAPE),
}, { name: 'ZalandoPoolerOptions' });

/** Runtime description of {@link ZalandoLogicalBackupOptions}. */
export const ZALANDO_LOGICAL_BACKUP_OPTIONS_SHAPE = object<ZalandoLogicalBackupOptions>({
  schedule: optional(string()),
  retentionDays: optional(number()),
}, { name: 'ZalandoLogicalBackupOptions' });

/**
 * Properties of {@link ZalandoCluster}: those every server has (`storage.size` is each pod's
 * volume, `instances` one primary and the rest streaming replicas, `majorVersion` one of the
 * CRD's 14 to 18), and the operator's own.
 */
export interface ZalandoClusterProps extends PostgresServerProps {
  /** Team that owns the cluster; the operator requires the cluster's name to start with `<teamId>-`. */
  readonly teamId: string;
  /**
   * PostgreSQL major version: 14 to 18, the CRD's enum for `postgresql.version`; synthesis
   * refuses any other value.
   *
   * Raising it on a running cluster is an in-place major upgrade by the operator, not a new
   * cluster. The operator sets the new `PGVERSION` on the pods and rolls them (Spilo sees the
   * data directory's major and starts that one again), then runs Spilo's `inplace_upgrade.py` in
   * the primary: `pg_upgrade`, after which the replicas are re-synced. It does so only when its
   * setting `major_version_upgrade_mode` is `manual` (the default since operator 1.13) or `full`.
   * With `off` nothing is upgraded: the pods keep running the old major until someone runs
   * `python3 /scripts/inplace_upgrade.py <instances>` in the primary (or the team is listed
   * in `major_version_upgrade_team_allow_list`). `full` also upgrades, unasked, every cluster below
   * `minimal_major_version` (default "14") to `target_major_version` (default "18"), without
   * changing this resource.
   *
   * The operator postpones the upgrade (and tries again at its next sync) while a pod is not
   * running, a replica is not streaming or lags by more than 16 MiB, outside the cluster's
   * maintenance windows, and after a failed attempt (annotation `last-major-upgrade-failure` on
   * the resource, removed by setting the version back). Once `pg_upgrade` has run there is no way
   * back. Lowering the version is ignored ("major version unchanged or smaller"): the cluster keeps
   * its major. A construct cannot see which major runs, so it cannot refuse a downgrade: never set
   * a version below the one deployed. Try the new major on a clone of the cluster first.
   * @default 17
   */
  readonly majorVersion?: number;
  /**
   * Volume of each pod. A larger `size` on a running cluster grows each pod's claim in place, by
   * the operator, as its setting `storage_resize_mode` says (default `pvc`: it patches the claims,
   * and their StorageClass must allow expansion; `off` ignores the change). The operator only
   * enlarges volumes: a smaller size is ignored with a warning in its log.
   * `npx cdk8s-postgres grow <manifest file> <name> <size>` prints the steps.
   * @default - 8Gi on the cluster's default StorageClass
   */
  readonly storage?: ServerStorageProps;
  /**
   * Databases and owners (the same description the StatefulSet backend renders).
   * @default - none
   */
  readonly databases?: DatabaseDefinition[];
  /**
   * Logins; the operator creates them and their credential Secrets.
   * @default - none
   */
  readonly users?: DatabaseUser[];
  /**
   * Role flags per login, beside the defaults (`createdb` for admins, none for others).
   * @default - none
   */
  readonly userFlags?: Record<string, PostgresqlSpecUsers[]>;
  /**
   * The operator's prepared databases (default roles and schemas), by database. The operator
   * writes database, schema, role and extension names into its SQL between double quotes without
   * escaping them, so each must be a plain identifier (letters, digits and '_'; extensions also
   * single '-'), and the roles it derives (`<db>_owner`, `<db>_<schema>_writer_user`, …) must fit
   * PostgreSQL's 63 bytes; synthesis refuses anything else.
   * @default - none
   */
  readonly preparedDatabases?: Record<string, PostgresqlSpecPreparedDatabases>;
  /**
   * The connection pooler; undefined turns it off.
   * @default - off
   */
  readonly connectionPooler?: ZalandoPoolerOptions;
  /**
   * Logical backups; undefined turns them off.
   * @default - off
   */
  readonly logicalBackup?: ZalandoLogicalBackupOptions;
  /**
   * Tolerations of the pods, held to the API server's rules (the CRD lets through what Kubernetes
   * refuses, and one bad toleration stops the operator's whole StatefulSet): operator `Exists` or
   * `Equal` (case-sensitive), `Exists` with no value and required when the key is empty, label
   * keys and values, effect `NoSchedule`, `PreferNoSchedule`, `NoExecute` or none, and
   * `tolerationSeconds` only with `NoExecute`.
   * @default - none
   */
  readonly tolerations?: PostgresqlSpecTolerations[];
  /**
   * Node affinity of the pods, held to the API server's and the scheduler's rules: at least one
   * required term, operators `In`, `NotIn` (with values), `Exists`, `DoesNotExist` (without),
   * `Gt`, `Lt` (one integer), label keys and values, `matchFields` on `metadata.name` with one
   * node name, and preferred weights from 1 to 100.
   * @default - none
   */
  readonly nodeAffinity?: PostgresqlSpecNodeAffinity;
  /**
   * NetworkPolicies of the cluster's pods: the operator's namespace and labels, the API server
   * and object storage they reach, client namespaces.
   * @default - the operator as its manifests install it (namespace 'default', label name: postgres-operator), the API server on 443 and 6443 at any address
   */
  readonly network?: ZalandoNetworkOptions;
  /**
   * Let logins whose stored password is still an MD5 hash in, over TLS, while the operator
   * replaces them: the pg_hba lines say `md5`, which PostgreSQL answers with SCRAM for a SCRAM
   * verifier and with MD5 for an MD5 one. Only for moving a cluster that an operator before 2.0
   * created (it stored MD5 by default) to scram-sha-256: without it, the new pg_hba refuses the
   * operator's own login and replication until the hashes change, and the operator cannot change
   * them. Apply with it, restart the operator (it reads `password_encryption` only when it first
   * takes up a cluster: `kubectl rollout restart deployment/postgres-operator -n <its namespace>`),
   * wait until `SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'md5%'` on the primary returns
   * nothing (logins the operator does not manage need `ALTER ROLE … PASSWORD` by hand), then remove
   * it and apply again.
   * @default false
   */
  readonly acceptMd5Verifiers?: boolean;
}

// The CRD's own types, as its generated bindings declare them (the bindings would fail with a TypeError on other shapes).
const NODE_SELECTOR_REQUIREMENT = object<PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions>({
  key: string(),
  operator: string(),
  values: optional(array(string())),
});
const NODE_SELECTOR_TERM = object<PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms>({
  matchExpressions: optional(array(NODE_SELECTOR_REQUIREMENT)),
  matchFields: optional(array(NODE_SELECTOR_REQUIREMENT)),
});
const NODE_AFFINITY = object<PostgresqlSpecNodeAffinity>({
  preferredDuringSchedulingIgnoredDuringExecution: optional(array(object<PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution>({
    preference: object<PostgresqlSpecNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference>(NODE_SELECTOR_TERM.fields),
    weight: number(),
  }))),
  requiredDuringSchedulingIgnoredDuringExecution: optional(object<PostgresqlSpecNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution>({
    nodeSelectorTerms: array(NODE_SELECTOR_TERM),
  })),
});
const TOLERATION = object<PostgresqlSpecTolerations>({
  effect: optional(string()),
  key: optional(string()),
  operator: optional(string()),
  tolerationSeconds: optional(number()),
  value: optional(string()),
});
const PREPARED_DATABASE = object<PostgresqlSpecPreparedDatabases>({
  defaultUsers: optional(boolean()),
  extensions: optional(record(string())),
  schemas: optional(record(object<PostgresqlSpecPreparedDatabasesSchemas>({ defaultRoles: optional(boolean()), defaultUsers: optional(boolean()) }))),
  secretNamespace: optional(string()),
});

/** Runtime description of {@link ZalandoClusterProps}. */
export const ZALANDO_CLUSTER_PROPS_SHAPE = object<ZalandoClusterProps>({
  ...POSTGRES_SERVER_PROPS_SHAPE.fields,
  teamId: string(),
  databases: optional(array(DATABASE_DEFINITION_SHAPE)),
  users: optional(array(DATABASE_USER_SHAPE)),
  userFlags: optional(record(array(enumOf(PostgresqlSpecUsers)))),
  preparedDatabases: optional(record(PREPARED_DATABASE)),
  connectionPooler: optional(ZALANDO_POOLER_OPTIONS_SHAPE),
  logicalBackup: optional(ZALANDO_LOGICAL_BACKUP_OPTIONS_SHAPE),
  tolerations: optional(array(TOLERATION)),
  nodeAffinity: optional(NODE_AFFINITY),
  network: optional(ZALANDO_NETWORK_OPTIONS_SHAPE),
  acceptMd5Verifiers: optional(boolean()),
}, { name: 'ZalandoClusterProps' });

const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CRD_CRON = /^(\d+|\*)(\/\d+)?(\s+(\d+|\*)(\/\d+)?){4}$/;
const VERSIONS = Object.values(PostgresqlSpecPostgresqlVersion).map(Number);
// Spilo sets these itself; password_encryption stays: the operator reads it from the resource (see ZalandoCluster).
const SPILO_MANAGED = ['listen_addresses', 'port', 'unix_socket_directories'];

/**
 * A Zalando postgres-operator cluster (`acid.zalan.do/v1` `postgresql`): streaming replicas with
 * automatic failover, databases and owners from the same description the StatefulSet backend
 * uses, an optional PgBouncer pooler, logical backups and a postgres-exporter sidecar. What the
 * operator cannot do (grants by kind, schema files, change history) goes through a
 * SchemaInitJob on {@link ZalandoCluster.connection}.
 *
 * The operator creates the pods; their security context is the operator's configuration, not
 * something this resource can set.
 *
 * Logins: every TCP login comes over TLS and proves a scram-sha-256 verifier (the resource's
 * `spec.patroni.pg_hba`, {@link ZalandoCluster.pgHba}); only the OS user `postgres` inside the
 * pods logs in without a password, on the Unix socket. The operator hashes the password of every
 * login it creates or changes (the declared users, its own `postgres`, `standby` and `pooler`, the
 * prepared databases' users) as `password_encryption` among the resource's parameters says
 * (zalando/postgres-operator pkg/cluster/cluster.go:140-143, users.go:63, 232, 253: `ENCRYPTED
 * PASSWORD '<verifier>'`; `md5` by default before operator 2.0), and Patroni's bootstrap logins
 * are hashed by the server with the same setting: the construct sets `scram-sha-256` and refuses
 * any other. The superuser cannot be kept to the Unix socket on this backend: the operator,
 * Patroni's pg_rewind and the logical backup log in as `postgres` over TCP.
 */
export class ZalandoCluster extends Construct {
  /** Cluster name. */
  public readonly name: string;
  /** Namespace. */
  public readonly namespace: string;
  /** Service of the primary: `<cluster>`. */
  public readonly primaryService: string;
  /** Service of the replicas: `<cluster>-repl`. */
  public readonly replicaService: string;
  /** Service of the pooler: `<cluster>-pooler` (only when the pooler is on). */
  public readonly poolerService?: string;
  /** Service of the exporters: `<cluster>-metrics` (only with monitoring). */
  public readonly metricsService?: string;
  /** DNS name of the primary Service. */
  public readonly host: string;
  /** Connection as the operator's superuser `postgres`, for Jobs. */
  public readonly connection: PostgresServerConnection;
  /** The `postgresql` resource. */
  public readonly resource: Postgresql;
  /** The exporter's login, which the operator creates and the schema Job makes a pg_monitor member; undefined without monitoring. */
  public readonly monitoringLogin?: Login;
  /** What alerts and dashboards watch, with monitoring on. */
  public readonly monitoredServer?: MonitoredServer;
  /** The pg_hba lines the resource gives Patroni (`spec.patroni.pg_hba`), in order. */
  public readonly pgHba: readonly string[];
  /** Whether logins with MD5 verifiers are still let in (see {@link ZalandoClusterProps.acceptMd5Verifiers}). */
  public readonly acceptMd5Verifiers: boolean;

  constructor(scope: Construct, id: string, props: ZalandoClusterProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'ZalandoCluster');
      checkProps(owner, props, ZALANDO_CLUSTER_PROPS_SHAPE);
      this.name = props.name ?? id;
      this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
      const major = props.majorVersion ?? DEFAULT_MAJOR_VERSION;
      const instances = props.instances ?? 2;
      const storage = { size: props.storage?.size ?? '8Gi', storageClassName: props.storage?.storageClassName };
      const resources = serverResources(props.resources);
      const databases = props.databases ?? [];
      const users = props.users ?? [];
      checkDnsLabel(owner, 'namespace', this.namespace);
      if (!NAME.test(this.name)) fail(owner, 'name', this.name, "is not a cluster name (lower case letters, digits and '-', starting with a letter and ending with a letter or digit)");
      // The operator allows 58 (63 less '-repl'), but its StatefulSet's pods carry the label controller-revision-hash: '<name>-<hash of up to 10>'.
      if (this.name.length > 52) fail(owner, 'name', this.name, `is ${this.name.length} characters long; at most 52 fit the label controller-revision-hash ('<name>-<hash>', at most 63) that the operator's pods carry`);
      if (!/^[a-z][a-z0-9-]*$/.test(props.teamId)) fail(owner, 'teamId', props.teamId, "is not a team id (lower case letters, digits and '-')");
      if (!this.name.startsWith(`${props.teamId}-`)) fail(owner, 'name', this.name, `must start with the team id and a dash ('${props.teamId}-'), or the operator refuses the cluster`);
      if (!VERSIONS.includes(major)) fail(owner, 'majorVersion', major, `is not one of the CRD's versions (${VERSIONS.join(', ')})`);
      checkInteger(owner, 'instances', instances, 1);
      checkCrdVolumeSize(owner, 'storage.size', storage.size);
      if ((props.storage?.accessMode ?? 'ReadWriteOnce') !== 'ReadWriteOnce') fail(owner, 'storage.accessMode', props.storage?.accessMode, "is not 'ReadWriteOnce', the only access mode of the operator's claims");
      checkCrdResources(owner, 'resources', resources);
      if (props.connectionPooler?.resources) checkCrdResources(owner, 'connectionPooler.resources', props.connectionPooler.resources);
      checkUserLabels(owner, 'labels', props.labels ?? {}, operatorLabelProblem);
      if (props.parameters?.password_encryption !== undefined) {
        fail(owner, 'parameters.password_encryption', props.parameters.password_encryption, "is how the operator hashes every login's password (it reads this parameter of the resource) and what pg_hba demands: the construct sets 'scram-sha-256'; leave it out");
      }
      this.checkNames(owner, users, databases, props);
      checkTolerations(owner, props.tolerations ?? []);
      if (props.nodeAffinity) checkNodeAffinity(owner, props.nodeAffinity);
      if (props.logicalBackup?.schedule !== undefined) {
        checkCron(owner, 'logicalBackup.schedule', props.logicalBackup.schedule);
        if (!CRD_CRON.test(props.logicalBackup.schedule)) fail(owner, 'logicalBackup.schedule', props.logicalBackup.schedule, 'uses ranges, lists, names or a macro, which the CRD does not accept (five fields of numbers, * and steps only)');
      }
      if (props.logicalBackup?.retentionDays !== undefined) checkInteger(owner, 'logicalBackup.retentionDays', props.logicalBackup.retentionDays, 1);
      if (props.connectionPooler?.instances !== undefined) checkInteger(owner, 'connectionPooler.instances', props.connectionPooler.instances, 1);
      const endOfLife = endOfLifeWarning(major, todayOf(this));
      if (endOfLife) Warnings.add(this, endOfLife);

      const memoryLimitBytes = requireQuantity(owner, 'resources.memoryLimit', resources.memoryLimit, 'memory');
      refusePatroniOwned(owner, props.parameters ?? {});
      // Spilo runs TLS even without tls (a certificate of its own), so the ciphers are limited either way.
      const settings = serverSettings({
        owner,
        memoryLimitBytes,
        memoryLimit: resources.memoryLimit,
        overrides: withAeadCiphers(owner, props.parameters ?? {}, true),
        disposable: props.disposable ?? false,
        majorVersion: major,
        logsStatements: props.logsStatements,
      });
      const parameters = zalandoParameters(owner, Object.fromEntries(Object.entries(settings).filter(([k]) => !SPILO_MANAGED.includes(k))));

      this.primaryService = this.name;
      this.replicaService = `${this.name}-repl`;
      this.poolerService = props.connectionPooler ? `${this.name}-pooler` : undefined;
      this.host = `${this.primaryService}.${this.namespace}.svc.cluster.local`;
      const labels = { ...MANAGED_BY_LABEL, ...props.labels };
      const exporter = props.monitoring ? props.monitoring.image ?? EXPORTER_IMAGE : undefined;
      if (props.monitoring?.image !== undefined) checkVersionedImage(owner, 'monitoring.image', props.monitoring.image, EXPORTER_IMAGE);
      this.monitoringLogin = props.monitoring && this.checkMonitoringLogin(owner, requireExporterLogin(owner, props.monitoring), users);
      // The operator creates the exporter's login like any other; the schema Job makes it a pg_monitor member.
      const operatorUsers = this.monitoringLogin && !users.some((u) => u.name === this.monitoringLogin?.name)
        ? [...users, { name: this.monitoringLogin.name, kind: 'monitoring' as const, password: this.monitoringLogin.password }]
        : users;
      const serverTls = resolveServerTls({
        owner,
        tls: props.tls,
        name: this.name,
        // The pooler serves the same certificate; the exporter sidecar connects to localhost.
        dnsNames: [...serviceDnsNames(this.namespace, [this.primaryService, this.replicaService, ...(this.poolerService ? [this.poolerService] : [])]), 'localhost'],
        disposable: props.disposable ?? false,
      });
      const exporterCa = serverTls && clientCaVolume(serverTls);
      this.acceptMd5Verifiers = props.acceptMd5Verifiers ?? false;
      this.pgHba = zalandoPgHba(this.acceptMd5Verifiers);

      this.resource = new Postgresql(this, 'Resource', {
        metadata: { name: this.name, namespace: this.namespace, labels },
        spec: {
          teamId: props.teamId,
          numberOfInstances: instances,
          postgresql: { version: String(major) as PostgresqlSpecPostgresqlVersion, parameters },
          patroni: { pgHba: [...this.pgHba] },
          volume: { size: storage.size, ...(storage.storageClassName ? { storageClass: storage.storageClassName } : {}) },
          resources: {
            requests: { cpu: resources.cpuRequest, memory: resources.memoryRequest },
            limits: { memory: resources.memoryLimit, ...(resources.cpuLimit ? { cpu: resources.cpuLimit } : {}) },
          },
          users: Object.fromEntries(operatorUsers.map((u) => [u.name, props.userFlags?.[u.name] ?? (u.kind === 'admin' ? [PostgresqlSpecUsers.CREATEDB] : [])])),
          databases: Object.fromEntries(databases.map((db) => [db.name, db.owner])),
          ...(props.preparedDatabases ? { preparedDatabases: props.preparedDatabases } : {}),
          enableConnectionPooler: props.connectionPooler !== undefined,
          ...(props.connectionPooler ? {
            connectionPooler: {
              numberOfInstances: props.connectionPooler.instances ?? 2,
              mode: (props.connectionPooler.mode ?? 'transaction') as PostgresqlSpecConnectionPoolerMode,
              ...(props.connectionPooler.resources ? { resources: crdResources(props.connectionPooler.resources) } : {}),
            },
          } : {}),
          enableLogicalBackup: props.logicalBackup !== undefined,
          ...(props.logicalBackup ? {
            logicalBackupSchedule: props.logicalBackup.schedule ?? '30 0 * * *',
            logicalBackupRetention: `${props.logicalBackup.retentionDays ?? 7} days`,
          } : {}),
          ...(serverTls ? {
            tls: { secretName: serverTls.secretName, certificateFile: TLS_KEYS.certificate, privateKeyFile: TLS_KEYS.privateKey, caFile: TLS_KEYS.ca },
          } : {}),
          // The exporter verifies the server with the CA alone, mounted into its container only.
          ...(exporter && exporterCa ? {
            additionalVolumes: [{ name: exporterCa.volume.name, mountPath: exporterCa.mount.mountPath, targetContainers: ['postgres-exporter'], volumeSource: { secret: exporterCa.volume.secret } }],
          } : {}),
          ...(props.tolerations ? { tolerations: props.tolerations } : {}),
          ...(props.nodeAffinity ? { nodeAffinity: props.nodeAffinity } : {}),
          ...(exporter && this.monitoringLogin ? {
            sidecars: [{
              name: 'postgres-exporter',
              image: exporter,
              // The CRD's sidecars take a command but no args; this is the image's own entrypoint.
              command: ['/bin/postgres_exporter', '--collector.stat_statements'],
              ports: [{ name: 'metrics', containerPort: EXPORTER_PORT, protocol: 'TCP' }],
              resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
              env: [
                { name: 'DATA_SOURCE_URI', value: exporterCa ? `localhost:5432/postgres?sslmode=verify-full&sslrootcert=${exporterCa.file}` : 'localhost:5432/postgres?sslmode=require' },
                { name: 'DATA_SOURCE_USER', valueFrom: { secretKeyRef: { name: this.monitoringLogin.password.name, key: 'username' } } },
                { name: 'DATA_SOURCE_PASS', valueFrom: { secretKeyRef: { name: this.monitoringLogin.password.name, key: this.monitoringLogin.password.key } } },
              ],
            }],
          } : {}),
        },
      });

      if (exporter) {
        this.monitoredServer = operatorMetricsService(this, {
          name: this.name, namespace: this.namespace, labels, selector: { 'cluster-name': this.name, application: 'spilo' },
          claimPattern: `pgdata-${this.name}-[0-9]+`, hasCpuLimit: resources.cpuLimit !== undefined,
        });
        this.metricsService = `${this.name}-metrics`;
      }
      this.connection = {
        name: this.name,
        namespace: this.namespace,
        serviceName: this.primaryService,
        port: 5432,
        databaseName: 'postgres',
        superuser: { name: 'postgres', password: { name: this.credentialSecretName('postgres'), key: 'password' } },
        image: defaultImage(major),
        clientLabel: { key: `access.cdk8s-postgres.io/${this.name}`, value: 'true' },
        ...(this.monitoringLogin ? { monitoringLogin: this.monitoringLogin } : {}),
        ...(serverTls ? { tls: { caSecretName: serverTls.caSecretName, caKey: serverTls.caKey } } : {}),
      };
      checkScrapeNamespaces(owner, props.monitoring?.scrapeNamespaces);
      zalandoPolicies(this, {
        owner,
        cluster: this.name,
        namespace: this.namespace,
        labels,
        clientLabel: this.connection.clientLabel,
        pooler: props.connectionPooler !== undefined,
        logicalBackup: props.logicalBackup !== undefined,
        metrics: props.monitoring ? { port: EXPORTER_PORT, scrapeNamespaces: scrapeNamespacesOf(props.monitoring) } : undefined,
        network: props.network ?? {},
      });
      if (serverTls) declareServerCertificate(this, this.namespace, serverTls, labels);
      declareImpliedObjects(this, this.operatorObjects(operatorUsers.map((u) => u.name), props.connectionPooler !== undefined));
      if (this.monitoringLogin) requireSchemaJob(this, owner, 'monitoring.login', this.monitoringLogin);
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  /**
   * The exporter's login: the operator creates it (from `users`, or added to them) and writes its
   * password to its own Secret, which the login's password reference must name.
   */
  private checkMonitoringLogin(owner: string, login: Login, users: readonly DatabaseUser[]): Login {
    checkLogin(owner, 'monitoring.login', login);
    const declared = users.find((u) => u.name === login.name);
    if (declared && declared.kind !== 'monitoring') fail(owner, 'monitoring.login.name', login.name, `is declared in users as a '${declared.kind}' login; the exporter's login must be a 'monitoring' login (member of pg_monitor, no table data)`);
    const secret = this.credentialSecretName(login.name);
    if (login.password.name !== secret || login.password.key !== 'password') {
      fail(owner, 'monitoring.login.password', login.password, `must name the Secret the operator writes the login's password to: { name: '${secret}', key: 'password' }`);
    }
    return login;
  }

  /** The Secret the operator writes for a login: `<user>.<cluster>.credentials.postgresql.acid.zalan.do`, underscores as dashes. */
  public credentialSecretName(user: string): string {
    return operatorCredentialSecretName(user, this.name);
  }

  /** Logins and databases as the operator and PostgreSQL read them, and Secrets that stay apart. */
  private checkNames(owner: string, users: readonly DatabaseUser[], databases: readonly DatabaseDefinition[], props: ZalandoClusterProps): void {
    const pooler = props.connectionPooler !== undefined;
    const secrets = new Map<string, string>();
    users.forEach((u, i) => {
      const field = `users[${i}].name`;
      const problem = roleNameProblem(u.name) ?? operatorUserProblem(u.name, pooler);
      if (problem) fail(owner, field, u.name, problem);
      const secret = this.credentialSecretName(u.name);
      const first = secrets.get(secret);
      if (first === u.name) fail(owner, field, u.name, 'is declared twice');
      if (first !== undefined) fail(owner, field, u.name, `gets the same credential Secret as '${first}' ('${secret}'): the operator writes '_' as '-' in Secret names; rename one of them`);
      secrets.set(secret, u.name);
    });
    const declared = new Set<string>();
    databases.forEach((db, i) => {
      const field = `databases[${i}].name`;
      const problem = databaseNameProblem(db.name) ?? operatorDatabaseProblem(db.name);
      if (problem) fail(owner, field, db.name, problem);
      if (db.name === 'postgres') fail(owner, field, db.name, `is the operator's maintenance database, owned by its superuser: declaring it would hand it to '${db.owner}'; choose another database`);
      if (declared.has(db.name)) fail(owner, field, db.name, 'is declared twice');
      declared.add(db.name);
      if (!users.some((u) => u.name === db.owner)) fail(owner, `databases[${i}].owner`, db.owner, 'is not a declared user; the operator creates only owners listed in users');
    });
    for (const user of Object.keys(props.userFlags ?? {})) {
      if (!users.some((u) => u.name === user)) fail(owner, `userFlags['${user}']`, props.userFlags![user], `names '${user}', which is not a declared user: these flags would be ignored; declare the user or remove its flags`);
    }
    checkPreparedDatabases(owner, this.name, props.preparedDatabases ?? {});
  }

  /** What the operator creates from the resource, so that nothing else in the chart takes those names. */
  private operatorObjects(users: readonly string[], pooler: boolean): ImpliedObject[] {
    const object = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, namespace: this.namespace, name, createdBy: 'the Zalando operator' });
    return [
      object('apps/v1', 'StatefulSet', this.name),
      ...[this.name, `${this.name}-repl`, `${this.name}-config`].map((name) => object('v1', 'Service', name)),
      ...(pooler ? [object('apps/v1', 'Deployment', `${this.name}-pooler`), object('v1', 'Service', `${this.name}-pooler`)] : []),
      ...[...new Set(['postgres', 'standby', ...(pooler ? ['pooler'] : []), ...users])].map((user) => object('v1', 'Secret', this.credentialSecretName(user))),
    ];
  }
}

function crdResources(r: ContainerResources) {
  return {
    requests: { ...(r.cpuRequest ? { cpu: r.cpuRequest } : {}), ...(r.memoryRequest ? { memory: r.memoryRequest } : {}) },
    limits: { ...(r.cpuLimit ? { cpu: r.cpuLimit } : {}), ...(r.memoryLimit ? { memory: r.memoryLimit } : {}) },
  };
}
