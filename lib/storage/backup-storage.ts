import { KubePersistentVolumeClaim, Quantity } from '../private/k8s';
import { Construct } from 'constructs';
import { instance, object, optional, string } from '../checks/props-shape';
import { requireQuantity } from '../private/quantity';
import { checkDnsSubdomain, fail } from '../private/validation';
import { useClaim } from './data-claims';

/** Options for {@link BackupStorage.newClaim}. */
export interface NewBackupClaimOptions {
  /**
   * Name of the claim.
   * @default `<server>-backup`
   */
  readonly name?: string;
  /** Size, as a Kubernetes quantity. */
  readonly size: string;
  /**
   * StorageClass of the claim. Its reclaim policy decides whether the volume outlives the claim;
   * use a class with `reclaimPolicy: Retain` to keep backups past a deleted claim.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Runtime description of {@link NewBackupClaimOptions}. */
export const NEW_BACKUP_CLAIM_OPTIONS_SHAPE = object<NewBackupClaimOptions>({
  name: optional(string()),
  size: string(),
  storageClassName: optional(string()),
}, { name: 'NewBackupClaimOptions' });

/** Annotations that tell GitOps tools and Helm never to prune or delete a backup claim. */
export const KEEP_ANNOTATIONS: Record<string, string> = {
  'helm.sh/resource-policy': 'keep',
  'argocd.argoproj.io/sync-options': 'Delete=false,Prune=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

/** Where backups are written: a claim the construct creates, or one that exists already. */
export abstract class BackupStorage {
  /** A new ReadWriteOnce claim, annotated so that GitOps tools never prune it. */
  public static newClaim(options: NewBackupClaimOptions): BackupStorage {
    return new NewClaim(options);
  }

  /** A claim created elsewhere. */
  public static existingClaim(claimName: string): BackupStorage {
    return new ExistingClaim(claimName);
  }

  /** Name of the claim, given the server's base name. */
  public abstract claimName(serverName: string): string;

  /** Validates and creates what is needed under `scope`. */
  public abstract bind(scope: Construct, owner: string, serverName: string, namespace: string, labels: Record<string, string>): void;
}

class NewClaim extends BackupStorage {
  constructor(private readonly options: NewBackupClaimOptions) {
    super();
  }

  public claimName(serverName: string): string {
    return this.options.name ?? `${serverName}-backup`;
  }

  public bind(scope: Construct, owner: string, serverName: string, namespace: string, labels: Record<string, string>): void {
    NEW_BACKUP_CLAIM_OPTIONS_SHAPE.check(owner, 'storage', this.options);
    const name = this.claimName(serverName);
    checkDnsSubdomain(owner, 'storage.name', name);
    requireQuantity(owner, 'storage.size', this.options.size, 'storage');
    if (this.options.storageClassName !== undefined) checkDnsSubdomain(owner, 'storage.storageClassName', this.options.storageClassName);
    // Never a server's data claim (lib/storage/data-claims.ts).
    useClaim(scope, owner, 'storage.name', name, namespace, name, 'backup');
    new KubePersistentVolumeClaim(scope, 'Claim', {
      metadata: { name, namespace, labels, annotations: KEEP_ANNOTATIONS },
      spec: {
        accessModes: ['ReadWriteOnce'],
        ...(this.options.storageClassName ? { storageClassName: this.options.storageClassName } : {}),
        resources: { requests: { storage: Quantity.fromString(this.options.size) } },
      },
    });
  }
}

class ExistingClaim extends BackupStorage {
  constructor(private readonly name: string) {
    super();
  }

  public claimName(): string {
    return this.name;
  }

  public bind(scope: Construct, owner: string, _serverName: string, namespace: string): void {
    if (typeof this.name !== 'string') fail(owner, 'storage', this.name, "must be a claim name (BackupStorage.existingClaim('<claim>'))");
    checkDnsSubdomain(owner, 'storage', this.name);
    // Never a server's data claim: the backup pod would write into a running server's volume (lib/storage/data-claims.ts).
    useClaim(scope, owner, 'storage', this.name, namespace, this.name, 'backup');
  }
}

/** Runtime description of a {@link BackupStorage} value: made by its static methods, never a plain object. */
export const BACKUP_STORAGE_SHAPE = instance<BackupStorage>("BackupStorage (BackupStorage.newClaim({ size }) or BackupStorage.existingClaim('<claim>'))", (v) => v instanceof BackupStorage);
