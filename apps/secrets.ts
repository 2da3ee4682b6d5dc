import { randomBytes } from 'crypto';
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { environmentNamed } from '../environments';
import { RequiredSecrets, EnvironmentChart } from '../lib';

/** 32 URL-safe characters from 24 random bytes (192 bits). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The Secrets an environment references, as Kubernetes YAML with freshly generated passwords.
 * Printed, never written: pipe it into `kubectl create -f -` once per cluster.
 */
export function renderSecrets(environmentName: string, password: () => string = generatePassword): string {
  const app = new App({ outdir: '/nonexistent' });
  const chart = new EnvironmentChart(app, environmentNamed(environmentName));
  return RequiredSecrets.collect(chart)
    .map((secret) => stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: secret.name, namespace: secret.namespace, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-postgres' } },
      stringData: Object.fromEntries(Object.entries(secret.keys).map(([key, content]) => [key, 'value' in content ? content.value : password()])),
    }))
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
