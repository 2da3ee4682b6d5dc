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

test('the CRDs cdk8s.yaml imports are vendored, each with its upstream version recorded', () => {
  const imports: string[] = parse(readFileSync(join(REPO_ROOT, 'cdk8s.yaml'), 'utf8')).imports;
  expect(imports).toEqual(['crds/zalando-postgresql.crd.yaml']);
  const readme = readFileSync(join(REPO_ROOT, 'crds', 'README.md'), 'utf8');
  for (const file of imports) {
    expect(existsSync(join(REPO_ROOT, file))).toBe(true);
    expect(readme).toMatch(new RegExp(`\\| \`${file.replace('crds/', '').replace(/\./g, '\\.')}\` \\| zalando/postgres-operator \\| v\\d+\\.\\d+\\.\\d+`));
  }
  expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.import).toContain(`cdk8s import ${imports[0]} `);
});

test("no import reaches into another package's internals (its lib/)", () => {
  // the providers document one module per resource under lib/; the package test imports a deep path of the library on purpose, to see it refused
  const documented = (specifier: string) => /^@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+$/.test(specifier);
  const deep = sources.filter((f) => f.endsWith('.ts') && f !== 'test/package.test.ts').flatMap((f) => [...readFileSync(join(REPO_ROOT, f), 'utf8').matchAll(/(?:from |require\(|import\()'([^.'][^']*\/lib\/[^']*)'/g)]
    .map((m) => m[1]).filter((specifier) => !documented(specifier)).map((specifier) => `${f}: ${specifier}`));
  expect(deep).toEqual([]);
});
