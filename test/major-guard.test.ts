import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { PostgresStatefulSet } from '../lib';
import { POSTGRES_UID } from '../lib/core/pod-security';
import { dataPaths, defaultImage } from '../lib/core/postgres-version';
import { only, synth, testChart } from './support/manifests';
import { serverBinDir } from './support/postgres-server';

/**
 * The guard run as the pod runs it, on data directories made by the real initdb of 14, 17 and
 * 18 and laid out on a temporary volume as the official image would have written them: the init
 * container is taken from the synthesized StatefulSet (command and env as rendered), the volume is
 * bind-mounted read-only at the rendered mount path in a private mount namespace (as the kubelet
 * mounts the claim), and the script runs as uid 999 with the fsGroup as supplementary group and no
 * new privileges, under dash (Debian images) and busybox sh (Alpine images).
 */

const MAJORS = [14, 17, 18];
const isRoot = process.getuid?.() === 0;
const SHELLS: Record<string, string[]> = { dash: ['dash'], 'busybox sh': ['busybox', 'sh'] };

/** The init container of a synthesized StatefulSet of `major`. */
function renderedGuard(major: number): any {
  const chart = testChart();
  new PostgresStatefulSet(chart, 'orders', { namespace: 'shop', majorVersion: major });
  const pod = only(synth(chart), 'StatefulSet').spec.template.spec;
  expect(pod.initContainers.map((c: any) => c.name)).toEqual(['major-guard']);
  return pod.initContainers[0];
}

const guards = Object.fromEntries(MAJORS.map((m) => [m, renderedGuard(m)]));

/** Whether this machine lets the test mount the volume as the kubelet would (root, mount namespaces). */
const canMount = isRoot && spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs none /mnt'], { encoding: 'utf8' }).status === 0;

let work: string;
const initdbDirs: Record<number, string> = {};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'major-guard-'));
  chmodSync(work, 0o755);
  // The image runs initdb as the server's uid; initdb refuses root, so as root it runs as `postgres`.
  const owner = isRoot ? ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }))) : undefined;
  const pwfile = join(work, 'pwfile');
  writeFileSync(pwfile, 'not-a-real-password\n');
  if (owner) chownSync(pwfile, owner[0], owner[1]);
  for (const major of MAJORS) {
    const target = join(work, `initdb-${major}`);
    // POSTGRES_INITDB_ARGS as the StatefulSet renders them, with the password the image would pipe in.
    const args = ['-D', target, '-U', 'postgres', `--pwfile=${pwfile}`, '--data-checksums', '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '--no-sync'];
    const initdb = join(serverBinDir(major), 'initdb');
    if (owner) {
      mkdirSync(target, { mode: 0o700 });
      chownSync(target, owner[0], owner[1]);
      execFileSync('runuser', ['-u', 'postgres', '--', initdb, ...args], { stdio: 'pipe' });
    } else {
      execFileSync(initdb, args, { stdio: 'pipe' });
    }
    initdbDirs[major] = target;
  }
}, 120000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('initdb made a data directory of each major', () => {
  for (const major of MAJORS) expect(execFileSync('cat', [join(initdbDirs[major], 'PG_VERSION')], { encoding: 'utf8' })).toBe(`${major}\n`);
});

let claims = 0;

/**
 * A fresh volume as the kubelet hands it to a pod with fsGroup 999: group 999 with the setgid bit,
 * a `lost+found` of a new ext4 file system, and for each entry the data directory `major`'s image
 * would have written at `at` (relative to the volume), owned by the server's uid.
 */
function claim(...data: { major: number; at: string }[]): string {
  const dir = join(work, `claim-${++claims}`);
  mkdirSync(dir);
  chmodSync(dir, 0o2775);
  mkdirSync(join(dir, 'lost+found'), { mode: 0o700 });
  for (const { major, at } of data) {
    if (at === '.') {
      execFileSync('cp', ['-a', `${initdbDirs[major]}/.`, dir]);
    } else {
      mkdirSync(dirname(join(dir, at)), { recursive: true });
      execFileSync('cp', ['-a', initdbDirs[major], join(dir, at)]);
    }
  }
  if (isRoot) {
    execFileSync('chown', ['-R', `${POSTGRES_UID}:${POSTGRES_UID}`, dir]);
    execFileSync('chown', ['0:0', join(dir, 'lost+found')]);
    // Data at the root means the server's uid owned the volume's root (initdb keeps PGDATA to its owner, mode 0700).
    execFileSync('chown', [data.some((d) => d.at === '.') ? `${POSTGRES_UID}:${POSTGRES_UID}` : `0:${POSTGRES_UID}`, dir]);
  }
  return dir;
}

/** Where the image keeps `major`'s data, relative to the volume. */
function layout(major: number): string {
  const { mountPath, pgdata } = dataPaths(major);
  return pgdata.slice(mountPath.length + 1);
}

/** Every path on the volume with its mode, size and modification time, to prove the guard writes nothing. */
function listing(dir: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, prefix)).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(prefix, name);
    const s = statSync(join(dir, path));
    return [`${path} ${s.mode} ${s.size} ${s.mtimeMs}`, ...(s.isDirectory() ? listing(dir, path) : [])];
  });
}

interface Run { status: number | null; stdout: string; stderr: string }

/** Runs the rendered init container on `volume` with `shell` in place of its /bin/sh. */
function runGuard(container: any, volume: string, shell: string[]): Run {
  const [interpreter, flag, script] = container.command;
  expect([interpreter, flag]).toEqual(['/bin/sh', '-c']);
  expect(container.args).toBeUndefined();
  const [mount] = container.volumeMounts;
  expect(container.volumeMounts).toEqual([{ name: 'data', mountPath: mount.mountPath, readOnly: true }]);
  const env: Record<string, string> = { PATH: '/usr/local/bin:/usr/bin:/bin' };
  for (const e of container.env) {
    expect(Object.keys(e).sort()).toEqual(['name', 'value']);
    env[e.name] = e.value;
  }
  expect(env.DATA_VOLUME).toBe(mount.mountPath);
  const before = listing(volume);
  let result;
  if (canMount) {
    // A private mount namespace: a tmpfs over the mount path's parent, the volume bound read-only at the mount path.
    const setup = 'mount -t tmpfs none "$(dirname "$1")" && mkdir "$1" && mount --bind "$2" "$1" && mount -o remount,bind,ro "$1" && shift 2 && exec "$@"';
    const asServer = ['setpriv', `--reuid=${POSTGRES_UID}`, `--regid=${POSTGRES_UID}`, `--groups=${POSTGRES_UID}`, '--no-new-privs', '--'];
    result = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', setup, 'mount', mount.mountPath, volume, ...asServer, ...shell, '-c', script], { env, encoding: 'utf8' });
  } else {
    // Without mount namespaces: the same script with the rendered mount path replaced by the volume's.
    result = spawnSync(shell[0], [...shell.slice(1), '-c', script], { env: { ...env, DATA_VOLUME: volume }, encoding: 'utf8' });
  }
  expect(result.error).toBeUndefined();
  expect(listing(volume)).toEqual(before);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const refusal = (text: string) => ({ status: 1, stdout: '', stderr: `major-guard: ${text} Nothing was changed.\n` });
const passing = (text: string) => ({ status: 0, stdout: `major-guard: ${text}\n`, stderr: '' });
const forward = (from: number, to: number) => `To keep running PostgreSQL ${from}, set majorVersion back to ${from}; to move the data to PostgreSQL ${to}, ` +
  `declare the upgrade (upgrade: { fromMajorVersion: ${from} }, README "Upgrading PostgreSQL"), which copies it into a new server with a volume of its own.`;

describe.each(Object.keys(SHELLS))('the guard under %s', (shellName) => {
  const shell = SHELLS[shellName];

  test.each(MAJORS)('an empty volume passes: PostgreSQL %i initializes it on first start', (major) => {
    expect(runGuard(guards[major], claim(), shell)).toEqual(passing(`no PostgreSQL data on the data volume; PostgreSQL ${major} initializes ${layout(major)}/.`));
  });

  test.each(MAJORS)('PostgreSQL %i data where a pod of the same major keeps it passes', (major) => {
    expect(runGuard(guards[major], claim({ major, at: layout(major) }), shell)).toEqual(passing(`PostgreSQL ${major} data in ${layout(major)}/ on the data volume; starting.`));
  });

  test('14 data under a 17 pod (same place, other files): refused', () => {
    expect(layout(14)).toBe(layout(17));
    expect(runGuard(guards[17], claim({ major: 14, at: layout(14) }), shell)).toEqual(refusal(
      `This pod runs PostgreSQL 17, but its data volume holds PostgreSQL 14 data in pgdata/, which PostgreSQL 17 cannot start on. ${forward(14, 17)}`));
  });

  test('17 data under an 18 pod (mounted one level up, pgdata/ is not where 18 looks): refused', () => {
    expect(runGuard(guards[18], claim({ major: 17, at: layout(17) }), shell)).toEqual(refusal(
      'This pod runs PostgreSQL 18, but its data volume holds PostgreSQL 17 data in pgdata/ and none in 18/docker/, where PostgreSQL 18 keeps its data: ' +
      `the image would initialize an empty cluster there. ${forward(17, 18)}`));
  });

  test('18 data under a 17 pod (a rollback of the image alone): refused', () => {
    expect(runGuard(guards[17], claim({ major: 18, at: layout(18) }), shell)).toEqual(refusal(
      'This pod runs PostgreSQL 17, but its data volume holds PostgreSQL 18 data in 18/docker/ and none in pgdata/, where PostgreSQL 17 keeps its data: ' +
      `the image would initialize an empty cluster there. ${forward(18, 17)}`));
  });

  test('14 data under an 18 pod: refused', () => {
    expect(runGuard(guards[18], claim({ major: 14, at: layout(14) }), shell)).toEqual(refusal(
      'This pod runs PostgreSQL 18, but its data volume holds PostgreSQL 14 data in pgdata/ and none in 18/docker/, where PostgreSQL 18 keeps its data: ' +
      `the image would initialize an empty cluster there. ${forward(14, 18)}`));
  });

  test('14 data at the root of the volume (PGDATA at the mount path) under a 17 or an 18 pod: refused', () => {
    const volume = claim({ major: 14, at: '.' });
    expect(runGuard(guards[17], volume, shell)).toEqual(refusal(
      "This pod runs PostgreSQL 17, but its data volume holds PostgreSQL 14 data in the volume's root and none in pgdata/, where PostgreSQL 17 keeps its data: " +
      `the image would initialize an empty cluster there. ${forward(14, 17)}`));
    expect(runGuard(guards[18], volume, shell).stderr).toContain("holds PostgreSQL 14 data in the volume's root and none in 18/docker/");
  });

  test('data of the same major where the pod does not look: refused, with the way to move it', () => {
    expect(runGuard(guards[17], claim({ major: 17, at: '.' }), shell)).toEqual(refusal(
      "This pod runs PostgreSQL 17, but its data volume holds PostgreSQL 17 data in the volume's root and none in pgdata/, where PostgreSQL 17 keeps its data: " +
      'the image would initialize an empty cluster there. Move that directory to pgdata/ with the server stopped, or remove it on purpose.'));
  });

  test('18 data beside older data kept on the volume, with no upgrade declared: refused', () => {
    expect(runGuard(guards[18], claim({ major: 18, at: layout(18) }, { major: 17, at: layout(17) }), shell)).toEqual(refusal(
      `This pod runs PostgreSQL 18, but besides its own data in 18/docker/, its data volume holds PostgreSQL 17 data in pgdata/. ${forward(17, 18)} ` +
      'If that data is no longer wanted, remove it from the volume on purpose.'));
  });

  test('a PG_VERSION naming no major: refused', () => {
    const volume = claim({ major: 17, at: layout(17) });
    writeFileSync(join(volume, 'pgdata', 'PG_VERSION'), 'seventeen\n');
    expect(runGuard(guards[17], volume, shell)).toEqual(refusal('The PG_VERSION file in pgdata/ on the data volume names no PostgreSQL major; look at it before starting PostgreSQL 17.'));
  });

  test('a volume the pod cannot read: refused', () => {
    const volume = claim({ major: 18, at: layout(18) });
    chmodSync(volume, 0o2711);
    try {
      expect(runGuard(guards[18], volume, shell)).toEqual(refusal(
        `This pod (uid ${canMount ? POSTGRES_UID : process.getuid?.()}) cannot read its data volume, which may hold a PostgreSQL data directory; the server does not start until it can be checked.`));
    } finally {
      chmodSync(volume, 0o2775);
    }
  });

  test('a data directory the pod cannot look into: refused', () => {
    const volume = claim({ major: 17, at: layout(17) });
    chmodSync(join(volume, 'pgdata'), 0);
    try {
      expect(runGuard(guards[17], volume, shell)).toEqual(refusal(
        `This pod (uid ${canMount ? POSTGRES_UID : process.getuid?.()}) cannot look into pgdata/ on its data volume, which may hold a PostgreSQL data directory; the server does not start until it can be checked.`));
    } finally {
      chmodSync(join(volume, 'pgdata'), 0o700);
    }
  });
});

test('the guard runs the server\'s pinned image under the restricted profile, with tiny resources, before the server', () => {
  for (const major of MAJORS) {
    const guard = guards[major];
    expect(guard.image).toBe(defaultImage(major));
    expect(guard.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: POSTGRES_UID, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(guard.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } });
    expect(guard.terminationMessagePolicy).toBe('FallbackToLogsOnError');
  }
});

test('the tests mounted the volume as the kubelet does (a machine without mount namespaces substitutes the path)', () => {
  // Documents which of the two ways ran: both run the rendered script on the rendered env.
  expect(typeof canMount).toBe('boolean');
  if (isRoot) expect(canMount).toBe(true);
});

test('the volume the guard sees is read-only: a write through the same harness fails', () => {
  const writer = { ...guards[17], command: ['/bin/sh', '-c', 'touch "$DATA_VOLUME/written"'] };
  const volume = claim();
  const run = runGuard(writer, volume, ['dash']);
  expect(run.status).not.toBe(0);
  if (canMount) expect(run.stderr).toContain('Read-only file system');
});

describe('the server is the oracle for the directory the pod uses (postgres --check, 15 and later)', () => {
  const check = (major: number, dataDir: string) => {
    const postgres = join(serverBinDir(major), 'postgres');
    const [command, args] = isRoot ? ['runuser', ['-u', 'postgres', '--', postgres, '--check', '-D', dataDir]] : [postgres, ['--check', '-D', dataDir]];
    return spawnSync(command, args, { encoding: 'utf8' });
  };

  test.each([17, 18])('PostgreSQL %i accepts its own data (postgres --check), which the guard passes', (major) => {
    expect(check(major, initdbDirs[major]).status).toBe(0);
  });

  test('PostgreSQL 17 refuses 14 data in its place (the crash loop the guard turns into a message)', () => {
    const run = check(17, initdbDirs[14]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The data directory was initialized by PostgreSQL version 14, which is not compatible with this version 17.');
  });

  test('PostgreSQL 18 refuses 17 data too: only a declared upgrade moves it', () => {
    const run = check(18, initdbDirs[17]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The data directory was initialized by PostgreSQL version 17, which is not compatible with this version 18.');
  });
});
