import { describeSetting, SettingDescription, settingsOf } from './pg-settings';
import { IntegerSetting, ParameterValue, readPostgresBoolean, readPostgresInteger, settingText, TLS_VERSIONS } from './postgres-values';
import { editDistance, nearestName } from '../private/edit-distance';
import { isTimeZoneName, timeZoneSpelledAs } from '../private/time-zone-names';
import { TIME_ZONE_NAMES } from '../private/time-zones';

/**
 * A postgresql.conf setting checked against what a real server of the major says of it
 * (lib/config/pg-settings.json, recorded from pg_settings): its name, type, unit, range and
 * allowed values. The library may refuse a spelling the server would take (an octal number, a
 * hidden alias of an enum value); it never lets through what the server refuses at start, which
 * would keep the pod in a crash loop.
 */

/** Settings with these prefixes belong to extensions the server does not load at `postgres -C`; a custom placeholder. */
function isExtensionSetting(name: string): boolean {
  return name.includes('.');
}

const TIME_UNITS_MS: [string, number][] = [['us', 0.001], ['ms', 1], ['s', 1000], ['min', 60000], ['h', 3600000], ['d', 86400000]];
const MEMORY_UNITS_BYTES: Record<string, number> = { B: 1, kB: 1024, '8kB': 8192, MB: 1024 ** 2 };

/** The integer setting as the value readers take it: memory settings in bytes of their unit, others as counts. */
function integerSettingOf(description: SettingDescription): IntegerSetting & { readonly timeUnitMs?: number } {
  const unit = description.unit;
  return {
    min: Number(description.min),
    max: Number(description.max),
    ...(unit !== undefined && MEMORY_UNITS_BYTES[unit] !== undefined ? { unitBytes: MEMORY_UNITS_BYTES[unit] } : {}),
    ...(unit !== undefined && TIME_UNITS_MS.some(([u]) => u === unit) ? { timeUnitMs: TIME_UNITS_MS.find(([u]) => u === unit)![1] } : {}),
  };
}

/**
 * A time setting (unit ms, s or min) as PostgreSQL reads it: a number, then an optional unit (us,
 * ms, s, min, h, d; case-sensitive), converted to the setting's unit and rounded; a bare number is
 * in the setting's unit.
 */
function readTime(text: string, unitMs: number, integer: boolean, min: number, max: number, unitName: string): { value: number } | { problem: string } {
  if (/^\s|\s$/.test(text)) return { problem: 'has spaces around it; write the number alone' };
  const match = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)(?:\s*([a-z]+))?$/.exec(text);
  if (!match) return { problem: `is not a duration PostgreSQL reads (a number, then one of us, ms, s, min, h, d, e.g. '30s')` };
  const [, numberText, unit] = match;
  let value = Number(numberText);
  if (unit !== undefined) {
    const known = TIME_UNITS_MS.find(([u]) => u === unit);
    if (!known) return { problem: `has a unit PostgreSQL does not know ('${unit}'); use us, ms, s, min, h or d (case matters, e.g. '30s')` };
    value = (value * known[1]) / unitMs;
  }
  if (integer) value = Math.round(value);
  if (!Number.isFinite(value) || value < min || value > max) {
    return { problem: `is outside the range PostgreSQL accepts (${min}${unitName} to ${max}${unitName})` };
  }
  return { value };
}

/**
 * A duration as PostgreSQL reads it for a setting in milliseconds (`'400us'` is 0, `'2s'` 2000),
 * or undefined when it reads none.
 */
export function millisecondsOf(text: string): number | undefined {
  const read = readTime(text, 1, true, -Infinity, Infinity, 'ms');
  return 'value' in read ? read.value : undefined;
}

/** What is wrong with `value` for the setting `name` on `major`, as the server reads it, or undefined. */
export function settingValueProblem(major: number, name: string, value: ParameterValue): string | undefined {
  const description = describeSetting(major, name);
  if (!description) {
    if (isExtensionSetting(name) && !name.startsWith('pg_stat_statements.')) return undefined;
    const suggestion = closestSetting(major, name);
    return `is not a setting PostgreSQL ${major} knows, and the server refuses to start with it${suggestion ? `; did you mean '${suggestion}'?` : ''}`;
  }
  if (description.context === 'internal') return `cannot be set: PostgreSQL fixes it when it is built or the cluster is made (pg_settings context internal)`;
  const text = settingText(value);
  switch (description.type) {
    case 'bool':
      return readPostgresBoolean(text) === undefined
        ? 'is not a boolean PostgreSQL accepts (on, off, true, false, yes, no, 1 or 0, or a unique prefix of one, without spaces)'
        : undefined;
    case 'integer': {
      if (typeof value === 'boolean') return 'is a boolean, not a number';
      const setting = integerSettingOf(description);
      if (setting.timeUnitMs !== undefined) {
        const reading = readTime(text, setting.timeUnitMs, true, setting.min, setting.max, description.unit!);
        return 'problem' in reading ? reading.problem : undefined;
      }
      const reading = readPostgresInteger(text, setting);
      return 'problem' in reading ? reading.problem : undefined;
    }
    case 'real': {
      if (typeof value === 'boolean') return 'is a boolean, not a number';
      const [min, max] = [Number(description.min), Number(description.max)];
      const unitMs = TIME_UNITS_MS.find(([u]) => u === description.unit)?.[1];
      if (unitMs !== undefined) {
        const reading = readTime(text, unitMs, false, min, max, description.unit!);
        return 'problem' in reading ? reading.problem : undefined;
      }
      const number = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
      if (Number.isNaN(number)) return `is not a number PostgreSQL reads (e.g. '0.9')`;
      return number < min || number > max ? `is outside the range PostgreSQL accepts (${min} to ${max})` : undefined;
    }
    case 'enum': {
      const values = description.values ?? [];
      const lower = text.toLowerCase();
      if (values.some((v) => v.toLowerCase() === lower)) return undefined;
      // Enums that have on and off also take the boolean spellings (PostgreSQL's hidden aliases).
      if (values.includes('on') && values.includes('off') && readPostgresBoolean(text) !== undefined) return undefined;
      return `is not one of the values PostgreSQL ${major} accepts: ${values.map((v) => `'${v}'`).join(', ')}`;
    }
    case 'string':
      return stringSettingProblem(name.toLowerCase(), text);
  }
}

/** The time zone settings take a zone name; other forms (POSIX rules, abbreviations) are read differently from how people write them. */
function stringSettingProblem(name: string, text: string): string | undefined {
  if ((name === 'timezone' || name === 'log_timezone') && !isTimeZoneName(text)) {
    const suggestion = timeZoneSpelledAs(text) ?? TIME_ZONE_NAMES.find((z) => editDistance(z, text, 2) <= 2);
    return `is not a time zone name of the IANA database (e.g. 'Asia/Seoul', 'UTC'), and the server refuses to start with it${suggestion ? `; did you mean '${suggestion}'?` : ''}`;
  }
  return undefined;
}

/** The known setting closest to a misspelt name, when one is close (case ignored, or at most two edits). */
function closestSetting(major: number, name: string): string | undefined {
  return nearestName(name, Object.keys(settingsOf(major)));
}

/** Number of a setting the server would read, from the effective settings, or its default. */
function numberOf(settings: Readonly<Record<string, ParameterValue>>, name: string, fallback: number): number {
  const value = settings[name];
  return value === undefined ? fallback : Number(settingText(value));
}

/**
 * Combinations the server refuses at start, or that a pod of the library cannot run with: each
 * `[setting, value, problem]`. `settings` are the effective settings, defaults of the library included.
 */
export function settingCombinationProblems(major: number, settings: Readonly<Record<string, ParameterValue>>): [string, ParameterValue, string][] {
  const problems: [string, ParameterValue, string][] = [];
  const text = (name: string) => (settings[name] === undefined ? undefined : settingText(settings[name]).toLowerCase());
  if (text('wal_level') === 'minimal') {
    const senders = numberOf(settings, 'max_wal_senders', 10);
    if (senders > 0) problems.push(['wal_level', settings.wal_level, `needs max_wal_senders 0 (it is ${senders}): PostgreSQL refuses to start with WAL streaming on and wal_level minimal`]);
    if (readPostgresBoolean(text('archive_mode') ?? 'off') !== false) {
      problems.push(['wal_level', settings.wal_level, 'needs archive_mode off: PostgreSQL refuses to start archiving WAL with wal_level minimal']);
    }
  }
  const min = text('ssl_min_protocol_version');
  const max = text('ssl_max_protocol_version');
  if (min && max) {
    const [minIndex, maxIndex] = [TLS_VERSIONS.findIndex((v) => v.toLowerCase() === min), TLS_VERSIONS.findIndex((v) => v.toLowerCase() === max)];
    if (minIndex >= 0 && maxIndex >= 0 && maxIndex < minIndex) {
      problems.push(['ssl_max_protocol_version', settings.ssl_max_protocol_version, `is below ssl_min_protocol_version ${settings.ssl_min_protocol_version}: no TLS version is left, and PostgreSQL refuses to start with TLS on`]);
    }
  }
  if (text('huge_pages') !== undefined && readPostgresBoolean(text('huge_pages')!) === true) {
    problems.push(['huge_pages', settings.huge_pages, "requires huge pages the pod does not request (resources hugepages-2Mi), so PostgreSQL refuses to start; use 'try' (the default) or 'off'"]);
  }
  const reserved = numberOf(settings, 'superuser_reserved_connections', 3) + (major >= 16 ? numberOf(settings, 'reserved_connections', 0) : 0);
  const connections = numberOf(settings, 'max_connections', 100);
  if (reserved >= connections) {
    problems.push(['max_connections', settings.max_connections ?? 100, `must exceed the connections reserved for superusers${major >= 16 ? ' and pg_use_reserved_connections' : ''} (${reserved}), or PostgreSQL refuses to start`]);
  }
  return problems;
}

/** Settings that write the text of statements, and with it what applications send (passwords in ALTER ROLE included), to the server log. */
export function logsStatementText(name: string, value: ParameterValue): boolean {
  const key = name.toLowerCase();
  if (['debug_print_parse', 'debug_print_rewritten', 'debug_print_plan'].includes(key)) return readPostgresBoolean(settingText(value)) === true;
  if (key === 'log_statement') return settingText(value).toLowerCase() !== 'none';
  return false;
}
