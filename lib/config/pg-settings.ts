import RECORD from './pg-settings-context.json';

/**
 * When PostgreSQL applies a setting, from `pg_settings.context` of a real server of each major
 * (recorded by scripts/record-pg-settings.ts). PostgreSQL's documentation of the view
 * (https://www.postgresql.org/docs/current/view-pg-settings.html): `internal` cannot be changed;
 * `postmaster` only at server start; `sighup` on a reload of the configuration file;
 * `superuser-backend` and `backend` on a reload too, for sessions started afterwards; `superuser`
 * and `user` on a reload, and per session.
 */
export type SettingContext = 'internal' | 'postmaster' | 'sighup' | 'superuser-backend' | 'backend' | 'superuser' | 'user';

const CONTEXTS: Readonly<Record<string, Readonly<Record<string, string>>>> = RECORD;

/** The majors the record holds. */
export const RECORDED_MAJORS: readonly number[] = Object.keys(CONTEXTS).map(Number);

/** The context of `name` on `major` (the nearest recorded major when `major` is not recorded), or undefined for a setting that major does not know. */
export function settingContext(major: number, name: string): SettingContext | undefined {
  const recorded = CONTEXTS[String(major)] ?? CONTEXTS[String(nearestRecorded(major))];
  return recorded[name] as SettingContext | undefined;
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
