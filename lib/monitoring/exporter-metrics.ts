/**
 * Which exporter serves a server's metrics: postgres-exporter (the sidecar of the StatefulSet and
 * Zalando backends) or CloudNativePG's instance manager, whose default queries
 * (config/manager/default-monitoring.yaml of CloudNativePG 1.30) name every metric
 * `cnpg_<query>_<column>`.
 */
export type MetricsExporter = 'postgres-exporter' | 'cloudnative-pg';

/** The PromQL of each measurement the alerts and the dashboard read, for one exporter; `selector` is the labels inside `{}`. */
export interface ExporterMetrics {
  /** Connections, by database, user and state. */
  readonly connections: (selector: string) => string;
  /** Seconds the oldest transaction in a state has run (label `state`). */
  readonly maxTransactionSeconds: (selector: string) => string;
  /** 1 when the exporter reached PostgreSQL. */
  readonly up: (selector: string) => string;
  /** The max_connections setting. */
  readonly maxConnections: (selector: string) => string;
  /** Transactions committed, a counter by database. */
  readonly xactCommit: (selector: string) => string;
  /** Transactions rolled back, a counter by database. */
  readonly xactRollback: (selector: string) => string;
  /** Block reads served from shared buffers, a counter by database. */
  readonly blocksHit: (selector: string) => string;
  /** Block reads from disk, a counter by database. */
  readonly blocksRead: (selector: string) => string;
  /** Seconds a replica is behind its primary. */
  readonly replicationLagSeconds: (selector: string) => string;
  /**
   * pg_stat_statements' time and calls per statement, where the exporter collects them.
   * @default - none: the exporter does not (CloudNativePG's default queries)
   */
  readonly statements?: { readonly seconds: (selector: string) => string; readonly calls: (selector: string) => string };
}

const metric = (name: string, extra = '') => (selector: string) => `${name}{${selector}${extra}}`;

/** The metrics of each exporter. */
export const EXPORTER_METRICS: Readonly<Record<MetricsExporter, ExporterMetrics>> = {
  'postgres-exporter': {
    connections: metric('pg_stat_activity_count'),
    maxTransactionSeconds: metric('pg_stat_activity_max_tx_duration'),
    up: metric('pg_up'),
    maxConnections: metric('pg_settings_max_connections'),
    xactCommit: metric('pg_stat_database_xact_commit'),
    xactRollback: metric('pg_stat_database_xact_rollback'),
    blocksHit: metric('pg_stat_database_blks_hit'),
    blocksRead: metric('pg_stat_database_blks_read'),
    replicationLagSeconds: metric('pg_replication_lag_seconds'),
    statements: { seconds: metric('pg_stat_statements_seconds_total'), calls: metric('pg_stat_statements_calls_total') },
  },
  'cloudnative-pg': {
    connections: metric('cnpg_backends_total'),
    maxTransactionSeconds: metric('cnpg_backends_max_tx_duration_seconds'),
    up: metric('cnpg_collector_up'),
    maxConnections: metric('cnpg_pg_settings_setting', ', name="max_connections"'),
    xactCommit: metric('cnpg_pg_stat_database_xact_commit'),
    xactRollback: metric('cnpg_pg_stat_database_xact_rollback'),
    blocksHit: metric('cnpg_pg_stat_database_blks_hit'),
    blocksRead: metric('cnpg_pg_stat_database_blks_read'),
    replicationLagSeconds: metric('cnpg_pg_replication_lag'),
  },
};

/** The metrics of the exporter that serves `server` (postgres-exporter unless it says otherwise). */
export function exporterMetrics(server: { readonly exporter?: MetricsExporter }): ExporterMetrics {
  return EXPORTER_METRICS[server.exporter ?? 'postgres-exporter'];
}
