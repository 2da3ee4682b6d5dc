import { array, boolean, object, oneOf, optional, string, union } from '../checks/props-shape';
import { QUALIFIED_NAME_SHAPE, QualifiedName } from './quote';
import { SECRET_KEY_REFERENCE_SHAPE, SecretKeyReference } from '../secrets/login';

/** What a login may do. */
export type UserKind = 'app' | 'readonly' | 'admin' | 'manager' | 'monitoring' | 'backup';

/** Table privileges an `app` login can be narrowed to. */
export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/** A login on the server. */
export interface DatabaseUser {
  /** Login name. */
  readonly name: string;
  /**
   * What it may do in its databases: `app` reads and writes rows (and may create temporary
   * tables), `readonly` reads (no temporary tables), `admin` has every privilege and acts as the
   * database owner, `manager` may also change tracked tables, `monitoring` reads statistics
   * (member of pg_monitor) and no table data, `backup` reads everything a dump needs (member of
   * pg_read_all_data, with BYPASSRLS so row security never hides rows from a dump) and writes
   * nothing. No login may create objects in a schema it was not given, `public` included, or
   * connect to a database it was not given, on every major.
   */
  readonly kind: UserKind;
  /** Secret key holding its password. */
  readonly password: SecretKeyReference;
  /**
   * Databases it may connect to.
   * @default - the databases it owns (a `monitoring` login connects to database `postgres`, a
   * `backup` login to every database that accepts connections when the schema Job runs)
   */
  readonly databases?: string[];
  /**
   * Table privileges of an `app` login.
   * @default ['SELECT', 'INSERT', 'UPDATE', 'DELETE']
   */
  readonly privileges?: TablePrivilege[];
}

/** Runtime description of {@link DatabaseUser}. */
export const DATABASE_USER_SHAPE = object<DatabaseUser>({
  name: string(),
  kind: oneOf('app', 'readonly', 'admin', 'manager', 'monitoring', 'backup'),
  password: SECRET_KEY_REFERENCE_SHAPE,
  databases: optional(array(string())),
  privileges: optional(array(oneOf('SELECT', 'INSERT', 'UPDATE', 'DELETE'))),
}, { name: 'DatabaseUser' });

/**
 * A SQL file applied once to a database, in the order given, in one transaction, as the database
 * owner: over the owner's own connection, so it has the owner's rights and no more (no superuser
 * session to return to). It is SQL, not a psql script: its text reaches the server as one query,
 * so psql meta-commands (`\i`, `\!`, `COPY … FROM STDIN` data) and psql variables (`:name`) are
 * not available; the server refuses them as syntax errors.
 */
export interface SchemaFile {
  /** File name; letters, digits, '.', '_' and '-', ending in '.sql'. */
  readonly name: string;
  /** The SQL. */
  readonly sql: string;
}

/** Runtime description of {@link SchemaFile}. */
export const SCHEMA_FILE_SHAPE = object<SchemaFile>({ name: string(), sql: string() }, { name: 'SchemaFile' });

/** Change history of a database's tables, and the manager role that owns them (see {@link ManagerRoleSql}). */
export interface HistoryTracking {
  /** Tables whose INSERT, UPDATE and DELETE are recorded ('table' or 'schema.table'). */
  readonly tables: (string | QualifiedName)[];
  /**
   * NOLOGIN role that owns the tracked tables and the history; only its members may ALTER or DROP them.
   * @default 'manager'
   */
  readonly managerRole?: string;
  /**
   * History table ('table' or 'schema.table').
   * @default 'history_table'
   */
  readonly historyTable?: string | QualifiedName;
  /**
   * Fail closed: a write whose history cannot be recorded fails. The default (fail open) lets
   * the write through and raises a NOTICE, so a broken history never stops the application.
   * @default false
   */
  readonly strict?: boolean;
}

/** Runtime description of {@link HistoryTracking}. */
export const HISTORY_TRACKING_SHAPE = object<HistoryTracking>({
  tables: array(union(string(), QUALIFIED_NAME_SHAPE)),
  managerRole: optional(string()),
  historyTable: optional(union(string(), QUALIFIED_NAME_SHAPE)),
  strict: optional(boolean()),
}, { name: 'HistoryTracking' });

/** A database, its owner, schemas, schema files and history tracking. */
export interface DatabaseDefinition {
  /** Database name. */
  readonly name: string;
  /** Login that owns the database: the superuser or a declared user. */
  readonly owner: string;
  /**
   * Schemas the logins get privileges on; created (owned by the owner) when missing.
   * @default ['public']
   */
  readonly schemas?: string[];
  /**
   * SQL files applied once each, in order, as the owner over its own connection (see {@link SchemaFile}).
   * The owner must be the superuser or a declared login whose password the Job can read.
   * @default - none
   */
  readonly schemaFiles?: SchemaFile[];
  /**
   * Change history and manager role for some of its tables.
   * @default - none
   */
  readonly history?: HistoryTracking;
}

/** Runtime description of {@link DatabaseDefinition}. */
export const DATABASE_DEFINITION_SHAPE = object<DatabaseDefinition>({
  name: string(),
  owner: string(),
  schemas: optional(array(string())),
  schemaFiles: optional(array(SCHEMA_FILE_SHAPE)),
  history: optional(HISTORY_TRACKING_SHAPE),
}, { name: 'DatabaseDefinition' });
