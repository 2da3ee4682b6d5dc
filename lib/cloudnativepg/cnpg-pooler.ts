import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { object, oneOf, optional, record, string, number } from '../checks/props-shape';
import { checkInteger, fail } from '../private/validation';

/**
 * A PgBouncer pooler in front of the cluster, run by the operator (a `Pooler` resource: a
 * Deployment and a Service `<cluster>-pooler-<type>`). Clients log in to it as to the server:
 * TLS and scram-sha-256 only; PgBouncer checks the password against the server's own verifier
 * (the operator's `auth_query` login, which connects with a client certificate) and logs in to the
 * server with the client's SCRAM keys, over TLS verified against the server's CA.
 */
export interface CloudNativePgPoolerOptions {
  /**
   * PgBouncer pods.
   * @default 2
   */
  readonly instances?: number;
  /**
   * PgBouncer's pool mode: `transaction` gives a server connection for each transaction (session
   * state such as SET, advisory locks and LISTEN does not last), `session` for each client connection.
   * @default 'transaction'
   */
  readonly mode?: 'transaction' | 'session';
  /**
   * The instances it pools connections to: `rw`, the primary; `ro`, the replicas.
   * @default 'rw'
   */
  readonly type?: 'rw' | 'ro';
  /**
   * PgBouncer settings, among those the operator lets one set (its `pgbouncer.parameters`), such as
   * `max_client_conn` or `default_pool_size`. Those that would admit unencrypted or weaker logins
   * (`auth_type`, `client_tls_sslmode`, `server_tls_sslmode`) are the library's.
   * @default - PgBouncer's and the operator's defaults
   */
  readonly parameters?: Record<string, string>;
}

/** Runtime description of {@link CloudNativePgPoolerOptions}. */
export const CNPG_POOLER_OPTIONS_SHAPE = object<CloudNativePgPoolerOptions>({
  instances: optional(number()),
  mode: optional(oneOf('transaction', 'session')),
  type: optional(oneOf('rw', 'ro')),
  parameters: optional(record(string())),
}, { name: 'CloudNativePgPoolerOptions' });

/**
 * The PgBouncer settings the operator takes in `pgbouncer.parameters` (CloudNativePG 1.30,
 * docs/src/connection_pooling.md, "PgBouncer configuration options"); it refuses others.
 */
const SETTABLE = new Set([
  'application_name_add_host', 'autodb_idle_timeout', 'cancel_wait_timeout', 'client_idle_timeout', 'client_login_timeout',
  'client_tls_ciphers', 'client_tls13_ciphers', 'default_pool_size', 'disable_pqexec', 'dns_max_ttl', 'dns_nxdomain_ttl',
  'idle_transaction_timeout', 'ignore_startup_parameters', 'listen_backlog', 'log_connections', 'log_disconnections',
  'log_pooler_errors', 'log_stats', 'max_client_conn', 'max_db_connections', 'max_packet_size', 'max_prepared_statements',
  'max_user_connections', 'min_pool_size', 'pkt_buf', 'query_timeout', 'query_wait_timeout', 'reserve_pool_size',
  'reserve_pool_timeout', 'sbuf_loopcnt', 'server_check_delay', 'server_check_query', 'server_connect_timeout',
  'server_fast_close', 'server_idle_timeout', 'server_lifetime', 'server_login_retry', 'server_reset_query',
  'server_reset_query_always', 'server_round_robin', 'server_tls_ciphers', 'server_tls13_ciphers', 'server_tls_protocols',
  'stats_period', 'suspend_timeout', 'tcp_defer_accept', 'tcp_keepalive', 'tcp_keepcnt', 'tcp_keepidle', 'tcp_keepintvl',
  'tcp_user_timeout', 'tcp_socket_buffer', 'track_extra_parameters', 'verbose',
]);

/**
 * What the library sets: clients must use TLS (the operator's default, `prefer`, admits them
 * without); the server is verified against its CA (the operator's default too); logins and
 * disconnections are logged, as the server logs them.
 */
const POOLER_SETTINGS: Readonly<Record<string, string>> = {
  auth_type: 'hba',
  client_tls_sslmode: 'require',
  server_tls_sslmode: 'verify-ca',
  log_connections: '1',
  log_disconnections: '1',
};

/**
 * PgBouncer's host rules, read before the operator's own last two (`host all all 0.0.0.0/0 md5`,
 * `::/0 md5`, which admit MD5 logins without TLS): TLS with scram-sha-256, and every other TCP
 * login refused, so those two are never reached.
 */
export const POOLER_HBA: readonly string[] = [
  'hostssl all all 0.0.0.0/0 scram-sha-256',
  'hostssl all all ::/0 scram-sha-256',
  'host all all 0.0.0.0/0 reject',
  'host all all ::/0 reject',
];

/** Checks the options (after the cluster's props check); returns the pooler's name, which is also its Service's: `<cluster>-pooler-<type>`. */
export function checkPooler(owner: string, options: CloudNativePgPoolerOptions, cluster: string): string {
  if (options.instances !== undefined) checkInteger(owner, 'pooler.instances', options.instances, 1);
  for (const [name, value] of Object.entries(options.parameters ?? {})) {
    const field = `pooler.parameters['${name}']`;
    if (Object.prototype.hasOwnProperty.call(POOLER_SETTINGS, name)) fail(owner, field, value, `is set by the library (${name} = ${POOLER_SETTINGS[name]}), so that the pooler admits only TLS logins with scram-sha-256 and logs them`);
    if (!SETTABLE.has(name)) fail(owner, field, value, "is not a PgBouncer setting the operator lets one set (docs/src/connection_pooling.md of CloudNativePG: 'PgBouncer configuration options')");
  }
  const name = `${cluster}-pooler-${options.type ?? 'rw'}`;
  if (name.length > 63) fail(owner, 'pooler', options, `names its Service '${name}', longer than the 63 characters of a DNS label: shorten the cluster's name`);
  return name;
}

/** Renders the Pooler `name` ({@link checkPooler}'s); `labels` are the cluster's resource labels. */
export function renderPooler(scope: Construct, name: string, cluster: string, namespace: string, labels: Record<string, string>, options: CloudNativePgPoolerOptions): ApiObject {
  return new ApiObject(scope, 'Pooler', {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Pooler',
    metadata: { name, namespace, labels },
    spec: {
      cluster: { name: cluster },
      instances: options.instances ?? 2,
      type: options.type ?? 'rw',
      pgbouncer: {
        poolMode: options.mode ?? 'transaction',
        parameters: { ...options.parameters, ...POOLER_SETTINGS },
        pg_hba: [...POOLER_HBA],
      },
    },
  });
}
