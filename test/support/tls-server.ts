import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLIENT_BIN_DIR, copyInitializedDataDir, freePort, launchServer, SERVER_USER, serverBinDir, sleep } from './postgres-server';

/**
 * A directory written the way the kubelet writes a Secret volume (its AtomicWriter): the files
 * sit in a timestamped directory, `..data` is a symlink to it, and each name the pod sees is a
 * symlink through `..data`. An update writes a new directory, points a `..data_tmp` symlink at
 * it and renames that over `..data` (one atomic step), then removes the old directory. Files are
 * root's with the pod's fsGroup when the tests run as root (the developer's own otherwise).
 */
export class SecretVolume {
  public readonly dir: string;
  private current?: string;
  private generation = 0;

  constructor(files: Record<string, string>, private readonly mode: number, private readonly fsGroup: number | undefined) {
    this.dir = mkdtempSync(join(tmpdir(), 'test-secret-volume-'));
    chmodSync(this.dir, 0o755);
    this.update(files);
  }

  /** Replaces every file at once, as the kubelet does when the Secret changes. */
  public update(files: Record<string, string>): void {
    const name = `..2026_11_25_00_00_0${this.generation++}.000000000`;
    const target = join(this.dir, name);
    mkdirSync(target, { mode: 0o755 });
    for (const [file, text] of Object.entries(files)) {
      const path = join(target, file);
      writeFileSync(path, text);
      if (process.getuid?.() === 0 && this.fsGroup !== undefined) chownSync(path, 0, this.fsGroup);
      chmodSync(path, this.mode);
    }
    symlinkSync(name, join(this.dir, '..data_tmp'));
    renameSync(join(this.dir, '..data_tmp'), join(this.dir, '..data'));
    for (const file of Object.keys(files)) if (!existsSync(join(this.dir, file))) symlinkSync(`..data/${file}`, join(this.dir, file));
    if (this.current) rmSync(join(this.dir, this.current), { recursive: true, force: true });
    this.current = name;
  }

  public remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A server started the way its container starts it: the container's command and args. */
export interface ContainerServer {
  /** pid of the process the command started, which must end up the postmaster. */
  readonly launchedPid: number;
  /** pid in postmaster.pid. */
  readonly postmasterPid: number;
  readonly port: number;
  readonly workDir: string;
  /** The server's log (stdout and stderr of the command). */
  log(): string;
  /** The postmaster's children that are not PostgreSQL processes: the watcher. */
  otherChildren(): { pid: number; uid: number; comm: string }[];
  /** Runs SQL as the OS user postgres on the Unix socket (peer); throws on failure. */
  query(sql: string): string;
  /** Stops the server (fast shutdown) and whatever the command left, and deletes its files. */
  stop(): void;
}

/** Options of {@link startContainerServer}. */
export interface ContainerServerOptions {
  readonly major: number;
  /** The container's command (its `/bin/sh` may be replaced, e.g. by `busybox sh`). */
  readonly command: readonly string[];
  /** The container's args; `{workDir}` in them stands for the work directory. */
  readonly args: readonly string[];
  /** Files written into the work directory; `{workDir}` in their text stands for it. */
  readonly files: Record<string, string>;
  /** Extra environment, e.g. CERTIFICATE_CHECK_SECONDS. */
  readonly env?: Record<string, string>;
  /**
   * A directory put first on PATH (e.g. busybox applets, as in the Alpine images).
   * @default - none: the entrypoint's stand-in, the server binaries, /usr/bin and /bin
   */
  readonly pathPrefix?: string;
}


/** pid, parent pid, uid and command name of every process. */
function processes(): { pid: number; ppid: number; uid: number; comm: string }[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') return [];
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
      return [{ pid: Number(d), ppid: Number(ppid), uid, comm }];
    } catch {
      return [];
    }
  });
}

/**
 * Starts PostgreSQL `major` as its container would: the container's command and args, with
 * PGDATA set, on a data directory made by initdb, and a stand-in for the official image's
 * `docker-entrypoint.sh` on PATH, which does what the real one does once the data directory is
 * initialized (args starting with '-' get `postgres` in front, then it execs them). Extra args
 * put the server on 127.0.0.1, a free port and a private socket directory. Runs as the OS user
 * postgres when the tests run as root.
 */
export async function startContainerServer(options: ContainerServerOptions): Promise<ContainerServer> {
  const bin = serverBinDir(options.major);
  const workDir = mkdtempSync(join(tmpdir(), 'pg-container-'));
  const dataDir = join(workDir, 'data');
  const socketDir = join(workDir, 'socket');
  const stubDir = join(workDir, 'entrypoint');
  const logFile = join(workDir, 'server.log');
  chmodSync(workDir, 0o755);
  for (const dir of [socketDir, stubDir]) mkdirSync(dir, { mode: 0o755 });
  writeFileSync(join(stubDir, 'docker-entrypoint.sh'), '#!/bin/sh\ncase "$1" in -*) set -- postgres "$@" ;; esac\nexec "$@"\n', { mode: 0o755 });
  for (const [name, text] of Object.entries(options.files)) writeFileSync(join(workDir, name), text.split('{workDir}').join(workDir));
  if (SERVER_USER) {
    for (const path of [workDir, socketDir, ...Object.keys(options.files).map((n) => join(workDir, n))]) chownSync(path, SERVER_USER.uid, SERVER_USER.gid);
  }
  // The container's args name the pg_hba.conf; the data directory's own is not read.
  copyInitializedDataDir(options.major, dataDir);
  const port = await freePort();
  const args = [...options.args.map((a) => a.split('{workDir}').join(workDir)), '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
  const { launchedPid, postmasterPid } = launchServer([...options.command, ...args],
    { PATH: `${options.pathPrefix ? `${options.pathPrefix}:` : ''}${stubDir}:${bin}:/usr/bin:/bin`, PGDATA: dataDir, LANG: 'C.UTF-8', ...options.env }, dataDir, logFile, "the container's command");
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const otherChildren = () => processes().filter((p) => p.ppid === postmasterPid && p.comm !== 'postgres').map(({ pid, uid, comm }) => ({ pid, uid, comm }));
  const leftovers = new Set<number>();
  return {
    launchedPid,
    postmasterPid,
    port,
    workDir,
    log,
    otherChildren() {
      const found = otherChildren();
      for (const p of found) leftovers.add(p.pid);
      return found;
    },
    query(sql) {
      const result = spawnSync(join(CLIENT_BIN_DIR, 'psql'), ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', sql],
        { encoding: 'utf8', env: { ...process.env, PGPASSWORD: '' }, ...SERVER_USER });
      if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
      return result.stdout.trim();
    },
    stop() {
      for (const p of otherChildren()) leftovers.add(p.pid);
      // An immediate shutdown (no checkpoint: the files go next), then SIGKILL.
      const running = () => existsSync(`/proc/${postmasterPid}`) && existsSync(join(dataDir, 'postmaster.pid'));
      for (const [signal, ms] of [['SIGQUIT', 3000], ['SIGKILL', 3000]] as const) {
        try {
          process.kill(postmasterPid, signal);
        } catch {
          break; // already gone
        }
        for (let waited = 0; waited < ms && running(); waited += 20) sleep(20);
        if (!running()) break;
      }
      // The watcher ends by itself once the postmaster is gone; this only saves waiting for it.
      for (const pid of leftovers) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // ended
        }
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** What `openssl s_client` saw of a server's TLS: whether the handshake succeeded, the certificate's SHA-256 fingerprint, protocol and cipher. */
export interface Handshake {
  readonly ok: boolean;
  readonly fingerprint?: string;
  readonly protocol?: string;
  readonly cipher?: string;
  readonly output: string;
}

/** A TLS handshake with the PostgreSQL server on 127.0.0.1:`port` (`-starttls postgres`), with extra s_client options. */
export function handshake(port: number, options: readonly string[] = []): Handshake {
  const run = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-starttls', 'postgres', ...options], { input: '', encoding: 'utf8', timeout: 15000 });
  const output = `${run.stdout}${run.stderr}`;
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(run.stdout)?.[0];
  // 'New, <the suite's first protocol>, Cipher is <suite>', '(NONE)' when none was agreed. The
  // session's protocol follows in 'Protocol  :', except for TLS 1.3 when the server sends no ticket.
  const [, suiteProtocol, cipher] = /^New, (\S+), Cipher is (\S+)/m.exec(run.stdout) ?? [];
  const protocol = /^\s*Protocol\s*:\s*(\S+)/m.exec(run.stdout)?.[1] ?? suiteProtocol;
  const ok = run.status === 0 && pem !== undefined && cipher !== undefined && cipher !== '(NONE)';
  return { ok, fingerprint: pem && certificateFingerprint(pem), protocol: ok ? protocol : undefined, cipher: ok ? cipher : undefined, output };
}

/** SHA-256 fingerprint of a PEM certificate (openssl x509). */
export function certificateFingerprint(pem: string): string {
  return execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem, encoding: 'utf8' }).trim();
}

/** The suites `openssl ciphers` admits for a TLS 1.2 cipher string (TLS 1.3 suites left out): name, protocol, key exchange and MAC of each. */
export function admittedSuites(cipherString: string): { name: string; protocol: string; kx: string; mac: string }[] {
  const run = spawnSync('openssl', ['ciphers', '-v', '-ciphersuites', '', cipherString], { encoding: 'utf8' });
  if (run.status !== 0) return [];
  return run.stdout.trim().split('\n').map((line) => {
    const [name, protocol] = line.trim().split(/\s+/);
    return { name, protocol, kx: /Kx=(\S+)/.exec(line)?.[1] ?? '', mac: /Mac=(\S+)/.exec(line)?.[1] ?? '' };
  });
}
