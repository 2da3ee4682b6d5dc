import { Chart } from 'cdk8s';
import { KubeNamespace } from '../private/k8s';
import { Construct } from 'constructs';
import { BackupCronJob } from '../jobs/backup-cron-job';
import { BackupStorage } from '../storage/backup-storage';
import { PostgresServerConnection } from '../core/server-connection';
import { ConnectionConfigMap } from '../server/connection-config-map';
import { checkProps, string } from '../checks/props-shape';
import { DatabaseServerDescription, ENVIRONMENT_DESCRIPTION_SHAPE, EnvironmentDescription } from './environment-description';
import { backendOf } from './backends/backends';
import { PostgresMonitoring } from '../monitoring/postgres-monitoring';
import { NamespaceNetworkDefaults, ServerEndpoint } from '../network/namespace-defaults';
import { PostgresStatefulSet } from '../server/postgres-stateful-set';
import { PostgresMajorUpgrade } from '../upgrades/postgres-major-upgrade';
import { PostgresServerProps, scrapeNamespacesOf } from '../server/server-props';
import { DatabaseUser } from '../sql/model';
import { SchemaInitJob } from '../jobs/schema-init-job';
import { PostgresTlsProps } from '../server/tls';
import { checkDnsLabel, fail, ownerOf } from '../private/validation';
import { VolumeSnapshotClass } from '../storage/volume-snapshot-class';
import { ZalandoCluster } from '../zalando/zalando-cluster';
import { CloudNativePgCluster } from '../cloudnativepg/cloudnativepg-cluster';

const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Renders an {@link EnvironmentDescription} as one chart (one manifest file): its namespaces,
 * each server on its backend (a PostgresStatefulSet, or a ZalandoCluster for `zalando`), the
 * schema Jobs, connection ConfigMaps, backups and snapshot classes. The same databases and
 * users render on either backend; promotion is a change of backend.
 *
 * Like every construct it takes `(scope, id, props)`: `id` is the chart's construct id, which
 * names its manifest file (`<id>.k8s.yaml`, as cdk8s names a chart's file) and starts the path
 * every error message names (`EnvironmentChart 'minikube-dev': server 'microservices': …`);
 * `props.name` is the environment's own name, which need not equal `id`. This repository passes
 * the environment's name as `id`, so `dist/<name>.k8s.yaml`:
 *
 * ```ts
 * new EnvironmentChart(app, minikubeDev.name, minikubeDev);
 * ```
 */
export class EnvironmentChart extends Chart {
  /** The StatefulSet servers, by description id. */
  public readonly servers: Record<string, PostgresStatefulSet> = {};
  /** The major upgrades in progress, by description id (their serving server is in `servers`). */
  public readonly upgrades: Record<string, PostgresMajorUpgrade> = {};
  /** The Zalando operator's clusters, by description id. */
  public readonly clusters: Record<string, ZalandoCluster> = {};
  /** The CloudNativePG clusters, by description id. */
  public readonly cloudNativePgClusters: Record<string, CloudNativePgCluster> = {};
  /** How Jobs reach each server, whatever its backend, by description id. */
  public readonly connections: Record<string, PostgresServerConnection> = {};
  /** The schema Jobs, by server description id. */
  public readonly schemaJobs: Record<string, SchemaInitJob> = {};
  /** The backup CronJobs, by server description id. */
  public readonly backups: Record<string, BackupCronJob> = {};

  /**
   * @param scope the App (or another construct) the chart belongs to
   * @param id the chart's construct id, also its manifest file name `<id>.k8s.yaml`: a non-empty string without '/'
   * @param props the environment to render
   */
  constructor(scope: Construct, id: string, props: EnvironmentDescription) {
    super(scope, checkedArguments(scope, id, props), { disableResourceNameHashes: true });
    try {
      this.build(props);
    } catch (error) {
      // A chart that fails leaves nothing behind: app.synth() writes the other charts only, and the name is free again.
      scope.node.tryRemoveChild(this.node.id);
      throw error;
    }
  }

  private build(environment: EnvironmentDescription): void {
    checkNamespaceOwnership(ownerOf(this, 'EnvironmentChart'), environment);
    this.namespaces(environment);
    const endpoints: Record<string, ServerEndpoint> = {};
    for (const server of environment.servers) {
      const type = backendOf(server.backend);
      const users = [...server.users ?? [], ...monitoringLogin(server), ...backupLogin(this.serverOwner(server), server)];
      const rendered = type.render(this, { server, backend: server.backend, props: serverProps(server, environment), users }, this);
      const connection = rendered.connection;
      this.connections[server.id] = connection;
      endpoints[server.id] = rendered.endpoint;
      // During a major upgrade the Jobs and claims keep the names of the server as declared, whichever server serves.
      const base = rendered.declaredName;
      if (server.databases?.length || users.length) {
        this.schemaJobs[server.id] = new SchemaInitJob(this, `${server.id}-schema`, {
          server: connection,
          databases: server.databases,
          users: rendered.schemaJobUsers(users),
          logins: type.logins,
          name: server.schemaInit?.jobName ?? (base && `${base}-schema-init`),
          configMapName: server.schemaInit?.configMapName ?? (base && `${base}-schema`),
          labels: server.schemaInit?.labels,
        });
      }
      if (server.monitoring) {
        new PostgresMonitoring(this, `${server.id}-monitoring`, {
          server: rendered.monitored,
          thresholds: server.monitoring.thresholds,
          prometheusLabels: server.monitoring.prometheusLabels,
        });
      }
      if (server.connectionConfigMap) {
        new ConnectionConfigMap(this, `${server.id}-connection`, { ...server.connectionConfigMap, server: connection });
      }
      if (server.backup) {
        const { storage, ...backup } = server.backup;
        this.backups[server.id] = new BackupCronJob(this, `${server.id}-backup`, {
          ...backup,
          name: backup.name ?? (base && `${base}-backup`),
          server: connection,
          storage: 'existingClaim' in storage ? BackupStorage.existingClaim(storage.existingClaim) : BackupStorage.newClaim({ ...storage, name: storage.name ?? (base && `${base}-backup`) }),
        });
      }
    }
    for (const { id, ...snapshotClass } of environment.volumeSnapshotClasses ?? []) {
      new VolumeSnapshotClass(this, id, snapshotClass);
    }
    if (environment.network?.defaultDeny ?? true) this.defaultDeny(environment, endpoints);
  }

  /** Who a server's errors name: the chart's path and the server's description id. */
  private serverOwner(server: DatabaseServerDescription): string {
    return `${ownerOf(this, 'EnvironmentChart')}: server '${server.id}'`;
  }

  /** A default deny in each namespace the chart creates, and egress for each server's labelled clients. */
  private defaultDeny(environment: EnvironmentDescription, endpoints: Record<string, ServerEndpoint>): void {
    for (const namespace of ownedNamespaces(environment)) {
      const clientsHere = (s: DatabaseServerDescription) => s.namespace === namespace || backendOf(s.backend).clientNamespaces(s.backend).includes(namespace);
      const servers = environment.servers.filter(clientsHere).map((s) => endpoints[s.id]);
      new NamespaceNetworkDefaults(this, `Network-${namespace}`, { namespace, servers });
    }
  }

  private namespaces(environment: EnvironmentDescription): void {
    for (const namespace of ownedNamespaces(environment)) {
      // The API server rejects any pod that breaks the restricted profile. Where a backend's pods
      // cannot meet it, the namespace enforces baseline and warns about restricted.
      const baseline = environment.servers.some((s) => s.namespace === namespace && backendOf(s.backend).podSecurity === 'baseline');
      new KubeNamespace(this, `Namespace-${namespace}`, {
        metadata: {
          name: namespace,
          labels: baseline
            ? { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }
            : { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
        },
      });
    }
  }
}

/** What every backend takes from a server's description: the shared fields, the namespace, TLS with the environment's issuer, monitoring, disposability. */
function serverProps(server: DatabaseServerDescription, environment: EnvironmentDescription): PostgresServerProps {
  const { id, namespace, databases, users, schemaInit, connectionConfigMap, monitoring, backup, backend, ...shared } = server;
  return {
    ...shared,
    namespace,
    tls: withIssuer(server.tls, environment),
    monitoring: monitoring && { login: monitoring.login, image: monitoring.image, scrapeNamespaces: monitoring.scrapeNamespaces },
    disposable: environment.disposable,
  };
}

/** The namespaces the chart creates: those of its servers, except the ones every cluster has and the existing ones it is told of, which are used, never redefined. */
function ownedNamespaces(environment: EnvironmentDescription): string[] {
  const existing = environment.existingNamespaces ?? [];
  return [...new Set(environment.servers.map((s) => s.namespace))].filter((n) => !BUILT_IN_NAMESPACES.includes(n) && !existing.includes(n));
}

/**
 * Refuses what would cut off pods the description does not own: an existing namespace no server
 * uses (a typo), and a default deny in a namespace where Prometheus runs (a monitored server's
 * `monitoring.scrapeNamespaces`), which would leave Prometheus only DNS.
 */
function checkNamespaceOwnership(owner: string, environment: EnvironmentDescription): void {
  const used = new Set(environment.servers.map((s) => s.namespace));
  (environment.existingNamespaces ?? []).forEach((namespace, i) => {
    checkDnsLabel(owner, `existingNamespaces[${i}]`, namespace);
    if (!used.has(namespace)) fail(owner, `existingNamespaces[${i}]`, namespace, `is not the namespace of any server (${[...used].join(', ')})`);
  });
  if (!(environment.network?.defaultDeny ?? true)) return;
  const owned = ownedNamespaces(environment);
  environment.servers.forEach((server) => {
    const scrapers = server.monitoring ? scrapeNamespacesOf(server.monitoring) : [];
    for (const namespace of scrapers.filter((n) => owned.includes(n))) {
      fail(owner, `servers.${server.id}.monitoring.scrapeNamespaces`, namespace,
        `is where Prometheus runs, and a server of this environment makes it a namespace with a default deny, which would leave Prometheus only DNS; list '${namespace}' in existingNamespaces (the namespace stays as it is) or set network.defaultDeny: false`);
    }
  });
}

/** The exporter's login as a schema Job user, listed where the chart always listed it: after the declared users. */
function monitoringLogin(server: DatabaseServerDescription): DatabaseUser[] {
  const login = server.monitoring?.login;
  return login ? [{ name: login.name, kind: 'monitoring', password: login.password }] : [];
}

/**
 * The backup login as a schema Job user: CONNECT on the databases listed in `database` mode,
 * else on every database (pg_dumpall, or databases listed at run time).
 */
function backupLogin(owner: string, server: DatabaseServerDescription): DatabaseUser[] {
  const login = server.backup?.login;
  if (!login) return [];
  const refusal = backendOf(server.backend).backupLoginRefusal;
  if (refusal) fail(owner, 'backup.login', login.name, refusal);
  const listed = (server.backup!.mode ?? 'database') === 'database' && server.backup!.databases?.length ? server.backup!.databases : undefined;
  return [{ name: login.name, kind: 'backup', password: login.password, ...(listed ? { databases: listed } : {}) }];
}

/** A server's TLS with the environment's cert-manager issuer, unless the server names its own. */
function withIssuer(tls: PostgresTlsProps | undefined, environment: EnvironmentDescription): PostgresTlsProps | undefined {
  const issuer = environment.certManager?.issuer;
  if (!issuer || tls?.certManagerIssuer) return tls;
  return { ...tls, certManagerIssuer: issuer };
}

/**
 * Checks the arguments before the chart exists (JavaScript and JSON callers included): an id
 * that works as a construct id, the description's shape, an environment name that is a DNS
 * label, and construct ids inside the chart that do not collide. Returns the id. Messages name
 * the path the chart would have (`'?'` for an id that is not a string).
 */
function checkedArguments(scope: Construct, id: string, environment: EnvironmentDescription): string {
  const given: unknown = environment;
  const givenId: unknown = id;
  const owner = `EnvironmentChart '${scope.node.path ? `${scope.node.path}/` : ''}${typeof givenId === 'string' ? givenId : '?'}'`;
  string().check(owner, 'id', givenId);
  checkConstructId(owner, 'id', id);
  checkProps(owner, given, ENVIRONMENT_DESCRIPTION_SHAPE);
  // The environment's name is what commands and stacks look it up by, and this repository's file name.
  checkDnsLabel(owner, 'name', environment.name);
  const ids = new Map<string, string>();
  const claim = (childId: string, field: string, what: string) => {
    checkConstructId(owner, field, childId);
    const first = ids.get(childId);
    if (first !== undefined) fail(owner, field, childId, `gives construct id '${childId}' (${what}), which ${first} already uses: choose another id`);
    ids.set(childId, `${field} (${what})`);
  };
  environment.servers.forEach((server, i) => {
    const field = `servers[${i}].id`;
    claim(server.id, field, 'the server');
    const parts: [unknown, string, string][] = [
      [server.databases?.length || server.users?.length || server.monitoring, 'schema', 'its schema Job'],
      [server.monitoring, 'monitoring', 'its monitoring'],
      [server.connectionConfigMap, 'connection', 'its connection ConfigMap'],
      [server.backup, 'backup', 'its backups'],
    ];
    for (const [present, suffix, what] of parts) if (present) claim(`${server.id}-${suffix}`, field, what);
    for (const [suffix, what] of backendOf(server.backend).childIds(server.backend)) claim(`${server.id}-${suffix}`, field, what);
  });
  (environment.volumeSnapshotClasses ?? []).forEach((c, i) => claim(c.id, `volumeSnapshotClasses[${i}].id`, 'a VolumeSnapshotClass'));
  return id;
}

function checkConstructId(owner: string, field: string, id: string): void {
  if (id === '' || id.includes('/')) fail(owner, field, id, "must be a non-empty construct id without '/'");
  // constructs looks children up with `in`, so these ids collide with what every object has.
  if (id in Object.prototype) fail(owner, field, id, 'is a property of every JavaScript object, which the constructs library cannot take as an id: choose another id');
}
