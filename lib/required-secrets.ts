import { IConstruct } from 'constructs';
import { SecretKeyContent } from './credentials';

const REQUIRED_SECRET = 'cdk8s-postgres:required-secret';

/** A Secret that manifests reference but never contain. */
export interface RequiredSecret {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the Secret. */
  readonly name: string;
  /** The keys and what each holds. */
  readonly keys: Record<string, SecretKeyContent>;
}

/**
 * Registry of the Secrets an environment needs. Constructs declare what they reference; the
 * secrets command (`npm run secrets -- <environment>`) and Terraform stacks create them.
 */
export class RequiredSecrets {
  /** Declares that workloads under `scope` read these keys of a Secret. */
  public static declare(scope: IConstruct, secret: RequiredSecret): void {
    scope.node.addMetadata(REQUIRED_SECRET, secret);
  }

  /** Every Secret declared under `root`, keys of the same Secret merged, sorted by namespace and name. */
  public static collect(root: IConstruct): RequiredSecret[] {
    const merged = new Map<string, RequiredSecret>();
    for (const c of root.node.findAll()) {
      for (const entry of c.node.metadata.filter((m) => m.type === REQUIRED_SECRET)) {
        const secret = entry.data as RequiredSecret;
        const id = `${secret.namespace}/${secret.name}`;
        const known = merged.get(id);
        merged.set(id, { ...secret, keys: { ...known?.keys, ...secret.keys } });
      }
    }
    return [...merged.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  }
}
