import { KubeConfigMap } from '../private/k8s';
import { Construct } from 'constructs';
import { checkProps, object, optional, record, string } from '../checks/props-shape';
import { checkServerConnection, POSTGRES_SERVER_CONNECTION_SHAPE, PostgresServerConnection } from '../core/server-connection';
import { databaseNameProblem } from '../sql/reserved-names';
import { checkDnsSubdomain, checkSecretKey, fail, ownerOf } from '../private/validation';
import { addChartChecks } from '../checks/chart-checks';
import { checkNoPassword, checkNoPasswordEntry } from '../checks/no-passwords';
import { MANAGED_BY_LABEL } from '../private/labels';

/** Properties of {@link ConnectionConfigMap}. */
export interface ConnectionConfigMapProps {
  /** The server applications connect to. */
  readonly server: PostgresServerConnection;
  /** Database the applications use. */
  readonly database: string;
  /** Name of the ConfigMap. */
  readonly name: string;
  /**
   * Key of the host (the Service name, resolvable in the server's namespace).
   * @default 'POSTGRES_HOST'
   */
  readonly hostKey?: string;
  /**
   * Key of the port.
   * @default 'POSTGRES_PORT'
   */
  readonly portKey?: string;
  /**
   * Key of the database name.
   * @default 'POSTGRES_DB'
   */
  readonly databaseKey?: string;
  /**
   * Key of the sslmode applications must use (`verify-full`), when the server has TLS.
   * @default 'POSTGRES_SSLMODE'
   */
  readonly sslModeKey?: string;
  /**
   * Key of the name of the Secret holding the CA certificate, when the server has TLS.
   * @default 'POSTGRES_SSL_CA_SECRET'
   */
  readonly caSecretNameKey?: string;
  /**
   * Key of the CA certificate's key in that Secret (mount it and point sslrootcert at it).
   * @default 'POSTGRES_SSL_CA_KEY'
   */
  readonly caSecretKeyKey?: string;
  /**
   * Further non-secret settings the applications read. A key that names a password, or a value
   * carrying one ('password=' in a connection string, 'user:password@' in a URI), is refused.
   * @default - none
   */
  readonly extra?: Record<string, string>;
}

/** Runtime description of {@link ConnectionConfigMapProps}. */
export const CONNECTION_CONFIG_MAP_PROPS_SHAPE = object<ConnectionConfigMapProps>({
  server: POSTGRES_SERVER_CONNECTION_SHAPE,
  database: string(),
  name: string(),
  hostKey: optional(string()),
  portKey: optional(string()),
  databaseKey: optional(string()),
  sslModeKey: optional(string()),
  caSecretNameKey: optional(string()),
  caSecretKeyKey: optional(string()),
  extra: optional(record(string())),
}, { name: 'ConnectionConfigMapProps' });

/**
 * The non-secret connection settings applications read as environment variables
 * (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB), derived from the server so they cannot drift.
 * With TLS also the sslmode (verify-full: the host is a name in the server's certificate) and
 * where the CA certificate is (Secret name and key). Login name and password stay in a Secret.
 */
export class ConnectionConfigMap extends Construct {
  /** The data. */
  public readonly data: Record<string, string>;

  constructor(scope: Construct, id: string, props: ConnectionConfigMapProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'ConnectionConfigMap');
      checkProps(owner, props, CONNECTION_CONFIG_MAP_PROPS_SHAPE);
      checkServerConnection(owner, 'server', props.server);
      checkDnsSubdomain(owner, 'name', props.name);
      const databaseProblem = databaseNameProblem(props.database);
      if (databaseProblem) fail(owner, 'database', props.database, databaseProblem);
      this.data = {
        ...props.extra,
        [props.hostKey ?? 'POSTGRES_HOST']: props.server.serviceName,
        [props.portKey ?? 'POSTGRES_PORT']: String(props.server.port),
        [props.databaseKey ?? 'POSTGRES_DB']: props.database,
        ...(props.server.tls ? {
          [props.sslModeKey ?? 'POSTGRES_SSLMODE']: 'verify-full',
          [props.caSecretNameKey ?? 'POSTGRES_SSL_CA_SECRET']: props.server.tls.caSecretName,
          [props.caSecretKeyKey ?? 'POSTGRES_SSL_CA_KEY']: props.server.tls.caKey,
        } : {}),
      };
      for (const key of Object.keys(this.data)) checkSecretKey(owner, 'key', key);
      for (const [key, value] of Object.entries(props.extra ?? {})) checkNoPasswordEntry(owner, 'extra', key, value);
      checkNoPassword(owner, 'database', props.database);
      new KubeConfigMap(this, 'Resource', {
        metadata: { name: props.name, namespace: props.server.namespace, labels: { ...MANAGED_BY_LABEL } },
        data: this.data,
      });
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}
