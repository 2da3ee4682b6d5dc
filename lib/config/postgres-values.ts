/** A value of a postgresql.conf setting. Booleans render as on/off, strings are quoted. */
export type ParameterValue = string | number | boolean;

/**
 * How PostgreSQL itself reads the values of postgresql.conf, so the library computes with the
 * same numbers and switches the server will run with (measured with `postgres -C` on 14 to 18).
 */

/** Lower-cases ASCII letters only, as PostgreSQL's pg_strncasecmp does. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * A boolean setting as PostgreSQL reads it (parse_bool): on, off, true, false, yes, no, 1, 0,
 * any case, and any unique prefix ('of', 'n', 'FA'); 'o' alone is ambiguous. No spaces are
 * trimmed. Undefined when the server would refuse the value.
 */
export function readPostgresBoolean(text: string): boolean | undefined {
  const value = asciiLower(text);
  const prefixOf = (word: string, minimum = 1) => value.length >= minimum && word.startsWith(value);
  switch (value[0]) {
    case 't': return prefixOf('true') ? true : undefined;
    case 'f': return prefixOf('false') ? false : undefined;
    case 'y': return prefixOf('yes') ? true : undefined;
    case 'n': return prefixOf('no') ? false : undefined;
    case 'o': return prefixOf('on', 2) ? true : prefixOf('off', 2) ? false : undefined;
    case '1': return value === '1' ? true : undefined;
    case '0': return value === '0' ? false : undefined;
    default: return undefined;
  }
}

/** synchronous_commit: an enum matched whole and case-insensitively, with boolean spellings as aliases. */
const SYNCHRONOUS_COMMIT: Record<string, string> = {
  local: 'local', remote_write: 'remote_write', remote_apply: 'remote_apply',
  on: 'on', true: 'on', yes: 'on', 1: 'on',
  off: 'off', false: 'off', no: 'off', 0: 'off',
};

/** The synchronous_commit level PostgreSQL reads from `text`, or undefined when it refuses it. */
export function readSynchronousCommit(text: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(SYNCHRONOUS_COMMIT, asciiLower(text)) ? SYNCHRONOUS_COMMIT[asciiLower(text)] : undefined;
}

/** An integer setting: its base unit in bytes for memory settings, and the range the server accepts. */
export interface IntegerSetting {
  /** Bytes of one base unit (1024 for kB settings, 8192 for 8kB blocks); absent for plain counts. */
  readonly unitBytes?: number;
  readonly min: number;
  readonly max: number;
}

const INT_MAX = 2147483647;

/**
 * Integer settings the library computes with, with the ranges of pg_settings (min_val, max_val),
 * identical on 14 to 18 except maintenance_work_mem, whose minimum fell from 1MB to 64kB in 17.
 */
export function integerSetting(name: string, majorVersion: number): IntegerSetting | undefined {
  switch (name) {
    case 'max_connections': return { min: 1, max: 262143 };
    case 'autovacuum_max_workers': return { min: 1, max: 262143 };
    case 'shared_buffers': return { unitBytes: 8192, min: 16, max: 1073741823 };
    case 'effective_cache_size': return { unitBytes: 8192, min: 1, max: INT_MAX };
    case 'wal_buffers': return { unitBytes: 8192, min: -1, max: 262143 };
    case 'work_mem': return { unitBytes: 1024, min: 64, max: INT_MAX };
    case 'maintenance_work_mem': return { unitBytes: 1024, min: majorVersion >= 17 ? 64 : 1024, max: INT_MAX };
    default: return undefined;
  }
}

/** Memory units PostgreSQL accepts (case-sensitive), largest first: a fraction rounds to the next smaller one. */
const MEMORY_UNITS: [string, number][] = [['TB', 1024 ** 4], ['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024], ['B', 1]];

/** The result of reading an integer setting: its value in base units, or why it cannot be read. */
export type IntegerReading = { readonly value: number } | { readonly problem: string };

/** C's rint(): rounds halves to even, as PostgreSQL does after converting units. */
function rint(x: number): number {
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

function unitText(setting: IntegerSetting): string {
  return setting.unitBytes === 8192 ? '8kB' : setting.unitBytes === 1024 ? 'kB' : '';
}

/** An amount in the setting's base unit, as PostgreSQL writes it: '64kB', '16 × 8kB', '100'. */
function amount(value: number, setting: IntegerSetting): string {
  return setting.unitBytes === 8192 ? `${value} × 8kB` : `${value}${unitText(setting)}`;
}

/**
 * An integer setting as PostgreSQL reads it (parse_int with convert_to_base_unit): a decimal
 * number, optionally with a fraction or exponent, then for memory settings an optional unit
 * (B, kB, MB, GB, TB; case-sensitive; spaces allowed before it). Fractions of a unit round to
 * the next smaller unit, then to the base unit, halves to even. Forms PostgreSQL reads
 * differently from how people do are refused: a leading zero is octal ('010' is 8), '0x' hex.
 */
export function readPostgresInteger(text: string, setting: IntegerSetting): IntegerReading {
  if (/^\s|\s$/.test(text)) return { problem: 'has spaces around it; write the number alone' };
  if (/^[-+]?0[xX]/.test(text)) return { problem: "is hexadecimal, which PostgreSQL reads but people misread; write it in decimal" };
  if (/^[-+]?0\d/.test(text) && !/^[-+]?\d+[.eE]/.test(text)) {
    return { problem: "starts with a zero, which makes PostgreSQL read it as octal ('010' is 8); leave out the leading zeros" };
  }
  // A sign only before digits: strtol, which PostgreSQL tries first, reads no '-.5'.
  const match = /^((?:[-+]?\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)(?:\s*(\S+))?$/.exec(text);
  const example = setting.unitBytes ? "e.g. '256MB'" : "e.g. '100'";
  if (!match) return { problem: `is not a number PostgreSQL reads (${example})` };
  const [, numberText, unit] = match;
  let value = Number(numberText);
  if (unit !== undefined) {
    if (!setting.unitBytes) return { problem: 'takes no unit; write a whole number' };
    const index = MEMORY_UNITS.findIndex(([name]) => name === unit);
    if (index < 0) return { problem: `has a unit PostgreSQL does not know ('${unit}'); use B, kB, MB, GB or TB (case matters, e.g. '256MB')` };
    const [, bytes] = MEMORY_UNITS[index];
    value = value * (bytes / setting.unitBytes);
    const next = MEMORY_UNITS[index + 1];
    if (next) value = rint(value / (next[1] / setting.unitBytes)) * (next[1] / setting.unitBytes);
  } else if (!Number.isInteger(value)) {
    return { problem: `is not a whole number, which PostgreSQL would round to ${rint(value)}; write a whole number${setting.unitBytes ? " or add a unit (e.g. '1.5MB')" : ''}` };
  }
  value = rint(value);
  if (!Number.isFinite(value) || Math.abs(value) > INT_MAX) return { problem: 'exceeds the integer range PostgreSQL accepts' };
  if (value < setting.min || value > setting.max) {
    const read = [String(value), amount(value, setting)].includes(text) ? '' : `is read by PostgreSQL as ${amount(value, setting)}, which `;
    return { problem: `${read}is outside the range PostgreSQL accepts (${amount(setting.min, setting)} to ${amount(setting.max, setting)})` };
  }
  return { value: value === 0 ? 0 : value };
}

/**
 * A string value quoted for postgresql.conf so that the server reads back exactly what was
 * written: quotes doubled, backslashes and line breaks escaped (the file's lexer forbids a raw
 * newline inside quotes and reads `\n`, `\\` and octal escapes), other control characters as
 * octal bytes. Returns undefined for what no postgresql.conf line can hold: NUL, which ends the
 * value, and lone surrogates, which have no UTF-8 form.
 */
export function quoteConfigString(value: string): string | undefined {
  if (value.includes('\0') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) return undefined;
  const named: Record<string, string> = { '\\': '\\\\', "'": "''", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
  const escaped = value.replace(/[\\'\n\r\t\b\f]|[\x01-\x1f\x7f-\x9f]/g, (c) =>
    named[c] ?? [...Buffer.from(c, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join(''));
  return `'${escaped}'`;
}

/** What makes a string impossible to write into postgresql.conf, or undefined. */
export function configStringProblem(value: string): string | undefined {
  if (value.includes('\0')) return 'contains a NUL character, which ends a postgresql.conf value early; remove it';
  if (quoteConfigString(value) === undefined) return 'is not valid Unicode (a lone surrogate), which postgresql.conf cannot hold';
  return undefined;
}

/** A setting's value as postgresql.conf text: booleans as on and off. */
export function settingText(value: ParameterValue): string {
  return typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
}

/** The libraries of a shared_preload_libraries value, each without spaces and double quotes. */
export function preloadedLibraries(text: string): string[] {
  return text.split(',').map((l) => l.trim().replace(/^"|"$/g, ''));
}

/** TLS protocol versions in order, as ssl_min_protocol_version and ssl_max_protocol_version name them. */
export const TLS_VERSIONS: readonly string[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
