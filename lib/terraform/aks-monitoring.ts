import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Fn, TerraformCount } from 'cdktf';
import { Construct } from 'constructs';

/** Properties of {@link AksMonitoring}. */
export interface AksMonitoringProps {
  /** The cluster whose containers and audit log are collected. */
  readonly cluster: KubernetesCluster;
  /** Prefix of the data collection rule's name (`<name>-container-insights`). */
  readonly name: string;
  /** Resource group the resources are created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `koreacentral`. */
  readonly location: string;
  /** The Log Analytics workspace's ID (an expression). */
  readonly workspaceId: string;
  /** 1 when monitoring is on, 0 when off. */
  readonly count: TerraformCount;
}

const STREAMS = ['Microsoft-ContainerInsights-Group-Default'];

/**
 * What Container Insights needs beside the cluster's `oms_agent` block when the agent signs in
 * with its managed identity: a data collection rule (which streams go to which workspace,
 * sampled every 5 minutes as Microsoft's cost-optimized preset does) associated with the
 * cluster. Plus the API server's audit log of changes (`kube-audit-admin`: every request except
 * get and list) into the same workspace.
 */
export class AksMonitoring extends Construct {
  constructor(scope: Construct, id: string, props: AksMonitoringProps) {
    super(scope, id);
    const rule = new MonitorDataCollectionRule(this, 'ContainerInsights', {
      count: props.count,
      name: `${props.name}-container-insights`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      kind: 'Linux',
      destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: props.workspaceId }] },
      dataFlow: [{ streams: STREAMS, destinations: ['workspace'] }],
      dataSources: {
        extension: [{
          name: 'ContainerInsightsExtension',
          extensionName: 'ContainerInsights',
          streams: STREAMS,
          extensionJson: Fn.jsonencode({ dataCollectionSettings: { interval: '5m', namespaceFilteringMode: 'Off', enableContainerLogV2: true } }),
        }],
      },
    });
    new MonitorDataCollectionRuleAssociation(this, 'ContainerInsightsAssociation', {
      count: props.count,
      name: 'ContainerInsightsExtension',
      targetResourceId: props.cluster.id,
      dataCollectionRuleId: `\${${rule.fqn}[0].id}`,
    });
    new MonitorDiagnosticSetting(this, 'AuditLog', {
      count: props.count,
      name: 'kube-audit-admin',
      targetResourceId: props.cluster.id,
      logAnalyticsWorkspaceId: props.workspaceId,
      logAnalyticsDestinationType: 'Dedicated',
      enabledLog: [{ category: 'kube-audit-admin' }],
    });
  }
}
