import { Construct } from 'constructs';
import { CloudNativePgCluster } from '../../cloudnativepg/cloudnativepg-cluster';
import { PostgresServerConnection } from '../../core/server-connection';
import { MonitorableServer } from '../../monitoring/postgres-monitoring';
import { ServerEndpoint } from '../../network/namespace-defaults';
import { PostgresStatefulSet } from '../../server/postgres-stateful-set';
import { PostgresServerProps } from '../../server/server-props';
import { DatabaseUser } from '../../sql/model';
import { PostgresMajorUpgrade } from '../../upgrades/postgres-major-upgrade';
import { ZalandoCluster } from '../../zalando/zalando-cluster';
import { DatabaseServerDescription, ServerBackend } from '../environment-description';

/** Where a backend records what it rendered, by description id: EnvironmentChart's public records. */
export interface RenderedServers {
  readonly servers: Record<string, PostgresStatefulSet>;
  readonly upgrades: Record<string, PostgresMajorUpgrade>;
  readonly clusters: Record<string, ZalandoCluster>;
  readonly cloudNativePgClusters: Record<string, CloudNativePgCluster>;
}

/** What the environment needs of one server its backend rendered. */
export interface RenderedServer {
  /** How the server's Jobs reach it as its superuser. */
  readonly connection: PostgresServerConnection;
  /** What PostgresMonitoring watches. */
  readonly monitored: MonitorableServer;
  /**
   * The name the server's Jobs, claims and ConfigMaps are derived from, when it is not the
   * serving server's (during a major upgrade the Jobs keep the names of the server as declared).
   * @default - the serving server's
   */
  readonly declaredName?: string;
  /** Who may connect: the pods clients reach and the label they carry. */
  readonly endpoint: ServerEndpoint;
  /** The users as the schema Job takes them (a backend may keep each login's password elsewhere). */
  schemaJobUsers(users: DatabaseUser[]): DatabaseUser[];
}

/** Everything a backend renders a server from: its description, the shared props resolved once, and the logins the schema Job handles. */
export interface BackendInput<B extends ServerBackend> {
  readonly server: DatabaseServerDescription;
  readonly backend: B;
  /** The props every backend shares, resolved from the description and its environment. */
  readonly props: PostgresServerProps;
  /** The declared users, the exporter's and the backup's logins. */
  readonly users: DatabaseUser[];
}

/** One backend of `DatabaseServerDescription.backend`, keyed by its `kind`. */
export interface ServerBackendType<B extends ServerBackend> {
  /**
   * Who makes the logins and their passwords: the schema Job (`create`), or the backend itself
   * (`existing`: the schema Job grants to logins it finds).
   */
  readonly logins: 'create' | 'existing';
  /**
   * The Pod Security Standard the backend's pods meet, which the namespaces the environment
   * creates for them enforce.
   */
  readonly podSecurity: 'restricted' | 'baseline';
  /**
   * Why a backup login cannot be declared on this backend.
   * @default - it can
   */
  readonly backupLoginRefusal?: string;
  /** Namespaces besides the server's whose labelled pods may be its clients. */
  clientNamespaces(backend: B): readonly string[];
  /** Construct ids the backend adds beside the server's own, as `[suffix, what]` (`<id>-<suffix>`). */
  childIds(backend: B): ReadonlyArray<readonly [suffix: string, what: string]>;
  /** Renders the server under `scope` (with the server's description id) and records it in `rendered`. */
  render(scope: Construct, input: BackendInput<B>, rendered: RenderedServers): RenderedServer;
}
