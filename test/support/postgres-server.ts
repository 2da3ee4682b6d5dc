import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

/** A throwaway PostgreSQL server started by a test and removed after it. */
export interface TestServer {
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Directory of the Unix socket. */
  readonly socketDir: string;
  /** Scratch directory owned by the server's OS user, removed on stop. */
  readonly workDir: string;
  /** The superuser's password. */
  readonly superuserPassword: string;
  /** Runs psql as `user` over TCP with `password`; never throws. */
  psql(sql: string, options?: PsqlOptions): SpawnSyncReturns<string>;
  /** Runs psql and returns trimmed unaligned output; throws with psql's stderr on failure. */
  query(sql: string, options?: PsqlOptions): string;
  /** Stops the server and deletes its files. */
  stop(): void;
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
  /** Extra `postgres` arguments, e.g. ['-c', 'config_file=…']. */
  readonly serverArgs?: (workDir: string) => string[];
  /** Files to write into the work directory before the server starts. */
  readonly files?: Record<string, string>;
}

const SUPERUSER_PASSWORD = 'test-superuser-password';
const isRoot = process.getuid?.() === 0;

/** Locates the PostgreSQL server binaries (Debian keeps them off PATH). */
function binDir(): string {
  const found = spawnSync('sh', ['-c', 'dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")"'], { encoding: 'utf8' });
  const dir = found.stdout.trim();
  if (found.status !== 0 || !dir || dir === '.') throw new Error('PostgreSQL server binaries (initdb) not found: install postgresql (apt-get install postgresql-15)');
  return dir;
}

/** Runs a server binary, as the `postgres` OS user when the tests run as root (initdb refuses root). */
function runAsServerUser(bin: string, args: string[]): void {
  const [command, fullArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(command, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a fresh server (initdb ≈ 0.5 s, start ≈ 0.2 s) listening on 127.0.0.1 and a private socket. */
export async function startPostgres(options: StartOptions = {}): Promise<TestServer> {
  const bin = binDir();
  const workDir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const dataDir = join(workDir, 'data');
  const socketDir = join(workDir, 'socket');
  mkdirSync(socketDir);
  const pwfile = join(workDir, 'pwfile');
  writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`);
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(workDir, name), content);
  chmodSync(workDir, 0o755);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    for (const path of [workDir, socketDir, pwfile, ...Object.keys(options.files ?? {}).map((n) => join(workDir, n))]) chownSync(path, uid, gid);
  }
  runAsServerUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const serverArgs = ['-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', ...(options.serverArgs?.(workDir) ?? [])];
  runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(workDir, 'server.log'), '-w', '-t', '30', '-o', serverArgs.map(shellQuote).join(' '), 'start']);

  const psql = (sql: string, o: PsqlOptions = {}): SpawnSyncReturns<string> => {
    const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-h', o.socket ? socketDir : '127.0.0.1', '-p', String(port),
      '-U', o.user ?? 'postgres', '-d', o.database ?? 'postgres', ...(o.args ?? []), '-c', sql];
    const [command, fullArgs] = o.socket && isRoot ? ['runuser', ['-u', 'postgres', '--', 'psql', ...args]] : ['psql', args];
    return spawnSync(command, fullArgs, {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: o.socket ? '' : o.password ?? SUPERUSER_PASSWORD, PGCONNECT_TIMEOUT: '5' },
    });
  };
  return {
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
    stop() {
      try {
        runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
