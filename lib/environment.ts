import { PostgresStatefulSetProps } from './postgres-stateful-set';
import { VolumeSnapshotClassProps } from './volume-snapshot-class';

/** A key of a Secret, by name. */
export interface SecretKeyReference {
  /** Secret name, in the namespace of the server. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
}

/** The superuser of a server, as plain data. */
export interface SuperuserDescription {
  /** Secret holding the password. */
  readonly secretName: string;
  /**
   * Key of the password.
   * @default 'password'
   */
  readonly passwordKey?: string;
  /**
   * Login name.
   * @default 'postgres'
   */
  readonly username?: string;
  /**
   * Key of the login name, when the Secret also carries it.
   * @default - none
   */
  readonly usernameKey?: string;
}

/** A login the environment needs on a server. */
export interface DatabaseUserDescription {
  /** Login name. */
  readonly name: string;
  /** Where its password lives. */
  readonly password: SecretKeyReference;
}

/** A database and the login that owns it. */
export interface DatabaseDescription {
  /** Database name. */
  readonly name: string;
  /** Login that owns the database. */
  readonly owner: string;
}

/** One PostgreSQL server of an environment, independent of the backend that runs it. */
export interface DatabaseServerDescription {
  /** Construct id, unique within the environment. */
  readonly id: string;
  /** Namespace of the server and its objects. */
  readonly namespace: string;
  /** The superuser. */
  readonly superuser: SuperuserDescription;
  /**
   * Databases and their owners.
   * @default - only the database the image creates
   */
  readonly databases?: DatabaseDescription[];
  /**
   * Logins besides the superuser.
   * @default - none
   */
  readonly users?: DatabaseUserDescription[];
  /** How the StatefulSet backend runs it (names, sizes, tuning). */
  readonly statefulSet: Omit<PostgresStatefulSetProps, 'namespace' | 'superuser'>;
}

/** Everything one environment deploys, as plain data. */
export interface EnvironmentDescription {
  /** Environment name; also the name of its manifest file, `dist/<name>.k8s.yaml`. */
  readonly name: string;
  /** One line on what it deploys and where. */
  readonly summary: string;
  /**
   * Declares the environment disposable: durability switches may be turned off and data may be thrown away.
   * @default false
   */
  readonly disposable?: boolean;
  /** The servers. */
  readonly servers: DatabaseServerDescription[];
  /**
   * VolumeSnapshotClasses the environment's storage needs.
   * @default - none
   */
  readonly volumeSnapshotClasses?: (VolumeSnapshotClassProps & { readonly id: string })[];
}
