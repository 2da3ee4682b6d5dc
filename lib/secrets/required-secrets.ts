import { IConstruct } from 'constructs';
import { SecretKeyContent } from './credentials';
import { collectDeclarations } from '../environment/declared-metadata';

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
    return collectDeclarations<RequiredSecret>(root, REQUIRED_SECRET, (known, next) => ({ ...next, keys: { ...known?.keys, ...next.keys } }));
  }

}
