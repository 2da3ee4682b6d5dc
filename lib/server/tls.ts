import { ApiObject, Chart } from 'cdk8s';
import { Volume, VolumeMount } from '../private/k8s';
import { Construct, IConstruct } from 'constructs';
import { collectDeclarations } from '../environment/declared-metadata';
import { array, boolean, object, oneOf, optional, string } from '../checks/props-shape';
import { sessionCached } from '../checks/synth-session';
import type { ParameterValue } from '../config/postgres-config';
import { ValidationError } from '../diagnostics/validation-error';
import { RequiredSecrets } from '../secrets/required-secrets';
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

/** What a client needs to verify the server: the Secret and key holding the CA certificate. */
export interface ClientTls {
  /** Secret holding the CA certificate. */
  readonly caSecretName: string;
  /** Key of the CA certificate in that Secret. */
  readonly caKey: string;
}

/** Runtime description of {@link ClientTls}. */
export const CLIENT_TLS_SHAPE = object<ClientTls>({ caSecretName: string(), caKey: string() }, { name: 'ClientTls' });

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

/** Keys of a kubernetes.io/tls Secret, plus the CA. */
export const TLS_KEYS = { certificate: 'tls.crt', privateKey: 'tls.key', ca: 'ca.crt' } as const;
/** Where the server container finds its certificate, key and CA. */
export const SERVER_TLS_DIR = '/etc/postgresql-tls';
/** Where client pods find the CA certificate. */
export const CLIENT_CA_DIR = '/etc/postgresql-ca';

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

const REQUIRED_CERTIFICATE = 'cdk8s-postgres:required-certificate';
const SERVER_CERTIFICATE = 'cdk8s-postgres:server-certificate';

/** A TLS Secret that manifests reference and someone creates by hand. */
export interface RequiredCertificate {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the kubernetes.io/tls Secret. */
  readonly name: string;
  /** DNS names the server certificate must carry. */
  readonly dnsNames: string[];
}

/** The certificate Secret a server mounts, as the server declares it. */
interface ServerCertificate {
  readonly namespace: string;
  /** Name of the Secret, and of the cert-manager Certificate when there is one. */
  readonly name: string;
  /** `<Kind> '<path>'` of the server. */
  readonly server: string;
  /** Whether a cert-manager Certificate writes the Secret. */
  readonly certManager: boolean;
}

/**
 * The certificate of a server: a cert-manager Certificate that writes the Secret when an issuer
 * is given, otherwise a declaration the secrets command (`npx cdk8s-postgres secrets`) answers with a
 * self-signed pair. Terraform stacks create password Secrets only, never these. The chart then
 * refuses a Secret name that another server's certificate or a Secret of passwords also has
 * ({@link certificateSecretProblems}).
 */
export function declareServerCertificate(scope: Construct, namespace: string, tls: ServerTls, labels: Record<string, string>): void {
  const declared: ServerCertificate = { namespace, name: tls.secretName, server: `${scope.constructor.name} '${scope.node.path}'`, certManager: tls.issuer !== undefined };
  scope.node.addMetadata(SERVER_CERTIFICATE, declared);
  addCertificateSecretCheck(scope);
  if (!tls.issuer) {
    RequiredCertificates.declare(scope, { namespace, name: tls.secretName, dnsNames: tls.dnsNames });
    return;
  }
  new ApiObject(scope, 'Certificate', {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: tls.secretName, namespace, labels },
    spec: {
      secretName: tls.secretName,
      secretTemplate: { labels },
      issuerRef: { name: tls.issuer.name, kind: tls.issuer.kind ?? 'ClusterIssuer', group: tls.issuer.group ?? 'cert-manager.io' },
      commonName: tls.dnsNames[0],
      dnsNames: tls.dnsNames,
      usages: ['server auth', 'digital signature', 'key encipherment'],
      // A new key on every renewal; PostgreSQL reads PKCS#8 ECDSA keys.
      privateKey: { algorithm: 'ECDSA', size: 256, encoding: 'PKCS8', rotationPolicy: 'Always' },
    },
  });
}

/**
 * The cert-manager Certificate of the server `server` (the construct itself, as
 * {@link declareServerCertificate} recorded it), or undefined when its certificate is made by
 * hand or TLS is off: what an expiry alert can watch.
 */
export function certManagerCertificateOf(server: IConstruct): { readonly namespace: string; readonly name: string } | undefined {
  const declared = server.node.metadata.find((m) => m.type === SERVER_CERTIFICATE)?.data as ServerCertificate | undefined;
  return declared?.certManager ? { namespace: declared.namespace, name: declared.name } : undefined;
}

const CHECKED_CHARTS = new WeakSet<Chart>();

/** Registers {@link certificateSecretProblems} on the outermost chart holding `scope`, once. */
function addCertificateSecretCheck(scope: IConstruct): void {
  const chart = scope.node.scopes.find((c): c is Chart => Chart.isChart(c));
  if (!chart || CHECKED_CHARTS.has(chart)) return;
  CHECKED_CHARTS.add(chart);
  chart.node.addValidation({ validate: () => sessionCached(chart, 'certificate-secrets', () => certificateSecretProblems(chart)) });
}

/**
 * Certificate Secrets whose name stands for something else too, within each chart under `root`
 * (a chart is one manifest file, deployed to one cluster): two servers' certificates in one
 * namespace and Secret (one certificate would carry only one server's names, and two cert-manager
 * Certificates of one name replace each other), or a certificate Secret that is also a Secret
 * of passwords the manifests read (the secrets command would print two Secrets of one name, and
 * cert-manager would write the certificate into the passwords' Secret) or a Secret the chart
 * itself writes. One message per collision, naming the server, the field and the value.
 */
export function certificateSecretProblems(root: IConstruct): string[] {
  const outer = root.node.scopes.find((c): c is Chart => Chart.isChart(c));
  const charts = outer ? [outer] : root.node.findAll().filter((c): c is Chart => Chart.isChart(c) && c.node.scopes.find((s) => Chart.isChart(s)) === c);
  return charts.flatMap((chart) => {
    const certificates = new Map<string, ServerCertificate>();
    const secretObjects = new Map<string, string>();
    const problems: string[] = [];
    const named = (c: ServerCertificate) => `${c.server}: tls.secretName ${JSON.stringify(c.name)}`;
    for (const c of chart.node.findAll()) {
      if (ApiObject.isApiObject(c) && c.kind === 'Secret' && c.apiVersion === 'v1') {
        const writer = c.node.scope && !Chart.isChart(c.node.scope) ? c.node.scope : c;
        secretObjects.set(`${c.metadata.namespace ?? Chart.of(c).namespace ?? 'default'}/${c.name}`, `${writer.constructor.name} '${writer.node.path}'`);
      }
      for (const entry of c.node.metadata.filter((m) => m.type === SERVER_CERTIFICATE)) {
        const certificate = entry.data as ServerCertificate;
        const key = `${certificate.namespace}/${certificate.name}`;
        const first = certificates.get(key);
        if (!first) {
          certificates.set(key, certificate);
          continue;
        }
        problems.push(`${named(certificate)} is also the certificate Secret of ${first.server} in namespace '${certificate.namespace}': ` +
          "a Secret holds one certificate, which would carry one server's names only and fail the other's verify-full clients; give each server a tls.secretName of its own");
      }
    }
    const passwords = new Map(RequiredSecrets.collect(chart).map((s) => [`${s.namespace}/${s.name}`, s]));
    for (const [key, certificate] of certificates) {
      const secret = passwords.get(key);
      if (secret) {
        problems.push(`${named(certificate)} is also the name of the Secret of passwords '${key}' (keys ${Object.keys(secret.keys).sort().join(', ')}) that the manifests read: ` +
          `${certificate.certManager ? 'cert-manager would write the certificate into that Secret' : 'the secrets command would print two Secrets of that name'}; give the certificate a Secret of its own`);
      }
      const writer = secretObjects.get(key);
      if (writer) problems.push(`${named(certificate)} is also the name of Secret '${key}' that ${writer} writes into the manifests; give the certificate a Secret of its own`);
    }
    return problems;
  });
}

/** Registry of the TLS Secrets an environment needs by hand (no cert-manager). */
export class RequiredCertificates {
  /** Declares that the server under `scope` reads this TLS Secret. */
  public static declare(scope: IConstruct, certificate: RequiredCertificate): void {
    scope.node.addMetadata(REQUIRED_CERTIFICATE, certificate);
  }

  /**
   * Every certificate declared under `root`, sorted by namespace and name. Throws a
   * ValidationError, as synth does, when a certificate's Secret name is also another server's or
   * a Secret of passwords': each Secret it returns is one server's alone.
   */
  public static collect(root: IConstruct): RequiredCertificate[] {
    const problems = certificateSecretProblems(root);
    if (problems.length > 0) throw new ValidationError(problems.join('\n'));
    return collectDeclarations<RequiredCertificate>(root, REQUIRED_CERTIFICATE);
  }
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

/** The CA certificate alone, for clients: never the server's key. */
export function clientCaVolume(tls: ClientTls, name = 'tls-ca', directory = CLIENT_CA_DIR): { volume: Volume; mount: VolumeMount; file: string } {
  return {
    volume: { name, secret: { secretName: tls.caSecretName, items: [{ key: tls.caKey, path: TLS_KEYS.ca }], defaultMode: 0o444 } },
    mount: { name, mountPath: directory, readOnly: true },
    file: `${directory}/${TLS_KEYS.ca}`,
  };
}
