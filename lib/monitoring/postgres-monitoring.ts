import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ApiObject } from 'cdk8s';
import { KubeConfigMap } from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { checkInteger, ownerOf } from '../validation';
import { AlertThresholds, DEFAULT_RUNBOOK_BASE, MonitoredServer, postgresAlertRules } from './alert-rules';
import { grafanaDashboard } from './grafana-dashboard';
import { addChartChecks } from '../checks/chart-checks';

/** Properties of {@link PostgresMonitoring}. */
export interface PostgresMonitoringProps {
  /** The server watched. */
  readonly server: MonitoredServer;
  /** Labels of the Service that exposes the exporter's port `metrics`. */
  readonly metricsServiceLabels: Record<string, string>;
  /**
   * Alert thresholds.
   * @default - seed 004 §8.1: CPU 80% / 5 min, memory 85% / 3 min, 80 connections, storage 80%, queries over 5 s
   */
  readonly thresholds?: AlertThresholds;
  /**
   * Base URL of the runbooks; each alert links `<base>#<alert>`.
   * @default 'docs/runbooks.md'
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

/**
 * Monitoring for one server: a ServiceMonitor for its exporter, a PrometheusRule with seed 004's
 * alerts, and a Grafana dashboard in a ConfigMap labelled `grafana_dashboard: "1"`, which the
 * Grafana sidecar of kube-prometheus-stack loads.
 */
export class PostgresMonitoring extends Construct {
  /** The alert rules. */
  public readonly rules: IPrometheusRule['spec'];

  constructor(scope: Construct, id: string, props: PostgresMonitoringProps) {
    super(scope, id);
    addChartChecks(this);
    const { server } = props;
    const interval = props.scrapeIntervalSeconds ?? 30;
    checkInteger(ownerOf(this, 'PostgresMonitoring'), 'scrapeIntervalSeconds', interval, 5, 3600);
    const labels = { 'app.kubernetes.io/managed-by': 'cdk8s-postgres', ...(props.prometheusLabels ?? { release: 'prometheus' }) };
    const metadata = (name: string) => ({ name, namespace: server.namespace, labels });

    const serviceMonitor: IServiceMonitor = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: metadata(`${server.name}-postgres`),
      spec: {
        selector: { matchLabels: props.metricsServiceLabels },
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
  }
}
