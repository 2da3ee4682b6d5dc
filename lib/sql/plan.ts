import { ManagerRoleSql } from '../manager-role-sql';
import { LoginOwnership, PasswordVariable, renderClusterSql } from './cluster-sql';
import { quoteIdent } from './quote';
import { grantees as withTablePrivileges, LEDGER_TABLE, renderDatabaseSetup, renderExistingObjectGrants, usersOf } from './database-sql';
import { DatabaseDefinition, DatabaseUser } from './model';

/**
 * How the Job applies a file: `autocommit` statement by statement (CREATE DATABASE cannot run in
 * a transaction), `transaction` as one transaction, both on every run (the files are
 * idempotent); `once` a schema file in one transaction, recorded in the ledger and skipped after.
 */
export type StepMode = 'autocommit' | 'transaction' | 'once';

/** One file of the plan and the database it runs in. */
export interface SqlStep {
  readonly mode: StepMode;
  readonly database: string;
  /** Key of the file in the ConfigMap. */
  readonly file: string;
  /** Name the ledger records a schema file under (its own name, stable across plans). */
  readonly name: string;
  /** Role a schema file runs as: the database owner. */
  readonly role: string;
}

/** Everything the schema Job applies, in order. */
export interface SqlPlan {
  /** File name → SQL text (the ConfigMap's data). */
  readonly files: Record<string, string>;
  /** The order, one step per file. */
  readonly steps: SqlStep[];
  /** Logins whose passwords the Job reads from Secrets. */
  readonly passwords: PasswordVariable[];
}

/** Name of the plan file the Job script reads (tab-separated: mode, database, file, ledger name, role). */
export const PLAN_FILE = 'plan.tsv';
/** Name of the file listing password variables (tab-separated: variable, Secret, key, login). */
export const PASSWORDS_FILE = 'passwords.tsv';
/** Query for the checksum a schema file was applied with (psql variable `file`). */
export const LEDGER_QUERY_FILE = 'ledger-query.sql';
/** Records an applied schema file (psql variables `file` and `checksum`). */
export const LEDGER_RECORD_FILE = 'ledger-record.sql';
/** Switches to the role a schema file runs as (psql variable `role`). */
export const SET_ROLE_FILE = 'set-role.sql';

/**
 * Orders the work: logins and databases on the maintenance database; then per database its
 * setup, its schema files (once each, as the owner), grants on what they created, and the
 * manager role with change history.
 */
export function buildSqlPlan(maintenanceDatabase: string, databases: readonly DatabaseDefinition[], users: readonly DatabaseUser[], logins: LoginOwnership = 'create', extensions: readonly string[] = []): SqlPlan {
  const passwords = logins === 'existing' ? [] : users.map((user, i) => ({ user: user.name, psqlVariable: `password_${i + 1}`, envVariable: `CDK8S_PG_PASSWORD_${i + 1}`, secret: user.password }));
  const managers = new Map(databases.filter((d) => d.history).map((d) => [d.name, new ManagerRoleSql(d.history!)]));
  const files: Record<string, string> = {};
  const steps: SqlStep[] = [];
  const add = (mode: StepMode, database: string, file: string, sql: string, name = file, role = '-') => {
    files[file] = sql;
    steps.push({ mode, database, file, name, role });
  };
  add('autocommit', maintenanceDatabase, '000-cluster.sql', renderClusterSql(databases, users, passwords, [...new Set([...managers.values()].map((m) => m.managerRole))], logins));
  if (extensions.length) {
    // In the database monitoring tools connect to; pg_stat_statements then sees every database.
    add('transaction', 'postgres', '000-extensions.sql', extensions.map((e) => `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e)};\n`).join(''));
  }
  databases.forEach((db, i) => {
    const prefix = String(i + 1).padStart(3, '0');
    const dbUsers = usersOf(db, users, databases);
    // The owner holds every privilege already; grants name the other logins.
    const grantees = withTablePrivileges(dbUsers).filter((u) => u.name !== db.owner);
    add('transaction', db.name, `${prefix}-0-setup.sql`, renderDatabaseSetup(db, grantees));
    for (const file of db.schemaFiles ?? []) {
      add('once', db.name, `${prefix}-1-${file.name}`, file.sql, file.name, db.owner);
    }
    add('transaction', db.name, `${prefix}-2-grants.sql`, renderExistingObjectGrants(db, grantees));
    const manager = managers.get(db.name);
    if (manager) add('transaction', db.name, `${prefix}-3-history.sql`, manager.render(db.owner, withTablePrivileges(dbUsers)));
  });
  return { files, steps, passwords };
}

/**
 * The ConfigMap's data: the SQL files, the plan, the list of password variables and the two
 * ledger statements. Names and Secret keys only: the passwords stay in the Secrets.
 */
export function renderPlanFiles(plan: SqlPlan): Record<string, string> {
  return {
    ...plan.files,
    [PLAN_FILE]: plan.steps.map((s) => `${s.mode}\t${s.database}\t${s.file}\t${s.name}\t${s.role}\n`).join(''),
    [PASSWORDS_FILE]: plan.passwords.map((p) => `${p.envVariable}\t${p.secret.name}\t${p.secret.key}\t${p.user}\n`).join(''),
    [LEDGER_QUERY_FILE]: `SELECT sha256 FROM ${LEDGER_TABLE} WHERE name = :'file';\n`,
    [LEDGER_RECORD_FILE]: `RESET ROLE;\nINSERT INTO ${LEDGER_TABLE} (name, sha256) VALUES (:'file', :'checksum');\n`,
    [SET_ROLE_FILE]: `SET ROLE :"role";\n`,
  };
}
