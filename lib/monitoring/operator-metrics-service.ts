import { Construct } from 'constructs';
import { IntOrString, KubeService } from '../private/k8s';
import { MonitoredServer } from './alert-rules';
import { EXPORTER_PORT } from './postgres-exporter';

/** What {@link operatorMetricsService} needs to know of an operator's cluster. */
export interface OperatorMetricsServiceOptions {
  /** The cluster's name: its pods are `<name>-<n>`, its Service `<name>-metrics`. */
  readonly name: string;
  readonly namespace: string;
  /** The cluster's resource labels. */
  readonly labels: Record<string, string>;
  /** The labels the operator gives the pods that export on 9187. */
  readonly selector: Record<string, string>;
  /** The operator's data claims, as a regular expression. */
  readonly claimPattern: string;
  /** Whether the PostgreSQL container has a CPU limit. */
  readonly hasCpuLimit: boolean;
  /**
   * Which exporter serves the metrics.
   * @default 'postgres-exporter'
   */
  readonly exporter?: MonitoredServer['exporter'];
}

/**
 * `<name>-metrics`, a Service in front of the exporter (port 9187) of every PostgreSQL pod an
 * operator runs for a cluster (ZalandoCluster's sidecars, CloudNativePG's instance managers),
 * for the ServiceMonitor of PostgresMonitoring; returns what PostgresMonitoring watches.
 */
export function operatorMetricsService(scope: Construct, o: OperatorMetricsServiceOptions): MonitoredServer {
  // Not the operator's labels: it must never mistake this Service for one of its own.
  const metricsServiceLabels = { ...o.labels, 'cdk8s-postgres.io/metrics': 'true', 'cdk8s-postgres.io/cluster': o.name };
  new KubeService(scope, 'MetricsService', {
    metadata: { name: `${o.name}-metrics`, namespace: o.namespace, labels: metricsServiceLabels },
    spec: {
      selector: o.selector,
      ports: [{ name: 'metrics', port: EXPORTER_PORT, targetPort: IntOrString.fromNumber(EXPORTER_PORT), protocol: 'TCP' }],
    },
  });
  return {
    name: o.name,
    namespace: o.namespace,
    podPattern: `${o.name}-[0-9]+`,
    container: 'postgres',
    claimPattern: o.claimPattern,
    hasCpuLimit: o.hasCpuLimit,
    metricsServiceLabels,
    ...(o.exporter ? { exporter: o.exporter } : {}),
  };
}
