import { EnvVar } from 'cdk8s-plus-27/lib/imports/k8s';
import { instance, object, optional, string } from '../checks/props-shape';
import { checkDnsSubdomain, checkSecretKey, fail } from '../private/validation';

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
   * both from one Secret (e.g. keys `username` and `password`). The secrets command writes `username` under this key.
   * @default - the login name is written into manifests as a plain value
   */
  readonly usernameKey?: string;
}

/** Runtime description of {@link SecretCredentialsOptions}. */
export const SECRET_CREDENTIALS_OPTIONS_SHAPE = object<SecretCredentialsOptions>({
  passwordKey: optional(string()),
  username: optional(string()),
  usernameKey: optional(string()),
}, { name: 'SecretCredentialsOptions' });

/**
 * A login whose password lives in a Kubernetes Secret. Manifests reference the Secret by name;
 * the password itself never passes through the library.
 */
export class Credentials {
  /** A login whose password is key `passwordKey` of Secret `secretName`. */
  public static fromSecret(secretName: string, options: SecretCredentialsOptions = {}): Credentials {
    // JavaScript callers may pass anything; it is kept and checked by validate(), which can name the construct.
    const given: unknown = options;
    const o: SecretCredentialsOptions = given !== null && typeof given === 'object' ? options : {};
    const credentials = new Credentials(secretName, o.passwordKey ?? 'password', o.username ?? 'postgres', o.usernameKey);
    credentials.optionsGiven = given;
    return credentials;
  }

  /** The options as given to fromSecret, checked by validate(). */
  private optionsGiven: unknown = {};

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
    // Credentials.fromSecret takes its arguments unchecked (it has no owner to name); JavaScript callers can pass anything.
    if (typeof this.secretName !== 'string') fail(owner, `${field}.secretName`, this.secretName, 'must be a string (Credentials.fromSecret(secretName, options))');
    const optionsAreObject = this.optionsGiven !== null && typeof this.optionsGiven === 'object';
    SECRET_CREDENTIALS_OPTIONS_SHAPE.check(owner, optionsAreObject ? field : `${field} options`, this.optionsGiven);
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
export type SecretKeyContent = {
  /** A password the secrets command generates. */
  readonly generate: 'password';
} | {
  /** A known, non-secret value, written as is. */
  readonly value: string;
};

/** Runtime description of a {@link Credentials} value: made by `Credentials.fromSecret`, never a plain object. */
export const CREDENTIALS_SHAPE = instance<Credentials>("Credentials (Credentials.fromSecret('<secret>', { username }))", (v) => v instanceof Credentials);
