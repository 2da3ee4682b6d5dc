import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from './support/manifests';

/**
 * scripts/register-ts.js, which runs the repository's TypeScript apps: its caches are shared by
 * every tree of the same sources (the review's worktree of the base, scratch clones) and do not
 * grow without end.
 */
const LOADER = join(REPO_ROOT, 'scripts', 'register-ts.js');
const LONG_AGO = new Date('2000-01-01T00:00:00Z');

let work: string;
let cache: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'register-ts-'));
  cache = join(work, 'cache');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A tree with an entry point that imports a module, which throws on line 3 when asked to. */
function tree(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'lib'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'greet.ts'), "export function greet(who: string): string {\n  if (who === 'nobody') {\n    throw new Error('nobody to greet');\n  }\n  return `hello ${who}`;\n}\n");
  writeFileSync(join(dir, 'main.ts'), "import { greet } from './lib/greet';\nconsole.log(greet(process.argv[2] ?? 'world'));\n");
  return dir;
}

function run(dir: string, ...args: string[]) {
  return runNode([], dir, ...args);
}

function runNode(flags: string[], dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [...flags, '-r', LOADER, join(dir, 'main.ts'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_POSTGRES_TS_CACHE: cache } });
}

const entries = () => readdirSync(cache).filter((name) => name !== '.pruned').sort();

test("the same sources in another tree read the first's transpiled files, and stack traces name their own files", () => {
  const first = tree('first');
  expect(run(first).stdout).toBe('hello world\n');
  const made = entries();
  // the transpiled main.ts and lib/greet.ts, and V8's code of the modules of the checkout's
  // node_modules the run loaded (swc), not of the trees here, which are elsewhere
  expect(made.filter((name) => name.endsWith('.js'))).toHaveLength(2);
  expect(made.filter((name) => name.endsWith('.v8')).length).toBeGreaterThan(0);

  const second = join(work, 'elsewhere', 'second');
  cpSync(first, second, { recursive: true });
  expect(run(second).stdout).toBe('hello world\n');
  expect(entries()).toEqual(made);

  const failed = run(second, 'nobody');
  expect(failed.status).toBe(1);
  expect(failed.stderr).toContain(`at greet (${join(second, 'lib', 'greet.ts')}:`);
  expect(failed.stderr).not.toContain(first);

  // an edit is a new entry, not a stale read
  writeFileSync(join(second, 'lib', 'greet.ts'), "export function greet(who: string): string {\n  return `hi ${who}`;\n}\n");
  expect(run(second).stdout).toBe('hi world\n');
  expect(entries().filter((name) => name.endsWith('.js'))).toHaveLength(3);
});

test('entries unused for a week go, at most once a day; entries in use stay', () => {
  const dir = tree('tree');
  expect(run(dir).status).toBe(0);
  // a second run reads main.ts's and greet.ts's entries only (swc is not loaded when nothing is transpiled)
  const made = entries();
  const used = made.filter((name) => name.endsWith('.js'));
  expect(made.filter((name) => name.endsWith('.v8')).length).toBeGreaterThan(0);
  mkdirSync(cache, { recursive: true });
  for (const stale of [`${'a'.repeat(40)}.js`, `${'b'.repeat(40)}.v8`, `${'c'.repeat(40)}.js.4242.tmp`, 'notes.txt']) {
    writeFileSync(join(cache, stale), '');
    utimesSync(join(cache, stale), LONG_AGO, LONG_AGO);
  }
  // the entries in use were last read long ago as well: reading them again keeps them
  for (const name of made) utimesSync(join(cache, name), LONG_AGO, LONG_AGO);
  utimesSync(join(cache, '.pruned'), LONG_AGO, LONG_AGO);
  expect(run(dir).status).toBe(0);
  const kept = entries();
  // what is not the cache's own is never removed
  expect(kept.filter((name) => !/\.(js|v8)$/.test(name))).toEqual(['notes.txt']);
  expect(kept.filter((name) => name.endsWith('.js'))).toEqual(used);
  expect(kept.filter((name) => name.endsWith('.v8'))).toEqual([]);
  expect(run(dir).stdout).toBe('hello world\n');

  // pruned a moment ago: not again today
  writeFileSync(join(cache, `${'d'.repeat(40)}.js`), '');
  utimesSync(join(cache, `${'d'.repeat(40)}.js`), LONG_AGO, LONG_AGO);
  expect(run(dir).status).toBe(0);
  expect(existsSync(join(cache, `${'d'.repeat(40)}.js`))).toBe(true);
});

test('with --enable-source-maps, stack traces name the TypeScript line, from a warm cache too', () => {
  const dir = tree('tree');
  expect(run(dir).status).toBe(0);
  for (let i = 0; i < 2; i++) {
    const failed = runNode(['--enable-source-maps'], dir, 'nobody');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`at greet (${join(dir, 'lib', 'greet.ts')}:3:`);
  }
});
