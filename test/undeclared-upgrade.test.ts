import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesizeEnvironments } from '../apps/k8s';
import { committedManifests, restoreCommitted } from '../apps/committed-manifests';
import { undeclaredMajorChanges } from '../apps/undeclared-major-changes';
import { ENVIRONMENTS } from '../environments';
import { aksPhonebillDev } from '../environments/aks-phonebill-dev';
import { EnvironmentDescription, MajorUpgradeDeclaration, toYaml } from '../lib';
import { REPO_ROOT } from './support/manifests';
import { scratchRepository } from './support/scratch-repository';

// A bare change of majorVersion is stopped by synthesis, before it reaches a cluster: the committed
// manifest says which major runs on each StatefulSet's claim.
const [server] = aksPhonebillDev.servers;
function aksOn(majorVersion: number, upgrade?: MajorUpgradeDeclaration): EnvironmentDescription[] {
  if (server.backend.kind !== 'statefulSet') throw new Error('aks-phonebill-dev runs a StatefulSet');
  const changed = { ...aksPhonebillDev, servers: [{ ...server, majorVersion, backend: { ...server.backend, upgrade } }] };
  return ENVIRONMENTS.map((e) => (e.name === changed.name ? changed : e));
}

describe('synthesis against the committed manifests', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'dist-'));
  const file = join(outdir, 'aks-phonebill-dev.k8s.yaml');
  beforeAll(() => cpSync(join(REPO_ROOT, 'dist'), outdir, { recursive: true }));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('refuses aks-phonebill-dev moved from 14 to 17 by majorVersion alone, and writes nothing', () => {
    const committed = readFileSync(file, 'utf8');
    expect(() => synthesizeEnvironments(outdir, aksOn(17))).toThrow(
      `environment 'aks-phonebill-dev': StatefulSet phonebill-dev/postgresql-product-change runs PostgreSQL 14 in ${file} and would run 17 on the same claim, ` +
      "whose data PostgreSQL 17 cannot use (its pod's guard refuses to start). Declare the upgrade on the server's backend " +
      '(upgrade: { fromMajorVersion: 14 }, docs/upgrading.md), or set majorVersion back to 14.');
    expect(readFileSync(file, 'utf8')).toBe(committed);
  });

  test('passes the same change declared as an upgrade, and the manifests committed as they are', () => {
    synthesizeEnvironments(outdir, aksOn(17, { fromMajorVersion: 14 }));
    expect(readFileSync(file, 'utf8')).toContain('name: postgresql-product-change-pg17\n');
    synthesizeEnvironments(outdir, ENVIRONMENTS);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'dist', 'aks-phonebill-dev.k8s.yaml'), 'utf8'));
  });
});

/** The major changes of environment shop against the manifest `file` as it is now. */
const changesAgainst = (file: string, objects: object[], renderedTexts?: ReadonlySet<string>) =>
  undeclaredMajorChanges('shop', committedManifests([file]).get(file), objects, renderedTexts);

/** A StatefulSet whose `postgres` container runs `image`, in namespace shop. */
const statefulSet = (name: string, image: string) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'shop' },
  spec: { template: { spec: { containers: [{ name: 'postgres', image }] } } },
});

test('the committed manifest is read document by document, whatever the documents before a StatefulSet hold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'committed-'));
  try {
    const file = join(dir, 'shop.k8s.yaml');
    // a ConfigMap whose text holds the word and a key that starts like a separator, closed by
    // `...`, the StatefulSet in the same part, and another after a separator with a comment
    writeFileSync(file, [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes.md: |\n    ---\n    a StatefulSet is not here\n',
      '---x: a key, not a separator\n...\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: postgres\n          image: postgres:16.4\n',
      '--- # the second server\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db2\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: postgres\n          image: postgres:15.8\n',
    ].join(''));
    expect(changesAgainst(file, [statefulSet('db', 'postgres:16.6'), statefulSet('db2', 'postgres:15.9')])).toEqual([]);
    expect(changesAgainst(file, [statefulSet('db', 'postgres:17.2'), statefulSet('db2', 'postgres:16.4')])).toEqual([
      expect.stringContaining('StatefulSet shop/db runs PostgreSQL 16 in'), expect.stringContaining('StatefulSet shop/db2 runs PostgreSQL 15 in'),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a committed StatefulSet the writer renders unchanged is skipped, a changed one is still read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'committed-'));
  try {
    const db = toYaml([statefulSet('db', 'postgres:16.4')]);
    const db2 = toYaml([statefulSet('db2', 'postgres:15.8')]);
    const file = join(dir, 'shop.k8s.yaml');
    writeFileSync(file, [db, db2].join('---\n'));
    const moved = toYaml([statefulSet('db2', 'postgres:16.4')]);
    const objects = [statefulSet('db', 'postgres:16.4'), statefulSet('db2', 'postgres:16.4')];
    const expected = [expect.stringContaining('StatefulSet shop/db2 runs PostgreSQL 15 in')];
    expect(changesAgainst(file, objects, new Set([db, moved]))).toEqual(expected);
    expect(changesAgainst(file, objects)).toEqual(expected);
    // a committed document equal to a rendered one is not read at all: this one says 14, and read, it refuses db
    const db14 = toYaml([statefulSet('db', 'postgres:14.9')]);
    writeFileSync(file, [db14, db2].join('---\n'));
    expect(changesAgainst(file, objects, new Set([db14, moved]))).toEqual(expected);
    expect(changesAgainst(file, objects)).toEqual([expect.stringContaining('StatefulSet shop/db runs PostgreSQL 14 in'), ...expected]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the manifests the CLI removed are read from HEAD by one git process, byte for byte, and written back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'committed-'));
  try {
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    const out = join(dir, 'dist');
    mkdirSync(out);
    const file = (name: string) => join(out, `${name}.k8s.yaml`);
    // characters of several bytes (git counts bytes), a document separator, an empty file
    const texts: Record<string, string> = { shop: 'name: café ✓ 🐘\n---\nkind: StatefulSet\n', empty: '', kept: 'committed\n' };
    for (const [name, text] of Object.entries(texts)) writeFileSync(file(name), text);
    git('add', '-A');
    expect(git('commit', '-q', '-m', 'as deployed').status).toBe(0);
    writeFileSync(file('kept'), 'changed, not committed\n');
    rmSync(file('shop'));
    rmSync(file('empty'));
    const names = ['shop', 'empty', 'kept', 'never-committed'];
    // git as a stand-in that logs each run, then runs git
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$1" >> '${join(dir, 'git.log')}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    let manifests: ReturnType<typeof committedManifests>;
    try {
      manifests = committedManifests(names.map(file));
    } finally {
      process.env.PATH = path;
    }
    expect(readFileSync(join(dir, 'git.log'), 'utf8')).toBe('rev-parse\ncat-file\n');
    expect(Object.fromEntries(manifests)).toEqual({
      [file('shop')]: { text: texts.shop, source: `${file('shop')} as committed at HEAD` },
      [file('empty')]: { text: '', source: `${file('empty')} as committed at HEAD` },
      [file('kept')]: { text: 'changed, not committed\n', source: file('kept') },
    });
    restoreCommitted(names.map(file));
    expect(names.map((name) => existsSync(file(name)) && readFileSync(file(name), 'utf8'))).toEqual([texts.shop, '', 'changed, not committed\n', false]);
    // outside a repository nothing is known
    rmSync(join(dir, '.git'), { recursive: true });
    rmSync(file('shop'));
    expect(committedManifests([file('shop')]).size).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a manifest never committed does not hide the committed ones after it, in a folder whose name holds spaces", () => {
  const dir = mkdtempSync(join(tmpdir(), 'committed-'));
  try {
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    const out = join(dir, 'deploy output', 'dist');
    mkdirSync(out, { recursive: true });
    const file = (name: string) => join(out, `${name}.k8s.yaml`);
    writeFileSync(file('shop'), 'kind: StatefulSet\n');
    git('add', '-A');
    expect(git('commit', '-q', '-m', 'as deployed').status).toBe(0);
    rmSync(file('shop'));
    expect(Object.fromEntries(committedManifests([file('new'), file('shop')]))).toEqual({
      [file('shop')]: { text: 'kind: StatefulSet\n', source: `${file('shop')} as committed at HEAD` },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The path the README gives: the CLI deletes dist/ before it runs the app, so the committed
// manifest is read from git, and the files it deleted are written back when synthesis refuses.
describe('npx cdk8s synth in a clone', () => {
  const { dir, git } = scratchRepository('cli-guard-');
  const environmentFile = join(dir, 'environments', 'aks-phonebill-dev.ts');
  const original = readFileSync(environmentFile, 'utf8');
  beforeAll(() => {
    git('add', '-A');
    git('commit', '-q', '-m', 'as deployed');
  });
  afterEach(() => writeFileSync(environmentFile, original));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cdk8sSynth = () => spawnSync('npx', ['cdk8s', 'synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

  test('refuses aks-phonebill-dev moved from 14 to 17 by majorVersion alone, and leaves dist/ as committed', () => {
    expect(original.split('majorVersion: 14,')).toHaveLength(2);
    writeFileSync(environmentFile, original.replace('majorVersion: 14,', 'majorVersion: 17,'));
    const result = cdk8sSynth();
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(
      /environment 'aks-phonebill-dev': StatefulSet phonebill-dev\/postgresql-product-change runs PostgreSQL 14 in \S*dist\/aks-phonebill-dev\.k8s\.yaml as committed at HEAD and would run 17 on the same claim/);
    expect(git('status', '--porcelain', '--untracked-files=all', '--', 'dist')).toBe('');
  }, 60000);

  test('the same CLI run without the change writes dist/ as committed', () => {
    const result = cdk8sSynth();
    expect(result.stderr).not.toContain('Error');
    expect(result.status).toBe(0);
    expect(git('status', '--porcelain', '--untracked-files=all', '--', 'dist')).toBe('');
  }, 60000);
});
