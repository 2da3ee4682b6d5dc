import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLIENT_BIN_DIR, CLIENT_MAJOR, serverBinDir, SERVER_MAJORS } from './support/postgres-server';

/** The test helper that starts servers of every major from npm packages. */
const isRoot = process.getuid?.() === 0;

test('the majors the suites run are the supported ones, 14 to 18', () => {
  expect(SERVER_MAJORS).toEqual([14, 15, 16, 17, 18]);
});

test.each(SERVER_MAJORS.map((m) => [m]))('node_modules/pg%i holds a server of that major', (major) => {
  const version = execFileSync(join(serverBinDir(major), 'postgres'), ['--version'], { encoding: 'utf8' });
  expect(version).toMatch(new RegExp(`^postgres \\(PostgreSQL\\) ${major}\\.\\d+`));
});

test("the clients are the machine's, and their major is known", () => {
  expect(execFileSync(join(CLIENT_BIN_DIR, 'psql'), ['--version'], { encoding: 'utf8' })).toContain(`psql (PostgreSQL) ${CLIENT_MAJOR}.`);
  expect(CLIENT_MAJOR).toBeGreaterThanOrEqual(14);
});

test(isRoot
  ? 'as root: binaries under a directory the OS user postgres cannot enter are linked where it can run them'
  : 'as a plain user: binaries run from node_modules as they are', () => {
  const privateDir = mkdtempSync(join(tmpdir(), 'private-checkout-'));
  try {
    chmodSync(privateDir, 0o700);
    const native = join(privateDir, 'node_modules', 'pg14', 'native');
    mirror(join(serverBinDir(14), '..'), native);
    mirror(join(serverBinDir(14), '..', '..', 'package.json'), join(privateDir, 'node_modules', 'pg14', 'package.json'));
    const dir = serverBinDir(14, join(privateDir, 'node_modules'));
    if (isRoot) {
      expect(dir.startsWith(privateDir)).toBe(false);
      const run = spawnSync('runuser', ['-u', 'postgres', '--', join(dir, 'initdb'), '--version'], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/^initdb \(PostgreSQL\) 14\./);
    } else {
      expect(dir).toBe(join(native, 'bin'));
    }
  } finally {
    rmSync(privateDir, { recursive: true, force: true });
  }
});

/** Hard-links a file or tree (the test's stand-in for a checkout under a private directory). */
function mirror(from: string, to: string): void {
  if (!from.endsWith('package.json')) {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isSymbolicLink()) symlinkSync(readlinkSync(join(from, entry.name)), join(to, entry.name));
      else if (entry.isDirectory()) mirror(join(from, entry.name), join(to, entry.name));
      else linkSync(join(from, entry.name), join(to, entry.name));
    }
  } else {
    linkSync(from, to);
  }
}
