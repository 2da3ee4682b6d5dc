import { execFileSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { REPO_ROOT } from './manifests';

/** A scratch git repository and its git command. */
export interface ScratchRepository {
  readonly dir: string;
  /** Runs git in the repository with a fixed author; returns what it printed. */
  git(...args: string[]): string;
}

/**
 * A git repository without commits in the run's temporary folder, holding this checkout's files as
 * they are (uncommitted changes included, ignored files left out) with node_modules linked: where
 * the tests run the commands a user runs in a clone.
 */
export function scratchRepository(prefix: string): ScratchRepository {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0').filter((f) => f && f !== 'node_modules' && existsSync(join(REPO_ROOT, f)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(dir, 'node_modules'), 'dir');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  writeFileSync(join(dir, '.git', 'info', 'exclude'), 'node_modules\n');
  return { dir, git };
}
