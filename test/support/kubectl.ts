import { execFile, execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KubeObject } from './manifests';

/**
 * kubectl as the oracle for manifests: what its own YAML readers make of a file, as JSON.
 *
 * kubectl has two readers, and they disagree (measured, kubectl 1.32 and Debian's 1.20):
 * - `kubectl apply -f` decodes YAML like go-yaml v2 (YAML 1.1 booleans: `on`, `y` and a key `n`
 *   become true/false; `2026-11-25` stays a string);
 * - `kubectl kustomize` and `apply -k` read with kustomize's reader (`on` stays a string,
 *   `2026-11-25` becomes `2026-11-25T00:00:00Z`) and then print YAML again.
 * Both read `1.`, `-0x1F`, `0o17` and `0755` as numbers.
 *
 * `kubectl patch --local --type merge --patch '{}' -o json` prints, as JSON, exactly what the
 * reader decoded, offline: an empty merge patch changes nothing (`kubectl label --local` would
 * add `labels: {}`). With `-f`
 * it is `apply -f`'s reader; with `-k` it is kustomize's reading, kustomize's printing and then
 * `apply -f`'s reader on that output, the path `kubectl apply -k` takes. The command is
 * `$KUBECTL` (default `kubectl`), without a cluster (`KUBECONFIG=/dev/null`).
 */
export const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const ENV = { ...process.env, KUBECONFIG: '/dev/null' };
const NO_OP = ['--local', '--type', 'merge', '--patch', '{}', '-o', 'json'];

/** What one reader made of a manifest: the objects, or kubectl's error. */
export type Reading = { objects: KubeObject[] } | { error: string };

/** Both readings of one manifest file. */
export interface KubectlReadings {
  /** As `kubectl apply -f <file>` reads it, objects in file order. */
  readonly applyFile: Reading;
  /** As `kubectl kustomize` / `kubectl apply -k` reads it; kustomize orders objects by kind. */
  readonly kustomize: Reading;
}

/** kubectl's client version line, failing with what to install when kubectl is missing. */
export function kubectlVersion(): string {
  try {
    return execFileSync(KUBECTL, ['version', '--client'], { env: ENV, encoding: 'utf8' }).trim().split('\n')[0];
  } catch (error) {
    throw new Error(`${KUBECTL} is needed as the oracle for manifests (Debian: apt-get install kubernetes-client; .ci/run does it): ${(error as Error).message}`);
  }
}

/** kubectl -o json prints one pretty-printed object after another; each ends with a `}` line. */
function parseObjects(stdout: string): KubeObject[] {
  return stdout.split(/^}$/m).map((s) => s.trim()).filter(Boolean).map((s) => JSON.parse(`${s}\n}`));
}

function run(args: string[]): Promise<Reading> {
  return new Promise((resolve) => {
    execFile(KUBECTL, args, { env: ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) resolve({ error: stderr.trim().split('\n').filter((l) => !/^E\d{4} /.test(l)).join('\n') || error.message });
      else resolve({ objects: parseObjects(stdout) });
    });
  });
}

/**
 * Writes each manifest text into a folder of its own with a kustomization listing it, and reads
 * it with both of kubectl's readers (all calls at once). Keys are file names (`x.k8s.yaml`).
 */
export async function readWithKubectl(manifests: Record<string, string>): Promise<Record<string, KubectlReadings>> {
  const root = mkdtempSync(join(tmpdir(), 'kubectl-oracle-'));
  try {
    const jobs = Object.entries(manifests).map(async ([file, text], i): Promise<[string, KubectlReadings]> => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      writeFileSync(join(dir, file), text);
      writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ${file}\n`);
      const [applyFile, kustomize] = await Promise.all([run(['patch', '-f', join(dir, file), ...NO_OP]), run(['patch', '-k', dir, ...NO_OP])]);
      return [file, { applyFile, kustomize }];
    });
    return Object.fromEntries(await Promise.all(jobs));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A manifest text as `kubectl apply -f` reads it (kubectl's first reader only). */
export async function readAsApplied(text: string): Promise<Reading> {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-oracle-'));
  try {
    writeFileSync(join(dir, 'manifest.yaml'), text);
    return await run(['patch', '-f', join(dir, 'manifest.yaml'), ...NO_OP]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Objects as a JSON consumer sees them: what a manifest means, without undefined or -0. */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

const identity = (o: KubeObject) => [o.apiVersion, o.kind, o.metadata?.namespace ?? '', o.metadata?.name].join('|');

/** Objects in a stable order (kustomize sorts by kind), for comparing readings. */
export function byIdentity(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort((a, b) => (identity(a) < identity(b) ? -1 : identity(a) > identity(b) ? 1 : 0));
}

/** The objects of a reading, or a thrown error with kubectl's message. */
export function objectsOf(reading: Reading): KubeObject[] {
  if ('error' in reading) throw new Error(`kubectl refused the manifest: ${reading.error}`);
  return reading.objects;
}
