import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { basename, join, relative, resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { findingsOfBothPaths } from '../review/both-paths';
import { Finding, Risk, RISKS } from '../review/finding';
import { renderJson, renderMarkdown, reviewExitStatus } from '../review/report';
import { reviewObjects } from '../review/review-objects';
import { reviewTerraform, TerraformStack } from '../review/review-terraform';

export const REVIEW_USAGE = 'usage: npx cdk8s-postgres review --before <folder|git-ref> --after <folder> [--before … --after …] [--format markdown|json] [--fail-on refused,data-loss[,downtime][,security]]';

/** Why the review could not run: printed as `review could not run: <message>`, exit status 2. */
export class ReviewCommandError extends Error {}

/** What one side of the change holds: manifests by environment (a `<name>.k8s.yaml` is environment `<name>`), Terraform stacks. */
interface Side {
  readonly manifests: Map<string, object[]>;
  readonly stacks: TerraformStack[];
}

/** A synthesized output folder's files, as `relative path → text`. */
type Files = Map<string, string>;

/**
 * `review`: compares synthesized output folders (cdk8s `dist/`, cdktf `cdktf.out/`) before and
 * after a change. `--after` is a folder; `--before` is a folder, or a git ref whose commit holds
 * the `--after` folder as committed (the usual merge check: `--before origin/main --after dist`).
 * Prints the findings and returns the exit status: 1 when any finding has a risk of `--fail-on`
 * (default refused and data-loss), else 0.
 */
export function runReview(args: readonly string[], cwd: string, out: (text: string) => void): 0 | 1 {
  const options = parseArgs(args);
  const before: Files[] = [];
  const after: Files[] = [];
  options.pairs.forEach(({ before: from, after: folder }) => {
    const afterDir = resolve(cwd, folder);
    if (!existsSync(afterDir) || !statSync(afterDir).isDirectory()) throw new ReviewCommandError(`--after ${folder} is not a folder`);
    after.push(folderFiles(afterDir));
    const beforeDir = resolve(cwd, from);
    before.push(existsSync(beforeDir) && statSync(beforeDir).isDirectory() ? folderFiles(beforeDir) : committedFiles(cwd, from, afterDir));
  });
  const [old, now] = [sideOf(before), sideOf(after)];
  const environments = [...new Set([...now.manifests.keys(), ...old.manifests.keys()])].sort();
  const findings: Finding[] = findingsOfBothPaths(
    environments.flatMap((environment) => reviewObjects(old.manifests.get(environment) ?? [], now.manifests.get(environment) ?? [], { environment })),
    reviewTerraform(old.stacks, now.stacks),
    [...old.stacks, ...now.stacks],
  );
  out(options.format === 'json' ? renderJson(findings) : renderMarkdown(findings, { base: options.pairs.map((p) => p.before).join(', ') }));
  return options.failOn === undefined ? reviewExitStatus(findings) : findings.some((f) => options.failOn!.includes(f.risk)) ? 1 : 0;
}

interface Options {
  readonly pairs: ReadonlyArray<{ readonly before: string; readonly after: string }>;
  readonly format: 'markdown' | 'json';
  /** The risks that make the exit status 1; undefined: refused and data-loss. */
  readonly failOn?: readonly Risk[];
}

function parseArgs(args: readonly string[]): Options {
  const befores: string[] = [];
  const afters: string[] = [];
  let format = 'markdown';
  let failOn: Risk[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const match = /^--(before|after|format|fail-on)(?:=(.*))?$/s.exec(args[i]);
    if (!match) throw new ReviewCommandError(`unexpected argument '${args[i]}'; ${REVIEW_USAGE}`);
    const value = match[2] ?? args[++i];
    if (value === undefined || value === '') throw new ReviewCommandError(`--${match[1]} needs a value; ${REVIEW_USAGE}`);
    if (match[1] === 'before') befores.push(value);
    else if (match[1] === 'after') afters.push(value);
    else if (match[1] === 'format') format = value;
    else {
      failOn = value.split(',').map((r) => r.trim()) as Risk[];
      const unknown = failOn.find((r) => r === 'safe' || !RISKS.includes(r));
      if (unknown !== undefined) throw new ReviewCommandError(`--fail-on '${unknown}' is not one of refused, data-loss, downtime, security; ${REVIEW_USAGE}`);
    }
  }
  if (afters.length === 0 || befores.length !== afters.length) throw new ReviewCommandError(`give --before and --after once for each output folder; ${REVIEW_USAGE}`);
  if (format !== 'markdown' && format !== 'json') throw new ReviewCommandError(`unknown format '${format}' (markdown or json); ${REVIEW_USAGE}`);
  return { pairs: afters.map((after, i) => ({ before: befores[i], after })), format, failOn };
}

/** The files of a synthesized folder that the review reads: `*.k8s.yaml` and `stacks/<stack>/cdk.tf.json`. */
function folderFiles(dir: string): Files {
  const files: Files = new Map();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = name.split('\\').join('/');
    if (isReviewed(path)) files.set(path, readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

function isReviewed(path: string): boolean {
  return /^[^/]+\.k8s\.yaml$/.test(path) || /^stacks\/[^/]+\/cdk\.tf\.json$/.test(path);
}

/** The same files as committed at `ref`, in the folder `afterDir` is in the working tree. */
function committedFiles(cwd: string, ref: string, afterDir: string): Files {
  const git = (gitArgs: string[]) => execFileSync('git', gitArgs, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 2 ** 20 });
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new ReviewCommandError(`--before ${ref} is neither a folder nor a git ref: ${cwd} is not in a git repository`);
  }
  // A ref starting with '-' would be read as an option of git.
  if (ref.startsWith('-')) throw new ReviewCommandError(`unknown git ref '${ref}'`);
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new ReviewCommandError(`--before ${ref} is neither a folder nor a git ref`);
  }
  const folder = relative(top, afterDir).split('\\').join('/');
  const files: Files = new Map();
  const listed = git(['ls-tree', '-r', '--name-only', '-z', ref, '--', folder === '' ? '.' : folder]).split('\0').filter((p) => p !== '');
  for (const path of listed) {
    const inFolder = folder === '' ? path : path.slice(folder.length + 1);
    if (isReviewed(inFolder)) files.set(inFolder, git(['show', `${ref}:${path}`]));
  }
  return files;
}

function sideOf(folders: readonly Files[]): Side {
  const manifests = new Map<string, object[]>();
  const stacks: TerraformStack[] = [];
  for (const files of folders) {
    for (const [path, text] of files) {
      if (path.endsWith('.k8s.yaml')) {
        const environment = basename(path, '.k8s.yaml');
        const objects = parseAllDocuments(text).map((d) => d.toJSON() as object).filter((o) => o !== null && typeof o === 'object');
        manifests.set(environment, [...manifests.get(environment) ?? [], ...objects]);
      } else {
        const name = path.split('/')[1];
        stacks.push({ name, environment: name, json: JSON.parse(text) as object });
      }
    }
  }
  return { manifests, stacks };
}
