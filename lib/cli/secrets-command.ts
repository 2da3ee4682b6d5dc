import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { parse } from 'yaml';
import { readNeededSecrets, SECRETS_FILE_ENV } from '../secrets/secrets-file';
import { neededSecretsOutput } from '../secrets/secrets-script';
import { readOptions } from './command-line';

export const SECRETS_COMMAND_USAGE = 'usage: npx cdk8s-postgres secrets [--app <command>] | kubectl create -f -   (or: kubectl get secrets -A -o json | npx cdk8s-postgres secrets --missing-from - | sh)';

/** A command line or app that cannot run; exit 2. */
class SecretsCommandError extends Error {}

/**
 * `npx cdk8s-postgres secrets`: runs the app as `cdk8s synth` runs it (the `app` command of
 * cdk8s.yaml, or `--app`), with its output in a temporary folder, and prints the Secrets its
 * charts read and never contain, with freshly generated passwords (and self-signed TLS Secrets
 * for servers without cert-manager), for `kubectl create -f -`. With `--missing-from` (the output
 * of `kubectl get secrets -A -o json`, a file or `-` for stdin), a sh script that creates only
 * what the cluster lacks. Values go to stdout only.
 */
export function runSecretsCommand(args: readonly string[], cwd: string, stdin: () => string): { stdout: string; stderr: string; status: number } {
  const work = mkdtempSync(join(tmpdir(), 'cdk8s-postgres-secrets-'));
  try {
    const options = new Map(readOptions(args, ['app', 'missing-from'], (reason) => { throw new SecretsCommandError(`${reason}; ${SECRETS_COMMAND_USAGE}`); }));
    const app = options.get('app') ?? appOfCdk8sYaml(cwd);
    const file = join(work, 'needed.json');
    const ran = spawnSync('sh', ['-c', app], { cwd, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: join(work, 'out'), [SECRETS_FILE_ENV]: file } });
    if (ran.status !== 0) throw new SecretsCommandError(`the app (${app}) failed${ran.error ? `: ${ran.error.message}` : ` with exit ${ran.status}:\n${(ran.stderr ?? '').trim()}`}`);
    if (!existsSync(file)) throw new SecretsCommandError(`the app (${app}) ran, but no app.synth() of an app using cdk8s-postgres did: nothing to list`);
    const from = options.get('missing-from');
    const existing = from === undefined ? undefined : from === '-' ? stdin() : readFileSync(resolve(cwd, from), 'utf8');
    return neededSecretsOutput(readNeededSecrets(file), existing, 'this app', 'the app');
  } catch (error) {
    if (error instanceof SecretsCommandError) return { stdout: '', stderr: `secrets could not run: ${error.message}\n`, status: 2 };
    return { stdout: '', stderr: `${(error as Error).message}\n`, status: 1 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The `app` command of cdk8s.yaml in `cwd`. */
function appOfCdk8sYaml(cwd: string): string {
  const path = join(cwd, 'cdk8s.yaml');
  if (!existsSync(path)) throw new SecretsCommandError(`no cdk8s.yaml in ${cwd}: run it where \`npx cdk8s synth\` runs, or give --app <command>`);
  const app = (parse(readFileSync(path, 'utf8')) as { app?: unknown } | null)?.app;
  if (typeof app !== 'string' || app.trim() === '') throw new SecretsCommandError(`${path} has no app command: give --app <command>`);
  return app;
}
