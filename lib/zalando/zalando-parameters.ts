import { ParameterValue } from '../config/postgres-config';
import { readPostgresBoolean, settingText } from '../config/postgres-values';
import { fail } from '../private/validation';

/**
 * Settings Patroni (inside the operator's Spilo pods) passes on the command line. It checks each
 * against a minimum or a fixed value and, when the check fails, silently uses its own default
 * instead (patroni/config.py, "failed validation, defaulting to"): the server would then run with
 * a value the library never saw, such as 100 connections where 10 were sized for.
 */
const PATRONI_MINIMUMS: Record<string, { readonly min: number; readonly fallback: number | string }> = {
  max_connections: { min: 25, fallback: 100 },
  max_wal_senders: { min: 3, fallback: 10 },
  max_replication_slots: { min: 4, fallback: 10 },
  max_worker_processes: { min: 2, fallback: 8 },
  max_locks_per_transaction: { min: 32, fallback: 64 },
  max_prepared_transactions: { min: 0, fallback: 0 },
  wal_keep_segments: { min: 1, fallback: 8 },
};
/**
 * Spilo preloads pg_stat_statements and turns `track_utility` off. The operator sets passwords
 * with `ALTER ROLE … ENCRYPTED PASSWORD '<verifier>'` in sessions of its own; tracked, that text
 * would be readable by every pg_monitor member, the exporter's login included.
 */
const TRACK_UTILITY = 'pg_stat_statements.track_utility';
/** Settings Patroni always sets itself. */
const PATRONI_OWNED = ['cluster_name', 'hot_standby', 'wal_log_hints', 'wal_level'];

/** Refuses the settings Patroni sets itself, before any other check reads them. */
export function refusePatroniOwned(owner: string, overrides: Readonly<Record<string, ParameterValue>>): void {
  for (const key of PATRONI_OWNED) {
    if (key in overrides) fail(owner, `parameters.${key}`, overrides[key], 'is set by Patroni on the Zalando backend, which replaces any other value; leave it out');
  }
}

/**
 * The CR's `postgresql.parameters`: every value as a string, as the CRD requires. Patroni writes
 * them into postgresql.conf quoted, doubling quotes and backslashes but not escaping line breaks,
 * so control characters cannot be passed through this backend.
 */
export function zalandoParameters(owner: string, settings: Readonly<Record<string, ParameterValue>>): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    const field = `parameters.${key}`;
    const text = settingText(value);
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(text)) {
      fail(owner, field, value, 'contains a line break or control character, which Patroni writes into postgresql.conf unescaped and the server cannot read; remove it');
    }
    if (key === TRACK_UTILITY && readPostgresBoolean(text) !== false) {
      fail(owner, field, value, "would make pg_stat_statements keep the operator's password statements (ALTER ROLE … ENCRYPTED PASSWORD with the verifier), which pg_monitor members such as the exporter's login read; Spilo keeps it off, leave it out");
    }
    const minimum = PATRONI_MINIMUMS[key];
    if (minimum) {
      if (!/^\d+$/.test(text)) fail(owner, field, value, `must be a whole number in digits on the Zalando backend; Patroni would replace anything else with ${minimum.fallback}`);
      if (Number(text) < minimum.min) fail(owner, field, value, `is below ${minimum.min}, the least Patroni accepts; it would run the server with ${minimum.fallback} instead`);
    }
    parameters[key] = text;
  }
  return parameters;
}
