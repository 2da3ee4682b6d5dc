import { spawnSync, SpawnSyncReturns } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { copyInitializedDataDir, runAsServerUser, serverBinDir, SERVER_USER } from './postgres-server';

/**
 * The real PostgreSQL server binaries of each major (devDependencies pg14 … pg18) as oracles for
 * how the server reads postgresql.conf and pg_hba.conf.
 */

/** Runs a server binary of a major as the OS user the servers run as. */
export function runServerBinary(major: number, program: string, args: string[], input?: string): SpawnSyncReturns<string> {
  return runAsServerUser(join(serverBinDir(major), program), args, input);
}

/** A scratch directory the server's OS user owns; remove it with rmSync when done. */
export function serverScratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o700);
  if (SERVER_USER) chownSync(dir, SERVER_USER.uid, SERVER_USER.gid);
  return dir;
}

/** Writes a file the server's OS user can read. */
export function writeServerFile(path: string, content: string): void {
  writeFileSync(path, content);
  if (SERVER_USER) chownSync(path, SERVER_USER.uid, SERVER_USER.gid);
}

/** What `postgres -C <name>` says about a setting in a config file. */
export interface ConfigReading {
  /** Whether the server accepted the whole file. */
  readonly ok: boolean;
  /** The value it prints, without the trailing newline (empty when not ok). */
  readonly value: string;
  /** The server's complaint when not ok. */
  readonly error: string;
}

/**
 * Reads settings the way the server does at start: `postgres -D <dir> -c config_file=<file> -C
 * <name>`. No initdb needed: -C only reads the configuration (about 25 ms a call).
 */
export class ConfigReader {
  private readonly dir: string;
  private count = 0;

  constructor(public readonly major: number) {
    this.dir = serverScratchDir(`pg${major}-conf-`);
    const dataDir = join(this.dir, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    if (SERVER_USER) chownSync(dataDir, SERVER_USER.uid, SERVER_USER.gid);
    writeServerFile(join(dataDir, 'postgresql.auto.conf'), '');
  }

  /** The value of `name` the server reads from `conf`. */
  public read(conf: string, name: string): ConfigReading {
    const file = join(this.dir, `${this.count++}.conf`);
    writeServerFile(file, conf);
    const result = runServerBinary(this.major, 'postgres', ['-D', join(this.dir, 'data'), '-c', `config_file=${file}`, '-C', name]);
    rmSync(file);
    const ok = result.status === 0;
    const error = result.stderr.split('\n').map((l) => l.replace(/^.*?(LOG|FATAL|HINT|ERROR): +/, '')).filter((l) => l && !l.startsWith('configuration file')).join(' ');
    return { ok, value: ok ? result.stdout.replace(/\n$/, '') : '', error: ok ? '' : error };
  }

  /**
   * Many settings of one file at once, as a backend started on it sees them (`postgres --single`
   * on a throwaway cluster, initialized on first use): name → value, or undefined when unset.
   * Throws with the server's complaint when it refuses the file.
   */
  public readAll(conf: string, names: string[]): Record<string, string | undefined> {
    const cluster = this.cluster();
    const file = join(this.dir, `${this.count++}.conf`);
    writeServerFile(file, conf);
    const list = names.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ');
    const sql = `SELECT string_agg(coalesce(encode(convert_to(current_setting(n, true), 'UTF8'), 'hex'), 'NULL'), ' ' ORDER BY o) AS v FROM unnest(ARRAY[${list}]::text[]) WITH ORDINALITY AS u(n, o);\n`;
    const result = runServerBinary(this.major, 'postgres', ['--single', '-D', cluster, '-c', `config_file=${file}`, '-c', 'log_min_messages=fatal', 'postgres'], sql);
    rmSync(file);
    const hex = /\b1: v = "([0-9a-fNUL ]*)"/.exec(result.stdout);
    if (result.status !== 0 || !hex) throw new Error(`postgres --single refused the file: ${result.stderr}`);
    const values = hex[1].split(' ');
    return Object.fromEntries(names.map((n, i) => [n, values[i] === 'NULL' ? undefined : Buffer.from(values[i], 'hex').toString('utf8')]));
  }

  /**
   * Whether a server starts on `conf` (checks that `postgres -C` skips, such as settings that
   * contradict each other, run only at a real start): pg_ctl on the throwaway cluster, listening
   * on a socket of its own and nowhere else, stopped again at once. The complaint is the server
   * log's FATAL line.
   */
  public starts(conf: string): ConfigReading {
    const cluster = this.cluster();
    const file = join(this.dir, `${this.count++}.conf`);
    const log = join(this.dir, 'start.log');
    writeServerFile(file, conf);
    writeServerFile(log, '');
    const options = `-c config_file=${file} -c listen_addresses='' -c unix_socket_directories=${this.dir}`;
    const result = runServerBinary(this.major, 'pg_ctl', ['-D', cluster, '-l', log, '-w', '-t', '30', '-o', options, 'start']);
    rmSync(file);
    if (result.status === 0) {
      check(runServerBinary(this.major, 'pg_ctl', ['-D', cluster, '-m', 'immediate', '-w', 'stop']));
      return { ok: true, value: '', error: '' };
    }
    const fatal = readFileSync(log, 'utf8').split('\n').filter((l) => / (FATAL|DETAIL|HINT): /.test(l)).map((l) => l.replace(/^.*?(FATAL|DETAIL|HINT): +/, ''));
    return { ok: false, value: '', error: fatal.join(' ') || `${result.stderr} ${readFileSync(log, 'utf8')}` };
  }

  /**
   * The throwaway cluster of readAll and starts, a copy of the run's initdb'd directory (UTF-8,
   * C.UTF-8, as the test servers') made on first use: neither logs in (`--single`, and pg_ctl
   * start on a socket nobody connects to).
   */
  private cluster(): string {
    const cluster = join(this.dir, 'cluster');
    if (!existsSync(join(cluster, 'PG_VERSION'))) {
      // what an interrupted copy left would take the copy inside it
      rmSync(cluster, { recursive: true, force: true });
      copyInitializedDataDir(this.major, cluster);
    }
    return cluster;
  }

  public dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A running throwaway server whose pg_hba.conf the test rewrites; queried as the OS user postgres over its socket. */
export class HbaServer {
  private readonly dir: string;
  private readonly port: number;
  public readonly hbaFile: string;

  constructor(public readonly major: number, port: number) {
    this.port = port;
    this.dir = serverScratchDir(`pg${major}-hba-`);
    this.hbaFile = join(this.dir, 'pg_hba.conf');
    writeServerFile(this.hbaFile, 'local all postgres peer\n');
    const data = join(this.dir, 'data');
    // The run's initdb'd directory: its own pg_hba.conf is never read (hba_file points at the test's).
    copyInitializedDataDir(major, data);
    const options = `-p ${port} -k ${this.dir} -c listen_addresses='' -c hba_file=${this.hbaFile}`;
    check(runServerBinary(major, 'pg_ctl', ['-D', data, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start']));
  }

  /**
   * The rows of pg_hba_file_rules for `hba` (the view parses the file anew on every query), as
   * [line_number, address, netmask, error] with empty strings for nulls.
   */
  public rules(hba: string): string[][] {
    writeServerFile(this.hbaFile, hba);
    const sql = "SELECT line_number, coalesce(address, ''), coalesce(netmask, ''), coalesce(error, '') FROM pg_hba_file_rules ORDER BY line_number";
    const result = spawnSync('psql', ['-X', '-At', '-F', '\t', '-h', this.dir, '-p', String(this.port), '-U', 'postgres', '-d', 'postgres', '-c', sql],
      { encoding: 'utf8', ...SERVER_USER, env: { ...process.env, PGPASSWORD: '' } });
    check(result);
    writeServerFile(this.hbaFile, 'local all postgres peer\n');
    return result.stdout.split('\n').filter((l) => l).map((l) => l.split('\t'));
  }

  public stop(): void {
    try {
      runServerBinary(this.major, 'pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function check(result: SpawnSyncReturns<string>): void {
  if (result.status !== 0) throw new Error(`${result.error ?? ''} ${result.stderr}`);
}
