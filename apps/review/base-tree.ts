import { spawnSync } from 'child_process';
import { existsSync, realpathSync, rmSync, symlinkSync, unlinkSync } from 'fs';
import { join } from 'path';
import { commitOf } from '../../lib/cli/command-line';
import { ReviewError } from './args';

function git(root: string, args: string[]) {
  return spawnSync('git', args, { cwd: root, encoding: 'utf8' });
}

/** The commit `ref` names in the repository at `root`, or a ReviewError naming the ref. */
export function resolveCommit(root: string, ref: string): string {
  const commit = commitOf(root, ref);
  if (commit === undefined) throw new ReviewError(`unknown git ref '${ref}'`);
  return commit;
}

/** Whether the working tree at `root` holds exactly the files of `commit`: nothing modified, staged or untracked (ignored files aside). */
export function sameTree(root: string, commit: string): boolean {
  const status = git(root, ['status', '--porcelain', '--untracked-files=all']);
  const trees = git(root, ['rev-parse', 'HEAD^{tree}', `${commit}^{tree}`]);
  if (status.status !== 0 || trees.status !== 0) return false;
  const [head, base] = trees.stdout.trim().split('\n');
  return status.stdout === '' && head === base;
}

/**
 * Checks `commit` out into `dir` as a detached worktree that uses `root`'s node_modules, so a base
 * older than the current dependencies (or than this command) renders with the packages at hand.
 */
export function addBaseTree(root: string, commit: string, dir: string): void {
  const result = git(root, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
  if (result.status !== 0) throw new ReviewError(`git worktree add of ${commit.slice(0, 12)} failed: ${result.stderr.trim()}`);
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'), 'dir');
}

/** Removes the worktree `dir` and its registration; never throws (it runs on the way out). */
export function removeBaseTree(root: string, dir: string): void {
  // The link goes first, so nothing below can reach the shared node_modules through it.
  try {
    unlinkSync(join(dir, 'node_modules'));
  } catch {
    // not linked yet
  }
  const removed = existsSync(dir) && git(root, ['worktree', 'remove', '--force', dir]).status === 0;
  if (removed) return;
  rmSync(dir, { recursive: true, force: true });
  // Only when git could not remove it: prune forgets worktrees whose folder is gone.
  git(root, ['worktree', 'prune']);
}
