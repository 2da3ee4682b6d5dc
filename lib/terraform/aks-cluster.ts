import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { KubernetesProviderConfig } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, IResolvable, Op, Precondition, TerraformCount, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, fail, ownerOf } from '../private/validation';
import { AksMonitoring } from './aks-monitoring';
import { admittedAddresses, authorizedRangesRules, DEFAULT_MAX_ADMITTED_ADDRESSES, IPV4_ADDRESSES, Ipv4Range, parseIpv4Cidr } from './ip-ranges';

/**
 * Application ID of the Entra ID server application that every AKS cluster with managed Entra ID
 * integration accepts tokens for (the same in every tenant); kubelogin's `--server-id`.
 * Source: Microsoft Learn, "Use kubelogin to authenticate users in Azure Kubernetes Service".
 */
export const AKS_ENTRA_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** The built-in Azure role that gives full Kubernetes access through Azure RBAC. */
export const AKS_RBAC_CLUSTER_ADMIN = 'Azure Kubernetes Service RBAC Cluster Admin';

/** kubelogin login modes usable without a browser or with one (`kubelogin get-token --login`). */
export const KUBELOGIN_LOGIN_MODES = ['azurecli', 'azd', 'devicecode', 'interactive', 'spn', 'msi', 'workloadidentity', 'azurepipelines'] as const;

/** Properties of {@link AksCluster}. */
export interface AksClusterProps {
  /** Name of the cluster, also its DNS prefix and the prefix of its Log Analytics workspace (`<name>-logs`). */
  readonly name: string;
  /** Resource group the resources are created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `koreacentral`. */
  readonly location: string;
  /** VM size of the system node pool. */
  readonly vmSize: string;
  /**
   * Nodes in the system pool.
   * @default 1
   */
  readonly nodeCount?: number;
  /** Entra ID tenant of the cluster's users. */
  readonly tenantId: string;
  /**
   * Entra ID groups whose members are cluster administrators.
   * @default - none: access only through Azure role assignments
   */
  readonly adminGroupObjectIds?: string[];
  /**
   * Address ranges allowed to reach the public API server: IPv4 CIDRs written canonically
   * ('203.0.113.7/32', '198.51.100.0/24'), which together admit at most `maxAuthorizedAddresses`.
   * Required and non-empty unless the cluster is private. A Terraform list (a variable) is
   * checked by the same rules as preconditions of the cluster.
   */
  readonly authorizedIpRanges: string[];
  /**
   * Most addresses `authorizedIpRanges` may admit together (overlapping ranges counted once), so
   * that splitting the internet into halves ('0.0.0.0/1', '128.0.0.0/1') opens nothing a single
   * '/0' would not. At most 4294967295: the whole IPv4 space is never authorized.
   * @default 65536 - a /16: a team's machines, office NAT addresses and CI runners fit many
   * times over; more must be declared
   */
  readonly maxAuthorizedAddresses?: number;
  /**
   * A private API server (reachable only from the cluster's network); then `authorizedIpRanges` is ignored.
   * @default false
   */
  readonly privateCluster?: boolean | IResolvable;
  /**
   * Subnet of the nodes (and, with Azure CNI, the pods).
   * @default - a virtual network that AKS creates and manages
   */
  readonly nodeSubnetId?: string;
  /**
   * Container Insights (the monitoring add-on) into a Log Analytics workspace created here.
   * @default true
   */
  readonly monitoringEnabled?: boolean | IResolvable;
  /**
   * The Microsoft Defender for Containers sensor, reporting to the same workspace.
   * @default true
   */
  readonly defenderEnabled?: boolean | IResolvable;
  /**
   * kubelogin login mode for the kubernetes provider: `azurecli` uses the `az login` session
   * that the azurerm provider also uses; pipelines use `workloadidentity`, `spn` or `msi`.
   * @default 'azurecli'
   */
  readonly kubeloginMode?: string;
}

/**
 * An AKS cluster for a development database: one system node pool, a system-assigned managed
 * identity, Entra ID authentication with Azure RBAC for Kubernetes authorization and no local
 * accounts (so no static admin certificate exists), an API server limited to given address
 * ranges or private, the OIDC issuer and workload identity (pods get Entra tokens without keys),
 * Azure CNI with Azure network policy (the library's NetworkPolicies need an enforcing engine),
 * automatic patch upgrades, and Container Insights (with the API server's audit log) and
 * Defender behind flags.
 */
export class AksCluster extends Construct {
  /** The cluster. */
  public readonly cluster: KubernetesCluster;
  /** The Log Analytics workspace of monitoring and Defender (one instance when either is on). */
  public readonly workspace: LogAnalyticsWorkspace;
  /** The OIDC issuer URL, for federated credentials of workload identities. */
  public readonly oidcIssuerUrl: string;
  /** Most addresses the authorized ranges may admit together. */
  public readonly maxAuthorizedAddresses: number;
  private readonly kubeloginMode: string;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'AksCluster');
      const privateCluster = props.privateCluster ?? false;
      this.kubeloginMode = props.kubeloginMode ?? 'azurecli';
      if (!Token.isUnresolved(this.kubeloginMode) && !(KUBELOGIN_LOGIN_MODES as readonly string[]).includes(this.kubeloginMode)) {
        fail(owner, 'kubeloginMode', this.kubeloginMode, `is not a kubelogin login mode (${KUBELOGIN_LOGIN_MODES.join(', ')})`);
      }
      this.maxAuthorizedAddresses = props.maxAuthorizedAddresses ?? DEFAULT_MAX_ADMITTED_ADDRESSES;
      checkInteger(owner, 'maxAuthorizedAddresses', this.maxAuthorizedAddresses, 1, IPV4_ADDRESSES - 1);
      // Literal ranges are checked now; ranges Terraform knows (a variable) by the cluster's preconditions.
      const rangeChecks = privateCluster === true ? [] : checkAuthorizedRanges(owner, props.authorizedIpRanges, privateCluster, this.maxAuthorizedAddresses);
      const monitoring = props.monitoringEnabled ?? true;
      const defender = props.defenderEnabled ?? true;

      const tags = { 'managed-by': 'cdk8s-postgres' };
      this.workspace = new LogAnalyticsWorkspace(this, 'Workspace', {
        count: TerraformCount.of(Token.asNumber(when(typeof monitoring === 'boolean' && typeof defender === 'boolean' ? monitoring || defender : Op.or(monitoring, defender), 1, 0))),
        name: `${props.name}-logs`,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        sku: 'PerGB2018',
        // Analytics logs keep 31 days without a retention charge.
        retentionInDays: 30,
        tags,
      });
      const workspaceId = `\${${this.workspace.fqn}[0].id}`;

      this.cluster = new KubernetesCluster(this, 'Resource', {
        name: props.name,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        dnsPrefix: props.name,
        defaultNodePool: {
          name: 'system',
          vmSize: props.vmSize,
          nodeCount: props.nodeCount ?? 1,
          maxPods: 30,
          osDiskSizeGb: 64,
          temporaryNameForRotation: 'systemtmp',
          ...(props.nodeSubnetId ? { vnetSubnetId: props.nodeSubnetId } : {}),
        },
        identity: { type: 'SystemAssigned' },
        roleBasedAccessControlEnabled: true,
        azureActiveDirectoryRoleBasedAccessControl: {
          tenantId: props.tenantId,
          azureRbacEnabled: true,
          adminGroupObjectIds: props.adminGroupObjectIds ?? [],
        },
        localAccountDisabled: true,
        privateClusterEnabled: privateCluster,
        // A private API server takes no authorized ranges.
        apiServerAccessProfile: { authorizedIpRanges: Token.asList(when(privateCluster, [], props.authorizedIpRanges)) },
        oidcIssuerEnabled: true,
        workloadIdentityEnabled: true,
        networkProfile: { networkPlugin: 'azure', networkPolicy: 'azure' },
        automaticUpgradeChannel: 'patch',
        tags,
        ...(rangeChecks.length ? { lifecycle: { precondition: rangeChecks } } : {}),
      });
      // Optional single blocks: Terraform dynamic blocks, so a variable can switch them.
      this.cluster.addOverride('dynamic.oms_agent', {
        for_each: when(monitoring, [1], []),
        content: { log_analytics_workspace_id: workspaceId, msi_auth_for_monitoring_enabled: true },
      });
      this.cluster.addOverride('dynamic.microsoft_defender', {
        for_each: when(defender, [1], []),
        content: { log_analytics_workspace_id: workspaceId },
      });
      if (props.nodeSubnetId) {
        // The cluster's identity manages load balancers and addresses in a subnet it does not own.
        new RoleAssignment(this, 'SubnetNetworkContributor', {
          scope: props.nodeSubnetId,
          roleDefinitionName: 'Network Contributor',
          principalId: this.cluster.identity.principalId,
        });
      }
      new AksMonitoring(this, 'Monitoring', {
        cluster: this.cluster,
        name: props.name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        workspaceId,
        count: TerraformCount.of(Token.asNumber(when(monitoring, 1, 0))),
      });
      this.oidcIssuerUrl = this.cluster.oidcIssuerUrl;
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  /** Gives an Entra ID principal (user, group or service principal) full Kubernetes access through Azure RBAC. */
  public grantClusterAdmin(id: string, principalId: string): RoleAssignment {
    return new RoleAssignment(this, id, {
      scope: this.cluster.id,
      roleDefinitionName: AKS_RBAC_CLUSTER_ADMIN,
      principalId,
      description: 'Applies the cdk8s-postgres manifests through Terraform',
    });
  }

  /**
   * Settings for the kubernetes provider: the API server and its CA from the cluster's user
   * kubeconfig, and an Entra ID token from kubelogin at every run. No client certificate or key
   * is involved (local accounts are disabled), so none reaches the provider configuration.
   */
  public kubernetesProviderConfig(): KubernetesProviderConfig {
    const kubeConfig = this.cluster.kubeConfig.get(0);
    return {
      host: kubeConfig.host,
      clusterCaCertificate: Fn.base64decode(kubeConfig.clusterCaCertificate),
      exec: [{
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: ['get-token', '--login', this.kubeloginMode, '--server-id', AKS_ENTRA_SERVER_APP_ID],
      }],
    };
  }
}

/** `flag ? yes : no`, decided here when the flag is known and by Terraform when it is a variable. */
function when<T>(flag: boolean | IResolvable, yes: T, no: T): T | IResolvable {
  if (typeof flag === 'boolean') return flag ? yes : no;
  return Fn.conditional(flag, yes, no);
}

/**
 * Checks the literal authorized ranges (each canonical; together at most `max` addresses) and
 * returns the preconditions that check them in Terraform when any is a token.
 */
function checkAuthorizedRanges(owner: string, ranges: string[], privateCluster: boolean | IResolvable, max: number): Precondition[] {
  const field = 'authorizedIpRanges';
  const maximum = `maxAuthorizedAddresses (${max})`;
  const listToken = Token.isUnresolved(ranges);
  const known: Ipv4Range[] = [];
  if (!listToken) {
    if (ranges.length === 0 && privateCluster === false) fail(owner, field, ranges, 'is empty: give the address ranges allowed to reach the API server, or make the cluster private');
    ranges.forEach((range, i) => {
      if (Token.isUnresolved(range)) return;
      const parsed = parseIpv4Cidr(range);
      if (typeof parsed === 'string') fail(owner, `${field}[${i}]`, range, parsed);
      known.push(parsed);
    });
    const admitted = admittedAddresses(known);
    // A private cluster ignores the ranges, as long as it is private.
    if (admitted > max && privateCluster === false) {
      fail(owner, field, ranges, `admit ${admitted} addresses together, more than ${maximum}: list only the ranges that need the API server, or declare a larger maxAuthorizedAddresses`);
    }
    if (known.length === ranges.length && privateCluster === false) return [];
  }
  const list = Token.asString(listToken ? ranges : Fn.tolist(ranges));
  return authorizedRangesRules({
    list,
    privateCluster: privateCluster === false ? undefined : Token.asString(privateCluster),
    maxAddresses: max,
    subject: `${owner}: ${field}`,
    maximum,
  });
}
