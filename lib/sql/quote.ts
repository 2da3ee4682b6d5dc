import { object, string } from '../checks/props-shape';

/**
 * Quoting for every name and value that reaches SQL text. Nothing else in the library builds
 * SQL from strings without going through here.
 */

/** `"name"` with embedded double quotes doubled: safe for any identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'value'` with embedded single quotes doubled (standard_conforming_strings is on since 9.1). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"schema"."table"` from a qualified name. */
export function quoteQualified(name: QualifiedName): string {
  return `${quoteIdent(name.schema)}.${quoteIdent(name.name)}`;
}

/** A schema-qualified object name. */
export interface QualifiedName {
  /** The schema. */
  readonly schema: string;
  /** The object's name in that schema. */
  readonly name: string;
}

/** Runtime description of {@link QualifiedName}. */
export const QUALIFIED_NAME_SHAPE = object<QualifiedName>({ schema: string(), name: string() }, { name: 'QualifiedName' });

/**
 * Splits 'schema.table' or 'table' (schema `defaultSchema`). Names with a dot of their own can
 * be given as `{ schema, name }` instead.
 */
export function qualify(name: string | QualifiedName, defaultSchema = 'public'): QualifiedName {
  if (typeof name !== 'string') return name;
  const dot = name.indexOf('.');
  return dot < 0 ? { schema: defaultSchema, name } : { schema: name.slice(0, dot), name: name.slice(dot + 1) };
}

/** The problem with a name PostgreSQL cannot store as given, or undefined when it is fine. */
export function identifierProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains a control character';
  if (Buffer.byteLength(name, 'utf8') > 63) return 'is longer than 63 bytes, and PostgreSQL would silently truncate it';
  return undefined;
}
