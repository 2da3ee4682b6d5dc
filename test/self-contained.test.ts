import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/manifests';

// Everything the repository reads lives inside it, and nothing reaches into another package's
// internals: a clone anywhere builds, imports and tests as it does here.

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter((f) => f !== '' && existsSync(join(REPO_ROOT, f)));
const sources = tracked.filter((f) => /\.(ts|js|json|ya?ml|sh)$/.test(f) && !f.startsWith('dist/') && f !== 'package-lock.json');

test('no file names a path outside the repository', () => {
  expect(sources.filter((f) => /\.\.\/shared\b|\.\.\/\.\.\/shared\b/.test(readFileSync(join(REPO_ROOT, f), 'utf8')))).toEqual([]);
});

test('every vendored CRD has its upstream and version recorded, and every CRD the imports read is vendored', () => {
  const readme = readFileSync(join(REPO_ROOT, 'crds', 'README.md'), 'utf8');
  const vendored = tracked.filter((f) => f.startsWith('crds/') && f.endsWith('.yaml')).map((f) => f.replace('crds/', ''));
  expect(vendored.length).toBe(8);
  for (const file of vendored) expect(readme).toMatch(new RegExp(`\\| \`${file.replace(/\./g, '\\.')}\` \\| [\\w-]+/[\\w-]+ \\| v\\d+\\.\\d+\\.\\d+`));
  const imports: string[] = parse(readFileSync(join(REPO_ROOT, 'cdk8s.yaml'), 'utf8')).imports;
  const script = readFileSync(join(REPO_ROOT, 'scripts', 'import-crds.sh'), 'utf8');
  const schemas = readFileSync(join(REPO_ROOT, 'scripts', 'extract-crd-schema.ts'), 'utf8');
  const read = [
    ...imports.map((f) => f.replace('crds/', '')),
    ...[...script.matchAll(/crds\/([\w./-]+\.yaml)/g)].map((m) => m[1]),
    ...[...script.matchAll(/for kind in ([\w ]+);/g)].flatMap((m) => m[1].split(' ').map((kind) => `cloudnative-pg/postgresql.cnpg.io_${kind}.yaml`)),
    ...[...schemas.matchAll(/\['([\w./-]+\.yaml)'/g)].map((m) => m[1]),
  ];
  expect(read.length).toBeGreaterThanOrEqual(8);
  expect(read.filter((f) => !vendored.includes(f))).toEqual([]);
  expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.import).toBe('bash scripts/import-crds.sh');
});

test("no import reaches into another package's internals (its lib/)", () => {
  // the providers document one module per resource under lib/; the package test imports a deep path of the library on purpose, to see it refused
  const documented = (specifier: string) => /^@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+$/.test(specifier);
  const deep = sources.filter((f) => f.endsWith('.ts') && f !== 'test/package.test.ts').flatMap((f) => [...readFileSync(join(REPO_ROOT, f), 'utf8').matchAll(/(?:from |require\(|import\()'([^.'][^']*\/lib\/[^']*)'/g)]
    .map((m) => m[1]).filter((specifier) => !documented(specifier)).map((specifier) => `${f}: ${specifier}`));
  expect(deep).toEqual([]);
});
