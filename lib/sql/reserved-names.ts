import { LEDGER_SCHEMA } from './database-sql';
import { identifierProblem } from './quote';

/**
 * Names PostgreSQL refuses, or accepts only to do something else than asked. Each function
 * returns the problem (with the fix) or undefined; every name first passes identifierProblem.
 */

/** Roles: `pg_` is reserved (CREATE ROLE refuses it), so are `public` and `none`; the keywords for the current login are a trap. */
export function roleNameProblem(name: string): string | undefined {
  const problem = identifierProblem(name);
  if (problem) return problem;
  if (name.startsWith('pg_')) return "starts with 'pg_', which PostgreSQL reserves for its own roles (CREATE ROLE refuses it): choose another name";
  if (name === 'public' || name === 'none') return 'is a role name PostgreSQL reserves (CREATE ROLE refuses it): choose another name';
  if (['current_user', 'session_user', 'current_role'].includes(name)) {
    return `is the SQL keyword for the current login: written unquoted, as in GRANT … TO ${name}, it means whoever runs the statement; choose another name`;
  }
  return undefined;
}

/** Schemas: `pg_` is reserved for system schemas, information_schema is the catalog's, and the schema Job keeps its ledger in its own. */
export function schemaNameProblem(name: string): string | undefined {
  const problem = identifierProblem(name);
  if (problem) return problem;
  if (name.startsWith('pg_')) return "starts with 'pg_', which PostgreSQL reserves for system schemas (CREATE SCHEMA refuses it): choose another name";
  if (name === 'information_schema') return "is the SQL-standard catalog PostgreSQL keeps itself: grants or tables there change every login's view of the catalog; choose another schema";
  if (name === LEDGER_SCHEMA) return 'is the schema where the schema Job records the files it applied: choose another schema';
  return undefined;
}

/** Databases a login, a backup or a restore may target: not the templates new databases are made from. */
export function databaseNameProblem(name: string): string | undefined {
  const problem = identifierProblem(name);
  if (problem) return problem;
  if (name === 'template0') return 'is the pristine template database, which accepts no connections: choose another database';
  if (name === 'template1') return 'is the template every CREATE DATABASE copies: whatever is done there ends up in every database created later; choose another database';
  return undefined;
}
