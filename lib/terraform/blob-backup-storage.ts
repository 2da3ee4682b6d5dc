import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Fn, Op, Precondition, Token } from 'cdktf';
import { Construct } from 'constructs';
import { BLOB_CONTAINER_NAME, STORAGE_ACCOUNT_NAME } from '../jobs/backup/blob-upload';
import { checkInteger, fail, ownerOf } from '../private/validation';
import { checkTextNowOrInTerraform } from './deploy-time-checks';
import { admittedAddresses, DEFAULT_MAX_ADMITTED_ADDRESSES, IPV4_ADDRESSES, Ipv4Range, parseIpv4Cidr, privateRangeOf, PRIVATE_RANGES, storageIpRulesRules } from './ip-ranges';

/** Replication kinds that survive the loss of a zone or of the region. */
export const REDUNDANT_REPLICATION = ['ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'] as const;

/** Days Azure keeps deleted blobs and containers recoverable: 1 to 365 (its soft delete retention). */
const SOFT_DELETE_DAYS = { min: 1, max: 365 } as const;

/** Properties of {@link BlobBackupStorage}. */
export interface BlobBackupStorageProps {
  /** Storage account name: 3 to 24 lower-case letters and digits, unique in Azure. */
  readonly accountName: string;
  /** Resource group the resources are created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `koreacentral`. */
  readonly location: string;
  /**
   * Private container for the dumps.
   * @default 'postgresql-backups'
   */
  readonly containerName?: string;
  /**
   * Days a deleted blob or container can be recovered: 1 to 365, the range Azure takes.
   * @default 7
   */
  readonly softDeleteDays?: number;
  /**
   * Replication: zone (ZRS) or geo (GRS, GZRS and their read-access forms) redundant; LRS is refused.
   * @default 'GRS'
   */
  readonly replication?: string;
  /**
   * Subnets allowed through the firewall (they need the `Microsoft.Storage` service endpoint):
   * the cluster's node subnet, so the backup upload reaches the account.
   * @default - none
   */
  readonly allowedSubnetIds?: string[];
  /**
   * Public addresses and ranges allowed through the firewall (operators downloading a dump, for
   * example), as Azure Storage takes them: single IPv4 addresses without a prefix
   * ('198.51.100.4'), or canonical ranges of /30 or wider ('203.0.113.0/24'); no private range
   * (RFC 1918), and together at most `maxAllowedIpAddresses`. They do not apply to clients in
   * the account's own Azure region: those need a subnet rule. A Terraform list (a variable) is
   * checked by the same rules as preconditions of the account.
   * @default - none
   */
  readonly allowedIpRanges?: string[];
  /**
   * Most addresses `allowedIpRanges` may admit together (overlaps counted once). At most
   * 4294967295: the whole internet is never let through.
   * @default 65536 - a /16, as for an AKS API server's authorized ranges
   */
  readonly maxAllowedIpAddresses?: number;
  /**
   * Days a dump is kept: a lifecycle rule deletes blobs (and old versions) this long after
   * they were last written.
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * Days a dump cannot be changed or deleted after it is written (a container-level time-based
   * retention policy). At most `retentionDays`.
   * @default 7
   */
  readonly immutabilityDays?: number;
  /**
   * Lock the immutability policy. A locked policy can never be shortened or removed, and the
   * account cannot be deleted while blobs are protected; an irreversible choice, so off by default.
   * @default false
   */
  readonly immutabilityLocked?: boolean;
}

/**
 * Azure Blob storage for database dumps, a copy outside the cluster: a StorageV2 account reachable only over
 * HTTPS with TLS 1.2, Entra ID only (shared keys and SAS off), a firewall that denies by default
 * and admits the given subnets and ranges, infrastructure (double) encryption, zone- or
 * geo-redundant replication, soft delete and versioning, a private container whose dumps are
 * immutable for a while, and a lifecycle rule that deletes them after the retention period.
 */
export class BlobBackupStorage extends Construct {
  /** The storage account. */
  public readonly account: StorageAccount;
  /** The private container the dumps go to. */
  public readonly container: StorageContainer;
  /** Resource manager ID of the container: the scope for a data role assignment (Storage Blob Data Contributor). */
  public readonly containerResourceManagerId: string;
  /** The container's time-based retention policy (unlocked), which keeps each dump unchanged for a while. */
  public readonly immutabilityPolicy: StorageContainerImmutabilityPolicy;
  /** The rule that deletes dumps and their old versions after the retention period. */
  public readonly lifecyclePolicy: StorageManagementPolicy;

  constructor(scope: Construct, id: string, props: BlobBackupStorageProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'BlobBackupStorage');
      const days = props.softDeleteDays ?? 7;
      const replication = props.replication ?? 'GRS';
      const retentionDays = props.retentionDays ?? 30;
      const immutabilityDays = props.immutabilityDays ?? 7;
      const containerName = props.containerName ?? 'postgresql-backups';
      const maxAddresses = props.maxAllowedIpAddresses ?? DEFAULT_MAX_ADMITTED_ADDRESSES;
      // Literal values are checked now; values Terraform knows (variables) by preconditions of the account.
      const accountChecks: Precondition[] = [];
      checkTextNowOrInTerraform(owner, 'accountName', props.accountName, STORAGE_ACCOUNT_NAME, accountChecks);
      checkTextNowOrInTerraform(owner, 'containerName', containerName, BLOB_CONTAINER_NAME, accountChecks);
      if (Token.isUnresolved(days)) {
        accountChecks.push({
          condition: Op.and(Op.gte(days, SOFT_DELETE_DAYS.min), Op.lte(days, SOFT_DELETE_DAYS.max)),
          errorMessage: `${owner}: softDeleteDays \${${Token.asString(days)}} is not between ${SOFT_DELETE_DAYS.min} and ${SOFT_DELETE_DAYS.max}, the days Azure keeps deleted blobs.`,
        });
      } else {
        checkInteger(owner, 'softDeleteDays', days, SOFT_DELETE_DAYS.min, SOFT_DELETE_DAYS.max);
      }
      checkInteger(owner, 'maxAllowedIpAddresses', maxAddresses, 1, IPV4_ADDRESSES - 1);
      accountChecks.push(...checkAllowedRanges(owner, props.allowedIpRanges ?? [], maxAddresses));
      const replicationRule = `is not zone- or geo-redundant (${REDUNDANT_REPLICATION.join(', ')})`;
      if (Token.isUnresolved(replication)) {
        accountChecks.push({
          condition: Fn.contains([...REDUNDANT_REPLICATION], replication),
          errorMessage: `${owner}: replication ${Token.asString(Fn.jsonencode(replication))} ${replicationRule}.`,
        });
      } else if (!(REDUNDANT_REPLICATION as readonly string[]).includes(replication)) {
        fail(owner, 'replication', replication, replicationRule);
      }
      checkInteger(owner, 'retentionDays', retentionDays, 1, 99999);
      checkInteger(owner, 'immutabilityDays', immutabilityDays, 1, 146000);
      if (immutabilityDays > retentionDays) {
        fail(owner, 'immutabilityDays', immutabilityDays, `is longer than retentionDays (${retentionDays}): the lifecycle rule could not delete what it must`);
      }

      this.account = new StorageAccount(this, 'Account', {
        name: props.accountName,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        accountKind: 'StorageV2',
        accountTier: 'Standard',
        accountReplicationType: replication,
        minTlsVersion: 'TLS1_2',
        httpsTrafficOnlyEnabled: true,
        allowNestedItemsToBePublic: false,
        sharedAccessKeyEnabled: false,
        defaultToOauthAuthentication: true,
        infrastructureEncryptionEnabled: true,
        crossTenantReplicationEnabled: false,
        networkRules: {
          defaultAction: 'Deny',
          bypass: ['AzureServices'],
          virtualNetworkSubnetIds: props.allowedSubnetIds ?? [],
          ipRules: props.allowedIpRanges ?? [],
        },
        blobProperties: {
          versioningEnabled: true,
          deleteRetentionPolicy: { days },
          containerDeleteRetentionPolicy: { days },
        },
        tags: { 'managed-by': 'cdk8s-postgres' },
        ...(accountChecks.length ? { lifecycle: { precondition: accountChecks } } : {}),
      });
      // With storage_account_id the container is managed through Azure Resource Manager, which
      // the firewall does not apply to, so Terraform needs no data-plane access.
      this.container = new StorageContainer(this, 'Container', {
        name: containerName,
        storageAccountId: this.account.id,
        containerAccessType: 'private',
      });
      this.containerResourceManagerId = this.container.id;

      this.immutabilityPolicy = new StorageContainerImmutabilityPolicy(this, 'Immutability', {
        storageContainerResourceManagerId: this.container.id,
        immutabilityPeriodInDays: immutabilityDays,
        locked: props.immutabilityLocked ?? false,
        protectedAppendWritesEnabled: false,
        protectedAppendWritesAllEnabled: false,
      });
      this.lifecyclePolicy = new StorageManagementPolicy(this, 'Lifecycle', {
        storageAccountId: this.account.id,
        rule: [{
          name: 'delete-old-dumps',
          enabled: true,
          filters: { blobTypes: ['blockBlob'], prefixMatch: [`${containerName}/`] },
          actions: {
            baseBlob: { deleteAfterDaysSinceModificationGreaterThan: retentionDays },
            version: { deleteAfterDaysSinceCreation: retentionDays },
          },
        }],
      });
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }
}

/**
 * Checks literal IP rules (each one Azure Storage takes, together at most `max` addresses, none
 * private) and returns the preconditions that check them in Terraform when any is a token.
 */
function checkAllowedRanges(owner: string, rules: string[], max: number): Precondition[] {
  const field = 'allowedIpRanges';
  const maximum = `maxAllowedIpAddresses (${max})`;
  const listToken = Token.isUnresolved(rules);
  if (!listToken) {
    const known: Array<[number, Ipv4Range]> = [];
    rules.forEach((rule, i) => {
      if (Token.isUnresolved(rule)) return;
      known.push([i, storageRule(owner, `${field}[${i}]`, rule)]);
    });
    const admitted = admittedAddresses(known.map(([, r]) => r));
    if (admitted > max) {
      fail(owner, field, rules, `admit ${admitted} addresses together, more than ${maximum}: list only the addresses that need the backups, or declare a larger maxAllowedIpAddresses`);
    }
    for (const [i, range] of known) {
      const privateRange = privateRangeOf(range);
      if (privateRange) {
        fail(owner, `${field}[${i}]`, rules[i], `overlaps the private range ${privateRange} (RFC 1918; Azure Storage refuses ${PRIVATE_RANGES.join(', ')} in IP rules); clients in a virtual network reach the account through a subnet rule (allowedSubnetIds)`);
      }
    }
    if (known.length === rules.length) return [];
  }
  const list = Token.asString(listToken ? rules : Fn.tolist(rules));
  return storageIpRulesRules({ list, maxAddresses: max, subject: `${owner}: ${field}`, maximum });
}

/** One IP rule as Azure Storage takes it: an address without a prefix, or a canonical range of /30 or wider. */
function storageRule(owner: string, field: string, rule: string): Ipv4Range {
  if (typeof rule === 'string' && !rule.includes('/')) {
    const parsed = parseIpv4Cidr(`${rule}/32`);
    if (typeof parsed === 'string') fail(owner, field, rule, /^\d+\.\d+\.\d+\.\d+$/.test(rule) ? parsed : "is not an IPv4 address or range (e.g. '198.51.100.4' or '203.0.113.0/24')");
    return parsed;
  }
  const parsed = parseIpv4Cidr(rule);
  if (typeof parsed === 'string') fail(owner, field, rule, parsed);
  if (parsed.prefix > 30) {
    fail(owner, field, rule, `is a /${parsed.prefix}, which Azure Storage refuses in IP rules (ranges are /30 or wider): give ${parsed.prefix === 32 ? 'the address' : 'each address'} without a prefix`);
  }
  return parsed;
}
