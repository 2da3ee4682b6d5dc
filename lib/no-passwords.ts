import { fail } from './validation';

/**
 * Passwords written out in text that ends up in a ConfigMap, a postgresql.conf parameter, a
 * custom resource or an environment variable value: all of them are readable by anyone who may
 * read the object, and all of them land in dist/ and git. Passwords belong in Secrets.
 */

const CONNINFO_PASSWORD = /(^|[\s;?&])(password|pwd)\s*=/i;
const URI_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:[^\s/?#@]+@/i;
const SQL_PASSWORD = /\bPASSWORD\s+(E?'|\$[A-Za-z0-9_]*\$)/i;

/** What looks like a password in a value (a connection string or URI carrying one), or undefined. */
export function passwordInText(text: string): string | undefined {
  if (CONNINFO_PASSWORD.test(text)) {
    return "holds a password ('password=' in a connection string); let the client read it from a Secret (a password file, PGPASSWORD from a secretKeyRef) instead";
  }
  if (URI_PASSWORD.test(text)) {
    return "holds a password (user:password@ in a URI); leave it out of the URI and let the client read it from a Secret";
  }
  return undefined;
}

/** What looks like a password in SQL (a PASSWORD literal, or a connection string), or undefined. */
export function passwordInSql(sql: string): string | undefined {
  if (SQL_PASSWORD.test(sql)) {
    return "sets a password in SQL (PASSWORD '…'), which the schema ConfigMap would publish; give the login a password Secret in users instead";
  }
  return passwordInText(sql);
}

/** Key names that say they hold a password. */
const PASSWORD_KEY = /passw(or)?d|(^|[^a-z])pwd([^a-z]|$)/i;

/** Fails when a value looks like a written-out password. */
export function checkNoPassword(owner: string, field: string, value: string): void {
  const problem = passwordInText(value);
  if (problem) fail(owner, field, value, problem);
}

/** Fails when a ConfigMap key says it holds a password, or its value carries one. */
export function checkNoPasswordEntry(owner: string, field: string, key: string, value: string): void {
  if (PASSWORD_KEY.test(key)) fail(owner, `${field} key`, key, 'names a password, and ConfigMap data is not secret; put the password in a Secret and reference it with a secretKeyRef');
  checkNoPassword(owner, `${field}.${key}`, value);
}
