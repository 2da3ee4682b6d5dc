import { number, object, optional, string } from '../checks/props-shape';
import { checkDnsLabel, checkDnsSubdomain, checkInteger, checkLabels, checkSecretKey, checkServiceName, fail } from '../private/validation';
import { Login, LOGIN_SHAPE } from '../secrets/login';
import { checkLogin } from '../secrets/login-checks';
import { databaseNameProblem } from '../sql/reserved-names';
import { CLIENT_TLS_SHAPE, ClientTls } from './client-tls';

/** What a Job needs to reach a PostgreSQL server as its superuser. {@link PostgresStatefulSet} is one. */
export interface PostgresServerConnection {
  /** Base name of the server's objects. */
  readonly name: string;
  /** Namespace of the server. */
  readonly namespace: string;
  /** Service the Job connects to, in the server's namespace. */
  readonly serviceName: string;
  /** Port of that Service. */
  readonly port: number;
  /** A database that always exists, for cluster-wide statements. */
  readonly databaseName: string;
  /** The superuser. */
  readonly superuser: Login;
  /** Image with psql and pg_isready of the server's major version. */
  readonly image: string;
  /**
   * The exporter's login, which the server's schema Job creates (a `monitoring` user, member of
   * pg_monitor) together with the pg_stat_statements extension.
   * @default - the server has no exporter
   */
  readonly monitoringLogin?: Login;
  /** Label the Job's pod needs to pass the server's NetworkPolicy. */
  readonly clientLabel: {
    /** Label key. */
    readonly key: string;
    /** Label value. */
    readonly value: string;
  };
  /**
   * The CA that signed the server's certificate: clients connect with sslmode verify-full to
   * `serviceName`, a name in that certificate.
   * @default - no TLS (only a disposable environment turns it off)
   */
  readonly tls?: ClientTls;
}

/** Runtime description of {@link PostgresServerConnection}; PostgresStatefulSet and ZalandoCluster.connection are ones. */
export const POSTGRES_SERVER_CONNECTION_SHAPE = object<PostgresServerConnection>({
  name: string(),
  namespace: string(),
  serviceName: string(),
  port: number(),
  databaseName: string(),
  superuser: LOGIN_SHAPE,
  image: string(),
  monitoringLogin: optional(LOGIN_SHAPE),
  clientLabel: object<PostgresServerConnection['clientLabel']>({ key: string(), value: string() }),
  tls: optional(CLIENT_TLS_SHAPE),
}, { name: 'PostgresServerConnection', open: true });

/**
 * Checks a connection, which callers can also build by hand: the names Jobs derive their own
 * names, labels and environment from.
 */
export function checkServerConnection(owner: string, field: string, server: PostgresServerConnection): void {
  checkDnsLabel(owner, `${field}.name`, server.name);
  checkDnsLabel(owner, `${field}.namespace`, server.namespace);
  checkServiceName(owner, `${field}.serviceName`, server.serviceName);
  checkInteger(owner, `${field}.port`, server.port, 1, 65535);
  const databaseProblem = databaseNameProblem(server.databaseName);
  if (databaseProblem) fail(owner, `${field}.databaseName`, server.databaseName, databaseProblem);
  checkLogin(owner, `${field}.superuser`, server.superuser);
  if (server.monitoringLogin) checkLogin(owner, `${field}.monitoringLogin`, server.monitoringLogin);
  checkLabels(owner, `${field}.clientLabel`, { [server.clientLabel.key]: server.clientLabel.value });
  if (server.tls) {
    checkDnsSubdomain(owner, `${field}.tls.caSecretName`, server.tls.caSecretName);
    checkSecretKey(owner, `${field}.tls.caKey`, server.tls.caKey);
  }
}
