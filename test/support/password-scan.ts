/**
 * Lines that look like a written-out password: Secret data, `password: value`,
 * `PGPASSWORD=value`, SQL `PASSWORD 'value'`, or credentials in a connection URI. psql's
 * `:'variable'` reference is not a value.
 */
export function passwordLiteralLines(text: string): string[] {
  return text.split('\n').filter((line) =>
    /^\s*(kind: Secret|stringData:)/.test(line) ||
    /(password|passwd|pgpassword)\s*[:=](?!')\s*["']?[A-Za-z0-9_+/=-]{6,}/i.test(line) ||
    /\bPASSWORD\s+'[^']*'/i.test(line) ||
    /postgres(ql)?:\/\/[^:\s]+:[^@\s]+@/.test(line));
}
