import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { basename, join, posix, relative, resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { findingsBetween, Rendered } from '../review/both-paths';
import { commitOf, readOptions } from './command-line';
import { Risk, RISKS } from '../review/finding';
import { renderJson, renderMarkdown, reviewExitStatus } from '../review/report';
import { environmentOfStack, TerraformStack } from '../review/review-terraform';

export const REVIEW_USAGE = 'usage: npx cdk8s-postgres review --before <folder|git-ref> --after <folder> [--before … --after …] [--format markdown|json] [--fail-on refused,data-loss[,downtime][,security]]';

/** Why the review could not run: printed as `review could not run: <message>`, exit status 2. */
export class ReviewCommandError extends Error {}

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
  const findings = findingsBetween(sideOf(before), sideOf(after, options.pairs.map((p) => p.after)));
  out(options.format === 'json' ? renderJson(findings) : renderMarkdown(findings, { base: options.pairs.map((p) => p.before).join(', ') }));
  return reviewExitStatus(findings, options.failOn);
}

interface Options {
  readonly pairs: ReadonlyArray<{ readonly before: string; readonly after: string }>;
  readonly format: 'markdown' | 'json';
  /** The risks that make the exit status 1; undefined: reviewExitStatus's default. */
  readonly failOn?: readonly Risk[];
}

function parseArgs(args: readonly string[]): Options {
  const befores: string[] = [];
  const afters: string[] = [];
  let format = 'markdown';
  let failOn: Risk[] | undefined;
  for (const [name, value] of readOptions(args, ['before', 'after', 'format', 'fail-on'], (reason) => { throw new ReviewCommandError(`${reason}; ${REVIEW_USAGE}`); })) {
    if (name === 'before') befores.push(value);
    else if (name === 'after') afters.push(value);
    else if (name === 'format') format = value;
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
  if (ref.startsWith('-')) throw new ReviewCommandError(`unknown git ref '${ref}'`);
  if (commitOf(cwd, ref) === undefined) throw new ReviewCommandError(`--before ${ref} is neither a folder nor a git ref`);
  const folder = relative(top, afterDir).split('\\').join('/');
  const files: Files = new Map();
  const listed = git(['ls-tree', '-r', '--name-only', '-z', ref, '--', folder === '' ? '.' : folder]).split('\0').filter((p) => p !== '');
  for (const path of listed) {
    const inFolder = folder === '' ? path : path.slice(folder.length + 1);
    if (isReviewed(inFolder)) files.set(inFolder, git(['show', `${ref}:${path}`]));
  }
  return files;
}

/**
 * Manifests by environment (a `<name>.k8s.yaml` is environment `<name>`) and Terraform stacks;
 * with `folderNames`, each manifest file as the user named its folder, for the steps.
 */
function sideOf(folders: readonly Files[], folderNames: readonly string[] = []): Rendered {
  const manifests = new Map<string, object[]>();
  const manifestFiles = new Map<string, string>();
  const stacks: TerraformStack[] = [];
  for (const [i, files] of folders.entries()) {
    for (const [path, text] of files) {
      if (path.endsWith('.k8s.yaml')) {
        const environment = basename(path, '.k8s.yaml');
        if (folderNames[i] !== undefined) manifestFiles.set(environment, posix.join(folderNames[i], path));
        const objects = parseAllDocuments(text).map((d) => d.toJSON() as object).filter((o) => o !== null && typeof o === 'object');
        manifests.set(environment, [...manifests.get(environment) ?? [], ...objects]);
      } else {
        const name = path.split('/')[1];
        stacks.push({ name, environment: name, json: JSON.parse(text) as object });
      }
    }
  }
  // a stack named after an environment's file deploys that environment (aws-efs-workload: aws-efs)
  const environments = [...manifests.keys()];
  return { manifests, stacks: stacks.map((s) => ({ ...s, environment: environmentOfStack(s.name, environments) })), manifestFiles, commands: 'package' };
}
