import { boolean, defined, number, object, oneOf, optional, record, string } from '../checks/props-shape';
import { EXPORTER_METRICS, exporterMetrics, MetricsExporter } from './exporter-metrics';

/** The workload an alert set watches. */
export interface MonitoredServer {
  /** Name used in alert text and as the job label. */
  readonly name: string;
  /** Namespace of the server's pods. */
  readonly namespace: string;
  /** Regular expression matching the server's pod names, e.g. `postgres-[0-9]+`. */
  readonly podPattern: string;
  /** The PostgreSQL container. */
  readonly container: string;
  /** Regular expression matching the data claims, e.g. `data-postgres-[0-9]+`. */
  readonly claimPattern: string;
  /** Whether the container has a CPU limit; without one CPU is measured against the request. */
  readonly hasCpuLimit: boolean;
  /** Labels of the Service that exposes the exporter's port `metrics`. */
  readonly metricsServiceLabels: Record<string, string>;
  /**
   * The cert-manager Certificate of the server's TLS Secret, whose expiry the alerts watch.
   * @default - none: no certificate alerts (PostgresMonitoring fills it in from the server construct
   * when a cert-manager Certificate writes its Secret)
   */
  readonly certificate?: WatchedCertificate;
  /**
   * The exporter that serves the metrics, which decides their names.
   * @default 'postgres-exporter'
   */
  readonly exporter?: MetricsExporter;
}

/** A cert-manager Certificate, as cert-manager's metrics name it. */
export interface WatchedCertificate {
  /** Namespace of the Certificate. */
  readonly namespace: string;
  /** Name of the Certificate. */
  readonly name: string;
}

/** Runtime description of {@link MonitoredServer}. */
export const MONITORED_SERVER_SHAPE = object<MonitoredServer>({
  name: string(),
  namespace: string(),
  podPattern: string(),
  container: string(),
  claimPattern: string(),
  hasCpuLimit: boolean(),
  metricsServiceLabels: record(string()),
  certificate: optional(object<WatchedCertificate>({ namespace: string(), name: string() }, { name: 'WatchedCertificate' })),
  exporter: optional(oneOf(...Object.keys(EXPORTER_METRICS) as MetricsExporter[])),
}, { name: 'MonitoredServer' });

/** Thresholds of the default alerts; a threshold left unset keeps its default. */
export interface AlertThresholds {
  /**
   * CPU use against the limit (or the request), percent, sustained 5 minutes.
   * @default 80
   */
  readonly cpuPercent?: number;
  /**
   * Memory working set against the limit, percent, sustained 3 minutes.
   * @default 85
   */
  readonly memoryPercent?: number;
  /**
   * Connections.
   * @default 80
   */
  readonly connections?: number;
  /**
   * Data volume use, percent.
   * @default 80
   */
  readonly storagePercent?: number;
  /**
   * Seconds an active query may run.
   * @default 5
   */
  readonly slowQuerySeconds?: number;
  /**
   * Days before the server's certificate expires at which its alert fires, below 30: cert-manager
   * renews a certificate 30 days before it expires by default (a third of 90 days), so a
   * certificate this close to its end has failed to renew for a while.
   * @default 14
   */
  readonly certificateExpiryDays?: number;
}

/** Runtime description of {@link AlertThresholds}. */
export const ALERT_THRESHOLDS_SHAPE = object<AlertThresholds>({
  cpuPercent: optional(number()),
  memoryPercent: optional(number()),
  connections: optional(number()),
  storagePercent: optional(number()),
  slowQuerySeconds: optional(number()),
  certificateExpiryDays: optional(number()),
}, { name: 'AlertThresholds' });

/** One Prometheus alerting rule. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/** The runbooks in the library's repository; each alert links its own section. Point it at your own copy to change them. */
export const DEFAULT_RUNBOOK_BASE = 'https://github.com/cdk8s-postgres/cdk8s-postgres/blob/main/docs/runbooks.md';

/**
 * cert-manager's expiry time of `certificate`, in PromQL. Its metrics carry the Certificate's
 * namespace in `namespace`, unless Prometheus scrapes them with `honor_labels` off (the default of
 * cert-manager's Helm chart), which renames it `exported_namespace` and puts cert-manager's own
 * namespace in `namespace`: this reads either.
 */
export function certificateExpiry(certificate: WatchedCertificate): string {
  const metric = 'certmanager_certificate_expiration_timestamp_seconds';
  return `${metric}{exported_namespace="${certificate.namespace}", name="${certificate.name}"} or ${metric}{namespace="${certificate.namespace}", name="${certificate.name}"}`;
}

/**
 * The default alerts: CPU over 80% for 5 minutes, memory over 85% for 3 minutes, more than
 * 80 connections, storage over 80%, a query active for more than 5 seconds, plus the exporter
 * losing the server. With a cert-manager {@link MonitoredServer.certificate}, its expiry within 14
 * days, and cert-manager's metrics for it missing (then nothing would warn of the expiry). Each
 * names its metrics' sources in the catalog.
 */
export function postgresAlertRules(server: MonitoredServer, thresholds: AlertThresholds = {}, runbookBase = DEFAULT_RUNBOOK_BASE): AlertRule[] {
  const t = { cpuPercent: 80, memoryPercent: 85, connections: 80, storagePercent: 80, slowQuerySeconds: 5, certificateExpiryDays: 14, ...defined(thresholds) };
  const pod = `namespace="${server.namespace}", pod=~"${server.podPattern}"`;
  const container = `${pod}, container="${server.container}"`;
  const cpuBound = server.hasCpuLimit ? 'kube_pod_container_resource_limits' : 'kube_pod_container_resource_requests';
  const m = exporterMetrics(server);
  const rule = (alert: string, expr: string, forDuration: string | undefined, severity: string, summary: string): AlertRule => ({
    alert,
    expr,
    ...(forDuration ? { for: forDuration } : {}),
    labels: { severity, database: server.name },
    annotations: { summary, runbook_url: `${runbookBase}#${alert.toLowerCase()}` },
  });
  const certificateRules = (certificate: WatchedCertificate): AlertRule[] => {
    const expiry = certificateExpiry(certificate);
    const named = `certificate ${certificate.namespace}/${certificate.name}`;
    return [
      rule('PostgresCertificateExpiresSoon', `min(${expiry}) - time() < ${t.certificateExpiryDays} * 86400`, '1h', 'critical',
        `${server.name}: its ${named} expires in less than ${t.certificateExpiryDays} days and cert-manager has not renewed it`),
      rule('PostgresCertificateExpiryUnknown', `absent(${expiry})`, '1h', 'warning',
        `${server.name}: cert-manager's metrics say nothing of its ${named}, so nothing would warn before it expires`),
    ];
  };
  return [
    rule('PostgresCpuHigh',
      `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${container}}[5m])) / sum by (namespace, pod) (${cpuBound}{${container}, resource="cpu"}) * 100 > ${t.cpuPercent}`,
      '5m', 'warning', `${server.name}: CPU above ${t.cpuPercent}% of its ${server.hasCpuLimit ? 'limit' : 'request'} for 5 minutes`),
    rule('PostgresMemoryHigh',
      `sum by (namespace, pod) (container_memory_working_set_bytes{${container}}) / sum by (namespace, pod) (kube_pod_container_resource_limits{${container}, resource="memory"}) * 100 > ${t.memoryPercent}`,
      '3m', 'warning', `${server.name}: memory above ${t.memoryPercent}% of its limit for 3 minutes`),
    rule('PostgresTooManyConnections',
      `sum by (namespace, pod) (${m.connections(pod)}) > ${t.connections}`,
      undefined, 'critical', `${server.name}: more than ${t.connections} connections`),
    rule('PostgresStorageHigh',
      `kubelet_volume_stats_used_bytes{namespace="${server.namespace}", persistentvolumeclaim=~"${server.claimPattern}"} / kubelet_volume_stats_capacity_bytes{namespace="${server.namespace}", persistentvolumeclaim=~"${server.claimPattern}"} * 100 > ${t.storagePercent}`,
      undefined, 'critical', `${server.name}: data volume above ${t.storagePercent}% full`),
    rule('PostgresSlowQuery',
      `max by (namespace, pod, datname) (${m.maxTransactionSeconds(`${pod}, state="active"`)}) > ${t.slowQuerySeconds}`,
      undefined, 'warning', `${server.name}: a query has been active for more than ${t.slowQuerySeconds} seconds`),
    rule('PostgresExporterDown', `max by (namespace, pod) (${m.up(pod)}) == 0`, '1m', 'critical', `${server.name}: the exporter cannot reach PostgreSQL`),
    ...(server.certificate ? certificateRules(server.certificate) : []),
  ];
}
