/** Where a metric comes from. */
export type MetricSource = 'postgres-exporter' | 'cloudnative-pg' | 'cAdvisor (kubelet)' | 'kubelet' | 'kube-state-metrics' | 'cert-manager';

/**
 * Every metric the library's alerts and dashboard use, with its source. A test parses each
 * expression and fails on a metric that is not listed here.
 */
export const METRIC_CATALOG: Readonly<Record<string, { readonly source: MetricSource; readonly meaning: string }>> = {
  pg_up: { source: 'postgres-exporter', meaning: '1 when the exporter reached the server' },
  pg_stat_activity_count: { source: 'postgres-exporter', meaning: 'connections by database and state (stat_activity collector)' },
  pg_stat_activity_max_tx_duration: { source: 'postgres-exporter', meaning: 'seconds the oldest transaction in a state has run (stat_activity collector)' },
  pg_settings_max_connections: { source: 'postgres-exporter', meaning: 'the max_connections setting (settings collector)' },
  pg_stat_database_xact_commit: { source: 'postgres-exporter', meaning: 'committed transactions by database (stat_database collector)' },
  pg_stat_database_xact_rollback: { source: 'postgres-exporter', meaning: 'rolled back transactions by database (stat_database collector)' },
  pg_stat_database_blks_hit: { source: 'postgres-exporter', meaning: 'block reads served from shared buffers (stat_database collector)' },
  pg_stat_database_blks_read: { source: 'postgres-exporter', meaning: 'block reads from disk (stat_database collector)' },
  pg_replication_lag_seconds: { source: 'postgres-exporter', meaning: 'seconds a replica is behind its primary (replication collector)' },
  pg_stat_statements_seconds_total: { source: 'postgres-exporter', meaning: 'time spent per statement (stat_statements collector, needs pg_stat_statements)' },
  pg_stat_statements_calls_total: { source: 'postgres-exporter', meaning: 'calls per statement (stat_statements collector)' },
  cnpg_collector_up: { source: 'cloudnative-pg', meaning: "1 when the instance manager's exporter reached PostgreSQL" },
  cnpg_backends_total: { source: 'cloudnative-pg', meaning: 'connections by database, user, application and state (default query backends)' },
  cnpg_backends_max_tx_duration_seconds: { source: 'cloudnative-pg', meaning: 'seconds the oldest transaction in a state has run (default query backends)' },
  cnpg_pg_settings_setting: { source: 'cloudnative-pg', meaning: 'numeric and boolean settings by name (default query pg_settings)' },
  cnpg_pg_stat_database_xact_commit: { source: 'cloudnative-pg', meaning: 'committed transactions by database (default query pg_stat_database)' },
  cnpg_pg_stat_database_xact_rollback: { source: 'cloudnative-pg', meaning: 'rolled back transactions by database (default query pg_stat_database)' },
  cnpg_pg_stat_database_blks_hit: { source: 'cloudnative-pg', meaning: 'block reads served from shared buffers (default query pg_stat_database)' },
  cnpg_pg_stat_database_blks_read: { source: 'cloudnative-pg', meaning: 'block reads from disk (default query pg_stat_database)' },
  cnpg_pg_replication_lag: { source: 'cloudnative-pg', meaning: 'seconds a replica is behind its primary (default query pg_replication)' },
  container_cpu_usage_seconds_total: { source: 'cAdvisor (kubelet)', meaning: 'CPU seconds used by a container' },
  container_memory_working_set_bytes: { source: 'cAdvisor (kubelet)', meaning: 'memory a container uses, as the OOM killer counts it' },
  kube_pod_container_resource_limits: { source: 'kube-state-metrics', meaning: 'a container\'s limits by resource' },
  kube_pod_container_resource_requests: { source: 'kube-state-metrics', meaning: 'a container\'s requests by resource' },
  kubelet_volume_stats_used_bytes: { source: 'kubelet', meaning: 'bytes used on a mounted claim' },
  kubelet_volume_stats_capacity_bytes: { source: 'kubelet', meaning: 'capacity of a mounted claim' },
  certmanager_certificate_expiration_timestamp_seconds: { source: 'cert-manager', meaning: "when a Certificate's current certificate expires (unix seconds), by name and namespace (exported_namespace when scraped without honor_labels)" },
};
