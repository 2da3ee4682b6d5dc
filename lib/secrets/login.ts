import { object, optional, string } from '../checks/props-shape';

/**
 * A key of a Kubernetes Secret, in the namespace of whatever reads it: the one way the library
 * names where a password lives. Manifests reference it by name; the value never passes through
 * the library.
 */
export interface SecretKeyReference {
  /** Secret name, in the namespace of the server. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
  /**
   * Key of the same Secret that also carries the login name, for applications that read both
   * from one Secret; the secrets command fills it in.
   * @default - the Secret holds only the password
   */
  readonly usernameKey?: string;
}

/** Runtime description of {@link SecretKeyReference}. */
export const SECRET_KEY_REFERENCE_SHAPE = object<SecretKeyReference>({
  name: string(),
  key: string(),
  usernameKey: optional(string()),
}, { name: 'SecretKeyReference' });

/** A PostgreSQL login and the Secret key holding its password: the superuser, the exporter's login, the backup login. */
export interface Login {
  /** Login (role) name. */
  readonly name: string;
  /** Where its password lives. */
  readonly password: SecretKeyReference;
}

/** Runtime description of {@link Login}. */
export const LOGIN_SHAPE = object<Login>({ name: string(), password: SECRET_KEY_REFERENCE_SHAPE }, { name: 'Login' });
