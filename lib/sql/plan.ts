import { ManagerRoleSql } from './manager-role-sql';
import { actsAsAnotherOwner, LoginOwnership, MONITORING_DATABASE, renderClusterSql } from './cluster-sql';
import { PasswordVariable } from './password-sql';
import { renderPasswordSql } from './password-sql';
import { quoteIdent } from './quote';
import { LOGIN_SECRET_VARIABLE_PREFIX } from '../private/rendered-names';
import { grantees as withTablePrivileges, LEDGER_RECORD_PROCEDURE, LEDGER_TABLE, renderDatabaseSetup, renderExistingObjectGrants, renderPublicSchema, usersOf } from './database-sql';
import { SecretKeyReference } from '../secrets/login';
import { DatabaseDefinition, DatabaseUser } from './model';

/**
 * How the Job applies a file: `autocommit` statement by statement (CREATE DATABASE cannot run in
 * a transaction), `transaction` as one transaction, both on every run (the files are
 * idempotent); `once` a schema file in one transaction, recorded in the ledger and skipped after;
 * `passwords` the password step, one transaction that needs the verifiers the Job computed.
 */
export type StepMode = 'autocommit' | 'transaction' | 'once' | 'passwords';

/** One file of the plan and the database it runs in. */
export interface SqlStep {
  readonly mode: StepMode;
  readonly database: string;
  /** Key of the file in the ConfigMap. */
  readonly file: string;
  /** Name the ledger records a schema file under (its own name, stable across plans). */
  readonly name: string;
  /** Login a schema file runs as, over a connection of its own: the database owner. */
  readonly role: string;
  /**
   * Environment variable holding that login's password, or `-` for the superuser the Job
   * connects as (PGUSER, PGPASSWORD).
   */
  readonly passwordVariable: string;
}

/** The password of a database owner, which its schema files run with. */
export interface OwnerPassword {
  /** The owner's login. */
  readonly role: string;
  /** Environment variable of the Job container holding the password. */
  readonly envVariable: string;
  /** The Secret key it is filled from. */
  readonly secret: SecretKeyReference;
}

/** Everything the schema Job applies, in order. */
export interface SqlPlan {
  /** File name → SQL text (the ConfigMap's data). */
  readonly files: Record<string, string>;
  /** The order, one step per file. */
  readonly steps: SqlStep[];
  /** Logins whose passwords the Job sets on the server. */
  readonly passwords: PasswordVariable[];
  /** Owners other than the superuser whose schema files the Job applies, and where their passwords are. */
  readonly owners: OwnerPassword[];
}

/** Name of the plan file the Job script reads (tab-separated: mode, database, file, ledger name, role, password variable). */
export const PLAN_FILE = 'plan.tsv';
/** Name of the file listing password variables (tab-separated: variable, Secret, key, login, verifier variable). */
export const PASSWORDS_FILE = 'passwords.tsv';
/** Name of the file listing the owners' password variables (tab-separated: variable, Secret, key, login). */
export const OWNERS_FILE = 'owners.tsv';
/** Query for the checksum a schema file was applied with (psql variable `file`). */
export const LEDGER_QUERY_FILE = 'ledger-query.sql';
/**
 * Applies a schema file as its owner and records it in the ledger, in one transaction (psql
 * variables `path`, `file` and `checksum`). psql reads the file into a variable and hands its text
 * to the server as one query (`\gexec`), so nothing in it is read as a psql meta-command (such as
 * `\!`, which runs a shell) or a psql variable: a schema file is SQL, not a psql script.
 */
export const APPLY_FILE = 'apply-schema-file.sql';

/** The password step's file, run after the logins exist. */
export const PASSWORD_STEP_FILE = '000-passwords.sql';

/**
 * Orders the work: logins and databases on the maintenance database, then the logins'
 * passwords (as verifiers, unlogged and untracked); then per database its
 * setup, its schema files (once each, as the owner), grants on what they created, and the
 * manager role with change history.
 */
export function buildSqlPlan(maintenanceDatabase: string, databases: readonly DatabaseDefinition[], users: readonly DatabaseUser[], logins: LoginOwnership = 'create', extensions: readonly string[] = []): SqlPlan {
  const passwords = logins === 'existing' ? [] : users.map((user, i) => ({
    user: user.name, psqlVariable: `verifier_${i + 1}`, envVariable: `${LOGIN_SECRET_VARIABLE_PREFIX}PASSWORD_${i + 1}`, verifierVariable: `${LOGIN_SECRET_VARIABLE_PREFIX}VERIFIER_${i + 1}`, secret: user.password,
  }));
  // Schema files run as their database's owner, over the owner's own connection: the Job needs
  // the password of every owner but the superuser it connects as.
  const owners: OwnerPassword[] = [...new Set(databases.filter((d) => d.schemaFiles?.length).map((d) => d.owner))]
    .flatMap((role) => {
      const user = users.find((u) => u.name === role);
      if (!user) return [];
      const created = passwords.find((p) => p.user === role);
      return [{ role, envVariable: created?.envVariable ?? `${LOGIN_SECRET_VARIABLE_PREFIX}OWNER_PASSWORD_${users.indexOf(user) + 1}`, secret: user.password }];
    });
  const managers = new Map(databases.filter((d) => d.history).map((d) => [d.name, new ManagerRoleSql(d.history!)]));
  const files: Record<string, string> = {};
  const steps: SqlStep[] = [];
  const add = (mode: StepMode, database: string, file: string, sql: string, name = file, role = '-') => {
    files[file] = sql;
    steps.push({ mode, database, file, name, role, passwordVariable: owners.find((o) => o.role === role)?.envVariable ?? '-' });
  };
  add('autocommit', maintenanceDatabase, '000-cluster.sql', renderClusterSql(databases, users, [...new Set([...managers.values()].map((m) => m.managerRole))], logins, maintenanceDatabase));
  if (passwords.length) add('passwords', maintenanceDatabase, PASSWORD_STEP_FILE, renderPasswordSql(passwords));
  const monitoringDatabaseDeclared = databases.some((d) => d.name === MONITORING_DATABASE);
  if (!monitoringDatabaseDeclared || extensions.length) {
    // Where monitoring logins connect: schema public as in a declared database, and the
    // extensions (pg_stat_statements there sees every database).
    add('transaction', MONITORING_DATABASE, '000-postgres.sql', [
      '-- Generated by cdk8s-postgres. Idempotent.',
      ...(monitoringDatabaseDeclared ? [] : [renderPublicSchema()]),
      ...extensions.map((e) => `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e)};`),
      '',
    ].join('\n'));
  }
  databases.forEach((db, i) => {
    const prefix = String(i + 1).padStart(3, '0');
    const dbUsers = usersOf(db, users, databases);
    // The owner holds every privilege already; grants name the other logins.
    const grantees = withTablePrivileges(dbUsers).filter((u) => u.name !== db.owner);
    const ownerLogin = users.find((u) => u.name === db.owner);
    add('transaction', db.name, `${prefix}-0-setup.sql`, renderDatabaseSetup(db, grantees, ownerLogin !== undefined && actsAsAnotherOwner(ownerLogin, databases)));
    for (const file of db.schemaFiles ?? []) {
      add('once', db.name, `${prefix}-1-${file.name}`, file.sql, file.name, db.owner);
    }
    add('transaction', db.name, `${prefix}-2-grants.sql`, renderExistingObjectGrants(db, grantees));
    const manager = managers.get(db.name);
    if (manager) add('transaction', db.name, `${prefix}-3-history.sql`, manager.render(db.owner, withTablePrivileges(dbUsers)));
  });
  return { files, steps, passwords, owners };
}

/**
 * The ConfigMap's data: the SQL files, the plan, the list of password variables and the two
 * ledger statements. Names and Secret keys only: the passwords stay in the Secrets.
 */
export function renderPlanFiles(plan: SqlPlan): Record<string, string> {
  return {
    ...plan.files,
    [PLAN_FILE]: plan.steps.map((s) => `${s.mode}\t${s.database}\t${s.file}\t${s.name}\t${s.role}\t${s.passwordVariable}\n`).join(''),
    [PASSWORDS_FILE]: plan.passwords.map((p) => `${p.envVariable}\t${p.secret.name}\t${p.secret.key}\t${p.user}\t${p.verifierVariable}\n`).join(''),
    [OWNERS_FILE]: plan.owners.map((o) => `${o.envVariable}\t${o.secret.name}\t${o.secret.key}\t${o.role}\n`).join(''),
    [LEDGER_QUERY_FILE]: `SELECT sha256 FROM ${LEDGER_TABLE} WHERE name = :'file';\n`,
    [APPLY_FILE]: [
      '-- Generated by cdk8s-postgres. Run as the database owner, in one transaction (psql --single-transaction).',
      '-- The file reaches the server as one query of its text: psql interprets nothing in it.',
      "\\set schema_file `base64 -w 0 :'path'`",
      "SELECT pg_catalog.convert_from(pg_catalog.decode(:'schema_file', 'base64'), 'UTF8') \\gexec",
      '\\unset schema_file',
      `CALL ${LEDGER_RECORD_PROCEDURE}(:'file', :'checksum');`,
      '',
    ].join('\n'),
  };
}
