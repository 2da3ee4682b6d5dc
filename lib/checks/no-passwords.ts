import { fail } from '../private/validation';

/**
 * Passwords written out in text that ends up in a ConfigMap, a postgresql.conf parameter, a
 * custom resource or an environment variable value: all of them are readable by anyone who may
 * read the object, and all of them land in dist/ and git. Passwords belong in Secrets. Errors
 * never repeat the password: it is masked as '…'.
 */

const CONNINFO_PASSWORD = /(^|[\s;?&])((?:password|pwd)\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s;&]*)/gi;
// Anchored on `://` after a scheme character rather than on the scheme's first letter: a long run
// of letters and digits would otherwise be read again from each of its characters (quadratic).
const URI_PASSWORD = /(?<=[a-z0-9+.-])(:\/\/[^\s/?#@:]*:)([^\s/?#@]+)(@)/gi;
const SQL_PASSWORD = /(\bPASSWORD\s+)(E?'(?:[^']|'')*'|\$([A-Za-z0-9_]*)\$[\s\S]*?\$\3\$)/gi;

// The same patterns without the global flag, for tests: a global pattern keeps state between calls.
const CONNINFO_FOUND = new RegExp(CONNINFO_PASSWORD.source, 'i');
const URI_FOUND = new RegExp(URI_PASSWORD.source, 'i');
const SQL_FOUND = new RegExp(SQL_PASSWORD.source, 'i');

/** The text with every password it carries replaced by '…', for messages. */
export function maskPasswords(text: string): string {
  return text
    .replace(CONNINFO_PASSWORD, (_m, before, key) => `${before}${key}…`)
    .replace(URI_PASSWORD, (_m, before, _p, at) => `${before}…${at}`)
    .replace(SQL_PASSWORD, (_m, keyword) => `${keyword}'…'`);
}

/** What looks like a password in a value (a connection string or URI carrying one), or undefined. */
export function passwordInText(text: string): string | undefined {
  if (CONNINFO_FOUND.test(text)) {
    return "holds a password ('password=' in a connection string); let the client read it from a Secret (a password file, or PGPASSWORD from a secretKeyRef) instead";
  }
  if (text.includes('://') && URI_FOUND.test(text)) {
    return 'holds a password (user:password@ in a URI); leave it out of the URI and let the client read it from a Secret';
  }
  return undefined;
}

/** What looks like a password in SQL (a PASSWORD literal, or a connection string carrying one), or undefined. */
export function passwordInSql(sql: string): string | undefined {
  const literal = SQL_FOUND.exec(sql);
  if (literal) {
    const line = sql.slice(0, literal.index).split('\n').length;
    return `sets a password in SQL (line ${line}: PASSWORD '…'), which the schema ConfigMap would publish; declare the login in users with a password Secret instead`;
  }
  return passwordInText(sql);
}

/** Key names that say they hold a password; not those that say where one is ('…_PASSWORD_FILE', '…_PASSWORD_SECRET'). */
const PASSWORD_KEY = /passw(or)?d/i;
const PASSWORD_REFERENCE_KEY = /[-_.](file|path|secret|secret_name|key)$/i;

/** Fails when a value looks like a written-out password; the message masks it. */
export function checkNoPassword(owner: string, field: string, value: string): void {
  const problem = passwordInText(value);
  if (problem) fail(owner, field, maskPasswords(value), problem);
}

/** Fails when a ConfigMap key says it holds a password, or its value carries one. */
export function checkNoPasswordEntry(owner: string, field: string, key: string, value: string): void {
  if (PASSWORD_KEY.test(key) && !PASSWORD_REFERENCE_KEY.test(key)) fail(owner, `${field} key`, key, 'names a password, and ConfigMap data is not secret; keep the password in a Secret and give the application a secretKeyRef');
  checkNoPassword(owner, `${field}['${key}']`, value);
}
