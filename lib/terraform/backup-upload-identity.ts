import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkServiceAccountName } from '../jobs/backup/blob-upload';
import { checkDnsLabel, ownerOf } from '../private/validation';

/** Properties of {@link BackupUploadIdentity}. */
export interface BackupUploadIdentityProps {
  /** Name of the managed identity. */
  readonly name: string;
  /** Resource group the resources are created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `koreacentral`. */
  readonly location: string;
  /** The cluster's OIDC issuer URL (AKS `oidc_issuer_url`, with the OIDC issuer enabled). */
  readonly oidcIssuerUrl: string;
  /** Namespace of the backup pods' ServiceAccount. */
  readonly namespace: string;
  /** The backup pods' ServiceAccount (BackupCronJob.serviceAccount); never `default`, which every pod of the namespace runs as. */
  readonly serviceAccountName: string;
  /** Resource ID of the storage account the dumps go to. */
  readonly storageAccountId: string;
  /** The blob container in it. */
  readonly containerName: string;
}

/** The audience AKS workload identity tokens carry for Microsoft Entra ID. */
export const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * The identity the backup upload runs as, with no key anywhere: a user-assigned managed identity
 * that trusts exactly one Kubernetes ServiceAccount of the cluster (a federated identity
 * credential on the cluster's OIDC issuer), and may read and write blobs in the backup container
 * only ("Storage Blob Data Contributor" scoped to that container, not the account).
 */
export class BackupUploadIdentity extends Construct {
  /** The user-assigned managed identity. */
  public readonly identity: UserAssignedIdentity;
  /** The federated identity credential that trusts the ServiceAccount's tokens. */
  public readonly credential: FederatedIdentityCredential;
  /** "Storage Blob Data Contributor" on the backup container. */
  public readonly roleAssignment: RoleAssignment;
  /** The client ID the ServiceAccount's `azure.workload.identity/client-id` annotation names. */
  public readonly clientId: string;

  constructor(scope: Construct, id: string, props: BackupUploadIdentityProps) {
    super(scope, id);
    try {
      const owner = ownerOf(this, 'BackupUploadIdentity');
      // The credential trusts exactly this account: the namespace's default one would let every pod in.
      if (!Token.isUnresolved(props.namespace)) checkDnsLabel(owner, 'namespace', props.namespace);
      if (!Token.isUnresolved(props.serviceAccountName)) checkServiceAccountName(owner, 'serviceAccountName', props.serviceAccountName);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
    this.identity = new UserAssignedIdentity(this, 'Identity', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: { 'managed-by': 'cdk8s-postgres' },
    });
    this.credential = new FederatedIdentityCredential(this, 'Credential', {
      name: `${props.namespace}-${props.serviceAccountName}`,
      resourceGroupName: props.resourceGroupName,
      parentId: this.identity.id,
      issuer: props.oidcIssuerUrl,
      subject: `system:serviceaccount:${props.namespace}:${props.serviceAccountName}`,
      audience: [WORKLOAD_IDENTITY_AUDIENCE],
    });
    this.roleAssignment = new RoleAssignment(this, 'BlobWriter', {
      scope: `${props.storageAccountId}/blobServices/default/containers/${props.containerName}`,
      roleDefinitionName: 'Storage Blob Data Contributor',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
    this.clientId = this.identity.clientId;
  }
}
