import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { RUN_ROOT_ENV } from './run-root-env';

/** PEM texts of a CA and a server certificate it signed. */
export interface TestCertificates {
  readonly ca: string;
  readonly certificate: string;
  readonly key: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * The file of an RSA 2048 private key, made once per test run and name (each CA's name, and
 * `server` for the servers') and kept in the run's folder: generating one costs about 0.1 s of
 * CPU, and the suites make some forty pairs. Every certificate is still made afresh; only keys
 * repeat, as with a renewal that keeps the key, and CAs of different names never share one.
 */
function runKey(name: string): string {
  const dir = join(process.env[RUN_ROOT_ENV] ?? tmpdir(), 'test-keys');
  const path = join(dir, `${createHash('sha256').update(name).digest('hex').slice(0, 16)}.key`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const made = `${path}.${process.pid}`;
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', made]);
    // Whole or not at all, and never replaced once there: another worker may make the same key
    // at the same time and read it between two uses; the first one linked stays.
    try {
      linkSync(made, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(made, { force: true });
    }
  }
  return path;
}

/**
 * Every certificate of the tests is in force from 2000 to 2099. A verifier may read another clock
 * than the process that made the certificate (a child started with an environment of its own does
 * not share a faked clock); fixed dates, rather than "now" plus days, hold under either.
 */
const NOT_BEFORE = '20000101000000Z';
const NOT_AFTER = '20991231235959Z';

/**
 * Signs `csr` into `out` with the fixed validity window, through `openssl ca` (the one openssl
 * command of 3.0 that takes explicit dates): by `caKey` itself when `caCert` is undefined (a
 * self-signed certificate), else by the CA of `caCert` and `caKey`. `extensions` is the text of
 * an extensions file.
 */
function signWithFixedDates(dir: string, csr: string, caKey: string, caCert: string | undefined, extensions: string, out: string): void {
  const file = (name: string) => join(dir, name);
  writeFileSync(file('index.txt'), '');
  writeFileSync(file('serial'), `${createHash('sha256').update(out).digest('hex').slice(0, 16)}\n`);
  writeFileSync(file('ca.cnf'), [
    '[ca]', 'default_ca = test', '[test]', `database = ${file('index.txt')}`, `new_certs_dir = ${dir}`, `serial = ${file('serial')}`,
    'default_md = sha256', 'policy = any', 'unique_subject = no', '[any]', 'commonName = supplied', '',
  ].join('\n'));
  writeFileSync(file('sign.ext'), extensions);
  openssl(['ca', '-batch', '-notext', '-config', file('ca.cnf'), '-keyfile', caKey, ...(caCert === undefined ? ['-selfsign'] : ['-cert', caCert]),
    '-in', csr, '-out', out, '-startdate', NOT_BEFORE, '-enddate', NOT_AFTER, '-extfile', file('sign.ext')]);
}

/** A self-signed certificate for `subject` with `subjectAltName` (e.g. 'IP:127.0.0.1'), in force from 2000 to 2099; returns the key's and the certificate's PEM. */
export function selfSignedCertificate(subject: string, subjectAltName: string): { key: string; certificate: string } {
  const dir = mkdtempSync(join(tmpdir(), 'test-tls-'));
  const file = (name: string) => join(dir, name);
  try {
    copyFileSync(runKey('server'), file('tls.key'));
    openssl(['req', '-new', '-key', file('tls.key'), '-out', file('tls.csr'), '-subj', `/CN=${subject}`]);
    signWithFixedDates(dir, file('tls.csr'), file('tls.key'), undefined, `subjectAltName=${subjectAltName}\nbasicConstraints=CA:FALSE\n`, file('tls.crt'));
    return { key: readFileSync(file('tls.key'), 'utf8'), certificate: readFileSync(file('tls.crt'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A CA and a server certificate for `dnsNames` (subjectAltName, serverAuth) with RSA keys, as
 * cert-manager issues them by default, made by the openssl CLI in a temporary directory that is
 * removed before returning. Independent of the library's own generator (lib/secrets/dev-certificates.ts,
 * ECDSA), so the tests do not trust what they test.
 */
export function makeCertificates(dnsNames: readonly string[], caName = 'test CA'): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'test-tls-'));
  const file = (name: string) => join(dir, name);
  const caKey = runKey(`CA ${caName}`);
  try {
    openssl(['req', '-new', '-key', caKey, '-out', file('ca.csr'), '-subj', `/CN=${caName}`]);
    signWithFixedDates(dir, file('ca.csr'), caKey, undefined, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\n', file('ca.crt'));
    copyFileSync(runKey('server'), file('tls.key'));
    openssl(['req', '-new', '-key', file('tls.key'), '-out', file('tls.csr'), '-subj', `/CN=${dnsNames[0]}`]);
    signWithFixedDates(dir, file('tls.csr'), caKey, file('ca.crt'),
      `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\nauthorityKeyIdentifier=keyid\n`, file('tls.crt'));
    return { ca: readFileSync(file('ca.crt'), 'utf8'), certificate: readFileSync(file('tls.crt'), 'utf8'), key: readFileSync(file('tls.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A directory standing in for a Secret volume as the kubelet writes it: every file owned by
 * root with the pod's fsGroup as group and the volume's mode (when the tests run as root; a
 * developer's own files otherwise, which PostgreSQL accepts only at 0600). Returns the directory.
 */
export function secretVolumeDir(files: Record<string, string>, mode: number, fsGroup: number | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'test-secret-volume-'));
  chmodSync(dir, 0o755);
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, text);
    if (process.getuid?.() === 0 && fsGroup !== undefined) chownSync(path, 0, fsGroup);
    chmodSync(path, mode);
  }
  return dir;
}

/** gid of the OS user the test servers run as (the pod's fsGroup stands for it). */
export function serverGroupId(): number | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
}
