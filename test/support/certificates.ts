import { execFileSync } from 'child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** PEM texts of a CA and a server certificate it signed. */
export interface TestCertificates {
  readonly ca: string;
  readonly certificate: string;
  readonly key: string;
}

/**
 * A CA and a server certificate for `dnsNames` (subjectAltName, serverAuth), made by the openssl
 * CLI in a temporary directory that is removed before returning. Independent of the library's
 * own generator (apps/dev-certificates.ts), so the tests do not trust what they test.
 */
export function makeCertificates(dnsNames: readonly string[], caName = 'test CA'): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'test-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', `/CN=${caName}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
    writeFileSync(file('ext'), `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('tls.key'), '-out', file('tls.csr'), '-subj', `/CN=${dnsNames[0]}`]);
    openssl(['x509', '-req', '-in', file('tls.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('ext'), '-out', file('tls.crt')]);
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
