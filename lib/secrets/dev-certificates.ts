import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { RequiredCertificate } from './certificates';

/** The three keys of a kubernetes.io/tls Secret with its CA. */
export interface TlsSecretData {
  readonly 'tls.crt': string;
  readonly 'tls.key': string;
  readonly 'ca.crt': string;
}

/**
 * A fresh self-signed CA and, signed by it, one server certificate per declaration (its DNS names
 * as subjectAltName, ECDSA P-256 keys), made with the openssl CLI in a private temporary directory
 * that is removed afterwards. For development: the CA's key is thrown away, so renewing means
 * running this again. Keys are only ever returned, never written anywhere else.
 */
export function selfSignedCertificates(certificates: readonly RequiredCertificate[], days = 825): TlsSecretData[] {
  if (certificates.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-postgres-tls-'));
  try {
    const file = (name: string) => join(dir, name);
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.crt'),
      '-days', String(days), '-subj', '/CN=cdk8s-postgres development CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    const ca = readFileSync(file('ca.crt'), 'utf8');
    return certificates.map((certificate, i) => {
      const key = file(`server-${i}.key`);
      const csr = file(`server-${i}.csr`);
      const crt = file(`server-${i}.crt`);
      const extensions = file(`server-${i}.ext`);
      writeFileSync(extensions, [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        `subjectAltName=${certificate.dnsNames.map((n) => `DNS:${n}`).join(',')}`,
        '',
      ].join('\n'));
      openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${certificate.dnsNames[0]}`]);
      openssl(['x509', '-req', '-in', csr, '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', String(days), '-extfile', extensions, '-out', crt]);
      return { 'tls.crt': readFileSync(crt, 'utf8'), 'tls.key': readFileSync(key, 'utf8'), 'ca.crt': ca };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') {
      throw new Error('the openssl command is needed to make the development certificates and was not found on PATH: install OpenSSL (apt-get install openssl, brew install openssl), or create the TLS Secrets yourself (docs/tls.md)');
    }
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() ?? e.message}`);
  }
}
