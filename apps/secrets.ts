import { readFileSync } from 'fs';
import { App } from 'cdk8s';
import { readOptions } from '../lib/cli/command-line';
import { environmentNamed, UnknownEnvironmentError } from '../environments';
import { RequiredCertificates, RequiredSecrets, EnvironmentChart } from '../lib';
import { generatePassword, MissingSecrets, NeededSecrets, neededSecretsOutput, renderMissingNeededSecrets, renderNeededSecrets } from '../lib/secrets/secrets-script';

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

class SecretsUsageError extends Error {}

/**
 * `npm run secrets` on a command line: what it prints and its exit status (2 for a command line it
 * cannot run, an unknown environment included; 1 when the environment fails to render or the
 * list of existing Secrets cannot be read). `read` reads the file `--missing-from` names (`-`: stdin).
 */
export function runSecrets(args: readonly string[], read: (file: string) => string): { stdout: string; stderr: string; status: number } {
  try {
    const positional: string[] = [];
    const usage = (reason: string): never => { throw new SecretsUsageError(`${reason}\n${USAGE}`); };
    const from = new Map(readOptions(args, ['missing-from'], usage, (a) => positional.push(a))).get('missing-from');
    if (positional.length !== 1) usage(positional.length === 0 ? 'no environment given' : `unexpected argument '${positional[1]}'`);
    const [name] = positional;
    return neededSecretsOutput(environmentSecrets(name), from === undefined ? undefined : read(from), `environment ${name}`, name);
  } catch (error) {
    const message = (error as Error).message;
    return { stdout: '', stderr: message.endsWith('\n') ? message : `${message}\n`, status: error instanceof SecretsUsageError || error instanceof UnknownEnvironmentError ? 2 : 1 };
  }
}

if (require.main === module) {
  const { stdout, stderr, status } = runSecrets(process.argv.slice(2), (file) => readFileSync(file === '-' ? 0 : file, 'utf8'));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = status;
}
