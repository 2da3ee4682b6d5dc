import { spawnSync } from 'child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { cliFloorProjects } from './cli-floor';
import { consumerProject } from './consumer-project';
import { Command, lastJson, median, medianOf, paired, timed } from './measure';

/**
 * `npm run bench [-- --runs N] [-- --skip-tests]`: times synthesis as users run it and prints a
 * Markdown table with each target and whether it is met. Figures are medians of N runs (default 5)
 * after a warm-up; both figures of every ratio come from the same run (paired commands alternate,
 * A B A B). The fleet and the large texts run in a scratch repository that installs the packed
 * package. Outputs are written to /dev/shm when it is there, so the figures are the library's work
 * and not the disk's.
 */
const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const SKIP_TESTS = args.includes('--skip-tests');
const ENV = { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' };

function scratchBase(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}
const work = mkdtempSync(join(scratchBase(), 'cdk8s-postgres-bench-'));
const scratch = (name: string) => mkdtempSync(join(work, `${name}-`));

const rows: string[][] = [];
const row = (what: string, figure: string, target = '', met?: boolean) => rows.push([what, figure, target, met === undefined ? '' : met ? 'met' : '**missed**']);
const seconds = (s: number) => `${s.toFixed(2)} s`;

try {
  const project = consumerProject(work);

  // 1. A fleet of servers with their schema Jobs, through the packed package.
  type FleetRun = { ms: number; peakRssMiB: number };
  const fleet = (n: number, layout: string, via: string, runs: number) => {
    const outdir = scratch('fleet');
    const command: Command = { program: process.execPath, args: ['fleet.js', String(n), layout, via, outdir], options: { cwd: project }, before: () => rmSync(outdir, { recursive: true, force: true }) };
    const samples: FleetRun[] = [];
    const ms = medianOf(runs, () => lastJson<FleetRun>(timed(command).stdout), (s) => (samples.push(s), s.ms));
    return { ms, peakRssMiB: Math.max(...samples.map((s) => s.peakRssMiB)) };
  };
  for (const via of ['writeCharts', 'app.synth']) {
    for (const layout of ['one-chart', 'chart-per-server']) {
      const hundred = fleet(100, layout, via, RUNS);
      const thousand = fleet(1000, layout, via, Math.min(RUNS, 3));
      const growth = thousand.ms / hundred.ms;
      const what = `1000 servers with a schema Job each, ${layout.replace(/-/g, ' ')}, ${via === 'app.synth' ? '`app.synth()`' : '`writeCharts`'}`;
      row(what, `${seconds(thousand.ms / 1000)}, ${Math.round(thousand.peakRssMiB)} MiB peak`, '≤ 3 s, ≤ 250 MiB', thousand.ms <= 3000 && thousand.peakRssMiB <= 250);
      row(`… growth t(1000)/t(100)`, `${growth.toFixed(2)} (${seconds(hundred.ms / 1000)} for 100)`, '≤ 10', growth <= 10);
    }
  }

  // 2. Texts of 2 MB: a ConfigMap value of the user's and a schema file.
  for (const where of ['configmap', 'schema-file']) {
    const outdir = scratch('large');
    const time = (length: number) => medianOf(RUNS, () => lastJson<{ ms: number }>(timed({ program: process.execPath, args: ['large-text.js', where, String(length), outdir], options: { cwd: project } }).stdout), (s) => s.ms);
    const [small, large] = [time(200_000), time(2_000_000)];
    row(`a 2 MB ${where === 'configmap' ? 'ConfigMap value' : 'schema file'}, one server chart written`, `${seconds(large / 1000)} (200 KB: ${seconds(small / 1000)}, ${(large / small).toFixed(1)}×)`, '≤ 1 s', large <= 1000);
  }

  // 3. A consumer's snapshot test of one server chart, in a cold Jest (a new cache each run).
  const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const snapshotRun = (): Command => {
    const cache = scratch('jest-cache');
    return { program: process.execPath, args: [jest, '--rootDir', project, '--cacheDirectory', cache, '--ci=false', '--silent', 'server.test.js'], options: { cwd: project, env: ENV } };
  };
  timed(snapshotRun()); // writes the snapshot the timed runs compare against
  const snapshot = medianOf(RUNS, () => timed(snapshotRun()), (s) => s.seconds);
  row("a consumer's snapshot test of one server chart (`Testing.synth` + `toMatchSnapshot`, cold Jest)", seconds(snapshot), '≤ 1.5 s', snapshot <= 1.5);

  // 4. The environments: `npx cdk8s synth` against the CLI's own start; the app against kubectl reading its output.
  const synthOut = scratch('synth');
  const synth = paired(
    { program: 'npx', args: ['cdk8s', 'synth', '--no-check-upgrade', '--output', synthOut], options: { cwd: ROOT, env: ENV } },
    { program: 'npx', args: ['cdk8s', '--version'], options: { cwd: ROOT, env: ENV } }, RUNS);
  row('`npx cdk8s synth`, all environments / `npx cdk8s --version`', `${synth.ratio.toFixed(2)}× (${seconds(synth.a)} / ${seconds(synth.b)})`, '≤ 1.3×', synth.ratio <= 1.3);
  const floors = cliFloorProjects(work, ROOT);
  const cdk8sFloor = paired(
    { program: 'npx', args: ['cdk8s', 'synth', '--no-check-upgrade', '--output', scratch('cdk8s-floor')], options: { cwd: floors.cdk8s, env: ENV } },
    { program: 'npx', args: ['cdk8s', '--version'], options: { cwd: floors.cdk8s, env: ENV } }, RUNS);
  row('… the CLI alone: `npx cdk8s synth` of an app that writes nothing / `npx cdk8s --version`', `${cdk8sFloor.ratio.toFixed(2)}× (${seconds(cdk8sFloor.a)} / ${seconds(cdk8sFloor.b)})`);
  const appOut = scratch('app');
  const kustomizations = scratch('kustomize');
  for (const file of readdirSync(synthOut)) {
    const dir = join(kustomizations, file.replace('.k8s.yaml', ''));
    mkdirSync(dir);
    copyFileSync(join(synthOut, file), join(dir, file));
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ${file}\n`);
  }
  const app = paired(
    { program: process.execPath, args: ['-r', './scripts/register-ts.js', 'apps/k8s.ts'], options: { cwd: ROOT, env: { ...ENV, CDK8S_OUTDIR: appOut } }, before: () => rmSync(appOut, { recursive: true, force: true }) },
    { program: 'sh', args: ['-c', 'for d in "$@"; do kubectl kustomize "$d" > /dev/null; done', 'sh', ...readdirSync(kustomizations).map((d) => join(kustomizations, d))] }, RUNS);
  row('the app alone, all environments / `kubectl kustomize` of its output', `${app.ratio.toFixed(2)}× (${seconds(app.a)} / ${seconds(app.b)})`, '≤ 1×', app.ratio <= 1);

  // 5. The Terraform stacks, and the review, which renders the working tree and the base (HEAD, in a
  // temporary worktree): every environment and stack twice. Exit 1 only says what the change risks.
  const cdktfOut = scratch('cdktf');
  const cdktf = medianOf(Math.min(RUNS, 3), () => timed({ program: 'npx', args: ['cdktf', 'synth', '--output', cdktfOut], options: { cwd: ROOT, env: ENV } }), (s) => s.seconds);
  row('`npx cdktf synth`, all stacks', seconds(cdktf), '≤ 3 s', cdktf <= 3);
  const cdktfFloor = medianOf(Math.min(RUNS, 3), () => timed({ program: 'npx', args: ['cdktf', 'synth', '--output', scratch('cdktf-floor')], options: { cwd: floors.cdktf, env: ENV } }), (s) => s.seconds);
  row('… the CLI alone: `npx cdktf synth` of an app that writes a manifest without stacks', seconds(cdktfFloor));
  const review = medianOf(Math.min(RUNS, 3), () => timed({
    program: process.execPath, args: ['-r', './scripts/register-ts.js', 'apps/review.ts', '--base', 'HEAD', '--format', 'json'], options: { cwd: ROOT, env: ENV }, okStatuses: [0, 1],
  }), (s) => s.seconds);
  const reviewLimit = 2 * synth.a + cdktf;
  row('`npm run review -- --base HEAD`, all environments and stacks', seconds(review), `≤ 2 × cdk8s synth + cdktf synth (${seconds(reviewLimit)})`, review <= reviewLimit);

  // 6. The review's corpus of realistic edits (test/review-corpus): what it gets wrong, and how long it takes.
  type CorpusRun = { edits: number; routine: number; weakening: number; disruptive: number; falseAlarms: string[]; missed: string[]; unsaid: string[]; renderMs: number; reviewMs: number };
  const corpusRuns: CorpusRun[] = [];
  const corpusMs = medianOf(RUNS, () => lastJson<CorpusRun>(timed({ program: process.execPath, args: ['-r', './scripts/register-ts.js', 'bench/review-corpus.ts'], options: { cwd: ROOT, env: ENV } }).stdout), (c) => (corpusRuns.push(c), c.reviewMs));
  const corpus = corpusRuns[0];
  row(`the review's corpus: false alarms on ${corpus.routine} routine edits`, String(corpus.falseAlarms.length), '0', corpus.falseAlarms.length === 0);
  row(`… missed among ${corpus.weakening} weakenings`, String(corpus.missed.length), '0', corpus.missed.length === 0);
  row(`… called safe among ${corpus.disruptive} disruptive edits`, String(corpus.unsaid.length), '0', corpus.unsaid.length === 0);
  row(`… time to classify all ${corpus.edits} edits (rendering both sides of each: ${seconds(median(corpusRuns.map((c) => c.renderMs)) / 1000)})`, seconds(corpusMs / 1000));

  // 7. The suite.
  if (!SKIP_TESTS) {
    const tests = timed({ program: 'npm', args: ['test'], options: { cwd: ROOT } }).seconds;
    row('`npm test`', seconds(tests), '≤ 120 s', tests <= 120);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// The suite starts thousands of programs and PostgreSQL connections: its time follows this figure.
const spawnMs = median(Array.from({ length: 100 }, () => {
  const started = process.hrtime.bigint();
  spawnSync('true');
  return Number(process.hrtime.bigint() - started) / 1e6;
}));
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${spawnMs.toFixed(1)} ms to start \`true\` from Node`;
process.stdout.write([
  `Benchmarks, ${new Date().toISOString().slice(0, 10)}, ${machine}; medians of ${RUNS} runs after a warm-up (1000 servers: ${Math.min(RUNS, 3)}).`,
  '',
  '| what | result | target | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
].join('\n'));
