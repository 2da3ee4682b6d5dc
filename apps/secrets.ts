import { randomBytes } from 'crypto';
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { environmentNamed } from '../environments';
import { RequiredCertificates, RequiredSecrets, EnvironmentChart } from '../lib';
import { selfSignedCertificates } from './dev-certificates';

/** 32 URL-safe characters from 24 random bytes (192 bits). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The Secrets an environment references, as Kubernetes YAML with freshly generated passwords,
 * and, for servers whose certificate cert-manager does not issue, kubernetes.io/tls Secrets
 * signed by a fresh self-signed CA (development only; see README: TLS). Printed, never
 * written: pipe it into `kubectl create -f -` once per cluster.
 */
export function renderSecrets(environmentName: string, password: () => string = generatePassword): string {
  const app = new App({ outdir: '/nonexistent' });
  const chart = new EnvironmentChart(app, environmentNamed(environmentName));
  const certificates = RequiredCertificates.collect(chart);
  const pairs = selfSignedCertificates(certificates);
  const tlsSecrets = certificates.map((certificate, i) => stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: certificate.name, namespace: certificate.namespace, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-postgres' } },
    stringData: pairs[i],
  }));
  return [...RequiredSecrets.collect(chart)
    .map((secret) => stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: secret.name, namespace: secret.namespace, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-postgres' } },
      stringData: Object.fromEntries(Object.entries(secret.keys).map(([key, content]) => [key, 'value' in content ? content.value : password()])),
    })), ...tlsSecrets]
    .join('---\n');
}

if (require.main === module) {
  const name = process.argv[2];
  if (!name) {
    process.stderr.write('usage: npm run --silent secrets -- <environment> | kubectl create -f -\n');
    process.exit(2);
  }
  try {
    process.stdout.write(renderSecrets(name));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
