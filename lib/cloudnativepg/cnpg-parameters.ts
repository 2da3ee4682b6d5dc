import { ParameterValue } from '../config/postgres-config';
import { settingText } from '../config/postgres-values';
import { fail } from '../private/validation';

/**
 * Settings the operator writes itself and refuses in `spec.postgresql.parameters`: "fixed" or
 * "blocked" in CloudNativePG 1.30 (pkg/postgres/configuration.go, FixedConfigurationParameters),
 * plus the ones the operator manages through other fields (`shared_preload_libraries` through the
 * extensions it enables, the TLS files through `spec.certificates`).
 */
export const OPERATOR_OWNED_PARAMETERS: readonly string[] = [
  'allow_system_table_mods', 'archive_mode', 'bonjour', 'bonjour_name', 'cluster_name', 'config_file', 'data_directory',
  'data_sync_retry', 'event_source', 'external_pid_file', 'hba_file', 'hot_standby', 'ident_file', 'jit_provider',
  'listen_addresses', 'logging_collector', 'port', 'primary_conninfo', 'primary_slot_name', 'recovery_target',
  'recovery_target_action', 'recovery_target_inclusive', 'recovery_target_lsn', 'recovery_target_name', 'recovery_target_time',
  'recovery_target_timeline', 'recovery_target_xid', 'restore_command', 'shared_preload_libraries', 'temp_tablespaces',
  'unix_socket_directories', 'unix_socket_group', 'unix_socket_permissions', 'archive_cleanup_command', 'archive_command',
  'log_destination', 'log_directory', 'log_file_mode', 'log_filename', 'log_rotation_age', 'log_rotation_size',
  'log_truncate_on_rotation', 'pg_failover_slots.primary_dsn', 'pg_failover_slots.standby_slot_names', 'promote_trigger_file',
  'recovery_end_command', 'recovery_min_apply_delay', 'restart_after_crash', 'ssl', 'ssl_ca_file', 'ssl_cert_file',
  'ssl_crl_file', 'ssl_dh_params_file', 'ssl_ecdh_curve', 'ssl_key_file', 'ssl_passphrase_command',
  'ssl_passphrase_command_supports_reload', 'ssl_prefer_server_ciphers', 'stats_temp_directory', 'synchronous_standby_names',
  'synchronized_standby_slots', 'syslog_facility', 'syslog_ident', 'syslog_sequence_numbers', 'syslog_split_messages',
];

/** Refuses a user's setting the operator owns, before any other check reads it. */
export function refuseOperatorOwned(owner: string, overrides: Readonly<Record<string, ParameterValue>>): void {
  for (const key of Object.keys(overrides)) {
    if (OPERATOR_OWNED_PARAMETERS.includes(key.toLowerCase())) {
      fail(owner, `parameters.${key}`, overrides[key], 'is set by the CloudNativePG operator, whose admission webhook refuses a Cluster that sets it; leave it out');
    }
  }
}

/**
 * The server's settings as `spec.postgresql.parameters` takes them: strings, as PostgreSQL reads
 * them from postgresql.conf, without the settings the operator writes itself (the library's
 * defaults for those, such as `port`, are the operator's too).
 */
export function cnpgParameters(settings: Readonly<Record<string, ParameterValue>>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings)
    .filter(([key]) => !OPERATOR_OWNED_PARAMETERS.includes(key))
    .map(([key, value]) => [key, settingText(value)]));
}
