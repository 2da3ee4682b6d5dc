// The one folder a test run writes to, and how it is removed with everything running from it.
// Plain JavaScript: the reaper (a process of its own, started before any test) requires it
// without a TypeScript loader.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const PREFIX = 'cdk8s-postgres-test-run-';

/**
 * The folder under which a run's root is made: /dev/shm when it is a writable memory file system
 * with room, else the system's temporary folder. PostgreSQL servers, initdb copies, Job scratch
 * folders and packed tarballs all live there; on this project's machines a 40 MB data directory
 * copies in 0.06 s to /dev/shm and in 0.9 s to the disk (measured with `cp -a`).
 */
function baseDir() {
  const shm = '/dev/shm';
  try {
    fs.accessSync(shm, fs.constants.W_OK | fs.constants.X_OK);
    const stats = fs.statfsSync(shm);
    if (stats.bavail * stats.bsize >= 2 * 2 ** 30) return shm;
  } catch {
    // no /dev/shm here
  }
  return os.tmpdir();
}

/** Makes the run's root, named after the process that owns it, readable by the servers' OS user. */
function createRunRoot(ownerPid) {
  const root = fs.mkdtempSync(path.join(baseDir(), `${PREFIX}${ownerPid}-`));
  fs.chmodSync(root, 0o755);
  return root;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Roots of earlier runs whose owner is gone (a run killed before it could clean up). */
function orphanedRoots() {
  const dirs = [...new Set([baseDir(), os.tmpdir()])];
  return dirs.flatMap((dir) => {
    let names = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    return names.filter((name) => name.startsWith(PREFIX))
      .filter((name) => !isAlive(Number(name.slice(PREFIX.length).split('-')[0])))
      .map((name) => path.join(dir, name));
  });
}

/** postmaster.pid files under `root`, a few levels deep (servers keep theirs in <workDir>/data). */
function postmasterPids(root, depth = 4) {
  if (depth < 0) return [];
  let entries = [];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) return postmasterPids(full, depth - 1);
    if (entry.name !== 'postmaster.pid') return [];
    const pid = Number(fs.readFileSync(full, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? [pid] : [];
  });
}

function parentOf(pid) {
  try {
    // pid (comm) state ppid …: comm may hold spaces and parentheses, the last ')' ends it
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Processes started by the run, found by their environment naming the root (every child inherits
 * TMPDIR), but for this process and the owner's own children (Jest's workers, which Jest ends).
 */
function processesOf(root, owner) {
  const marker = Buffer.from(`TMPDIR=${root}`);
  const own = new Set([process.pid, owner]);
  let pids = [];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number);
  } catch {
    return [];
  }
  return pids.filter((pid) => {
    if (own.has(pid) || parentOf(pid) === owner) return false;
    try {
      return fs.readFileSync(`/proc/${pid}/environ`).includes(marker);
    } catch {
      return false;
    }
  });
}

function signal(pids, name) {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // gone already
    }
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Stops every server and process of the run and removes the root. Servers get SIGINT, a fast
 * shutdown, which removes their POSIX shared memory segments from /dev/shm (an immediate shutdown
 * leaves them); whatever is left after five seconds is killed.
 */
function removeRunRoot(root, owner) {
  const servers = postmasterPids(root);
  const running = () => [...servers, ...processesOf(root, owner)].filter(isAlive);
  signal(servers, 'SIGINT');
  signal(processesOf(root, owner), 'SIGTERM');
  for (let waited = 0; waited < 5000 && running().length > 0; waited += 50) sleep(50);
  signal(running(), 'SIGKILL');
  try {
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  } catch {
    // A file the servers' OS user made read-only: remove as that user could not either; root can.
    execFileSync('rm', ['-rf', root]);
  }
}

module.exports = { createRunRoot, orphanedRoots, removeRunRoot };

// `node run-root.js <owner pid> <root>`: the reaper. It waits, detached from the terminal's
// process group, until the owner (Jest's main process) is gone or tells it to finish (SIGTERM
// from the global teardown), then removes the root: a run stopped with Ctrl-C or killed leaves
// no folder, server or process behind.
if (require.main === module) {
  const [owner, root] = [Number(process.argv[2]), process.argv[3]];
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    removeRunRoot(root, owner);
    process.exit(0);
  };
  process.on('SIGTERM', finish);
  process.on('SIGINT', () => undefined);
  process.on('SIGHUP', () => undefined);
  setInterval(() => {
    if (!isAlive(owner)) finish();
  }, 200);
}
