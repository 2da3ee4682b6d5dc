import { Annotations, AzurermBackend, S3Backend, TerraformStack } from 'cdktf';
import { fail } from '../private/validation';

/** Oldest Terraform every stack accepts: write-only attributes (`data_wo`) arrived in 1.11, S3 lock files in 1.10. */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.11';

/** Pins `terraform.required_version` of a stack. */
export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
}

/** Where an Azure Storage backend keeps the state. */
export interface AzureStateProps {
  /** Storage account holding the state (shared keys may stay off: access is through Entra ID). */
  readonly storageAccountName: string;
  /**
   * Container of the state blobs.
   * @default 'tfstate'
   */
  readonly containerName?: string;
  /**
   * Resource group of the account.
   * @default - not needed with Entra ID authentication
   */
  readonly resourceGroupName?: string;
  /**
   * Subscription of the account.
   * @default - the signed-in one
   */
  readonly subscriptionId?: string;
  /**
   * Where in the container the states go: each stack's is `<keyPrefix>/<stack>.tfstate`.
   * @default 'cdk8s-postgres'
   */
  readonly keyPrefix?: string;
}

/** Where an S3 backend keeps the state. */
export interface S3StateProps {
  /** Bucket holding the state; enable versioning on it. */
  readonly bucket: string;
  /** Region of the bucket. */
  readonly region: string;
  /**
   * KMS key for server-side encryption.
   * @default - the bucket's default encryption (SSE-S3 or the bucket's key)
   */
  readonly kmsKeyId?: string;
  /**
   * Where in the bucket the states go: each stack's is `<keyPrefix>/<stack>.tfstate`.
   * @default 'cdk8s-postgres'
   */
  readonly keyPrefix?: string;
}

/**
 * Where a stack's Terraform state lives. Remote backends keep it encrypted at rest and locked
 * during a run; local state is for trying things only and says so at synth.
 */
export abstract class StateBackend {
  /**
   * Azure Blob storage, signed in with Entra ID (`use_azuread_auth`), locked by a blob lease,
   * encrypted at rest by Azure Storage.
   */
  public static azureStorage(props: AzureStateProps): StateBackend {
    return new AzureStateBackend(props);
  }

  /** Amazon S3 with server-side encryption (`encrypt`) and a lock file next to the state (`use_lockfile`, Terraform 1.10+). */
  public static s3(props: S3StateProps): StateBackend {
    return new S3StateBackend(props);
  }

  /** A file on this machine: unencrypted, unshared, and holding whatever the stack's state holds. */
  public static local(reason: string): StateBackend {
    return new LocalStateBackend(reason);
  }

  /** `azurerm`, `s3` or `local`. */
  public abstract readonly kind: 'azurerm' | 's3' | 'local';

  /** Configures the stack's backend; the state key is `<keyPrefix>/<stack>.tfstate` (`cdk8s-postgres/<stack>.tfstate` by default). */
  public abstract bind(stack: TerraformStack): void;
}

/** The stack's state key under `prefix`, which Terraform's backends take as a path: no empty part, no leading or trailing '/'. */
function stateKey(owner: string, stack: TerraformStack, prefix = 'cdk8s-postgres'): string {
  if (prefix === '' || prefix.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    fail(owner, 'keyPrefix', prefix, "is not a path of names joined by '/' (no empty part, '.' or '..', no leading or trailing '/'), e.g. 'teams/payments'");
  }
  return `${prefix}/${stack.node.id}.tfstate`;
}

class AzureStateBackend extends StateBackend {
  public readonly kind = 'azurerm';
  constructor(private readonly props: AzureStateProps) {
    super();
  }

  public bind(stack: TerraformStack): void {
    new AzurermBackend(stack, {
      storageAccountName: this.props.storageAccountName,
      containerName: this.props.containerName ?? 'tfstate',
      key: stateKey('StateBackend.azureStorage', stack, this.props.keyPrefix),
      useAzureadAuth: true,
      ...(this.props.resourceGroupName ? { resourceGroupName: this.props.resourceGroupName } : {}),
      ...(this.props.subscriptionId ? { subscriptionId: this.props.subscriptionId } : {}),
    });
  }
}

class S3StateBackend extends StateBackend {
  public readonly kind = 's3';
  constructor(private readonly props: S3StateProps) {
    super();
  }

  public bind(stack: TerraformStack): void {
    new S3Backend(stack, {
      bucket: this.props.bucket,
      key: stateKey('StateBackend.s3', stack, this.props.keyPrefix),
      region: this.props.region,
      encrypt: true,
      ...(this.props.kmsKeyId ? { kmsKeyId: this.props.kmsKeyId } : {}),
    });
    // cdktf 0.21's S3Backend predates use_lockfile.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}

class LocalStateBackend extends StateBackend {
  public readonly kind = 'local';
  constructor(private readonly reason: string) {
    super();
  }

  public bind(stack: TerraformStack): void {
    Annotations.of(stack).addWarning(`Terraform state of stack '${stack.node.id}' is LOCAL (${this.reason}): unencrypted, unlocked and unshared, for trying things only. See docs/terraform.md, "Terraform state".`);
  }
}
