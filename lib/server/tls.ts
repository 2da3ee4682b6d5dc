import { Volume, VolumeMount } from '../private/k8s';
import { array, boolean, object, oneOf, optional, string } from '../checks/props-shape';
import type { ParameterValue } from '../config/postgres-config';
import { ClientTls, TLS_KEYS } from '../core/client-tls';
import { checkDnsSubdomain, fail } from '../private/validation';

/** A cert-manager issuer, installed in the cluster by whoever runs cert-manager there. */
export interface CertManagerIssuer {
  /** Name of the issuer. */
  readonly name: string;
  /**
   * `ClusterIssuer` (any namespace) or `Issuer` (the server's namespace).
   * @default 'ClusterIssuer'
   */
  readonly kind?: 'Issuer' | 'ClusterIssuer';
  /**
   * API group of the issuer (another group for external issuers).
   * @default 'cert-manager.io'
   */
  readonly group?: string;
}

/** Runtime description of {@link CertManagerIssuer}. */
export const CERT_MANAGER_ISSUER_SHAPE = object<CertManagerIssuer>({
  name: string(),
  kind: optional(oneOf('Issuer', 'ClusterIssuer')),
  group: optional(string()),
}, { name: 'CertManagerIssuer' });

/** TLS of a server: where its certificate comes from. */
export interface PostgresTlsProps {
  /**
   * TLS on the server, required of every TCP login. Turning it off is accepted only in a
   * disposable environment.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Secret of type kubernetes.io/tls holding `tls.crt`, `tls.key` and `ca.crt` (the CA clients
   * verify the server with).
   * @default `<name>-tls`
   */
  readonly secretName?: string;
  /**
   * A cert-manager issuer: a cert-manager.io/v1 Certificate for the Services' DNS names then
   * writes the Secret. The issuer must put `ca.crt` into it (CA and self-signed issuers do; ACME
   * issuers do not).
   * @default - no Certificate: the Secret is created by hand (`npx cdk8s-postgres secrets`, or
   * `npm run secrets -- <environment>` in this repository, prints a self-signed CA and server
   * certificate for development)
   */
  readonly certManagerIssuer?: CertManagerIssuer;
  /**
   * DNS names the certificate carries besides the Services' own.
   * @default - none
   */
  readonly extraDnsNames?: string[];
}

/** Runtime description of {@link PostgresTlsProps}. */
export const POSTGRES_TLS_PROPS_SHAPE = object<PostgresTlsProps>({
  enabled: optional(boolean()),
  secretName: optional(string()),
  certManagerIssuer: optional(CERT_MANAGER_ISSUER_SHAPE),
  extraDnsNames: optional(array(string())),
}, { name: 'PostgresTlsProps' });

/** A server's TLS, defaults applied and checked. */
export interface ServerTls extends ClientTls {
  /** Secret with tls.crt, tls.key and ca.crt. */
  readonly secretName: string;
  /** Names the certificate must carry. */
  readonly dnsNames: string[];
  /**
   * The issuer, when cert-manager writes the Secret.
   * @default - none: the Secret is made by hand (`npx cdk8s-postgres secrets` for development)
   */
  readonly issuer?: CertManagerIssuer;
}

/** Where the server container finds its certificate, key and CA. */
export const SERVER_TLS_DIR = '/etc/postgresql-tls';
/** `<service>`, `<service>.<ns>`, `<service>.<ns>.svc` and `<service>.<ns>.svc.cluster.local` of each Service. */
export function serviceDnsNames(namespace: string, services: readonly string[]): string[] {
  return services.flatMap((s) => [s, `${s}.${namespace}`, `${s}.${namespace}.svc`, `${s}.${namespace}.svc.cluster.local`]);
}

/** Inputs of {@link resolveServerTls}. */
export interface ServerTlsInput {
  readonly owner: string;
  readonly tls: PostgresTlsProps | undefined;
  /** Base name of the server, for the default Secret name. */
  readonly name: string;
  /** Names the certificate carries for the server's own Services (and loopback, where used). */
  readonly dnsNames: readonly string[];
  readonly disposable: boolean;
}

/** The server's TLS with defaults applied, or undefined when it is turned off (disposable environments only). */
export function resolveServerTls(input: ServerTlsInput): ServerTls | undefined {
  const { owner, tls } = input;
  const enabled = tls?.enabled ?? true;
  if (typeof enabled !== 'boolean') fail(owner, 'tls.enabled', enabled, "must be true or false; any other value, the string 'false' included, would count as true");
  if (!enabled) {
    if (!input.disposable) {
      fail(owner, 'tls.enabled', false, 'leaves passwords and data readable on the network; TLS may be turned off only where disposable: true declares a disposable development environment');
    }
    return undefined;
  }
  const secretName = tls?.secretName ?? `${input.name}-tls`;
  checkDnsSubdomain(owner, 'tls.secretName', secretName);
  const issuer = tls?.certManagerIssuer;
  if (issuer) {
    checkDnsSubdomain(owner, 'tls.certManagerIssuer.name', issuer.name);
    if (issuer.group !== undefined) checkDnsSubdomain(owner, 'tls.certManagerIssuer.group', issuer.group);
  }
  (tls?.extraDnsNames ?? []).forEach((dnsName, i) => {
    const labels = typeof dnsName === 'string' ? dnsName.replace(/^\*\./, '').split('.') : [];
    if (typeof dnsName !== 'string' || dnsName.length > 253 || labels.some((l) => !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(l))) {
      fail(owner, `tls.extraDnsNames[${i}]`, dnsName, "is not a DNS name (lower-case labels of letters, digits and '-', separated by dots, e.g. 'db.example.com')");
    }
  });
  const dnsNames = [...new Set([...input.dnsNames, ...tls?.extraDnsNames ?? []])];
  return { secretName, caSecretName: secretName, caKey: TLS_KEYS.ca, dnsNames, ...(issuer ? { issuer } : {}) };
}

/**
 * The TLS 1.2 suites a server accepts: ECDHE key exchange (forward secrecy) with AES-GCM or
 * ChaCha20-Poly1305, authenticated encryption (AEAD) with no CBC mode and no SHA-1 MAC, for
 * ECDSA certificates (cert-manager's and the secrets command's) and RSA ones (many CAs' own).
 * `ssl_ciphers` governs TLS 1.2 and older only: TLS 1.3's suites are all AEAD and stay as OpenSSL
 * has them, and older protocols are refused (`ssl_min_protocol_version`).
 */
export const TLS12_AEAD_SUITES: readonly string[] = [
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
];

/** `ssl_ciphers` when the server's parameters leave it out: every suite of {@link TLS12_AEAD_SUITES}. */
export const DEFAULT_SSL_CIPHERS = TLS12_AEAD_SUITES.join(':');

/**
 * Why `value` is not an `ssl_ciphers` the library accepts, or undefined. Only a `:`-separated
 * list of suites of {@link TLS12_AEAD_SUITES} is: OpenSSL's cipher strings also take aliases
 * (`HIGH`, `DEFAULT`), `+`/`-`/`!` operators and any other suite, and whether those admit a CBC
 * or SHA-1 suite depends on the OpenSSL build the image carries, so they are refused rather than
 * guessed at.
 */
export function sslCiphersProblem(value: ParameterValue): string | undefined {
  const other = typeof value === 'string' ? value.split(':').find((name) => !TLS12_AEAD_SUITES.includes(name)) : String(value);
  if (other === undefined) return undefined;
  return `is not a list of AEAD TLS 1.2 suites separated by ':' (${JSON.stringify(other)} is none of them): OpenSSL aliases, operators and other suites can admit CBC or SHA-1 suites; ` +
    `name some of ${TLS12_AEAD_SUITES.join(', ')}, or leave ssl_ciphers out for all of them`;
}

/**
 * A server's parameters with `ssl_ciphers` limited to {@link TLS12_AEAD_SUITES}: the given value
 * when it names only those suites (refused otherwise, TLS on or off), {@link DEFAULT_SSL_CIPHERS}
 * when it is left out and `tls` is true.
 */
export function withAeadCiphers(owner: string, parameters: Readonly<Record<string, ParameterValue>>, tls: boolean): Record<string, ParameterValue> {
  const given = parameters.ssl_ciphers;
  if (given !== undefined) {
    const problem = sslCiphersProblem(given);
    if (problem) fail(owner, 'parameters.ssl_ciphers', given, problem);
    return { ...parameters };
  }
  return tls ? { ssl_ciphers: DEFAULT_SSL_CIPHERS, ...parameters } : { ...parameters };
}

/**
 * The server's certificate, key and CA, read-only. Secret volumes belong to root; with mode 0640
 * and the pod's fsGroup the server (a member of that group) reads the key, and PostgreSQL accepts
 * a key owned by root with at most 0640 (one owned by the server user must be 0600).
 */
export function serverTlsVolume(tls: ServerTls): { volume: Volume; mount: VolumeMount } {
  return {
    volume: {
      name: 'tls',
      secret: {
        secretName: tls.secretName,
        // A Secret without one of these keys fails the mount, so the pod says what is missing.
        items: Object.values(TLS_KEYS).map((key) => ({ key, path: key })),
        defaultMode: 0o640,
      },
    },
    mount: { name: 'tls', mountPath: SERVER_TLS_DIR, readOnly: true },
  };
}

