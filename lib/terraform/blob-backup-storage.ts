import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Construct } from 'constructs';

/** Properties of {@link BlobBackupStorage}. */
export interface BlobBackupStorageProps {
  /** Storage account name: 3 to 24 lower-case letters and digits, unique in Azure. */
  readonly accountName: string;
  readonly resourceGroupName: string;
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
}

/**
 * Azure Blob storage for database dumps (seed 004 §7.1): a StorageV2 account reachable only over
 * HTTPS with TLS 1.2, no public blobs, soft delete for blobs and containers, and a private container.
 */
export class BlobBackupStorage extends Construct {
  public readonly account: StorageAccount;
  public readonly container: StorageContainer;

  constructor(scope: Construct, id: string, props: BlobBackupStorageProps) {
    super(scope, id);
    const days = props.softDeleteDays ?? 7;
    this.account = new StorageAccount(this, 'Account', {
      name: props.accountName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: 'LRS',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days },
        containerDeleteRetentionPolicy: { days },
      },
      tags: { 'managed-by': 'cdk8s-postgres' },
    });
    this.container = new StorageContainer(this, 'Container', {
      name: props.containerName ?? 'postgresql-backups',
      storageAccountId: this.account.id,
      containerAccessType: 'private',
    });
  }
}
