import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { findingsBetween, Rendered } from '../../lib/review/both-paths';
import { Finding } from '../../lib/review/finding';
import { addBaseTree, removeBaseTree, resolveCommit, sameTree } from './base-tree';
import { AppProcesses, synthesizeTree } from './synthesize';

/** Work to undo on the way out, also when the process is interrupted. */
const cleanups: Array<() => void> = [];

/** Runs the pending cleanups (last first); safe to call more than once. */
export function cleanUp(): void {
  while (cleanups.length) cleanups.pop()!();
}

/**
 * Renders the working tree at `root` and the commit `base` names (checked out into a temporary
 * worktree), all four apps at once, and classifies the differences. A base whose files are the
 * working tree's is not rendered again.
 */
export async function reviewChange(root: string, base: string): Promise<Finding[]> {
  const commit = resolveCommit(root, base);
  const scratch = mkdtempSync(join(tmpdir(), 'review-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const apps = new AppProcesses();
  cleanups.push(() => apps.stop());
  const started: Array<Promise<Rendered>> = [];
  const start = (rendering: Promise<Rendered>) => {
    // Marked as handled at once: when the base cannot be checked out, nothing awaits this one.
    rendering.catch(() => undefined);
    started.push(rendering);
  };
  try {
    start(synthesizeTree(root, join(scratch, 'after'), 'the working tree', apps));
    if (sameTree(root, commit)) {
      // The base is the working tree: rendered once, it cannot differ from itself.
      const [after] = await Promise.all(started);
      return findingsBetween(after, after);
    }
    const baseTree = join(scratch, 'base');
    cleanups.push(() => removeBaseTree(root, baseTree));
    addBaseTree(root, commit, baseTree);
    start(synthesizeTree(baseTree, join(scratch, 'before'), `the base ${base} (${commit.slice(0, 12)})`, apps));
    const [after, before] = await Promise.all(started);
    return findingsBetween(before, after);
  } catch (error) {
    // The first failure is the one reported; the other apps' work is moot.
    apps.stop();
    throw error;
  } finally {
    // Nothing is removed while an app still writes into it.
    await apps.settled();
    cleanUp();
  }
}
