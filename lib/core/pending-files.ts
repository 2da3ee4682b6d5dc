import { closeSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, writeSync } from 'fs';
import { basename, dirname, join } from 'path';

/** Text gathered before a write: one write call per this many characters or so. */
const CHUNK = 1 << 16;

/**
 * Files written as their text is made, each under a hidden name beside its own, and put in place
 * (renamed, so a reader sees the old file or the whole new one) only when every one is done, or
 * all removed. A synthesis of a thousand servers makes about 33 MB of YAML: held in memory until
 * the last chart had passed its checks, it was most of the peak memory of a synthesis. A process
 * killed in between leaves its hidden `.<file>.<pid>-<n>.partial` files behind, and the old files.
 */
export class PendingFiles {
  private readonly done: Array<{ partial: string; path: string }> = [];
  private open?: { fd: number; chunks: string[]; length: number };
  private createdDirs: string[] = [];
  private started = 0;

  /** Starts the file `path` (ending the one before it); what {@link write} adds until the next is its text. */
  start(path: string): void {
    this.end();
    const dir = dirname(path);
    const created = mkdirSync(dir, { recursive: true });
    // the folders made here, deepest first, to remove again when nothing is written
    if (created !== undefined) this.createdDirs = [...foldersUpTo(dir, created), ...this.createdDirs];
    // numbered: the same path started twice is written twice, the later text last, as before
    const partial = join(dir, `.${basename(path)}.${process.pid}-${++this.started}.partial`);
    this.done.push({ partial, path });
    this.open = { fd: openSync(partial, 'w'), chunks: [], length: 0 };
  }

  /** Adds `text` to the file started last. */
  write(text: string): void {
    const open = this.open;
    if (!open) throw new Error('PendingFiles.write before start');
    open.chunks.push(text);
    open.length += text.length;
    if (open.length >= CHUNK) this.flush(open);
  }

  /** Puts every file in place, in the order they were started; when one cannot be, the rest are removed. */
  commit(): void {
    this.end();
    while (this.done.length > 0) {
      const { partial, path } = this.done[0];
      try {
        renameSync(partial, path);
      } catch (error) {
        this.discard();
        throw error;
      }
      this.done.shift();
    }
    this.createdDirs = [];
  }

  /** Removes every file not put in place, and the folders made for them. */
  discard(): void {
    try {
      this.end();
    } finally {
      for (const { partial } of this.done.splice(0)) rmSync(partial, { force: true });
      for (const dir of this.createdDirs.splice(0)) {
        try {
          rmdirSync(dir);
        } catch {
          // something else was put there meanwhile: it stays
        }
      }
    }
  }

  private end(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    try {
      this.flush(open);
    } finally {
      closeSync(open.fd);
    }
  }

  private flush(open: { fd: number; chunks: string[]; length: number }): void {
    const buffer = Buffer.from(open.chunks.join(''), 'utf8');
    open.chunks = [];
    open.length = 0;
    for (let at = 0; at < buffer.length;) at += writeSync(open.fd, buffer, at, buffer.length - at);
  }
}

/** `dir` and its parents up to `top`, deepest first. */
function foldersUpTo(dir: string, top: string): string[] {
  const folders = [dir];
  for (let folder = dir; folder !== top && dirname(folder) !== folder;) folders.push(folder = dirname(folder));
  return folders;
}
