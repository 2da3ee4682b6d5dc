import { ApiObject } from 'cdk8s';
import { Volume, VolumeMount } from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { collectDeclarations } from '../environment/declared-metadata';
import { array, boolean, object, oneOf, optional, string } from '../checks/props-shape';
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
   * @default - no Certificate: the Secret is created by hand (`npm run secrets -- <environment>`
   * prints a self-signed CA and server certificate for development)
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
   * @default - none: the Secret is made by hand (`npm run secrets` for development)
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

const REQUIRED_CERTIFICATE = 'cdk8s-postgres:required-certificate';

/** A TLS Secret that manifests reference and someone creates by hand. */
export interface RequiredCertificate {
  /** Namespace of the Secret. */
  readonly namespace: string;
  /** Name of the kubernetes.io/tls Secret. */
  readonly name: string;
  /** DNS names the server certificate must carry. */
  readonly dnsNames: string[];
}

/**
 * The certificate of a server: a cert-manager Certificate that writes the Secret when an issuer
 * is given, otherwise a declaration the secrets command (`npm run secrets`) answers with a
 * self-signed pair. Terraform stacks create password Secrets only, never these.
 */
export function declareServerCertificate(scope: Construct, namespace: string, tls: ServerTls, labels: Record<string, string>): void {
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

/** Registry of the TLS Secrets an environment needs by hand (no cert-manager). */
export class RequiredCertificates {
  /** Declares that the server under `scope` reads this TLS Secret. */
  public static declare(scope: IConstruct, certificate: RequiredCertificate): void {
    scope.node.addMetadata(REQUIRED_CERTIFICATE, certificate);
  }

  /** Every certificate declared under `root`, sorted by namespace and name. */
  public static collect(root: IConstruct): RequiredCertificate[] {
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
