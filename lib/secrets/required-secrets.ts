import { IConstruct } from 'constructs';
import { collectDeclarations } from '../core/declared-metadata';
import { ValidationError } from '../diagnostics/validation-error';
import { Login } from './login';

const REQUIRED_SECRET = 'cdk8s-postgres:required-secret';

/** What a Secret key must hold: a generated password or a known, non-secret value. */
export type SecretKeyContent = {
  /** A password the secrets command generates. */
  readonly generate: 'password';
} | {
  /** A known, non-secret value, written as is. */
  readonly value: string;
};

/** A Secret that manifests reference but never contain. */
export interface RequiredSecret {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the Secret. */
  readonly name: string;
  /** The keys and what each holds. */
  readonly keys: Record<string, SecretKeyContent>;
  /**
   * The Secret's type, where its reader needs one: CloudNativePG reads a login's password from a
   * `kubernetes.io/basic-auth` Secret (keys `username` and `password`).
   * @default 'Opaque'
   */
  readonly type?: 'Opaque' | 'kubernetes.io/basic-auth';
  /**
   * Labels its reader watches, besides the library's own (`cnpg.io/reload: 'true'` makes
   * CloudNativePG apply a changed password at once).
   * @default - the library's label only
   */
  readonly labels?: Record<string, string>;
}

/**
 * Registry of the Secrets an environment needs. Constructs declare what they reference; the
 * secrets commands (`npx cdk8s-postgres secrets`, `npm run secrets -- <environment>` in this
 * repository) and Terraform stacks create them.
 */
export class RequiredSecrets {
  /** Declares that workloads under `scope` read these keys of a Secret. */
  public static declare(scope: IConstruct, secret: RequiredSecret): void {
    scope.node.addMetadata(REQUIRED_SECRET, secret);
  }

  /** Declares the Secret of a login: a generated password, and the login name where the Secret also carries it. */
  public static declareLogin(scope: IConstruct, namespace: string, login: Login): void {
    const keys: Record<string, SecretKeyContent> = { [login.password.key]: { generate: 'password' } };
    if (login.password.usernameKey !== undefined) keys[login.password.usernameKey] = { value: login.name };
    RequiredSecrets.declare(scope, { namespace, name: login.password.name, keys });
  }

  /**
   * Every Secret declared under `root`, the declarations of one Secret merged, sorted by
   * namespace and name. Throws a ValidationError when two declarations of one Secret disagree: a
   * key with two different known values, or two types.
   */
  public static collect(root: IConstruct): RequiredSecret[] {
    return collectDeclarations<RequiredSecret>(root, REQUIRED_SECRET, mergeRequiredSecrets);
  }
}

/**
 * Two declarations of one Secret as one: their keys, types and labels together. A key both give
 * a different known value, or two different types, cannot both hold (a CloudNativePG login's
 * Secret carries one login's name): that is a ValidationError naming the Secret.
 */
export function mergeRequiredSecrets(known: RequiredSecret | undefined, next: RequiredSecret): RequiredSecret {
  if (!known) return next;
  const where = `Secret '${next.namespace}/${next.name}'`;
  for (const [key, content] of Object.entries(next.keys)) {
    const before = known.keys[key];
    if (before && JSON.stringify(before) !== JSON.stringify(content)) {
      throw new ValidationError(`${where}: key '${key}' is declared as ${describe(before)} and as ${describe(content)}; give one of them a Secret of its own`);
    }
  }
  if (known.type && next.type && known.type !== next.type) throw new ValidationError(`${where} is declared of type ${known.type} and of type ${next.type}; give one of them a Secret of its own`);
  const type = next.type ?? known.type;
  const labels = known.labels || next.labels ? { ...known.labels, ...next.labels } : undefined;
  return { ...next, keys: { ...known.keys, ...next.keys }, ...(type ? { type } : {}), ...(labels ? { labels } : {}) };
}

function describe(content: SecretKeyContent): string {
  return 'value' in content ? `the value ${JSON.stringify(content.value)}` : 'a generated password';
}
