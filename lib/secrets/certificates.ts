import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { sessionCached } from '../checks/synth-session';
import { collectDeclarations } from '../core/declared-metadata';
import { ValidationError } from '../diagnostics/validation-error';
import { RequiredSecrets } from './required-secrets';

/** The server certificate a server declares: its Secret, the names it carries, and who issues it. */
export interface ServerCertificateRequest {
  /** Secret with tls.crt, tls.key and ca.crt. */
  readonly secretName: string;
  /** Names the certificate must carry. */
  readonly dnsNames: string[];
  /**
   * The cert-manager issuer that writes the Secret.
   * @default - none: the Secret is made by hand
   */
  readonly issuer?: { readonly name: string; readonly kind?: string; readonly group?: string };
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
export function declareServerCertificate(scope: Construct, namespace: string, tls: ServerCertificateRequest, labels: Record<string, string>): void {
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
