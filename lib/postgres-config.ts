import { fail } from './validation';

/** A value of a postgresql.conf setting. Booleans render as on/off, strings are quoted. */
export type ParameterValue = string | number | boolean;

/** Settings the construct owns because Services, probes and mounts depend on them. */
const MANAGED: Record<string, ParameterValue> = {
  listen_addresses: '*',
  port: 5432,
  unix_socket_directories: '/var/run/postgresql',
  password_encryption: 'scram-sha-256',
};
const RESERVED = [...Object.keys(MANAGED), 'config_file', 'hba_file', 'ident_file', 'data_directory'];

/** Switches that trade crash safety for speed; only a disposable environment may turn them off. */
const DURABILITY_SWITCHES = ['fsync', 'synchronous_commit', 'full_page_writes'];

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** Base unit of each memory setting when written without a unit. */
const BASE_UNIT: Record<string, number> = {
  shared_buffers: 8 * KB,
  effective_cache_size: 8 * KB,
  wal_buffers: 8 * KB,
  work_mem: KB,
  maintenance_work_mem: KB,
};

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
}

/**
 * The complete postgresql.conf for a server: managed settings, memory settings derived from
 * the memory limit (each overridable), then explicit settings. Fails when explicit settings
 * reserve a managed key, weaken durability outside a disposable environment, or cannot fit
 * the memory limit.
 */
export function serverSettings(input: ServerSettingsInput): Record<string, ParameterValue> {
  const { owner, overrides } = input;
  for (const [key, value] of Object.entries(overrides)) {
    if (!/^[a-z_][a-z0-9_.]*$/.test(key)) fail(owner, 'parameters key', key, 'is not a PostgreSQL setting name');
    if (RESERVED.includes(key)) fail(owner, `parameters.${key}`, value, 'is managed by the construct (Services, probes and mounts depend on it) and cannot be overridden');
    if (DURABILITY_SWITCHES.includes(key) && isOff(value) && !input.disposable) {
      fail(owner, `parameters.${key}`, value, 'turns off crash safety; set disposable: true to declare the environment a disposable development environment');
    }
  }
  const settings = { ...MANAGED, ...derivedMemorySettings(input), ...overrides };
  checkMemoryFits(input, settings);
  return settings;
}

function derivedMemorySettings(input: ServerSettingsInput): Record<string, ParameterValue> {
  const limit = input.memoryLimitBytes;
  const maxConnections = Number(input.overrides.max_connections ?? 100);
  const autovacuumWorkers = Number(input.overrides.autovacuum_max_workers ?? 3);
  const sharedBuffers = input.overrides.shared_buffers === undefined
    ? Math.max(Math.floor(limit / 4), 128 * KB)
    : memoryBytes(input.owner, 'shared_buffers', input.overrides.shared_buffers);
  const rest = Math.max(limit - sharedBuffers, 0);
  return {
    max_connections: maxConnections,
    shared_buffers: formatMemory(sharedBuffers),
    effective_cache_size: formatMemory(Math.floor((limit * 3) / 4)),
    work_mem: formatMemory(Math.max(Math.floor(rest / (4 * maxConnections)), 64 * KB)),
    maintenance_work_mem: formatMemory(Math.min(Math.max(Math.floor(rest / (4 * (autovacuumWorkers + 1))), MB), 2 * GB)),
  };
}

/**
 * Worst case the server can allocate at once: shared buffers and WAL buffers, one work_mem per
 * connection and one maintenance_work_mem per autovacuum worker plus one manual maintenance job.
 */
function checkMemoryFits(input: ServerSettingsInput, settings: Record<string, ParameterValue>): void {
  const { owner } = input;
  const maxConnections = Number(settings.max_connections);
  const autovacuumWorkers = Number(settings.autovacuum_max_workers ?? 3);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) fail(owner, 'parameters.max_connections', settings.max_connections, 'must be an integer of at least 1');
  const sharedBuffers = memoryBytes(owner, 'shared_buffers', settings.shared_buffers);
  const workMem = memoryBytes(owner, 'work_mem', settings.work_mem);
  const maintenance = memoryBytes(owner, 'maintenance_work_mem', settings.maintenance_work_mem);
  const walBuffers = walBufferBytes(owner, settings.wal_buffers, sharedBuffers);
  const total = sharedBuffers + walBuffers + maxConnections * workMem + (autovacuumWorkers + 1) * maintenance;
  if (total > input.memoryLimitBytes) {
    fail(owner, 'parameters', summarize(settings), `do not fit the memory limit ${input.memoryLimit} (${mib(input.memoryLimitBytes)}): ` +
      `shared_buffers ${mib(sharedBuffers)} + wal_buffers ${mib(walBuffers)} + max_connections ${maxConnections} × work_mem ${mib(workMem)} ` +
      `+ (autovacuum_max_workers ${autovacuumWorkers} + 1) × maintenance_work_mem ${mib(maintenance)} = ${mib(total)}`);
  }
}

function summarize(settings: Record<string, ParameterValue>): Record<string, ParameterValue> {
  const keys = ['shared_buffers', 'wal_buffers', 'max_connections', 'work_mem', 'maintenance_work_mem', 'autovacuum_max_workers'];
  return Object.fromEntries(keys.filter((k) => settings[k] !== undefined).map((k) => [k, settings[k]]));
}

/** wal_buffers = -1 (the default) means 1/32 of shared_buffers, between 64kB and 16MB. */
function walBufferBytes(owner: string, value: ParameterValue | undefined, sharedBuffers: number): number {
  if (value === undefined || Number(value) === -1) return Math.min(Math.max(Math.floor(sharedBuffers / 32), 64 * KB), 16 * MB);
  return memoryBytes(owner, 'wal_buffers', value);
}

/** Parses '256MB', '64kB', '1GB' or a bare number in the setting's base unit. */
export function memoryBytes(owner: string, key: string, value: ParameterValue | undefined): number {
  const match = /^\s*(\d+)\s*(B|kB|MB|GB|TB)?\s*$/.exec(String(value));
  if (!match) return fail(owner, `parameters.${key}`, value, "is not a PostgreSQL memory value (e.g. '256MB')");
  const unit = { B: 1, kB: KB, MB, GB, TB: 1024 * GB }[match[2] ?? ''] ?? BASE_UNIT[key] ?? 1;
  return Number(match[1]) * unit;
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

function isOff(value: ParameterValue): boolean {
  return ['off', 'false', 'no', '0'].includes(String(value).toLowerCase());
}

/** Renders settings as postgresql.conf lines, strings single-quoted with quotes doubled. */
export function renderPostgresqlConf(settings: Readonly<Record<string, ParameterValue>>): string {
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${renderValue(value)}`);
  return ['# Generated by cdk8s-postgres. Edit the construct props, not this file.', ...lines, ''].join('\n');
}

function renderValue(value: ParameterValue): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}
