import { certificateExpiry, MonitoredServer } from './alert-rules';
import { exporterMetrics } from './exporter-metrics';

/** A panel: a title, a unit and PromQL targets. */
interface Panel {
  readonly title: string;
  readonly unit: string;
  readonly targets: { readonly expr: string; readonly legend: string }[];
}

/** The PromQL of every panel, for tests and for the dashboard. */
export function dashboardPanels(server: MonitoredServer): Panel[] {
  const pod = `namespace="${server.namespace}", pod=~"${server.podPattern}"`;
  const container = `${pod}, container="${server.container}"`;
  const claim = `namespace="${server.namespace}", persistentvolumeclaim=~"${server.claimPattern}"`;
  const m = exporterMetrics(server);
  return [
    { title: 'Connections vs max_connections', unit: 'short', targets: [
      { expr: `sum by (pod) (${m.connections(pod)})`, legend: '{{pod}} connections' },
      { expr: `max by (pod) (${m.maxConnections(pod)})`, legend: '{{pod}} max_connections' },
    ] },
    { title: 'Transactions per second', unit: 'ops', targets: [
      { expr: `sum by (pod) (rate(${m.xactCommit(pod)}[5m]) + rate(${m.xactRollback(pod)}[5m]))`, legend: '{{pod}}' },
    ] },
    { title: 'Cache hit ratio', unit: 'percentunit', targets: [
      { expr: `sum by (pod) (rate(${m.blocksHit(pod)}[5m])) / clamp_min(sum by (pod) (rate(${m.blocksHit(pod)}[5m]) + rate(${m.blocksRead(pod)}[5m])), 1)`, legend: '{{pod}}' },
    ] },
    { title: 'Replication lag', unit: 's', targets: [
      { expr: `max by (pod) (${m.replicationLagSeconds(pod)})`, legend: '{{pod}}' },
    ] },
    // CloudNativePG's default queries leave pg_stat_statements out
    ...(m.statements ? [{ title: 'Slowest statements (mean seconds per call)', unit: 's', targets: [
      { expr: `topk(10, sum by (datname, queryid) (rate(${m.statements.seconds(pod)}[5m])) / clamp_min(sum by (datname, queryid) (rate(${m.statements.calls(pod)}[5m])), 1e-9))`, legend: '{{datname}} {{queryid}}' },
    ] }] : []),
    { title: 'Disk usage', unit: 'percentunit', targets: [
      { expr: `kubelet_volume_stats_used_bytes{${claim}} / kubelet_volume_stats_capacity_bytes{${claim}}`, legend: '{{persistentvolumeclaim}}' },
    ] },
    { title: 'CPU vs limit', unit: 'short', targets: [
      { expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${container}}[5m]))`, legend: '{{pod}} used' },
      { expr: `sum by (pod) (kube_pod_container_resource_${server.hasCpuLimit ? 'limits' : 'requests'}{${container}, resource="cpu"})`, legend: `{{pod}} ${server.hasCpuLimit ? 'limit' : 'request'}` },
    ] },
    { title: 'Memory vs limit', unit: 'bytes', targets: [
      { expr: `sum by (pod) (container_memory_working_set_bytes{${container}})`, legend: '{{pod}} working set' },
      { expr: `sum by (pod) (kube_pod_container_resource_limits{${container}, resource="memory"})`, legend: '{{pod}} limit' },
    ] },
    ...(server.certificate ? [{ title: 'Certificate: time until it expires', unit: 's', targets: [
      { expr: `min(${certificateExpiry(server.certificate)}) - time()`, legend: server.certificate.name },
    ] }] : []),
  ];
}

/** A Grafana dashboard (schema 39) with one time-series panel per entry, two per row. */
export function grafanaDashboard(server: MonitoredServer): Record<string, unknown> {
  return {
    title: `PostgreSQL ${server.namespace}/${server.name}`,
    uid: `pg-${server.namespace}-${server.name}`.slice(0, 40),
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    tags: ['postgresql', 'cdk8s-postgres'],
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Prometheus' }] },
    panels: dashboardPanels(server).map((panel, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: panel.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      targets: panel.targets.map((t, j) => ({ refId: String.fromCharCode(65 + j), expr: t.expr, legendFormat: t.legend })),
    })),
  };
}
