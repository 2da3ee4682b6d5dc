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
 * The manifest `file` replaces: the file itself when it is there, otherwise its text at the git
 * commit HEAD. `npx cdk8s synth` deletes the output folder before it runs the app (cdk8s-cli's
 * synth command, `fs.rmSync(outdir)`), so on the path users take the file is gone and only git
 * still knows what was deployed. Undefined outside a git repository or for a file never committed.
 */
export function committedManifest(file: string): CommittedManifest | undefined {
  if (existsSync(file)) return { text: readFileSync(file, 'utf8'), source: file };
  const text = textAtHead(file);
  return text === undefined ? undefined : { text, source: `${file} as committed at HEAD` };
}

/**
 * Writes back, from HEAD, each of `files` that is missing: after a refused synthesis through the
 * cdk8s CLI, which emptied the output folder, the folder is as committed again.
 */
export function restoreCommitted(files: readonly string[]): void {
  for (const file of files) {
    if (existsSync(file)) continue;
    const text = textAtHead(file);
    if (text === undefined) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function textAtHead(file: string): string | undefined {
  const path = resolve(file);
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: existingAncestor(dirname(path)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return execFileSync('git', ['show', `HEAD:${relative(top, path).split('\\').join('/')}`], { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 2 ** 20 });
  } catch {
    return undefined; // no git, not a repository, no commit yet, or a file HEAD does not have
  }
}

function existingAncestor(dir: string): string {
  return existsSync(dir) || dirname(dir) === dir ? dir : existingAncestor(dirname(dir));
}
