import { PostgresqlSpecPreparedDatabases } from '../imports/acid.zalan.do';
import { checkDnsLabel, fail, isDnsSubdomain } from '../private/validation';
import { databaseNameProblem, roleNameProblem, schemaNameProblem } from '../sql/reserved-names';
import { operatorCredentialSecretName, operatorDatabaseProblem } from './zalando-names';

/**
 * The operator's prepared databases, checked for what its SQL and its Secrets need (facts from
 * zalando/postgres-operator v2.0.1). It formats every name into SQL between double quotes and
 * escapes nothing: `CREATE SCHEMA IF NOT EXISTS "%s"`, `CREATE EXTENSION IF NOT EXISTS "%s" SCHEMA
 * "%s"`, `CREATE ROLE "%s"` (pkg/cluster/database.go:44-47, pkg/util/users/users.go:16), run as
 * the superuser. Database and schema names pass its `^[a-zA-Z_][a-zA-Z0-9_]*$` before their own
 * statements (database.go:397, 485), but extensions and their schemas pass nothing
 * (pkg/cluster/sync.go:1682-1712), and the roles it derives from database and schema names are
 * created before any check (pkg/cluster/cluster.go:1488-1545).
 */

/** A schema the operator prepares in every prepared database that lists none (cluster.go:1508-1510, sync.go:1620-1622). */
const DEFAULT_SCHEMAS: Record<string, { defaultRoles?: boolean; defaultUsers?: boolean }> = { data: { defaultRoles: true } };
const ROLES = ['_owner', '_reader', '_writer'];
const EXTENSION = /^[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** PostgreSQL keeps names to NAMEDATALEN - 1 bytes. */
const NAME_BYTES = 63;

/** The roles the operator makes for a prefix (`<db>` or `<db>_<schema>`), and whether they log in (the `_user` ones get a Secret). */
function derivedRoles(prefix: string, users: boolean): { name: string; login: boolean }[] {
  return ROLES.flatMap((suffix) => [{ name: `${prefix}${suffix}`, login: false }, ...(users ? [{ name: `${prefix}${suffix}_user`, login: true }] : [])]);
}

/** Fails unless every prepared database, schema, derived role and extension is one the operator creates as asked. */
export function checkPreparedDatabases(owner: string, cluster: string, prepared: Readonly<Record<string, PostgresqlSpecPreparedDatabases>>): void {
  for (const [database, spec] of Object.entries(prepared)) {
    const field = `preparedDatabases['${database}']`;
    const problem = databaseNameProblem(database) ?? operatorDatabaseProblem(database);
    if (problem) fail(owner, field, spec, `is keyed by '${database}', which ${problem}`);
    if (spec.secretNamespace !== undefined) checkDnsLabel(owner, `${field}.secretNamespace`, spec.secretNamespace);
    const schemas = spec.schemas && Object.keys(spec.schemas).length > 0 ? spec.schemas : DEFAULT_SCHEMAS;
    for (const schema of Object.keys(spec.schemas ?? {})) {
      const schemaProblem = schemaNameProblem(schema) ?? operatorDatabaseProblem(schema);
      if (schemaProblem) fail(owner, `${field}.schemas['${schema}']`, spec.schemas![schema], `is keyed by '${schema}', which ${schemaProblem}`);
    }
    const roles = [
      ...derivedRoles(database, spec.defaultUsers ?? false).map((role) => ({ role, at: field })),
      ...Object.entries(schemas).filter(([, s]) => s.defaultRoles ?? true)
        .flatMap(([schema, s]) => derivedRoles(`${database}_${schema}`, s.defaultUsers ?? false).map((role) => ({ role, at: `${field}.schemas['${schema}']` }))),
    ];
    for (const { role, at } of roles) {
      const roleProblem = roleNameProblem(role.name);
      if (roleProblem) fail(owner, at, role.name, `is a role the operator derives from the database and schema names, and it ${roleProblem}`);
      const secret = operatorCredentialSecretName(role.name, cluster);
      if (role.login && !isDnsSubdomain(secret)) {
        fail(owner, at, role.name, `is a login the operator derives from the names (defaultUsers), and its credential Secret '${secret}' is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.'), so the operator cannot create it: use lower case names that start with a letter`);
      }
    }
    for (const [extension, schema] of Object.entries(spec.extensions ?? {})) {
      if (!EXTENSION.test(extension) || Buffer.byteLength(extension) > NAME_BYTES) {
        fail(owner, `${field}.extensions key`, extension, `is not an extension name the operator can put into SQL (letters, digits, '_' and single '-' between them, at most ${NAME_BYTES} bytes): it runs CREATE EXTENSION IF NOT EXISTS "<name>" as the superuser without escaping it`);
      }
      if (!IDENTIFIER.test(schema) || Buffer.byteLength(schema) > NAME_BYTES) {
        fail(owner, `${field}.extensions['${extension}']`, schema, `is not a schema name the operator can put into SQL (letters, digits and '_', not starting with a digit, at most ${NAME_BYTES} bytes): it runs CREATE EXTENSION … SCHEMA "<schema>" as the superuser without escaping it`);
      }
    }
  }
}
