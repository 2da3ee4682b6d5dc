import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';
import { codeBlocks } from './support/documentation';
import { REPO_ROOT } from './support/manifests';
import { RUN_ROOT_ENV } from './support/run-root-env';
import { scratchRepository } from './support/scratch-repository';
import { writeStandIn } from './support/stand-in';

// `npm run review` as a user runs it, in a scratch repository holding this checkout's files (with
// its uncommitted changes): a first commit without the review command (a base older than the
// command), a second with it. Every review renders both trees (four apps); the file runs four
// reviews (one through docs/reviewing.md's workflow) and one that stops at the first failed app.
const { dir: repo, git } = scratchRepository('review-command-');

beforeAll(() => {
  git('add', '-A');
  git('rm', '-r', '-q', '--cached', 'apps/review.ts', 'apps/review');
  git('commit', '-q', '-m', 'before the review command');
  git('add', '-A');
  git('commit', '-q', '-m', 'the review command');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function review(...args: string[]) {
  return spawnSync('npm', ['run', '--silent', 'review', '--', ...args], { cwd: repo, encoding: 'utf8' });
}

const MINIKUBE = join(repo, 'environments', 'minikube-dev.ts');

/** Replaces `from` (which must be there once) in environments/minikube-dev.ts. */
function editMinikube(from: string, to: string): void {
  const text = readFileSync(MINIKUBE, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(MINIKUBE, text.replace(from, to));
}

/** The scratch repository's worktrees: the review leaves none of its own behind. */
const worktrees = () => git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).map((l) => realpathSync(l.slice('worktree '.length)));

type Finding = { environment: string; target: string; path: string; risk: string; message: string; steps: string[] };

/** The JSON output, checked to be exactly `{"findings":[…]}` with each finding's keys in order. */
function parseFindings(stdout: string): Finding[] {
  expect(stdout.endsWith('}\n')).toBe(true);
  const parsed = JSON.parse(stdout);
  expect(Object.keys(parsed)).toEqual(['findings']);
  for (const f of parsed.findings) {
    expect(Object.keys(f)).toEqual(['environment', 'target', 'path', 'risk', 'applies', 'data', 'access', 'message', 'steps']);
    expect(['refused', 'data-loss', 'downtime', 'security', 'safe']).toContain(f.risk);
    for (const field of ['environment', 'target', 'path', 'message']) expect(typeof f[field]).toBe('string');
    expect(f.steps.every((s: unknown) => typeof s === 'string')).toBe(true);
  }
  // Highest risk first.
  const ranks = parsed.findings.map((f: Finding) => ['refused', 'data-loss', 'downtime', 'security', 'safe'].indexOf(f.risk));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  return parsed.findings;
}


test('no change against a base older than the command: exit 0, nothing above safe, no worktree left', () => {
  const result = review('--base', 'HEAD~1');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('## Review against `HEAD~1`: 0 refused, 0 data-loss, 0 downtime, 0 security, 0 safe\n\nNo change above safe.\n');
  expect(worktrees()).toEqual([realpathSync(repo)]);
});

test('an unknown ref: exit 2, said on stderr, before anything is rendered', () => {
  const result = review('--base', 'no-such-ref', '--format', 'json');
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe("review could not run: unknown git ref 'no-such-ref'\n");
  expect(result.status).toBe(2);
});

test('a command line without --base: exit 2 with the usage', () => {
  const result = review('--format', 'json');
  expect(result.stderr).toBe('review could not run: --base is required; usage: npm run --silent review -- --base <git-ref> [--format markdown|json]\n');
  expect(result.status).toBe(2);
});

describe('uncommitted edits of environments/minikube-dev.ts against HEAD', () => {
  const original = () => readFileSync(join(REPO_ROOT, 'environments', 'minikube-dev.ts'), 'utf8');
  afterEach(() => writeFileSync(MINIKUBE, original()));

  test('a working tree that does not synthesize: exit 2 with the validation error, no worktree left', () => {
    editMinikube("storage: { size: '5Gi' },\n      resources", "storage: { size: '5 GB' },\n      resources");
    const result = review('--base', 'HEAD');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`review could not run: synthesis of the working tree failed (apps/k8s.ts): ValidationError: PostgresStatefulSet 'minikube-dev/microservices': storage.size "5 GB" is not a Kubernetes quantity (e.g. '5Gi')\n`);
    expect(result.status).toBe(2);
    expect(worktrees()).toEqual([realpathSync(repo)]);
  });

  test('a removed server: exit 1, data-loss in JSON', () => {
    const text = readFileSync(MINIKUBE, 'utf8');
    const start = text.indexOf("    {\n      id: 'dbaas-metadata',");
    const end = text.indexOf('    {\n      // The same server prod-operator runs');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    writeFileSync(MINIKUBE, text.slice(0, start) + text.slice(end));

    const result = review('--base', 'HEAD', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const findings = parseFindings(result.stdout);
    expect(findings).toContainEqual(expect.objectContaining({ environment: 'minikube-dev', target: 'StatefulSet/dbaas-dbaas-metadata/dbaas-metadata-postgresql-local', path: '', risk: 'data-loss' }));
    // Only minikube-dev changed.
    expect(new Set(findings.map((f) => f.environment))).toEqual(new Set(['minikube-dev']));
  });
});

/**
 * The `run:` steps of docs/reviewing.md's workflow, run one after another in the repository as
 * GitHub runs them (bash -e, GITHUB_OUTPUT, each step's env and `if:`), with a stand-in for `gh`
 * that records its arguments. `npm ci` is left out: node_modules is linked. Returns each step's
 * exit status, the step outputs and gh's calls.
 */
function runWorkflow(): { statuses: number[]; outputs: Record<string, string>; gh: string[] } {
  const workflow = codeBlocks('yaml').find((b) => b.text.startsWith('# .github/workflows/review.yml\n'))!;
  expect(workflow.file).toBe('docs/reviewing.md');
  const steps = (parseYaml(workflow.text).jobs.review.steps as { run?: string; if?: string; env?: Record<string, string> }[]).filter((s) => s.run !== undefined);
  expect(steps[0].run).toBe('npm ci --no-audit --no-fund');
  const scratch = mkdtempSync(join(process.env[RUN_ROOT_ENV]!, 'workflow-'));
  const output = join(scratch, 'github-output');
  writeFileSync(output, '');
  const outputs = (): Record<string, string> => Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=')));
  const expression = (text: string) => text.replace(/\$\{\{ *([^}]+?) *\}\}/g, (_, e: string) => {
    if (e === 'github.token') return 'token';
    if (e === 'github.event.pull_request.number') return '7';
    const step = /^steps\.review\.outputs\.(\w+)$/.exec(e);
    if (step) return outputs()[step[1]] ?? '';
    throw new Error(`an expression the test does not evaluate: ${e}`);
  });
  const condition = (text: string) => text.split('||').some((part) => {
    const m = /^\s*steps\.review\.outputs\.(\w+) == '(\w*)'\s*$/.exec(part);
    if (!m) throw new Error(`a condition the test does not evaluate: ${text}`);
    return outputs()[m[1]] === m[2];
  });
  const log = join(scratch, 'gh-calls');
  writeStandIn(scratch, log, 'gh', '');
  const statuses: number[] = [];
  for (const step of steps.slice(1)) {
    if (step.if !== undefined && !condition(step.if)) continue;
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expression(v)]));
    const result = spawnSync('bash', ['-e', '-c', step.run!], { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: `${scratch}:${process.env.PATH}`, GITHUB_OUTPUT: output, ...env } });
    expect(result.stderr).toBe('');
    statuses.push(result.status!);
    if (result.status !== 0) break;
  }
  return { statuses, outputs: outputs(), gh: existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [] };
}

test("docs/reviewing.md's workflow on a committed edit: the base is rendered from the commit before it, the Markdown is commented, a refusal fails the job", () => {
  const before = readFileSync(MINIKUBE, 'utf8');
  try {
    editMinikube("storage: { size: '5Gi' },\n      resources", "storage: { size: '10Gi' },\n      resources");
    git('commit', '-q', '-a', '-m', 'a larger claim');
    const { statuses, outputs, gh } = runWorkflow();
    // the review, the comment, then the failing status
    expect([statuses, outputs, gh]).toEqual([[0, 0, 1], { status: '1' }, ['gh pr comment 7 --body-file review.md --edit-last']]);
    const lines = readFileSync(join(repo, 'review.md'), 'utf8').split('\n');
    const title = /^## Review against `HEAD\^1`: (\d+) refused, (\d+) data-loss, (\d+) downtime, (\d+) security, (\d+) safe$/.exec(lines[0]);
    expect(title).not.toBeNull();
    const counts = Object.fromEntries(['refused', 'data-loss', 'downtime', 'security', 'safe'].map((risk, i) => [risk, Number(title![i + 1])]));
    expect(counts.refused).toBeGreaterThan(0);
    // A section per risk present, highest first; the StatefulSet is in one of them.
    const headings = lines.filter((l) => l.startsWith('### '));
    expect(headings).toEqual(Object.entries(counts).filter(([, n]) => n > 0).map(([risk, n]) => `### ${risk} (${n})`));
    expect(lines.some((l) => l === '#### `StatefulSet/microservices/postgresql` in minikube-dev' || l.startsWith('| minikube-dev | `StatefulSet/microservices/postgresql` |'))).toBe(true);
    // Nothing of the other environments.
    for (const environment of ['solid-cloud', 'aks-phonebill-dev', 'aws-efs', 'prod-operator']) expect(lines.join('\n')).not.toContain(environment);
    expect(worktrees()).toEqual([realpathSync(repo)]);
    // The grow step runs as printed in this very state (the size declared, the claims not grown).
    const growStep = lines.map((l) => /^ {2}\d+\. `(npm run --silent grow -- [^`]+)`/.exec(l)?.[1]).find((command) => command !== undefined);
    expect(growStep).toBe('npm run --silent grow -- minikube-dev postgresql 10Gi');
    const grown = spawnSync('sh', ['-c', growStep!], { cwd: repo, encoding: 'utf8' });
    expect(grown.stderr).toContain('WARNING:');
    expect(grown.status).toBe(0);
    expect(grown.stdout).toContain(`kubectl patch pvc data-postgresql-0 -n microservices --type merge -p '{"spec":{"resources":{"requests":{"storage":"10Gi"}}}}'`);
  } finally {
    git('reset', '-q', '--hard', 'HEAD~1');
    rmSync(join(repo, 'review.md'), { force: true });
    expect(readFileSync(MINIKUBE, 'utf8')).toBe(before);
  }
});
