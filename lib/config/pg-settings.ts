import RECORD from './pg-settings.json';

/**
 * When PostgreSQL applies a setting, from `pg_settings.context` of a real server of each major
 * (recorded by scripts/record-pg-settings.ts, with the values the images' builds add). PostgreSQL's documentation of the view
 * (https://www.postgresql.org/docs/current/view-pg-settings.html): `internal` cannot be changed;
 * `postmaster` only at server start; `sighup` on a reload of the configuration file;
 * `superuser-backend` and `backend` on a reload too, for sessions started afterwards; `superuser`
 * and `user` on a reload, and per session.
 */
export type SettingContext = 'internal' | 'postmaster' | 'sighup' | 'superuser-backend' | 'backend' | 'superuser' | 'user';

/** What pg_settings of a real server says of one setting: when it applies, its type, unit, range and allowed values. */
export interface SettingDescription {
  readonly context: SettingContext;
  readonly type: 'bool' | 'integer' | 'real' | 'string' | 'enum';
  /** The unit a bare number is read in (`8kB`, `ms`, …). */
  readonly unit?: string;
  /** Smallest value (integer and real settings), in `unit`. */
  readonly min?: string;
  /** Largest value (integer and real settings), in `unit`. */
  readonly max?: string;
  /** The values an enum setting takes. */
  readonly values?: readonly string[];
}

const RECORDED = RECORD as unknown as Readonly<Record<string, Readonly<Record<string, SettingDescription>>>>;

/**
 * Enum values the deployed images' builds add to the recorded servers' (the servers from npm are
 * built without LZ4, Zstandard and io_uring; the PostgreSQL packages of the official and Spilo
 * images are built with them): `[setting, first major, values]`.
 */
const IMAGE_BUILD_VALUES: readonly (readonly [string, number, readonly string[]])[] = [
  ['default_toast_compression', 14, ['lz4']],
  ['wal_compression', 15, ['lz4', 'zstd']],
  ['io_method', 18, ['io_uring']],
];

const SETTINGS: Readonly<Record<string, Readonly<Record<string, SettingDescription>>>> = Object.fromEntries(Object.entries(RECORDED).map(([major, settings]) => {
  const added = IMAGE_BUILD_VALUES.filter(([name, since]) => Number(major) >= since && settings[name]?.values);
  return [major, added.length === 0 ? settings : {
    ...settings,
    ...Object.fromEntries(added.map(([name, , values]) => [name, { ...settings[name], values: [...settings[name].values!, ...values] }])),
  }];
}));

/** The majors the record holds. */
export const RECORDED_MAJORS: readonly number[] = Object.keys(SETTINGS).map(Number);

/** Every setting `major` knows (the nearest recorded major's when `major` is not recorded), by name. */
export function settingsOf(major: number): Readonly<Record<string, SettingDescription>> {
  return SETTINGS[String(major)] ?? SETTINGS[String(nearestRecorded(major))];
}

/**
 * The description of `name` on `major`, or undefined for a setting that major does not know. Names
 * are matched as PostgreSQL matches them, ignoring case (`TimeZone`, `timezone`).
 */
export function describeSetting(major: number, name: string): SettingDescription | undefined {
  const settings = settingsOf(major);
  return settings[name] ?? settings[Object.keys(settings).find((known) => known.toLowerCase() === name.toLowerCase()) ?? ''];
}

/** The context of `name` on `major`, or undefined for a setting that major does not know. */
export function settingContext(major: number, name: string): SettingContext | undefined {
  return describeSetting(major, name)?.context;
}

/**
 * Whether a change of `name` takes a server restart: settings read only at start (`postmaster`),
 * settings that cannot change (`internal`), and settings the record does not know (an extension's
 * setting, a typo): a restart is the only way to be sure they are read.
 */
export function needsRestart(major: number, name: string): boolean {
  const context = settingContext(major, name);
  return context === undefined || context === 'postmaster' || context === 'internal';
}

function nearestRecorded(major: number): number {
  return RECORDED_MAJORS.reduce((best, m) => (Math.abs(m - major) < Math.abs(best - major) ? m : best), RECORDED_MAJORS[0]);
}
