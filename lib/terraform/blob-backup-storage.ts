import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, fail, ownerOf } from '../private/validation';

/** Replication kinds that survive the loss of a zone or of the region. */
export const REDUNDANT_REPLICATION = ['ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'] as const;

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
   * Days a deleted blob or container can be recovered.
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
   * Public address ranges allowed through the firewall (operators downloading a dump, for example).
   * They do not apply to clients in the account's own Azure region: those need a subnet rule.
   * @default - none
   */
  readonly allowedIpRanges?: string[];
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
      if (!Token.isUnresolved(replication) && !(REDUNDANT_REPLICATION as readonly string[]).includes(replication)) {
        fail(owner, 'replication', replication, `is not zone- or geo-redundant (${REDUNDANT_REPLICATION.join(', ')})`);
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
      });
      // With storage_account_id the container is managed through Azure Resource Manager, which
      // the firewall does not apply to, so Terraform needs no data-plane access.
      this.container = new StorageContainer(this, 'Container', {
        name: props.containerName ?? 'postgresql-backups',
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
          filters: { blobTypes: ['blockBlob'], prefixMatch: [`${props.containerName ?? 'postgresql-backups'}/`] },
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
