import { QualifiedName } from './quote';

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const CREATE_TABLE = new RegExp(String.raw`\bCREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})(?:\s*\.\s*(${IDENT}))?`, 'gi');

/**
 * Tables that `CREATE TABLE` statements in `sql` define, with PostgreSQL's folding: unquoted
 * names go to lower case, quoted names keep their case. Comments are ignored.
 */
export function definedTables(sql: string, defaultSchema = 'public'): QualifiedName[] {
  const code = sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...code.matchAll(CREATE_TABLE)].map(([, first, second]) =>
    second === undefined ? { schema: defaultSchema, name: unquote(first) } : { schema: unquote(first), name: unquote(second) });
}

function unquote(ident: string): string {
  return ident.startsWith('"') ? ident.slice(1, -1).replace(/""/g, '"') : ident.toLowerCase();
}
