import { kubernetesClusterMicrosoftDefenderToTerraform, kubernetesClusterOmsAgentToTerraform } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { TerraformStack, Testing } from 'cdktf';
import { AksPhonebillDevStack } from '../apps/stacks/aks-phonebill-dev';
import { refused } from './support/errors';
import { planVariables } from './support/terraform';
import { AksCluster, AksClusterProps, BlobBackupStorage, BlobBackupStorageProps } from '../lib/terraform/azure';
import { AKS_ENTRA_SERVER_APP_ID } from '../lib/terraform/aks-cluster';

/** Facts from the synthesized JSON of stack aks-phonebill-dev (azurerm and kubernetes providers are not available offline). */
const stack = new AksPhonebillDevStack(Testing.app(), 'aks-phonebill-dev');
const json = JSON.parse(Testing.synth(stack));
const one = (type: string): [string, any] => {
  const entries = Object.entries<any>(json.resource[type] ?? {});
  expect(entries).toHaveLength(1);
  return entries[0];
};
const [clusterId, cluster] = one('azurerm_kubernetes_cluster');
const [subnetId, subnet] = one('azurerm_subnet');
const [accountId, account] = one('azurerm_storage_account');
const [containerId, container] = one('azurerm_storage_container');
const [workspaceId, workspace] = one('azurerm_log_analytics_workspace');

describe('AKS cluster phonebill-dev-aks', () => {
  test('Entra ID authentication with Azure RBAC, admin groups from a variable, no local accounts', () => {
    expect(cluster.azure_active_directory_role_based_access_control).toEqual({
      tenant_id: '${data.azurerm_client_config.Deployer.tenant_id}',
      azure_rbac_enabled: true,
      admin_group_object_ids: '${var.aks_admin_group_object_ids}',
    });
    expect(cluster.local_account_disabled).toBe(true);
    expect(cluster.role_based_access_control_enabled).toBe(true);
  });

  test('the API server admits the authorized ranges, or is private', () => {
    expect(cluster.api_server_access_profile).toEqual({ authorized_ip_ranges: '${var.private_cluster ? [] : var.api_server_authorized_ip_ranges}' });
    expect(cluster.private_cluster_enabled).toBe('${var.private_cluster}');
    expect(json.variable.private_cluster).toMatchObject({ type: 'bool', default: false });
    const ranges = json.variable.api_server_authorized_ip_ranges;
    expect(ranges).toMatchObject({ type: 'list(string)', default: [] });
    // Empty, not canonical IPv4 CIDRs, or more than a /16 together: refused unless private (evaluated by terraform plan below).
    expect(ranges.validation.map((v: any) => v.condition.startsWith('${var.private_cluster || ('))).toEqual([true, true, true]);
    // The cluster checks the same rules again, whatever variable feeds it.
    expect(cluster.lifecycle.precondition.map((p: any) => p.condition)).toEqual(ranges.validation.map((v: any) => v.condition));
  });

  test('OIDC issuer and workload identity on; the issuer URL is exposed', () => {
    expect(cluster).toMatchObject({ oidc_issuer_enabled: true, workload_identity_enabled: true });
    expect(json.output.oidc_issuer_url.value).toBe(`\${azurerm_kubernetes_cluster.${clusterId}.oidc_issuer_url}`);
  });

  test('Container Insights and Defender behind flags that default to on, in one workspace made only when needed', () => {
    expect(json.variable.monitoring_enabled).toMatchObject({ type: 'bool', default: true });
    expect(json.variable.defender_enabled).toMatchObject({ type: 'bool', default: true });
    const ws = `\${azurerm_log_analytics_workspace.${workspaceId}[0].id}`;
    expect(cluster.dynamic.oms_agent).toEqual({ for_each: '${var.monitoring_enabled ? [1] : []}', content: { log_analytics_workspace_id: ws, msi_auth_for_monitoring_enabled: true } });
    expect(cluster.dynamic.microsoft_defender).toEqual({ for_each: '${var.defender_enabled ? [1] : []}', content: { log_analytics_workspace_id: ws } });
    expect(workspace).toMatchObject({ count: '${(var.monitoring_enabled || var.defender_enabled) ? 1 : 0}', sku: 'PerGB2018', retention_in_days: 30 });
  });

  test('Container Insights collects through a data collection rule on the cluster; the API server audit log goes to the workspace', () => {
    const ws = `\${azurerm_log_analytics_workspace.${workspaceId}[0].id}`;
    const [ruleId, rule] = one('azurerm_monitor_data_collection_rule');
    expect(rule).toMatchObject({
      count: '${var.monitoring_enabled ? 1 : 0}',
      kind: 'Linux',
      destinations: { log_analytics: [{ name: 'workspace', workspace_resource_id: ws }] },
      data_flow: [{ streams: ['Microsoft-ContainerInsights-Group-Default'], destinations: ['workspace'] }],
      data_sources: { extension: [{ extension_name: 'ContainerInsights', streams: ['Microsoft-ContainerInsights-Group-Default'] }] },
    });
    const [, association] = one('azurerm_monitor_data_collection_rule_association');
    expect(association).toMatchObject({ count: '${var.monitoring_enabled ? 1 : 0}', target_resource_id: `\${azurerm_kubernetes_cluster.${clusterId}.id}`, data_collection_rule_id: `\${azurerm_monitor_data_collection_rule.${ruleId}[0].id}` });
    const [, audit] = one('azurerm_monitor_diagnostic_setting');
    expect(audit).toMatchObject({ count: '${var.monitoring_enabled ? 1 : 0}', log_analytics_workspace_id: ws, enabled_log: [{ category: 'kube-audit-admin' }] });
  });

  test('the dynamic blocks use the provider schema\'s block and argument names (from the generated bindings)', () => {
    expect(Object.keys(cluster.dynamic.oms_agent.content).sort())
      .toEqual(Object.keys(kubernetesClusterOmsAgentToTerraform({ logAnalyticsWorkspaceId: 'w', msiAuthForMonitoringEnabled: true })).sort());
    expect(Object.keys(cluster.dynamic.microsoft_defender.content)).toEqual(Object.keys(kubernetesClusterMicrosoftDefenderToTerraform({ logAnalyticsWorkspaceId: 'w' })));
    const plain = new TerraformStack(Testing.app(), 'plain');
    const withBlocks = new AksCluster(plain, 'C', { ...minimal, monitoringEnabled: true, defenderEnabled: true });
    withBlocks.cluster.putOmsAgent({ logAnalyticsWorkspaceId: 'w' });
    withBlocks.cluster.putMicrosoftDefender({ logAnalyticsWorkspaceId: 'w' });
    const typed = Object.values<any>(JSON.parse(Testing.synth(plain)).resource.azurerm_kubernetes_cluster)[0];
    expect(typed).toHaveProperty('oms_agent');
    expect(typed).toHaveProperty('microsoft_defender');
  });

  test('the nodes sit in a subnet with the Microsoft.Storage service endpoint, which the cluster identity may manage', () => {
    expect(cluster.default_node_pool.vnet_subnet_id).toBe(`\${azurerm_subnet.${subnetId}.id}`);
    expect(subnet.service_endpoints).toEqual(['Microsoft.Storage']);
    expect(Object.values<any>(json.resource.azurerm_role_assignment)).toContainEqual({
      scope: `\${azurerm_subnet.${subnetId}.id}`, role_definition_name: 'Network Contributor', principal_id: `\${azurerm_kubernetes_cluster.${clusterId}.identity[0].principal_id}`,
    });
  });

  test('the identity running Terraform is an Azure RBAC cluster admin, and the manifests wait for that', () => {
    const [grantId, grant] = Object.entries<any>(json.resource.azurerm_role_assignment).find(([, r]) => r.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin')!;
    expect(grant).toMatchObject({ scope: `\${azurerm_kubernetes_cluster.${clusterId}.id}`, principal_id: '${data.azurerm_client_config.Deployer.object_id}' });
    const namespace = Object.values<any>(json.resource.kubernetes_manifest).find((m) => m.manifest.kind === 'Namespace');
    expect(namespace.depends_on).toContain(`azurerm_role_assignment.${grantId}`);
  });
});

describe('the kubernetes provider signs in through Entra ID', () => {
  const provider = json.provider.kubernetes[0];

  test('kubelogin exec with the AKS Entra server application ID; the API server and CA from the cluster', () => {
    expect(AKS_ENTRA_SERVER_APP_ID).toBe('6dae42f8-4368-4678-94ff-3960e28e3630');
    expect(provider).toEqual({
      host: `\${azurerm_kubernetes_cluster.${clusterId}.kube_config[0].host}`,
      cluster_ca_certificate: `\${base64decode(azurerm_kubernetes_cluster.${clusterId}.kube_config[0].cluster_ca_certificate)}`,
      exec: [{
        api_version: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: ['get-token', '--login', '${var.kubelogin_login}', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'],
      }],
    });
    expect(json.variable.kubelogin_login).toMatchObject({ type: 'string', default: 'azurecli' });
  });

  test('no client certificate, key, token or admin kubeconfig anywhere in the stack', () => {
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/client_key|client_certificate|kube_admin_config|kube_config_raw|"token"/);
  });
});

describe('backup storage account', () => {
  test('Entra ID only: shared keys off, OAuth by default, and the provider speaks Entra ID to storage without the data plane', () => {
    expect(account).toMatchObject({ shared_access_key_enabled: false, default_to_oauth_authentication: true });
    expect(json.provider.azurerm[0]).toMatchObject({ storage_use_azuread: true, features: [{ storage: [{ data_plane_available: false }] }] });
  });

  test('a firewall that denies by default and admits the cluster subnet and the given ranges', () => {
    expect(account.network_rules).toEqual({
      default_action: 'Deny',
      bypass: ['AzureServices'],
      virtual_network_subnet_ids: [`\${azurerm_subnet.${subnetId}.id}`],
      ip_rules: '${var.backup_storage_allowed_ip_ranges}',
    });
  });

  test('infrastructure encryption, TLS 1.2, no public blobs, zone- or geo-redundant replication (default GRS)', () => {
    expect(account).toMatchObject({
      infrastructure_encryption_enabled: true, min_tls_version: 'TLS1_2', https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false, cross_tenant_replication_enabled: false,
      account_replication_type: '${var.backup_storage_replication}',
    });
    expect(json.variable.backup_storage_replication).toMatchObject({ default: 'GRS' });
    expect(json.variable.backup_storage_replication.validation[0].condition).toBe('${contains(["ZRS","GRS","RAGRS","GZRS","RAGZRS"], var.backup_storage_replication)}');
  });

  test('the container is managed through Resource Manager, and its ID is exposed for a data role assignment', () => {
    expect(container).toEqual({ name: 'postgresql-backups', storage_account_id: `\${azurerm_storage_account.${accountId}.id}`, container_access_type: 'private' });
    expect(json.output.backup_container_id.value).toBe(`\${azurerm_storage_container.${containerId}.id}`);
  });

  test('dumps are immutable for 7 days (unlocked) and deleted after the 7 days seed 004 §7.1 keeps full backups', () => {
    const [, policy] = one('azurerm_storage_container_immutability_policy');
    expect(policy).toEqual({
      storage_container_resource_manager_id: `\${azurerm_storage_container.${containerId}.id}`,
      immutability_period_in_days: 7, locked: false, protected_append_writes_enabled: false, protected_append_writes_all_enabled: false,
    });
    const [, lifecycle] = one('azurerm_storage_management_policy');
    expect(lifecycle.storage_account_id).toBe(`\${azurerm_storage_account.${accountId}.id}`);
    expect(lifecycle.rule).toEqual([{
      name: 'delete-old-dumps', enabled: true,
      filters: { blob_types: ['blockBlob'], prefix_match: ['postgresql-backups/'] },
      actions: { base_blob: { delete_after_days_since_modification_greater_than: 7 }, version: { delete_after_days_since_creation: 7 } },
    }]);
  });

  test('the allowed ranges are checked by the variable and, again, by the account', () => {
    const rules = json.variable.backup_storage_allowed_ip_ranges.validation.map((v: any) => v.condition);
    expect(rules).toHaveLength(3);
    expect(account.lifecycle.precondition.map((p: any) => p.condition)).toEqual(expect.arrayContaining(rules));
  });
});

const minimal: AksClusterProps = { name: 'c', resourceGroupName: 'rg', location: 'koreacentral', vmSize: 'Standard_D2s_v5', tenantId: 't', authorizedIpRanges: ['203.0.113.7/32'] };
const storage: BlobBackupStorageProps = { accountName: 'backups', resourceGroupName: 'rg', location: 'koreacentral' };

describe('construction-time checks', () => {
  const cases: [string, () => unknown, string][] = [
    ['no authorized ranges on a public cluster', () => new AksCluster(new TerraformStack(Testing.app(), 's'), 'aks', { ...minimal, authorizedIpRanges: [] }),
      "AksCluster 's/aks': authorizedIpRanges [] is empty: give the address ranges allowed to reach the API server, or make the cluster private"],
    ['a range that is not a CIDR', () => new AksCluster(new TerraformStack(Testing.app(), 's'), 'aks', { ...minimal, authorizedIpRanges: ['203.0.113.7'] }),
      "AksCluster 's/aks': authorizedIpRanges[0] \"203.0.113.7\" has no prefix length: write the range as a CIDR (/32 for one address)"],
    ['every address', () => new AksCluster(new TerraformStack(Testing.app(), 's'), 'aks', { ...minimal, authorizedIpRanges: ['0.0.0.0/0'] }),
      "AksCluster 's/aks': authorizedIpRanges [\"0.0.0.0/0\"] admit 4294967296 addresses together, more than maxAuthorizedAddresses (65536): list only the ranges that need the API server, or declare a larger maxAuthorizedAddresses"],
    ['an unknown kubelogin mode', () => new AksCluster(new TerraformStack(Testing.app(), 's'), 'aks', { ...minimal, kubeloginMode: 'password' }),
      "AksCluster 's/aks': kubeloginMode \"password\" is not a kubelogin login mode (azurecli, azd, devicecode, interactive, spn, msi, workloadidentity, azurepipelines)"],
    ['locally redundant storage', () => new BlobBackupStorage(new TerraformStack(Testing.app(), 's'), 'b', { ...storage, replication: 'LRS' }),
      "BlobBackupStorage 's/b': replication \"LRS\" is not zone- or geo-redundant (ZRS, GRS, RAGRS, GZRS, RAGZRS)"],
    ['dumps immutable longer than they are kept', () => new BlobBackupStorage(new TerraformStack(Testing.app(), 's'), 'b', { ...storage, retentionDays: 14, immutabilityDays: 30 }),
      "BlobBackupStorage 's/b': immutabilityDays 30 is longer than retentionDays (14): the lifecycle rule could not delete what it must"],
  ];
  test.each(cases)('refuses %s', (_name, build, message) => {
    expect(refused(build)).toBe(message);
  });

  test('a private cluster needs no ranges and sends none; fixed flags need no Terraform conditionals', () => {
    const s = new TerraformStack(Testing.app(), 's');
    new AksCluster(s, 'aks', { ...minimal, authorizedIpRanges: [], privateCluster: true, monitoringEnabled: false, defenderEnabled: false });
    const out = JSON.parse(Testing.synth(s));
    const c = Object.values<any>(out.resource.azurerm_kubernetes_cluster)[0];
    expect(c).toMatchObject({ private_cluster_enabled: true, api_server_access_profile: { authorized_ip_ranges: [] } });
    expect(c.dynamic).toEqual({ oms_agent: { for_each: [], content: expect.anything() }, microsoft_defender: { for_each: [], content: expect.anything() } });
    expect(Object.values<any>(out.resource.azurerm_log_analytics_workspace)[0].count).toBe(0);
    expect(out.resource.azurerm_role_assignment).toBeUndefined();
  });
});

describe('Terraform evaluates the variables\' validation rules (terraform plan on the variables alone)', () => {
  const pick = (...names: string[]) => Object.fromEntries(names.map((n) => [n, json.variable[n]]));
  const apiVars = pick('private_cluster', 'api_server_authorized_ip_ranges');
  test.each([
    ['one /32 on a public cluster', apiVars, { api_server_authorized_ip_ranges: ['203.0.113.7/32'] }, true],
    ['a /16 and ranges inside it on a public cluster', apiVars, { api_server_authorized_ip_ranges: ['198.51.0.0/16', '198.51.100.0/24'] }, true],
    ['no ranges on a public cluster', apiVars, {}, false],
    ['a bare address on a public cluster', apiVars, { api_server_authorized_ip_ranges: ['203.0.113.7'] }, false],
    ['0.0.0.0/0', apiVars, { api_server_authorized_ip_ranges: ['10.0.0.0/8', '0.0.0.0/0'] }, false],
    ['the internet split in halves', apiVars, { api_server_authorized_ip_ranges: ['0.0.0.0/1', '128.0.0.0/1'] }, false],
    ['two /16s together', apiVars, { api_server_authorized_ip_ranges: ['198.51.0.0/16', '203.0.0.0/16'] }, false],
    ['an octet above 255', apiVars, { api_server_authorized_ip_ranges: ['999.1.1.1/32'] }, false],
    ['host bits', apiVars, { api_server_authorized_ip_ranges: ['203.0.113.7/24'] }, false],
    ['a leading zero', apiVars, { api_server_authorized_ip_ranges: ['010.0.0.0/8'] }, false],
    ['no ranges on a private cluster', apiVars, { private_cluster: true }, true],
    ['ZRS', pick('backup_storage_replication'), { backup_storage_replication: 'ZRS' }, true],
    ['LRS', pick('backup_storage_replication'), { backup_storage_replication: 'LRS' }, false],
    ['an address and a /24 for the storage firewall', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['198.51.100.4', '203.0.113.0/24'] }, true],
    ['a host name for the storage firewall', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['example.com'] }, false],
    ['a /32 for the storage firewall', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['198.51.100.4/32'] }, false],
    ['0.0.0.0/0 for the storage firewall', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['0.0.0.0/0'] }, false],
    ['a private range for the storage firewall', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['192.168.10.0/24'] }, false],
    ['host bits for the storage firewall', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['203.0.113.9/24'] }, false],
    ['kubelogin workloadidentity', pick('kubelogin_login'), { kubelogin_login: 'workloadidentity' }, true],
    ['kubelogin with a password', pick('kubelogin_login'), { kubelogin_login: 'ropc' }, false],
  ].map(([name, ...rest]) => [`${rest[2] ? 'accepts' : 'refuses'} ${name}`, ...rest]) as [string, Record<string, unknown>, Record<string, unknown>, boolean][])('%s', (_name, variables, values, accepted) => {
    const result = planVariables(variables, values);
    if (!accepted) expect(result.output).toContain('Invalid value for variable');
    expect(result.ok).toBe(accepted);
  }, 60000);
});

describe('the variables\' validation messages name the values and the rule', () => {
  const pick = (...names: string[]) => Object.fromEntries(names.map((n) => [n, json.variable[n]]));
  test.each([
    ['the internet split in halves', pick('private_cluster', 'api_server_authorized_ip_ranges'), { api_server_authorized_ip_ranges: ['0.0.0.0/1', '128.0.0.0/1'] },
      'api_server_authorized_ip_ranges ["0.0.0.0/1","128.0.0.0/1"] admit 4294967296 addresses together, more than the 65536 addresses (a /16) this stack authorizes at most.'],
    ['ranges Azure reads otherwise', pick('private_cluster', 'api_server_authorized_ip_ranges'), { api_server_authorized_ip_ranges: ['203.0.113.7/32', '999.1.1.1/32', '203.0.113.7/24'] },
      'api_server_authorized_ip_ranges ["999.1.1.1/32","203.0.113.7/24"] are not IPv4 CIDRs written canonically (four octets 0 to 255 without leading zeros, a prefix /0 to /32, no bits set after the prefix), e.g. "203.0.113.0/24".'],
    ['no ranges on a public cluster', pick('private_cluster', 'api_server_authorized_ip_ranges'), {},
      'api_server_authorized_ip_ranges is empty: give the address ranges allowed to reach the API server (e.g. ["203.0.113.7/32"]), or make the cluster private.'],
    ['a private storage rule', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['198.51.100.4', '172.20.0.0/16'] },
      'backup_storage_allowed_ip_ranges ["172.20.0.0/16"] overlap the private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918), which Azure Storage refuses in IP rules; clients in a virtual network reach the account through a subnet rule.'],
    ['a /31 storage rule', pick('backup_storage_allowed_ip_ranges'), { backup_storage_allowed_ip_ranges: ['198.51.100.4/31'] },
      'backup_storage_allowed_ip_ranges ["198.51.100.4/31"] are not IP rules Azure Storage takes: single IPv4 addresses without a prefix, or ranges of /30 or wider written canonically (octets 0 to 255 without leading zeros, no bits set after the prefix).'],
  ])('%s', (_name, variables, values, message) => {
    const result = planVariables(variables, values);
    expect(result.output.replace(/[\s│]+/g, ' ')).toContain(message);
    expect(result.ok).toBe(false);
  }, 60000);
});
