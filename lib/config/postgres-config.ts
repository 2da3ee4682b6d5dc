import { checkNoPassword } from '../checks/no-passwords';
import { configStringProblem, integerSetting, ParameterValue, preloadedLibraries, quoteConfigString, readPostgresBoolean, readPostgresInteger, readSynchronousCommit, settingText } from './postgres-values';
import { logsStatementText, settingCombinationProblems, settingValueProblem } from './setting-values';
import { fail } from '../private/validation';

export type { ParameterValue } from './postgres-values';

/** Settings the construct owns because Services, probes and mounts depend on them. */
const MANAGED: Record<string, ParameterValue> = {
  listen_addresses: '*',
  port: 5432,
  unix_socket_directories: '/var/run/postgresql',
  password_encryption: 'scram-sha-256',
};
/** TLS follows the certificate Secret the construct mounts; the protocol floor is TLS 1.2. */
const TLS_SETTINGS = ['ssl', 'ssl_cert_file', 'ssl_key_file', 'ssl_ca_file', 'ssl_min_protocol_version'];
const RESERVED = [...Object.keys(MANAGED), ...TLS_SETTINGS, 'config_file', 'hba_file', 'ident_file', 'data_directory'];
/** Directives of postgresql.conf that read other files; as keys they would not be settings at all. */
const DIRECTIVES = ['include', 'include_dir', 'include_if_exists'];

/**
 * What every server logs unless told otherwise: who connects and when they leave, and a line
 * prefix with the time, the process, the user, the database and the client's address.
 */
const LOGGING_BASELINE: Readonly<Record<string, ParameterValue>> = {
  log_connections: true,
  log_disconnections: true,
  log_line_prefix: '%m [%p] %q%u@%d %r ',
};

/** pg_stat_statements keeps utility statements verbatim (ALTER ROLE … PASSWORD included) unless told not to. */
const STATEMENT_STATISTICS = 'pg_stat_statements';

/** Switches that trade crash safety for speed; only a disposable environment may turn them off. */
const DURABILITY_SWITCHES = ['fsync', 'synchronous_commit', 'full_page_writes'];

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** Inputs that decide the effective server settings. */
export interface ServerSettingsInput {
  /** `<Construct> '<id>'`, for messages. */
  readonly owner: string;
  /** The container's memory limit in bytes. */
  readonly memoryLimitBytes: number;
  /** The memory limit as written, for messages. */
  readonly memoryLimit: string;
  /** Explicit settings; they win over derived ones. */
  readonly overrides: Readonly<Record<string, ParameterValue>>;
  /** Whether the environment declared itself disposable. */
  readonly disposable: boolean;
  /** The PostgreSQL major the settings are for (a few ranges differ between majors). */
  readonly majorVersion: number;
  /**
   * Paths of the mounted certificate, key and CA: TLS on, TLS 1.2 at least.
   * @default - TLS off
   */
  readonly tls?: { readonly certFile: string; readonly keyFile: string; readonly caFile: string };
  /**
   * Whether settings that write every statement's text to the log are allowed (see
   * PostgresServerProps.logsStatements).
   * @default false
   */
  readonly logsStatements?: boolean;
  /**
   * Whether the server loads pg_stat_statements as soon as a `pg_stat_statements.*` setting is
   * given, whatever shared_preload_libraries says: CloudNativePG does (it manages that setting).
   * @default false
   */
  readonly preloadsConfiguredExtensions?: boolean;
}

/**
 * The complete postgresql.conf for a server: managed settings, memory settings derived from
 * the memory limit (each overridable), then explicit settings. Fails when explicit settings
 * reserve a managed key, cannot be read by PostgreSQL the way the library reads them, weaken
 * durability outside a disposable environment, or cannot fit the memory limit. Durability
 * switches come back in their canonical spelling (`'of'` becomes off), so every consumer,
 * Patroni included, reads the same switch.
 */
export function serverSettings(input: ServerSettingsInput): Record<string, ParameterValue> {
  const { owner, overrides } = input;
  if (typeof input.disposable !== 'boolean') {
    fail(owner, 'disposable', input.disposable, "must be true or false; any other value, the string 'false' included, would count as true");
  }
  const checked: Record<string, ParameterValue> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (key !== key.toLowerCase() && /^[a-z_][a-z0-9_.]*$/.test(key.toLowerCase())) {
      fail(owner, 'parameters key', key, `must be written in lower case ('${key.toLowerCase()}'): PostgreSQL ignores the case of names, and two spellings of one setting would override each other unseen`);
    }
    if (!/^[a-z_][a-z0-9_.]*$/.test(key)) fail(owner, 'parameters key', key, 'is not a PostgreSQL setting name');
    if (DIRECTIVES.includes(key)) fail(owner, 'parameters key', key, 'is a postgresql.conf directive that reads another file, not a setting; set the settings themselves');
    if (RESERVED.includes(key)) fail(owner, `parameters.${key}`, value, 'is managed by the construct (Services, probes and mounts depend on it) and cannot be overridden');
    checked[key] = checkedValue(input, key, value);
  }
  const tls: Record<string, ParameterValue> = input.tls
    ? { ssl: true, ssl_cert_file: input.tls.certFile, ssl_key_file: input.tls.keyFile, ssl_ca_file: input.tls.caFile, ssl_min_protocol_version: 'TLSv1.2' }
    : {};
  const settings = { ...MANAGED, ...tls, ...LOGGING_BASELINE, ...derivedMemorySettings(input), ...statementStatistics(input, checked), ...checked };
  for (const [key, value, problem] of settingCombinationProblems(input.majorVersion, settings)) fail(owner, `parameters.${key}`, value, problem);
  checkMemoryFits(input, settings);
  return settings;
}

/**
 * With pg_stat_statements loaded, utility statements are not tracked: the view would keep an
 * application's `ALTER ROLE … PASSWORD '…'` verbatim for every pg_monitor member to read.
 */
function statementStatistics(input: ServerSettingsInput, checked: Readonly<Record<string, ParameterValue>>): Record<string, ParameterValue> {
  const preload = preloadedLibraries(String(checked.shared_preload_libraries ?? ''));
  const configured = input.preloadsConfiguredExtensions === true && Object.keys(checked).some((key) => key.startsWith(`${STATEMENT_STATISTICS}.`));
  if (!preload.includes(STATEMENT_STATISTICS) && !configured) return {};
  const key = `${STATEMENT_STATISTICS}.track_utility`;
  if (checked[key] !== undefined && readPostgresBoolean(settingText(checked[key])) !== false) {
    fail(input.owner, `parameters.${key}`, checked[key], "must be off: pg_stat_statements would keep utility statements verbatim, an application's ALTER ROLE … PASSWORD '…' included, for every pg_monitor member to read");
  }
  return { [key]: false };
}

/** The value as PostgreSQL will read it, or a named error: durability switches canonical, numbers the library computes with parsed. */
function checkedValue(input: ServerSettingsInput, key: string, value: ParameterValue): ParameterValue {
  const { owner } = input;
  const field = `parameters.${key}`;
  if (typeof value === 'number' && !Number.isFinite(value)) fail(owner, field, String(value), 'is not a finite number');
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    fail(owner, field, value, 'must be a string, a number or a boolean');
  }
  if (typeof value === 'string') {
    const problem = configStringProblem(value);
    if (problem) fail(owner, field, value, problem);
    checkNoPassword(owner, field, value);
  }
  if (DURABILITY_SWITCHES.includes(key)) {
    const canonical = durabilitySwitch(owner, key, value);
    if (canonical === false && !input.disposable) {
      fail(owner, field, value, 'turns off crash safety; set disposable: true to declare the environment a disposable development environment');
    }
    return canonical;
  }
  if (integerSetting(key, input.majorVersion)) integerValue(input, key, value);
  const problem = settingValueProblem(input.majorVersion, key, value);
  if (problem) fail(owner, field, value, problem);
  if (logsStatementText(key, value) && !input.logsStatements) {
    fail(owner, field, value, "writes the text of statements to the server log, and with it what applications send (passwords in ALTER ROLE … PASSWORD '…' included); set logsStatements: true to declare that choice");
  }
  return value;
}

/** A durability switch as PostgreSQL reads it: true (on), false (off) or a synchronous_commit level. */
function durabilitySwitch(owner: string, key: string, value: ParameterValue): ParameterValue {
  const text = settingText(value);
  if (key === 'synchronous_commit') {
    const level = readSynchronousCommit(text);
    if (level === undefined) fail(owner, `parameters.${key}`, value, 'is not a level PostgreSQL accepts (local, remote_write, remote_apply, on or off; case does not matter, prefixes are not accepted)');
    return level === 'on' ? true : level === 'off' ? false : level;
  }
  const on = readPostgresBoolean(text);
  if (on === undefined) fail(owner, `parameters.${key}`, value, 'is not a boolean PostgreSQL accepts (on, off, true, false, yes, no, 1 or 0, or a unique prefix of one, without spaces)');
  return on;
}

/** An integer setting in its base unit (8kB blocks, kB, or a count), as PostgreSQL reads it. */
function integerValue(input: ServerSettingsInput, key: string, value: ParameterValue): number {
  const setting = integerSetting(key, input.majorVersion)!;
  const reading = typeof value === 'boolean'
    ? { problem: 'is a boolean, not a number' }
    : readPostgresInteger(String(value), setting);
  if ('problem' in reading) return fail(input.owner, `parameters.${key}`, value, reading.problem);
  return reading.value;
}

/** A memory setting in bytes, as PostgreSQL reads it. */
function bytesOf(input: ServerSettingsInput, key: string, value: ParameterValue): number {
  return integerValue(input, key, value) * integerSetting(key, input.majorVersion)!.unitBytes!;
}

function derivedMemorySettings(input: ServerSettingsInput): Record<string, ParameterValue> {
  const limit = input.memoryLimitBytes;
  const { overrides } = input;
  const maxConnections = overrides.max_connections === undefined ? 100 : integerValue(input, 'max_connections', overrides.max_connections);
  const autovacuumWorkers = overrides.autovacuum_max_workers === undefined ? 3 : integerValue(input, 'autovacuum_max_workers', overrides.autovacuum_max_workers);
  const sharedBuffers = overrides.shared_buffers === undefined
    ? Math.max(Math.floor(limit / 4), 128 * KB)
    : bytesOf(input, 'shared_buffers', overrides.shared_buffers);
  const rest = Math.max(limit - sharedBuffers, 0);
  const derived: Record<string, ParameterValue> = {
    max_connections: maxConnections,
    shared_buffers: formatMemory(sharedBuffers),
    effective_cache_size: formatMemory(Math.floor((limit * 3) / 4)),
    work_mem: formatMemory(Math.max(Math.floor(rest / (4 * maxConnections)), 64 * KB)),
    maintenance_work_mem: formatMemory(Math.min(Math.max(Math.floor(rest / (4 * (autovacuumWorkers + 1))), MB), 2 * GB)),
  };
  // A value the library derived from the limit is the limit's problem, not a parameter the user wrote.
  for (const [key, value] of Object.entries(derived)) {
    const problem = overrides[key] === undefined ? settingValueProblem(input.majorVersion, key, value) : undefined;
    if (problem) fail(input.owner, 'resources.memoryLimit', input.memoryLimit, `makes ${key} ${value}, which ${problem}; give a smaller limit, or set parameters.${key}`);
  }
  return derived;
}

/**
 * Worst case the server can allocate at once: shared buffers and WAL buffers, one work_mem per
 * connection and one maintenance_work_mem per autovacuum worker plus one manual maintenance job.
 */
function checkMemoryFits(input: ServerSettingsInput, settings: Record<string, ParameterValue>): void {
  const maxConnections = integerValue(input, 'max_connections', settings.max_connections);
  const autovacuumWorkers = settings.autovacuum_max_workers === undefined ? 3 : integerValue(input, 'autovacuum_max_workers', settings.autovacuum_max_workers);
  const sharedBuffers = bytesOf(input, 'shared_buffers', settings.shared_buffers);
  const workMem = bytesOf(input, 'work_mem', settings.work_mem);
  const maintenance = bytesOf(input, 'maintenance_work_mem', settings.maintenance_work_mem);
  const walBuffers = walBufferBytes(input, settings.wal_buffers, sharedBuffers);
  const total = sharedBuffers + walBuffers + maxConnections * workMem + (autovacuumWorkers + 1) * maintenance;
  if (total > input.memoryLimitBytes) {
    fail(input.owner, 'parameters', summarize(settings), `do not fit the memory limit ${input.memoryLimit} (${mib(input.memoryLimitBytes)}): ` +
      `shared_buffers ${mib(sharedBuffers)} + wal_buffers ${mib(walBuffers)} + max_connections ${maxConnections} × work_mem ${mib(workMem)} ` +
      `+ (autovacuum_max_workers ${autovacuumWorkers} + 1) × maintenance_work_mem ${mib(maintenance)} = ${mib(total)}`);
  }
}

function summarize(settings: Record<string, ParameterValue>): Record<string, ParameterValue> {
  const keys = ['shared_buffers', 'wal_buffers', 'max_connections', 'work_mem', 'maintenance_work_mem', 'autovacuum_max_workers'];
  return Object.fromEntries(keys.filter((k) => settings[k] !== undefined).map((k) => [k, settings[k]]));
}

/**
 * wal_buffers = -1 (the default) means 1/32 of shared_buffers, between 64kB and 16MB; the server
 * raises any other value below 4 blocks (32kB) to 4 blocks.
 */
function walBufferBytes(input: ServerSettingsInput, value: ParameterValue | undefined, sharedBuffers: number): number {
  const blocks = value === undefined ? -1 : integerValue(input, 'wal_buffers', value);
  if (blocks === -1) return Math.min(Math.max(Math.floor(sharedBuffers / 32), 64 * KB), 16 * MB);
  return Math.max(blocks, 4) * 8 * KB;
}

/** Bytes as the largest exact PostgreSQL unit: 268435456 → '256MB'. */
export function formatMemory(bytes: number): string {
  const kb = Math.floor(bytes / KB);
  if (kb % (1024 * 1024) === 0) return `${kb / (1024 * 1024)}GB`;
  if (kb % 1024 === 0) return `${kb / 1024}MB`;
  return `${kb}kB`;
}

function mib(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MiB`;
}

/** Renders settings as postgresql.conf lines that the server reads back exactly as written. */
export function renderPostgresqlConf(settings: Readonly<Record<string, ParameterValue>>): string {
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${renderValue(value)}`);
  return ['# Generated by cdk8s-postgres. Edit the construct props, not this file.', ...lines, ''].join('\n');
}

/** Booleans as on/off, plain decimal numbers bare, everything else quoted (the file's lexer cannot read `1e+21` bare). */
function renderValue(value: ParameterValue): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  const text = String(value);
  if (typeof value === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return text;
  return quoteConfigString(text)!;
}
