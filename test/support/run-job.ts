import { spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isNamed, KubeObject, only, podSpecOf } from './manifests';
import { clientPath, TestServer } from './postgres-server';

/** Secret name → key → value, standing in for the cluster's Secrets. */
export type TestSecrets = Record<string, Record<string, string>>;

/** Extra settings of {@link runJobScript}. */
export interface RunOptions {
  /** Environment variables set after the manifest's. */
  readonly env?: Record<string, string>;
  /** Claim name → directory standing in for the PersistentVolumeClaim. */
  readonly claims?: Record<string, string>;
  /** emptyDir volume name → directory standing in for it (shared by the pod's containers). */
  readonly emptyDirs?: Record<string, string>;
  /**
   * Program (and its first arguments) that runs the container's script instead of the one the
   * command names, e.g. ['busybox', 'sh'].
   * @default - the command's own
   */
  readonly shell?: string[];
  /**
   * Container to run, init containers included.
   * @default - the first the kubelet starts: the first init container, else the first container
   */
  readonly container?: string;
}

/**
 * Runs the container command of a Job or CronJob exactly as written in the manifest, with bash,
 * against a test server, with the machine's client programs first on PATH (see
 * {@link clientPath}): the container's environment with Secret references resolved from
 * `secrets`, PGHOST and PGPORT pointed at the server, mounted ConfigMaps' files in a temporary
 * directory, claims and emptyDirs in the directories given; a variable that names a mount path,
 * or a file under one, points at the directory standing in for it.
 *
 * TLS: when `secrets` holds the mounted CA Secret's keys, its files are mounted too and the
 * Job's TLS settings run as written: PGHOST keeps the manifest's Service name, which libpq
 * checks against the server's certificate (verify-full), and PGHOSTADDR sends the connection
 * to 127.0.0.1. Without them the Job runs against a test server without TLS: PGSSLMODE
 * becomes `disable` (the suites about SQL; test/majors/suites/tls.ts runs the Jobs verified).
 */
export function runJobScript(objects: KubeObject[], jobName: string, server: TestServer | { port: number }, secrets: TestSecrets, options: RunOptions = {}): SpawnSyncReturns<string> {
  const { shell, args, env, dir } = prepareJobScript(objects, jobName, server, secrets, options);
  try {
    // No stdin, as in a pod: bash given a socket as stdin reads ~/.bashrc as if started by sshd.
    return spawnSync(shell, args, { env, encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a finished Job script printed and its exit status. */
export interface JobScriptResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/**
 * {@link runJobScript} without waiting: the script runs while the test does other things (such as
 * watching the server); the promise settles when it exits.
 */
export function startJobScript(objects: KubeObject[], jobName: string, server: TestServer | { port: number }, secrets: TestSecrets, options: RunOptions = {}): Promise<JobScriptResult> {
  const { shell, args, env, dir } = prepareJobScript(objects, jobName, server, secrets, options);
  return new Promise((resolve, reject) => {
    const child = spawn(shell, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ stdout, stderr, status });
    });
  });
}

/** The container command of a Job, its environment and the directory standing in for its mounts (removed by the caller). */
function prepareJobScript(objects: KubeObject[], jobName: string, server: TestServer | { port: number }, secrets: TestSecrets, options: RunOptions): { shell: string; args: string[]; env: Record<string, string>; dir: string } {
  const job = objects.find((o) => (o.kind === 'Job' || o.kind === 'CronJob') && isNamed(o, jobName));
  if (!job) throw new Error(`no Job or CronJob '${jobName}'`);
  const pod = podSpecOf(job);
  const all = [...pod.initContainers ?? [], ...pod.containers];
  const container = options.container === undefined ? all[0] : all.find((c: any) => c.name === options.container);
  if (!container) throw new Error(`no container '${options.container}' in '${jobName}'`);
  const dir = mkdtempSync(join(tmpdir(), 'job-'));
  try {
    const env: Record<string, string> = { PATH: clientPath(), HOME: dir, TMPDIR: dir, ...testClock() };
    const mounts: Record<string, string> = {};
    for (const mount of container.volumeMounts ?? []) {
      const volume = pod.volumes.find((v: any) => v.name === mount.name);
      if (volume?.configMap) {
        mounts[mount.mountPath] = dir;
        const configMap = only(objects, 'ConfigMap', volume.configMap.name);
        for (const [file, text] of Object.entries<string>(configMap.data)) writeFileSync(join(dir, file), text);
      } else if (volume?.secret) {
        const given = secrets[volume.secret.secretName];
        const items: { key: string; path: string }[] = volume.secret.items ?? Object.keys(given ?? {}).map((key) => ({ key, path: key }));
        if (given && items.every((item) => given[item.key] !== undefined)) {
          const secretDir = join(dir, `secret-${volume.name}`);
          mkdirSync(secretDir);
          for (const item of items) writeFileSync(join(secretDir, item.path), given[item.key], { mode: 0o444 });
          mounts[mount.mountPath] = secretDir;
        }
      } else if (volume?.persistentVolumeClaim) {
        const claimDir = options.claims?.[volume.persistentVolumeClaim.claimName];
        if (!claimDir) throw new Error(`no directory given for claim '${volume.persistentVolumeClaim.claimName}'`);
        mounts[mount.mountPath] = claimDir;
      } else if (volume?.emptyDir && options.emptyDirs?.[mount.name]) {
        mounts[mount.mountPath] = options.emptyDirs[mount.name];
      }
    }
    const underMount = (value: string) => {
      const mountPath = Object.keys(mounts).find((m) => value.startsWith(`${m}/`));
      return mountPath === undefined ? undefined : `${mounts[mountPath]}${value.slice(mountPath.length)}`;
    };
    for (const e of container.env ?? []) {
      if (e.value !== undefined) {
        env[e.name] = mounts[e.value] ?? underMount(e.value) ?? e.value;
      } else {
        const ref = e.valueFrom.secretKeyRef;
        const value = secrets[ref.name]?.[ref.key];
        if (value === undefined) throw new Error(`test secrets lack key '${ref.key}' of Secret '${ref.name}'`);
        env[e.name] = value;
      }
    }
    // The CA file exists only when its Secret was given (and so mounted in the temporary directory).
    const verified = env.PGSSLROOTCERT !== undefined && existsSync(env.PGSSLROOTCERT);
    if (env.PGSSLMODE !== undefined && !verified) {
      env.PGSSLMODE = 'disable';
      delete env.PGSSLROOTCERT;
    }
    Object.assign(env, verified ? { PGHOSTADDR: '127.0.0.1' } : { PGHOST: '127.0.0.1' }, { PGPORT: String(server.port) }, options.env);
    const [shell, flag, script] = container.command;
    const [program, ...shellArgs] = options.shell ?? [shell];
    return { shell: program, args: [...shellArgs, flag, script], env, dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The faked clock of a run under libfaketime (docs/development.md, "Tests"), for the Jobs' otherwise clean
 * environment: a certificate the test made "now" (the library's development pair) is in force
 * for the Job that verifies it. Nothing under the real clock.
 */
export function testClock(): Record<string, string> {
  const preload = (process.env.LD_PRELOAD ?? '').split(/[:\s]+/).filter((lib) => lib.includes('libfaketime'));
  if (preload.length === 0) return {};
  const faketime = Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('FAKETIME') && entry[1] !== undefined);
  return Object.fromEntries([['LD_PRELOAD', preload.join(':')], ...faketime]);
}

/**
 * Now, in milliseconds, as a Job script run by {@link runJobScript} sees it (`date` in the same
 * environment). Tests that date files for a script's retention use the script's clock, never
 * their own (the time the test process reads may move on while the script runs).
 */
export function jobScriptNow(): number {
  const seconds = spawnSync('date', ['-u', '+%s'], { encoding: 'utf8', env: { PATH: clientPath(), ...testClock() } }).stdout.trim();
  return Number(seconds) * 1000;
}
