import { nearestName } from '../private/edit-distance';
import { checkDnsSubdomain, checkSecretKey, fail } from '../private/validation';
import { definedTables } from './defined-tables';
import { DatabaseDefinition, DatabaseUser, TablePrivilege, UserKind } from './model';
import { identifierProblem, qualify, quoteQualified } from './quote';
import { databaseNameProblem, roleNameProblem, schemaNameProblem } from './reserved-names';

const KINDS: UserKind[] = ['app', 'readonly', 'admin', 'manager', 'monitoring', 'backup'];
/** Kinds of login that may own a database: those whose rights already include writing it. */
const OWNER_KINDS: readonly DatabaseUser['kind'][] = ['app', 'admin', 'manager'];
const PRIVILEGES: TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.sql$/;

/**
 * Checks databases and logins before any SQL is rendered: every name storable, kinds known,
 * no duplicates, owners and database lists that refer to something declared, and history only
 * on tables the schema files define.
 */
export function validateDefinitions(owner: string, superuser: string, databases: readonly DatabaseDefinition[], users: readonly DatabaseUser[]): void {
  const check = (problemOf: (value: string) => string | undefined) => (field: string, value: string) => {
    const problem = problemOf(value);
    if (problem) fail(owner, field, value, problem);
  };
  const checkRole = check(roleNameProblem);
  const checkSchema = check(schemaNameProblem);
  const checkDatabase = check(databaseNameProblem);
  const checkName = check(identifierProblem);
  const seenUsers = new Set<string>([superuser]);
  users.forEach((user, i) => {
    const at = `users[${i}]`;
    checkRole(`${at}.name`, user.name);
    if (seenUsers.has(user.name)) {
      fail(owner, `${at}.name`, user.name, user.name === superuser ? 'is the superuser, which the server already has' : 'is declared twice');
    }
    seenUsers.add(user.name);
    if (!KINDS.includes(user.kind)) fail(owner, `${at}.kind`, user.kind, `is not one of ${KINDS.join(', ')}`);
    checkDnsSubdomain(owner, `${at}.password.name`, user.password.name);
    checkSecretKey(owner, `${at}.password.key`, user.password.key);
    if (user.password.usernameKey !== undefined) checkSecretKey(owner, `${at}.password.usernameKey`, user.password.usernameKey);
    if (user.privileges !== undefined) {
      if (user.kind !== 'app') fail(owner, `${at}.privileges`, user.privileges, `can only narrow an 'app' login (this one is '${user.kind}')`);
      for (const p of user.privileges) if (!PRIVILEGES.includes(p)) fail(owner, `${at}.privileges`, p, `is not one of ${PRIVILEGES.join(', ')}`);
      if (user.privileges.length === 0) fail(owner, `${at}.privileges`, user.privileges, 'is empty');
    }
    for (const db of user.databases ?? []) {
      if (!databases.some((d) => d.name === db)) fail(owner, `${at}.databases`, db, 'is not a declared database');
    }
  });

  const seenDatabases = new Set<string>();
  const managerRoles = new Set<string>();
  databases.forEach((db, i) => {
    const at = `databases[${i}]`;
    checkDatabase(`${at}.name`, db.name);
    if (seenDatabases.has(db.name)) fail(owner, `${at}.name`, db.name, 'is declared twice');
    seenDatabases.add(db.name);
    if (!seenUsers.has(db.owner)) {
      const near = nearestName(db.owner, seenUsers);
      fail(owner, `${at}.owner`, db.owner, `is not a declared user (declare it in users, or use the superuser '${superuser}')${near ? `; did you mean '${near}'?` : ''}`);
    }
    const ownerLogin = users.find((u) => u.name === db.owner);
    if (ownerLogin && !OWNER_KINDS.includes(ownerLogin.kind)) {
      fail(owner, `${at}.owner`, db.owner, `is a '${ownerLogin.kind}' login, which may not own a database: the owner holds every right on it and its objects; make an ${OWNER_KINDS.map((k) => `'${k}'`).join(', ')} login the owner, and list '${db.name}' in the databases of '${db.owner}'`);
    }
    if (ownerLogin?.privileges !== undefined) {
      fail(owner, `${at}.owner`, db.owner, `is an 'app' login narrowed to ${ownerLogin.privileges.join(', ')}, but the owner holds every right on the database whatever its privileges say; give the database another owner, and list '${db.name}' in the databases of '${db.owner}'`);
    }
    for (const admin of users.filter((u) => u.kind === 'admin' && u.name !== db.owner && (u.databases ?? []).includes(db.name))) {
      if (db.owner === superuser) fail(owner, `${at}.owner`, db.owner, `is the superuser: admin '${admin.name}' would become a superuser through it; give the database its own owner`);
    }
    (db.schemas ?? []).forEach((s, j) => checkSchema(`${at}.schemas[${j}]`, s));
    const files = new Set<string>();
    (db.schemaFiles ?? []).forEach((file, j) => {
      if (!FILE_NAME.test(file.name) || file.name.length > 200) fail(owner, `${at}.schemaFiles[${j}].name`, file.name, "is not a file name (letters, digits, '.', '_' and '-', ending in .sql)");
      if (files.has(file.name)) fail(owner, `${at}.schemaFiles[${j}].name`, file.name, 'is declared twice');
      files.add(file.name);
    });
    if (db.history) {
      const role = db.history.managerRole ?? 'manager';
      checkRole(`${at}.history.managerRole`, role);
      if (seenUsers.has(role)) fail(owner, `${at}.history.managerRole`, role, 'is also a login; the manager role must be a NOLOGIN role of its own');
      managerRoles.add(role);
      const historyTable = qualify(db.history.historyTable ?? 'history_table');
      checkName(`${at}.history.historyTable`, historyTable.name);
      checkSchema(`${at}.history.historyTable`, historyTable.schema);
      const defined = (db.schemaFiles ?? []).flatMap((f) => definedTables(f.sql)).map(quoteQualified);
      db.history.tables.forEach((t, j) => {
        const table = qualify(t);
        checkName(`${at}.history.tables[${j}]`, table.name);
        checkSchema(`${at}.history.tables[${j}]`, table.schema);
        if (!defined.includes(quoteQualified(table))) {
          fail(owner, `${at}.history.tables[${j}]`, `${table.schema}.${table.name}`, `is not defined by a CREATE TABLE in the schema files of database '${db.name}'`);
        }
      });
      if (db.history.tables.length === 0) fail(owner, `${at}.history.tables`, [], 'is empty');
    }
  });

  // after the databases, so that a misspelt owner is named as such, not as a login left without one
  users.forEach((user, i) => {
    if (user.kind !== 'monitoring' && user.kind !== 'backup' && (user.databases ?? databases.filter((d) => d.owner === user.name)).length === 0) {
      fail(owner, `users[${i}].databases`, user.databases ?? [], `gives login '${user.name}' no database: list the databases it may use`);
    }
  });
  for (const manager of users.filter((u) => u.kind === 'manager')) {
    if (managerRoles.size === 0) fail(owner, `users[${users.indexOf(manager)}].kind`, 'manager', 'needs a database with history tracking, whose manager role it joins');
  }
}
