import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';

/**
 * `npm run bench`: times synthesis and the tests on this machine and prints a Markdown table with
 * each target. Every figure is the median of several runs after a warm-up run (`--runs N`,
 * default 5); `--skip-tests` leaves out the test suite.
 */
const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const SKIP_TESTS = args.includes('--skip-tests');
const quiet = { cwd: ROOT, encoding: 'utf8' as const, env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' }, maxBuffer: 64 * 1024 * 1024 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall seconds of a command: a warm-up run, then the median of `runs`; `succeeded` lists the exit statuses that are not a failure. */
function wall(command: string, commandArgs: string[], runs = RUNS, succeeded: readonly number[] = [0]): number {
  const times: number[] = [];
  for (let i = -1; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, commandArgs, quiet);
    if (!succeeded.includes(result.status ?? -1)) throw new Error(`${command} ${commandArgs.join(' ')} failed: ${result.stderr}`);
    if (i >= 0) times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return median(times);
}

/** One JSON line from a node script run from source, median over runs of each numeric field. */
function measure(script: string, scriptArgs: string[], runs = RUNS): Record<string, number> {
  const samples: Record<string, number>[] = [];
  for (let i = -1; i < runs; i++) {
    const result = spawnSync('node', ['-r', './scripts/register-ts.js', script, ...scriptArgs], quiet);
    if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
    if (i >= 0) samples.push(JSON.parse(result.stdout.trim().split('\n').pop()!));
  }
  return Object.fromEntries(Object.keys(samples[0]).map((k) => [k, median(samples.map((s) => s[k]))]));
}

/** One kustomization per environment over the synthesized files (environments are separate clusters). */
function kustomizations(dist: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kustomize-'));
  for (const file of readdirSync(dist)) {
    const dir = join(root, file.replace('.k8s.yaml', ''));
    mkdirSync(dir);
    copyFileSync(join(dist, file), join(dir, file));
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ${file}\n`);
  }
  return root;
}

const rows: string[][] = [];
const row = (what: string, figure: string, target: string, met?: boolean) => rows.push([what, figure, target, met === undefined ? '' : met ? 'met' : '**missed**']);

// 1. All environments: cdk8s synth, in-process synthesis, kubectl kustomize of the same objects.
const outdir = mkdtempSync(join(tmpdir(), 'bench-dist-'));
const cdk8s = wall('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', outdir]);
const inProcess = measure('bench/environments.ts', []).ms / 1000;
const kz = kustomizations(outdir);
const envs = readdirSync(kz).map((d) => join(kz, d));
const kustomize = wall('sh', ['-c', envs.map((d) => `kubectl kustomize ${d} >/dev/null`).join(' && ')]);
row('`npx cdk8s synth`, all environments', `${cdk8s.toFixed(2)} s`, '≤ 1.5 s', cdk8s <= 1.5);
row('`kubectl kustomize`, same objects', `${kustomize.toFixed(2)} s`, '');
row('in-process synthesis, all environments', `${inProcess.toFixed(3)} s (${(inProcess / kustomize).toFixed(2)}× kustomize)`, '≤ 3× kustomize', inProcess <= 3 * kustomize);
row('`npx cdk8s synth` / `kubectl kustomize`', `${(cdk8s / kustomize).toFixed(1)}×`, '');
rmSync(outdir, { recursive: true, force: true });
rmSync(kz, { recursive: true, force: true });

// 2. Fleets of N instances (PostgresStatefulSet + SchemaInitJob + BackupCronJob each).
const fleet: Record<number, Record<string, number>> = {};
for (const n of [1, 10, 100, 1000]) {
  fleet[n] = measure('bench/fleet.ts', [String(n)], n === 1000 ? Math.min(RUNS, 3) : RUNS);
  const targets = n === 1000 ? ' ≤ 3 s, ≤ 400 MB' : '';
  row(`fleet of ${n}`, `${(fleet[n].ms / 1000).toFixed(3)} s, ${fleet[n].peakRssMiB} MiB peak, ${(fleet[n].ms / n).toFixed(2)} ms per instance`, targets,
    n === 1000 ? fleet[n].ms <= 3000 && fleet[n].peakRssMiB * 1.048576 <= 400 : undefined);
}
const growth = fleet[1000].ms / fleet[100].ms;
row('growth t(1000)/t(100)', growth.toFixed(1), '≤ 11', growth <= 11);

// 3. Terraform stacks.
const cdktfOut = mkdtempSync(join(tmpdir(), 'bench-cdktf-'));
const cdktf = wall('npx', ['cdktf', 'synth', '--output', cdktfOut], Math.min(RUNS, 3));
rmSync(cdktfOut, { recursive: true, force: true });
row('`npx cdktf synth`, all stacks', `${cdktf.toFixed(2)} s`, '≤ 3 s', cdktf <= 3);

// 4. The review renders the working tree and the base (here HEAD, in a temporary worktree): every
// environment and stack twice. Exit 1 only says what the working tree's changes risk.
const review = wall('node', ['-r', './scripts/register-ts.js', 'apps/review.ts', '--base', 'HEAD', '--format', 'json'], Math.min(RUNS, 3), [0, 1]);
const reviewLimit = 2 * cdk8s + cdktf;
row('`npm run review -- --base HEAD`, all environments and stacks', `${review.toFixed(2)} s`, `≤ 2 × cdk8s synth + cdktf synth (${reviewLimit.toFixed(2)} s)`, review <= reviewLimit);

// 5. The test suite.
if (!SKIP_TESTS) {
  const tests = wall('npm', ['test'], 1);
  row('`npm test`', `${tests.toFixed(1)} s`, '≤ 90 s', tests <= 90);
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write([
  `Benchmarks, ${new Date().toISOString().slice(0, 10)}, ${machine}; medians of ${RUNS} runs after a warm-up.`,
  '',
  '| what | result | target | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
].join('\n'));
