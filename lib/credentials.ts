import { EnvVar } from 'cdk8s-plus-27/lib/imports/k8s';
import { checkDnsSubdomain, checkSecretKey } from './validation';

/** Options for {@link Credentials.fromSecret}. */
export interface SecretCredentialsOptions {
  /**
   * Key of the Secret that holds the password.
   * @default 'password'
   */
  readonly passwordKey?: string;
  /**
   * The login name.
   * @default 'postgres'
   */
  readonly username?: string;
  /**
   * Key of the Secret that also holds the login name, for deployments whose applications read
   * both from one Secret (seed 004). The secrets command writes `username` under this key.
   * @default - the login name is written into manifests as a plain value
   */
  readonly usernameKey?: string;
}

/**
 * A login whose password lives in a Kubernetes Secret. Manifests reference the Secret by name;
 * the password itself never passes through the library.
 */
export class Credentials {
  /** A login whose password is key `passwordKey` of Secret `secretName`. */
  public static fromSecret(secretName: string, options: SecretCredentialsOptions = {}): Credentials {
    return new Credentials(secretName, options.passwordKey ?? 'password', options.username ?? 'postgres', options.usernameKey);
  }

  private constructor(
    /** Name of the Secret, in the namespace of the workload that uses it. */
    public readonly secretName: string,
    /** Key of the password in the Secret. */
    public readonly passwordKey: string,
    /** The login name. */
    public readonly username: string,
    /** Key of the login name in the Secret, when the Secret carries it. */
    public readonly usernameKey?: string,
  ) {}

  /** Fails with a clear message when the Secret name or a key is malformed. */
  public validate(owner: string, field: string): void {
    checkDnsSubdomain(owner, `${field}.secretName`, this.secretName);
    checkSecretKey(owner, `${field}.passwordKey`, this.passwordKey);
    if (this.usernameKey !== undefined) checkSecretKey(owner, `${field}.usernameKey`, this.usernameKey);
  }

  /** An environment variable carrying the login name (from the Secret when it has it). */
  public usernameEnv(name: string): EnvVar {
    return this.usernameKey === undefined
      ? { name, value: this.username }
      : { name, valueFrom: { secretKeyRef: { name: this.secretName, key: this.usernameKey } } };
  }

  /** An environment variable carrying the password, always by reference. */
  public passwordEnv(name: string): EnvVar {
    return { name, valueFrom: { secretKeyRef: { name: this.secretName, key: this.passwordKey } } };
  }

  /** The keys the Secret must hold, for the secrets command. */
  public secretKeys(): Record<string, SecretKeyContent> {
    const keys: Record<string, SecretKeyContent> = { [this.passwordKey]: { generate: 'password' } };
    if (this.usernameKey !== undefined) keys[this.usernameKey] = { value: this.username };
    return keys;
  }
}

/** What a Secret key must hold: a generated password or a known, non-secret value. */
export type SecretKeyContent = { readonly generate: 'password' } | { readonly value: string };
