/**
 * Readers of the two configuration files the library renders, as far as the review needs them:
 * postgresql.conf as `name → value text`, pg_hba.conf as its rule lines.
 */

/** `name = value` lines of a postgresql.conf (comments and blank lines skipped; names lowercased, as PostgreSQL reads them). */
export function readPostgresqlConf(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][\w.]*)\s*=?\s*(.*)$/.exec(line);
    if (!match) continue;
    settings.set(match[1].toLowerCase(), stripComment(match[2]).trim());
  }
  return settings;
}

/** A value without a trailing `# comment` (outside quotes). */
function stripComment(value: string): string {
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "'") quoted = !quoted;
    else if (value[i] === '#' && !quoted) return value.slice(0, i);
  }
  return value;
}

/** One rule of pg_hba.conf: its fields, and whether it refuses (`reject`). */
export interface HbaRule {
  readonly text: string;
  readonly reject: boolean;
}

/** The rule lines of a pg_hba.conf, whitespace normalized. */
export function readPgHba(text: string): HbaRule[] {
  return text.split('\n')
    .map((l) => l.replace(/#.*$/, '').trim().split(/\s+/).join(' '))
    .filter((l) => l !== '')
    .map((l) => ({ text: l, reject: / reject$/.test(l) }));
}
