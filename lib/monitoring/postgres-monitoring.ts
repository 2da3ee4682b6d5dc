import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ApiObject } from 'cdk8s';
import { KubeConfigMap } from '../private/k8s';
import { Construct } from 'constructs';
import { checkProps, number, object, optional, record, string } from '../checks/props-shape';
import { checkDnsLabel, checkDnsSubdomain, checkInteger, checkLabels, fail, ownerOf } from '../private/validation';
import { certManagerCertificateOf } from '../secrets/certificates';
import { ALERT_THRESHOLDS_SHAPE, AlertThresholds, DEFAULT_RUNBOOK_BASE, MONITORED_SERVER_SHAPE, MonitoredServer, postgresAlertRules } from './alert-rules';
import { grafanaDashboard } from './grafana-dashboard';
import { addChartChecks } from '../checks/chart-checks';
import { MANAGED_BY_LABEL } from '../private/labels';

/** A server whose exporter PostgresMonitoring can watch: a PostgresStatefulSet, ZalandoCluster or CloudNativePgCluster with `monitoring` on. */
export interface MonitorableServer {
  /** What alerts and dashboards watch; undefined when the server has no exporter. */
  readonly monitoredServer?: MonitoredServer;
}

/** Runtime description of {@link MonitorableServer}: any object (a construct) with that property. */
const MONITORABLE_SERVER_SHAPE = object<MonitorableServer>({ monitoredServer: optional(MONITORED_SERVER_SHAPE) }, { name: 'MonitorableServer', open: true });

/** Properties of {@link PostgresMonitoring}. */
export interface PostgresMonitoringProps {
  /** The server watched: a PostgresStatefulSet, ZalandoCluster or CloudNativePgCluster with `monitoring` on. */
  readonly server: MonitorableServer;
  /**
   * Alert thresholds.
   * @default - CPU 80% / 5 min, memory 85% / 3 min, 80 connections, storage 80%, queries over 5 s,
   * a certificate within 14 days of its expiry
   */
  readonly thresholds?: AlertThresholds;
  /**
   * Base URL of the runbooks; each alert links `<base>#<alert>`.
   * @default - the runbooks in the repository: https://github.com/cdk8s-postgres/cdk8s-postgres/blob/main/docs/runbooks.md
   */
  readonly runbookBaseUrl?: string;
  /**
   * Labels Prometheus selects ServiceMonitors and PrometheusRules by (its `ruleSelector`).
   * @default { release: 'prometheus' } (kube-prometheus-stack's default)
   */
  readonly prometheusLabels?: Record<string, string>;
  /**
   * Seconds between scrapes.
   * @default 30
   */
  readonly scrapeIntervalSeconds?: number;
}

/** Runtime description of {@link PostgresMonitoringProps}. */
export const POSTGRES_MONITORING_PROPS_SHAPE = object<PostgresMonitoringProps>({
  server: MONITORABLE_SERVER_SHAPE,
  thresholds: optional(ALERT_THRESHOLDS_SHAPE),
  runbookBaseUrl: optional(string()),
  prometheusLabels: optional(record(string())),
  scrapeIntervalSeconds: optional(number()),
}, { name: 'PostgresMonitoringProps' });

/**
 * Monitoring for one server: a ServiceMonitor for its exporter, a PrometheusRule with the default
 * alerts ({@link AlertThresholds}), and a Grafana dashboard in a ConfigMap labelled `grafana_dashboard: "1"`, which the
 * Grafana sidecar of kube-prometheus-stack loads. Given the server construct itself, whose TLS
 * Secret a cert-manager Certificate writes, it also watches that Certificate's expiry through
 * cert-manager's metrics (`certmanager_certificate_expiration_timestamp_seconds`; Prometheus must
 * scrape cert-manager), unless the server's `monitoredServer` names a certificate of its own.
 */
export class PostgresMonitoring extends Construct {
  /** The alert rules. */
  public readonly rules: IPrometheusRule['spec'];

  constructor(scope: Construct, id: string, props: PostgresMonitoringProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'PostgresMonitoring');
      checkProps(owner, props, POSTGRES_MONITORING_PROPS_SHAPE);
      const exporter = props.server.monitoredServer;
      if (exporter === undefined) {
        // name the server the user passed, not the missing exporter
        const server = props.server as { node?: { path?: string }; name?: unknown };
        const which = server.node?.path ?? (typeof server.name === 'string' ? server.name : 'the server');
        fail(owner, 'server', which, "has no exporter: turn on the server's monitoring (monitoring: { login } on a PostgresStatefulSet or ZalandoCluster, monitoring: {} on a CloudNativePgCluster)");
      }
      const certificate = exporter.certificate ?? (Construct.isConstruct(props.server) ? certManagerCertificateOf(props.server) : undefined);
      const server: MonitoredServer = { ...exporter, ...(certificate ? { certificate } : {}) };
      const interval = props.scrapeIntervalSeconds ?? 30;
      checkInteger(owner, 'scrapeIntervalSeconds', interval, 5, 3600);
      checkThresholds(owner, props.thresholds ?? {});
      checkDnsLabel(owner, 'server.monitoredServer.name', server.name);
      checkDnsLabel(owner, 'server.monitoredServer.namespace', server.namespace);
      checkLabels(owner, 'server.monitoredServer.metricsServiceLabels', server.metricsServiceLabels);
      if (server.certificate) {
        checkDnsLabel(owner, 'server.monitoredServer.certificate.namespace', server.certificate.namespace);
        checkDnsSubdomain(owner, 'server.monitoredServer.certificate.name', server.certificate.name);
      }
      if (Object.keys(server.metricsServiceLabels).length === 0) fail(owner, 'server.monitoredServer.metricsServiceLabels', server.metricsServiceLabels, 'is empty: a ServiceMonitor without labels would select every Service in the namespace');
      if (props.prometheusLabels) checkLabels(owner, 'prometheusLabels', props.prometheusLabels);
      const labels = { ...MANAGED_BY_LABEL, ...(props.prometheusLabels ?? { release: 'prometheus' }) };
      const metadata = (name: string) => ({ name, namespace: server.namespace, labels });

      const serviceMonitor: IServiceMonitor = {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: metadata(`${server.name}-postgres`),
        spec: {
          selector: { matchLabels: server.metricsServiceLabels },
          namespaceSelector: { matchNames: [server.namespace] },
          endpoints: [{ port: 'metrics', interval: `${interval}s`, scrapeTimeout: `${Math.min(interval, 10)}s` }],
        },
      };
      new ApiObject(this, 'ServiceMonitor', serviceMonitor);

      this.rules = {
        groups: [{ name: `postgresql.${server.namespace}.${server.name}`, rules: postgresAlertRules(server, props.thresholds, props.runbookBaseUrl ?? DEFAULT_RUNBOOK_BASE) }],
      };
      const rule: IPrometheusRule = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: metadata(`${server.name}-postgres`), spec: this.rules };
      new ApiObject(this, 'PrometheusRule', rule);

      new KubeConfigMap(this, 'Dashboard', {
        metadata: { name: `${server.name}-postgres-dashboard`, namespace: server.namespace, labels: { ...labels, grafana_dashboard: '1' } },
        data: { [`${server.namespace}-${server.name}-postgres.json`]: JSON.stringify(grafanaDashboard(server), null, 1) },
      });
      addChartChecks(this);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}

/** Percentages between 1 and 100, a positive connection count, a positive number of seconds and days within cert-manager's renewal window. */
function checkThresholds(owner: string, t: AlertThresholds): void {
  for (const key of ['cpuPercent', 'memoryPercent', 'storagePercent'] as const) {
    const value = t[key];
    if (value !== undefined && !(value > 0 && value <= 100)) fail(owner, `thresholds.${key}`, value, 'must be a percentage above 0 and at most 100');
  }
  if (t.connections !== undefined) checkInteger(owner, 'thresholds.connections', t.connections, 1);
  if (t.slowQuerySeconds !== undefined && !(t.slowQuerySeconds > 0)) fail(owner, 'thresholds.slowQuerySeconds', t.slowQuerySeconds, 'must be above 0');
  if (t.certificateExpiryDays !== undefined && !(t.certificateExpiryDays > 0 && t.certificateExpiryDays < 30)) {
    fail(owner, 'thresholds.certificateExpiryDays', t.certificateExpiryDays,
      'must be above 0 and below 30: cert-manager renews a certificate 30 days before it expires by default, so at 30 or more the alert would fire before every renewal');
  }
}
