import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, relative, resolve } from 'path';

/** A manifest file's text and where it was read: the file itself, or the commit it is in. */
export interface CommittedManifest {
  readonly text: string;
  /** `<file>` or `<file> as committed at HEAD`. */
  readonly source: string;
}

/**
 * The manifest each of `files` replaces: the file itself when it is there, otherwise its text at
 * the git commit HEAD. `npx cdk8s synth` deletes the output folder before it runs the app
 * (cdk8s-cli's synth command, `fs.rmSync(outdir)`), so on the path users take the files are gone
 * and only git still knows what was deployed. A file is left out of the map outside a git
 * repository or when never committed.
 */
export function committedManifests(files: readonly string[]): Map<string, CommittedManifest> {
  const manifests = new Map<string, CommittedManifest>();
  const missing: string[] = [];
  for (const file of files) {
    if (existsSync(file)) manifests.set(file, { text: readFileSync(file, 'utf8'), source: file });
    else missing.push(file);
  }
  for (const [file, text] of textsAtHead(missing)) manifests.set(file, { text, source: `${file} as committed at HEAD` });
  return manifests;
}

/**
 * Writes back, from HEAD, each of `files` that is missing: after a refused synthesis through the
 * cdk8s CLI, which emptied the output folder, the folder is as committed again.
 */
export function restoreCommitted(files: readonly string[]): void {
  for (const [file, text] of textsAtHead(files.filter((f) => !existsSync(f)))) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/**
 * The texts at HEAD of those of `files` it has, read by one `git cat-file --batch`: a `rev-parse`
 * and a `git show` per file, eight processes for four manifests, took 115 ms of the app's time
 * through the CLI, the two processes 29 ms. The files are in one folder, the output folder; their
 * names are the environments' (DNS labels).
 */
function textsAtHead(files: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (files.length === 0) return texts;
  const paths = files.map((file) => resolve(file));
  const top = repositoryTop(dirname(paths[0]));
  if (top === undefined) return texts;
  const objects = paths.map((path) => `HEAD:${relative(top, path).split('\\').join('/')}`);
  if (objects.some((object) => object.includes('\n'))) throw new Error(`a manifest's name holds a line break, which git cat-file --batch cannot be asked for: ${JSON.stringify(files)}`);
  let output: Buffer;
  try {
    output = execFileSync('git', ['cat-file', '--batch'], { cwd: top, input: `${objects.join('\n')}\n`, stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 1024 * 2 ** 20 });
  } catch {
    return texts;
  }
  // each object: `<oid> <type> <size>\n<content>\n`, or `<object> missing\n` (a file HEAD does not
  // have, or no commit yet), where `<object>` is the name asked for, spaces of its folders included
  let at = 0;
  for (const file of files) {
    const headerEnd = output.indexOf(0x0a, at);
    const found = /^[0-9a-f]+ (\S+) (\d+)$/.exec(output.toString('utf8', at, headerEnd));
    at = headerEnd + 1;
    if (!found) continue;
    const [, type, size] = found;
    if (type === 'blob') texts.set(file, output.toString('utf8', at, at + Number(size)));
    at += Number(size) + 1;
  }
  return texts;
}

/** The top folder of the git repository holding `dir`; undefined without git or outside a repository. */
function repositoryTop(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: existingAncestor(dir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function existingAncestor(dir: string): string {
  return existsSync(dir) || dirname(dir) === dir ? dir : existingAncestor(dirname(dir));
}
