import { spawn } from 'child_process';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { setTimeout as delay } from 'timers/promises';
import { REPO_ROOT } from './manifests';

/** What the one type check of the run printed, and where it wrote the compiled repository. */
export interface TypeCheck {
  /** tsc's exit status. */
  readonly status: number;
  /** Its diagnostics (empty when it passed). */
  readonly output: string;
  /** The compiled repository (JavaScript and declarations), laid out as the sources: `<outDir>/lib/index.js`. */
  readonly outDir: string;
}

const folder = (root: string) => join(root, 'type-check');

/**
 * Starts the run's one `tsc` over the whole repository (lib, apps, environments, scripts, bench,
 * test) in the background, emitting into the run's folder, unless a test file of the run has
 * started it already: the type check test reads its diagnostics, the package test packs its
 * compiled lib/. It runs beside the test files instead of before them, the library is compiled
 * once instead of twice, and a run of other test files does not compile at all.
 */
function startTypeCheck(root: string): void {
  const dir = folder(root);
  try {
    mkdirSync(dir);
  } catch (error) {
    // made by the first caller of the run, which started tsc
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  // TypeScript 7's native compiler (devDependency typescript-native): the same diagnostics and
  // output as 5.9's for this repository, at about a fifth of the CPU time. On one thread: its
  // parallel checkers repeat work (4.2 s of CPU against 3.0 s), and the test files keep both cores busy.
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc');
  const command = '"$0" "$1" -p "$2" --outDir "$3/out" --noEmit false --pretty false --singleThreaded > "$3/output" 2>&1; echo $? > "$3/status.tmp"; mv "$3/status.tmp" "$3/status"';
  spawn('sh', ['-c', command, process.execPath, tsc, REPO_ROOT, dir], { stdio: 'ignore', detached: true }).unref();
}

/** The run's type check (see {@link startTypeCheck}): started if need be, waited for, and what it did. */
export async function typeCheck(root: string, timeoutMs = 180000): Promise<TypeCheck> {
  startTypeCheck(root);
  const dir = folder(root);
  for (let waited = 0; !existsSync(join(dir, 'status')); waited += 100) {
    if (waited > timeoutMs) throw new Error(`the type check did not finish within ${timeoutMs / 1000} s`);
    await delay(100);
  }
  return { status: Number(readFileSync(join(dir, 'status'), 'utf8')), output: readFileSync(join(dir, 'output'), 'utf8'), outDir: join(dir, 'out') };
}
