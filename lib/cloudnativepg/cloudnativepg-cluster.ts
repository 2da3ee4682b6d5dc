import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { array, checkProps, object, optional } from '../checks/props-shape';
import { addChartChecks } from '../checks/chart-checks';
import { declareImpliedObjects, ImpliedObject } from '../checks/unique-objects';
import { serverSettings } from '../config/postgres-config';
import { ClientTls } from '../core/client-tls';
import { DEFAULT_MAJOR_VERSION, endOfLifeWarning, SUPPORTED_MAJOR_VERSIONS } from '../core/postgres-version';
import { PostgresServerConnection } from '../core/server-connection';
import { Warnings } from '../diagnostics/warnings';
import { Cluster, ClusterSpecPrimaryUpdateMethod, ClusterSpecResourcesLimits, ClusterSpecResourcesRequests, Database, DatabaseSpecDatabaseReclaimPolicy, DatabaseSpecEnsure, DatabaseRole, DatabaseRoleSpecDatabaseRoleReclaimPolicy, DatabaseRoleSpecEnsure } from '../imports/postgresql.cnpg.io';
import { CLOUDNATIVEPG_NETWORK_OPTIONS_SHAPE, CloudNativePgNetworkOptions } from '../network/cnpg-options';
import { cnpgInstancePods, cnpgPolicies } from '../network/cnpg-policies';
import { checkScrapeNamespaces } from '../network/server-policy';
import { MonitoredServer } from '../monitoring/alert-rules';
import { operatorMetricsService } from '../monitoring/operator-metrics-service';
import { EXPORTER_PORT } from '../monitoring/postgres-exporter';
import { MANAGED_BY_LABEL } from '../private/labels';
import { checkRequestsAndLimits, requireQuantity } from '../private/quantity';
import { todayOf } from '../private/today';
import { checkDerivedSubdomain, checkDnsLabel, checkInteger, checkUserLabels, fail, ownerOf } from '../private/validation';
import { declareServerCertificate } from '../secrets/certificates';
import { checkPooler, CloudNativePgPoolerOptions, CNPG_POOLER_OPTIONS_SHAPE, renderPooler } from './cnpg-pooler';
import { checkLogin } from '../secrets/login-checks';
import { RequiredSecrets } from '../secrets/required-secrets';
import { POSTGRES_SERVER_PROPS_SHAPE, PostgresServerProps, scrapeNamespacesOf, serverResources } from '../server/server-props';
import { resolveServerTls, serviceDnsNames, withAeadCiphers } from '../server/tls';
import { actsAsAnotherOwner } from '../sql/cluster-sql';
import { DATABASE_DEFINITION_SHAPE, DATABASE_USER_SHAPE, DatabaseDefinition, DatabaseUser } from '../sql/model';
import { databaseNameProblem, roleNameProblem } from '../sql/reserved-names';
import { cnpgParameters, refuseOperatorOwned } from './cnpg-parameters';
import { BARMAN_CLOUD_PLUGIN, checkBackupOptions, DEFAULT_BACKUP_RETENTION, DEFAULT_BACKUP_SCHEDULE, credentialEndpoints, checkObjectStore, CLOUDNATIVEPG_BACKUP_OPTIONS_SHAPE, CLOUDNATIVEPG_RECOVERY_SHAPE, CloudNativePgBackupOptions, CloudNativePgObjectStore, CloudNativePgRecovery, identityMetadata, objectStoreResource, scheduledBackup } from './cnpg-backups';
import { cnpgImage, cnpgPgHba } from './cnpg-server';

/** Properties of {@link CloudNativePgCluster}. */
export interface CloudNativePgClusterProps extends PostgresServerProps {
  /**
   * Databases, each a `Database` resource with its owner, who must be one of `users`. The first is
   * also the database the cluster is bootstrapped with (`bootstrap.initdb`).
   * @default - none: the operator bootstraps its own `app` database, owned by `app`
   */
  readonly databases?: DatabaseDefinition[];
  /**
   * Logins, each a `DatabaseRole` whose password the operator reads from the login's Secret. The
   * operator reads only `kubernetes.io/basic-auth` Secrets with keys `username` (the login's name)
   * and `password`, one Secret per login: each login's `password` must be `{ name: <its own
   * Secret>, key: 'password', usernameKey: 'username' }`. The secrets commands print them so.
   * @default - none
   */
  readonly users?: DatabaseUser[];
  /**
   * Where the cluster's pods may connect and who may connect to them.
   * @default - the operator in `cnpg-system`, the API server anywhere on 443 and 6443
   */
  readonly network?: CloudNativePgNetworkOptions;
  /**
   * Continuous backups through the Barman Cloud plugin (which must be installed beside the
   * operator): every WAL segment archived to the object store as it is written, base backups on a
   * schedule, kept for a recovery window. Any point in that window can be recovered into a new
   * cluster ({@link CloudNativePgClusterProps.recovery}).
   * @default - no backups
   */
  readonly backup?: CloudNativePgBackupOptions;
  /**
   * Make this cluster from another one's backups, to its latest state or to a point in time,
   * instead of an empty one. Read once, when the operator creates the cluster; the databases and
   * logins come from the backup, and the Database and DatabaseRole resources then manage them.
   * @default - a new, empty cluster
   */
  readonly recovery?: CloudNativePgRecovery;
  /**
   * A PgBouncer pooler the operator runs in front of the cluster (Service
   * `<cluster>-pooler-<type>`), with the same logins: TLS and scram-sha-256 only.
   * @default - none: clients connect to the instances
   */
  readonly pooler?: CloudNativePgPoolerOptions;
}

/** Runtime description of {@link CloudNativePgClusterProps}. */
export const CLOUDNATIVEPG_CLUSTER_PROPS_SHAPE = object<CloudNativePgClusterProps>({
  ...POSTGRES_SERVER_PROPS_SHAPE.fields,
  databases: optional(array(DATABASE_DEFINITION_SHAPE)),
  users: optional(array(DATABASE_USER_SHAPE)),
  network: optional(CLOUDNATIVEPG_NETWORK_OPTIONS_SHAPE),
  backup: optional(CLOUDNATIVEPG_BACKUP_OPTIONS_SHAPE),
  recovery: optional(CLOUDNATIVEPG_RECOVERY_SHAPE),
  pooler: optional(CNPG_POOLER_OPTIONS_SHAPE),
}, { name: 'CloudNativePgClusterProps' });

/** The webhook's limit on a Cluster's name (internal/webhook/v1/cluster_webhook.go, validateName). */
const NAME_MAX = 50;

/**
 * A CloudNativePG cluster (`postgresql.cnpg.io/v1` `Cluster`, operator 1.30): a primary and
 * streaming replicas with automatic failover, from the same description the other backends use.
 * Each login is a `DatabaseRole` (the operator sends only a SCRAM verifier of its password), each
 * database a `Database` with its owner; both are retained in PostgreSQL when their resource goes.
 * Every TCP login must use TLS and scram-sha-256 (`spec.postgresql.pg_hba`); the server's
 * certificate comes from cert-manager (`tls.certManagerIssuer`), a Secret made by hand
 * (`tls.secretName`), or by default the operator's own CA (`<cluster>-ca`), which the library's
 * Jobs verify the server with. What the operator cannot do (grants by kind, schema files, change
 * history) goes through a SchemaInitJob on {@link CloudNativePgCluster.connection}, as the
 * operator's superuser (`enableSuperuserAccess`, Secret `<cluster>-superuser`).
 */
export class CloudNativePgCluster extends Construct {
  /** Cluster name. */
  public readonly name: string;
  /** Namespace. */
  public readonly namespace: string;
  /** Service of the primary, read-write: `<cluster>-rw`. */
  public readonly primaryService: string;
  /** Service of the replicas, read-only: `<cluster>-ro`. */
  public readonly replicaService: string;
  /** DNS name of the primary Service. */
  public readonly host: string;
  /** Service of the PgBouncer pooler, when there is one: `<cluster>-pooler-<type>`. */
  public readonly poolerService?: string;
  /** Connection as the operator's superuser `postgres`, for Jobs. */
  public readonly connection: PostgresServerConnection;
  /** The `Cluster` resource. */
  public readonly resource: Cluster;
  /** The pg_hba lines the resource gives the operator (`spec.postgresql.pg_hba`), in order; the operator's own rules come first, its `host all all all scram-sha-256` last. */
  public readonly pgHba: readonly string[];
  /** What alerts and dashboards watch (the operator's exporter, behind `<cluster>-metrics`), when `monitoring` is on. */
  public readonly monitoredServer?: MonitoredServer;

  constructor(scope: Construct, id: string, props: CloudNativePgClusterProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'CloudNativePgCluster');
      checkProps(owner, props, CLOUDNATIVEPG_CLUSTER_PROPS_SHAPE);
      this.name = props.name ?? id;
      this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
      const major = props.majorVersion ?? DEFAULT_MAJOR_VERSION;
      const instances = props.instances ?? 2;
      const resources = serverResources(props.resources);
      const databases = props.databases ?? [];
      const users = props.users ?? [];
      checkDnsLabel(owner, 'namespace', this.namespace);
      checkDnsLabel(owner, 'name', this.name);
      if (!/^[a-z]/.test(this.name)) fail(owner, 'name', this.name, "must start with a letter: the operator's webhook refuses a Cluster whose name is not a DNS-1035 label");
      if (this.name.length > NAME_MAX) fail(owner, 'name', this.name, `is ${this.name.length} characters long; the operator's webhook refuses Cluster names longer than ${NAME_MAX}`);
      if (!SUPPORTED_MAJOR_VERSIONS.includes(major)) fail(owner, 'majorVersion', major, `is not a supported major (${SUPPORTED_MAJOR_VERSIONS.join(', ')})`);
      checkInteger(owner, 'instances', instances, 1);
      const size = props.storage?.size ?? '8Gi';
      requireQuantity(owner, 'storage.size', size, 'memory');
      if ((props.storage?.accessMode ?? 'ReadWriteOnce') !== 'ReadWriteOnce') fail(owner, 'storage.accessMode', props.storage?.accessMode, "is not 'ReadWriteOnce', the access mode of the operator's claims");
      checkUserLabels(owner, 'labels', props.labels ?? {}, (key) => (key.startsWith('cnpg.io/') ? "is a label the operator sets on the cluster's pods and selects them by; choose a key of your own" : undefined));
      if (props.monitoring) {
        // The operator's instance manager exports the metrics (port 9187, its own connection): no login, no sidecar image.
        if (props.monitoring.login) fail(owner, 'monitoring.login', props.monitoring.login.name, "is not used on CloudNativePG: the operator's exporter in each instance connects as its own user; leave it out");
        if (props.monitoring.image) fail(owner, 'monitoring.image', props.monitoring.image, "is not used on CloudNativePG: the exporter is the operator's instance manager, of the operator's version; leave it out");
        checkScrapeNamespaces(owner, props.monitoring.scrapeNamespaces);
      }
      if (props.parameters?.password_encryption !== undefined) {
        fail(owner, 'parameters.password_encryption', props.parameters.password_encryption, "is how the operator hashes the passwords it sets and what pg_hba demands: the construct sets 'scram-sha-256'; leave it out");
      }
      refuseOperatorOwned(owner, props.parameters ?? {});
      this.checkNames(owner, users, databases);
      const endOfLife = endOfLifeWarning(major, todayOf(this));
      if (endOfLife) Warnings.add(this, endOfLife);

      const settings = serverSettings({
        owner,
        memoryLimitBytes: checkRequestsAndLimits(owner, resources),
        memoryLimit: resources.memoryLimit,
        overrides: withAeadCiphers(owner, props.parameters ?? {}, true),
        disposable: props.disposable ?? false,
        majorVersion: major,
        logsStatements: props.logsStatements,
        // The operator adds pg_stat_statements to shared_preload_libraries once any of its settings is given.
        preloadsConfiguredExtensions: true,
      });

      this.primaryService = `${this.name}-rw`;
      this.replicaService = `${this.name}-ro`;
      this.host = `${this.primaryService}.${this.namespace}.svc.cluster.local`;
      if (props.pooler) {
        this.poolerService = checkPooler(owner, props.pooler, this.name);
      }
      const labels = { ...MANAGED_BY_LABEL, ...props.labels };
      if (props.tls?.enabled === false) fail(owner, 'tls.enabled', false, 'cannot be turned off: CloudNativePG always serves TLS (with its own certificates when no other is given)');
      // A certificate of the library's making (cert-manager, or a Secret made by hand) when asked for; the operator's own otherwise.
      const ownCertificate = props.tls?.certManagerIssuer !== undefined || props.tls?.secretName !== undefined;
      const serverTls = ownCertificate
        ? resolveServerTls({ owner, tls: props.tls, name: this.name, dnsNames: serviceDnsNames(this.namespace, [this.primaryService, this.replicaService, `${this.name}-r`, ...(this.poolerService ? [this.poolerService] : [])]), disposable: false })
        : undefined;
      const clientTls: ClientTls = serverTls ? { caSecretName: serverTls.caSecretName, caKey: serverTls.caKey } : { caSecretName: `${this.name}-ca`, caKey: 'ca.crt' };
      this.pgHba = cnpgPgHba();
      const [first] = databases;
      const stores = this.checkStores(owner, props, major);
      const identity = this.identity(owner, stores);
      const podLabels = { ...labels, ...identity.podLabels };
      const backupStore = `${this.name}-backups`;
      const sourceStore = `${this.name}-recovery-source`;
      // The database and owner the operator makes sure of after initdb or a recovery (without them, its own `app`).
      const application = first ? { database: first.name, owner: first.owner, secret: { name: this.loginOf(users, first.owner).password.name } } : {};
      const bootstrap = props.recovery
        ? { recovery: { source: 'origin', ...application, ...(props.recovery.targetTime ? { recoveryTarget: { targetTime: props.recovery.targetTime } } : {}) } }
        : first ? { initdb: { ...application, dataChecksums: true } } : undefined;

      this.resource = new Cluster(this, 'Resource', {
        metadata: { name: this.name, namespace: this.namespace, labels },
        spec: {
          instances,
          imageName: cnpgImage(major),
          postgresql: { parameters: cnpgParameters(settings), pgHba: [...this.pgHba] },
          storage: { size, ...(props.storage?.storageClassName ? { storageClass: props.storage.storageClassName } : {}) },
          resources: {
            requests: { cpu: ClusterSpecResourcesRequests.fromString(resources.cpuRequest), memory: ClusterSpecResourcesRequests.fromString(resources.memoryRequest) },
            limits: { memory: ClusterSpecResourcesLimits.fromString(resources.memoryLimit), ...(resources.cpuLimit ? { cpu: ClusterSpecResourcesLimits.fromString(resources.cpuLimit) } : {}) },
          },
          // The schema Job connects as the superuser, whose password the operator generates into <cluster>-superuser.
          enableSuperuserAccess: true,
          ...(serverTls ? { certificates: { serverTlsSecret: serverTls.secretName, serverCaSecret: serverTls.secretName } } : {}),
          // PgBouncer serves the server's certificate: the operator's own names the pooler's Service only when told to.
          ...(!serverTls && this.poolerService ? { certificates: { serverAltDnsNames: serviceDnsNames(this.namespace, [this.poolerService]) } } : {}),
          ...(bootstrap ? { bootstrap } : {}),
          ...(props.recovery ? { externalClusters: [{ name: 'origin', plugin: { name: BARMAN_CLOUD_PLUGIN, parameters: { barmanObjectName: sourceStore, serverName: props.recovery.serverName } } }] } : {}),
          // Archived under <cluster>-pg<major>: a major upgrade (pg_upgrade starts timeline 1 again) archives apart from the old major's WAL.
          ...(props.backup ? { plugins: [{ name: BARMAN_CLOUD_PLUGIN, isWalArchiver: true, parameters: { barmanObjectName: backupStore, serverName: archiveName(this.name, major) } }] } : {}),
          // Restarts of the primary (new parameters, image or resources) go through a switchover to a replica.
          primaryUpdateMethod: ClusterSpecPrimaryUpdateMethod.SWITCHOVER,
          ...(Object.keys(identity.annotations).length ? { serviceAccountTemplate: { metadata: { annotations: identity.annotations } } } : {}),
          inheritedMetadata: { labels: podLabels },
        },
      });
      for (const user of users) {
        RequiredSecrets.declare(this, {
          namespace: this.namespace,
          name: user.password.name,
          keys: { username: { value: user.name }, password: { generate: 'password' } },
          type: 'kubernetes.io/basic-auth',
          labels: { 'cnpg.io/reload': 'true' },
        });
        new DatabaseRole(this, `Role-${user.name}`, {
          metadata: { name: `${this.name}-${resourceName(user.name)}`, namespace: this.namespace, labels },
          spec: {
            cluster: { name: this.name },
            name: user.name,
            ensure: DatabaseRoleSpecEnsure.PRESENT,
            login: true,
            ...(user.kind === 'admin' ? { createdb: true } : {}),
            // An admin of another login's database acts as that owner without holding its rights
            // everywhere (actsAsAnotherOwner); the operator's default is INHERIT.
            ...(actsAsAnotherOwner(user, databases) ? { inherit: false } : {}),
            passwordSecret: { name: user.password.name },
            databaseRoleReclaimPolicy: DatabaseRoleSpecDatabaseRoleReclaimPolicy.RETAIN,
          },
        });
      }
      for (const db of databases) {
        new Database(this, `Database-${db.name}`, {
          metadata: { name: `${this.name}-${resourceName(db.name)}`, namespace: this.namespace, labels },
          spec: { cluster: { name: this.name }, name: db.name, owner: db.owner, ensure: DatabaseSpecEnsure.PRESENT, databaseReclaimPolicy: DatabaseSpecDatabaseReclaimPolicy.RETAIN },
        });
      }

      if (props.pooler) renderPooler(this, this.poolerService!, this.name, this.namespace, labels, props.pooler);
      if (props.backup) {
        objectStoreResource(this, 'BackupObjectStore', backupStore, this.namespace, labels, props.backup.objectStore, props.backup.retention ?? DEFAULT_BACKUP_RETENTION);
        scheduledBackup(this, this.name, this.namespace, labels, props.backup.schedule ?? DEFAULT_BACKUP_SCHEDULE);
      }
      // No retention here: this cluster must never delete the source's backups.
      if (props.recovery) objectStoreResource(this, 'RecoveryObjectStore', sourceStore, this.namespace, labels, props.recovery.objectStore);

      this.connection = {
        name: this.name,
        namespace: this.namespace,
        serviceName: this.primaryService,
        port: 5432,
        databaseName: 'postgres',
        superuser: { name: 'postgres', password: { name: `${this.name}-superuser`, key: 'password' } },
        image: cnpgImage(major),
        clientLabel: { key: `access.cdk8s-postgres.io/${this.name}`, value: 'true' },
        tls: clientTls,
      };
      // The operator's instance manager exports on 9187 in every instance; its claims are named like its pods.
      if (props.monitoring) {
        this.monitoredServer = operatorMetricsService(this, {
          name: this.name, namespace: this.namespace, labels, selector: cnpgInstancePods(this.name),
          claimPattern: `${this.name}-[0-9]+`, hasCpuLimit: resources.cpuLimit !== undefined, exporter: 'cloudnative-pg',
        });
      }
      cnpgPolicies(this, {
        owner, cluster: this.name, namespace: this.namespace, labels, clientLabel: this.connection.clientLabel, network: props.network ?? {},
        objectStorage: stores.length > 0, credentialEndpoints: credentialEndpoints(stores),
        metrics: props.monitoring && { port: EXPORTER_PORT, scrapeNamespaces: scrapeNamespacesOf(props.monitoring) },
      });
      if (serverTls) declareServerCertificate(this, this.namespace, serverTls, labels);
      declareImpliedObjects(this, this.operatorObjects());
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  /** Checks the backup and recovery object stores; returns those in use. */
  private checkStores(owner: string, props: CloudNativePgClusterProps, major: number): CloudNativePgObjectStore[] {
    if (props.backup) {
      checkObjectStore(owner, 'backup.objectStore', props.backup.objectStore);
      checkBackupOptions(owner, props.backup);
    }
    const recovery = props.recovery;
    if (recovery) {
      checkObjectStore(owner, 'recovery.objectStore', recovery.objectStore);
      checkDnsLabel(owner, 'recovery.serverName', recovery.serverName);
      if (recovery.targetTime !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(recovery.targetTime) || Number.isNaN(Date.parse(recovery.targetTime)))) {
        fail(owner, 'recovery.targetTime', recovery.targetTime, "is not a point in time with its zone (RFC 3339, e.g. '2026-12-01T09:30:00Z'): without a zone PostgreSQL would read it in the server's time zone");
      }
      if (props.backup && recovery.serverName === archiveName(this.name, major) && props.backup.objectStore.destinationPath.replace(/\/+$/, '') === recovery.objectStore.destinationPath.replace(/\/+$/, '')) {
        fail(owner, 'recovery.serverName', recovery.serverName, `is this cluster's own name in the store it archives to: the recovered cluster would write its WAL over the source's (the plugin refuses a non-empty archive); give the new cluster another name, or back it up elsewhere`);
      }
    }
    return [...props.backup ? [props.backup.objectStore] : [], ...recovery ? [recovery.objectStore] : []];
  }

  /** The ServiceAccount annotations and pod labels of the stores' identities; one ServiceAccount serves both. */
  private identity(owner: string, stores: readonly CloudNativePgObjectStore[]): { annotations: Record<string, string>; podLabels: Record<string, string> } {
    const merged = { annotations: {} as Record<string, string>, podLabels: {} as Record<string, string> };
    for (const store of stores) {
      const { annotations, podLabels } = identityMetadata(store);
      for (const [key, value] of Object.entries(annotations)) {
        if (merged.annotations[key] !== undefined && merged.annotations[key] !== value) fail(owner, 'recovery.objectStore.identity', store.identity, `differs from the backup's (${key}: ${merged.annotations[key]}): the instances have one ServiceAccount, so one identity must reach both stores`);
        merged.annotations[key] = value;
      }
      Object.assign(merged.podLabels, podLabels);
    }
    return merged;
  }

  /** The declared login called `name` (checkNames made sure it is there). */
  private loginOf(users: readonly DatabaseUser[], name: string): DatabaseUser {
    return users.find((u) => u.name === name)!;
  }

  /** Logins and databases as the operator and PostgreSQL read them, each login with a basic-auth Secret of its own. */
  private checkNames(owner: string, users: readonly DatabaseUser[], databases: readonly DatabaseDefinition[]): void {
    const secrets = new Map<string, string>();
    const resources = new Map<string, string>();
    const resourceOf = (what: string, name: string, field: string) => {
      const derived = `${this.name}-${resourceName(name)}`;
      checkDerivedSubdomain(owner, field, derived, false, `resource name '<cluster>-<${what}>'`, 253);
      const first = resources.get(derived);
      if (first !== undefined) fail(owner, field, name, `gives resource name '${derived}', as ${first} does ('_' becomes '-' in Kubernetes names); rename one of them`);
      resources.set(derived, `${what} '${name}'`);
    };
    users.forEach((u, i) => {
      const field = `users[${i}]`;
      const problem = roleNameProblem(u.name) ?? (u.name === 'streaming_replica' || u.name.startsWith('cnpg_') ? `is a role the CloudNativePG operator reserves for itself; choose another name` : undefined);
      if (problem) fail(owner, `${field}.name`, u.name, problem);
      if (users.findIndex((other) => other.name === u.name) !== i) fail(owner, `${field}.name`, u.name, 'is declared twice');
      checkLogin(owner, field, u);
      if (u.password.key !== 'password' || u.password.usernameKey !== 'username') {
        fail(owner, `${field}.password`, u.password, `must name a kubernetes.io/basic-auth Secret as the operator reads it: { name: '${u.password.name}', key: 'password', usernameKey: 'username' } (the Secret's username is the login's name)`);
      }
      const first = secrets.get(u.password.name);
      if (first !== undefined) fail(owner, `${field}.password.name`, u.password.name, `is also the Secret of login '${first}': the operator reads one login's name and password from a Secret; give each login a Secret of its own`);
      secrets.set(u.password.name, u.name);
      resourceOf('login', u.name, `${field}.name`);
    });
    databases.forEach((db, i) => {
      const field = `databases[${i}].name`;
      const problem = databaseNameProblem(db.name);
      if (problem) fail(owner, field, db.name, problem);
      if (db.name === 'postgres') fail(owner, field, db.name, "is the operator's maintenance database, owned by its superuser: declaring it would hand it to another owner; choose another database");
      if (databases.findIndex((other) => other.name === db.name) !== i) fail(owner, field, db.name, 'is declared twice');
      if (!users.some((u) => u.name === db.owner)) fail(owner, `databases[${i}].owner`, db.owner, 'is not a declared user; the operator creates the owner only from a DatabaseRole');
      resourceOf('database', db.name, field);
    });
  }

  /** What the operator creates from the resource, so that nothing else in the chart takes those names. */
  private operatorObjects(): ImpliedObject[] {
    const object = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, namespace: this.namespace, name, createdBy: 'the CloudNativePG operator' });
    return [
      ...['rw', 'ro', 'r'].map((suffix) => object('v1', 'Service', `${this.name}-${suffix}`)),
      // <cluster>-app: the owner of the database it bootstraps when none is declared
      ...['superuser', 'ca', 'server', 'replication', 'app'].map((suffix) => object('v1', 'Secret', `${this.name}-${suffix}`)),
      object('policy/v1', 'PodDisruptionBudget', this.name),
      object('policy/v1', 'PodDisruptionBudget', `${this.name}-primary`),
      object('v1', 'ServiceAccount', this.name),
      object('rbac.authorization.k8s.io/v1', 'Role', this.name),
      object('rbac.authorization.k8s.io/v1', 'RoleBinding', this.name),
    ];
  }
}

/** The name a cluster archives its WAL and backups under: `<cluster>-pg<major>`. */
function archiveName(cluster: string, major: number): string {
  return `${cluster}-pg${major}`;
}

/** A PostgreSQL name as part of a Kubernetes resource name: lower case, '_' as '-'. */
function resourceName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
