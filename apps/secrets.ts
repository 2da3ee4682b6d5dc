import { readFileSync } from 'fs';
import { App } from 'cdk8s';
import { environmentNamed } from '../environments';
import { RequiredCertificates, RequiredSecrets, EnvironmentChart } from '../lib';
import { generatePassword, MissingSecrets, missingSecretsSummary, NeededSecrets, renderMissingNeededSecrets, renderNeededSecrets } from '../lib/secrets/secrets-script';

export { existingSecretKeys, generatePassword, MissingSecrets } from '../lib/secrets/secrets-script';

function environmentSecrets(environmentName: string): NeededSecrets {
  const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), environmentName, environmentNamed(environmentName));
  return { secrets: RequiredSecrets.collect(chart), certificates: RequiredCertificates.collect(chart) };
}

/**
 * The Secrets an environment references, as Kubernetes YAML with freshly generated passwords,
 * and, for servers whose certificate cert-manager does not issue, kubernetes.io/tls Secrets
 * signed by a fresh self-signed CA (development only; see docs/tls.md). Printed, never
 * written: pipe it into `kubectl create -f -` once per cluster.
 */
export function renderSecrets(environmentName: string, password: () => string = generatePassword): string {
  return renderNeededSecrets(environmentSecrets(environmentName), password);
}

/** What an environment needs and a cluster lacks, as a sh script (see renderMissingNeededSecrets). */
export function renderMissingSecrets(environmentName: string, existingListJson: string, password: () => string = generatePassword): MissingSecrets {
  return renderMissingNeededSecrets(environmentSecrets(environmentName), existingListJson, `environment ${environmentName}`, password);
}

const USAGE = 'usage: npm run --silent secrets -- <environment> | kubectl create -f -\n'
  + '       kubectl get secrets -A -o json | npm run --silent secrets -- <environment> --missing-from - | sh\n';

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--missing-from');
  const from = flag >= 0 ? args.splice(flag, 2)[1] : undefined;
  const [name, ...rest] = args;
  if (!name || rest.length > 0 || (flag >= 0 && !from)) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  try {
    if (from === undefined) {
      process.stdout.write(renderSecrets(name));
    } else {
      const missing = renderMissingSecrets(name, readFileSync(from === '-' ? 0 : from, 'utf8'));
      process.stdout.write(missing.script);
      process.stderr.write(missingSecretsSummary(missing, name));
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
