import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { Rendered } from '../../lib/review/both-paths';
import { environmentOfStack, TerraformStack } from '../../lib/review/review-terraform';
import { ReviewError } from './args';


// The loader of this checkout transpiles the other tree's TypeScript too: a base older than the
// loader (the first commits ran apps through ts-node, which is no longer installed) still runs.
const LOADER = join(__dirname, '..', '..', 'scripts', 'register-ts.js');

/** The script an app command (`node -r … apps/k8s.ts`) runs: its last argument naming a .ts or .js file. */
export function appScript(command: string): string | undefined {
  return command.split(/\s+/).filter((word) => /\.[cm]?[jt]s$/.test(word) && !word.startsWith('-')).pop();
}

interface Run {
  readonly status: number | null;
  readonly stderr: string;
}

/** The app processes of one review: all run at once; when one fails, the others are stopped. */
export class AppProcesses {
  private readonly running = new Set<ChildProcess>();
  private readonly closed: Array<Promise<Run>> = [];

  /** Runs `script` of the tree at `root` with this checkout's loader; resolves when it exits. */
  run(root: string, script: string, env: NodeJS.ProcessEnv): Promise<Run> {
    const closed = new Promise<Run>((done) => {
      const child = spawn(process.execPath, ['-r', LOADER, script], { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
      this.running.add(child);
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (error) => stderr += error.message);
      child.on('close', (status) => {
        this.running.delete(child);
        done({ status, stderr });
      });
    });
    this.closed.push(closed);
    return closed;
  }

  /** Stops every app still running. */
  stop(): void {
    for (const child of this.running) child.kill();
  }

  /** Resolves when every app started has exited. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.closed);
  }
}

/** The thrown error's own lines from a failed node process's stderr (not its stack), else its last lines. */
export function errorOf(stderr: string): string {
  const lines = stderr.split('\n');
  const start = lines.findIndex((line) => /^[A-Za-z]*Error\b[^:]*: /.test(line));
  if (start < 0) return lines.filter((l) => l.trim()).slice(-10).join('\n') || 'no message';
  const end = lines.findIndex((line, i) => i > start && /^\s+at /.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n').trim();
}

function readManifests(outdir: string, what: string): Map<string, object[]> {
  const manifests = new Map<string, object[]>();
  for (const file of readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort()) {
    const objects = parseAllDocuments(readFileSync(join(outdir, file), 'utf8')).map((doc) => {
      if (doc.errors.length) throw new ReviewError(`${what}: ${file} is not YAML: ${doc.errors[0].message}`);
      return doc.toJSON() as object | null;
    }).filter((o): o is object => o !== null);
    // cdk8s prefixes files with their chart's position when told to (0000-name.k8s.yaml).
    manifests.set(file.replace(/\.k8s\.yaml$/, '').replace(/^\d{4}-/, ''), objects);
  }
  return manifests;
}

function readStacks(outdir: string, environments: readonly string[], what: string): TerraformStack[] {
  const manifestFile = join(outdir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new ReviewError(`${what}: cdktf wrote no manifest.json`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.entries(manifest.stacks).map(([name, stack]) => ({
    name,
    environment: environmentOfStack(name, environments),
    json: JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), 'utf8')) as object,
  }));
}

/**
 * Renders the tree at `root` as `npx cdk8s synth` and `npx cdktf synth` would, but without their
 * CLIs (whose start costs more than the apps): each app command of `cdk8s.yaml` and `cdktf.json`
 * runs as its own process of `apps`, both at once, writing into `scratch`. `what` names the tree in errors.
 */
export async function synthesizeTree(root: string, scratch: string, what: string, apps: AppProcesses): Promise<Rendered> {
  const cdk8sConfig = join(root, 'cdk8s.yaml');
  const k8sCommand = existsSync(cdk8sConfig) ? /^app:\s*(.+)$/m.exec(readFileSync(cdk8sConfig, 'utf8'))?.[1] : undefined;
  const k8sScript = k8sCommand && appScript(k8sCommand);
  if (!k8sScript) throw new ReviewError(`${what} has no cdk8s.yaml naming its app`);
  const cdktfConfig = join(root, 'cdktf.json');
  const tf = existsSync(cdktfConfig) ? JSON.parse(readFileSync(cdktfConfig, 'utf8')) as { app?: string; context?: object } : undefined;
  const tfScript = tf?.app && appScript(tf.app);

  const k8sOut = join(scratch, 'k8s');
  const tfOut = join(scratch, 'terraform');
  for (const dir of [k8sOut, tfOut]) mkdirSync(dir, { recursive: true });
  // Each app's failure is reported as soon as it exits, so the caller can stop the others.
  const succeeded = (script: string, run: Promise<Run>) => run.then(({ status, stderr }) => {
    if (status !== 0) throw new ReviewError(`synthesis of ${what} failed (${script}): ${errorOf(stderr)}`);
  });
  await Promise.all([
    succeeded(k8sScript, apps.run(root, k8sScript, { CDK8S_OUTDIR: k8sOut })),
    tfScript ? succeeded(tfScript, apps.run(root, tfScript, { CDKTF_OUTDIR: tfOut, ...(tf?.context ? { CDKTF_CONTEXT_JSON: JSON.stringify(tf.context) } : {}) })) : undefined,
  ]);
  const manifests = readManifests(k8sOut, what);
  // the steps name the files as the repository has them
  const manifestFiles = new Map([...manifests.keys()].map((environment) => [environment, `dist/${environment}.k8s.yaml`]));
  return { manifests, stacks: tfScript ? readStacks(tfOut, [...manifests.keys()], what) : [], manifestFiles };
}
