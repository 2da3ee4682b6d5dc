import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from './support/manifests';

const TYPEDOC = join(REPO_ROOT, 'node_modules', '.bin', 'typedoc');

/** Runs typedoc with a configuration file (the repository's typedoc.json by default), writing nothing; its exit status and output. */
function typedoc(options = join(REPO_ROOT, 'typedoc.json')): { status: number; out: string } {
  try {
    const out = execFileSync(TYPEDOC, ['--options', options, '--emit', 'none', '--logLevel', 'Warn', '--skipErrorChecking'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    return { status: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout?: string; stderr?: string };
    return { status: err.status, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/**
 * `npm run docs` (typedoc) builds the API reference from the TSDoc of every entry point, and
 * treats a warning as an error: an undocumented public name, a broken `{@link}`, a type a public
 * signature names that no entry exports.
 */
describe('the API reference', () => {
  test('every entry point documents every public name (typedoc, warnings as errors)', () => {
    const { status, out } = typedoc();
    expect(out).not.toMatch(/warning|error/i);
    expect(status).toBe(0);
  }, 120000);

  test('an undocumented public property fails it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'typedoc-'));
    try {
      writeFileSync(join(dir, 'entry.ts'), '/** Documented. */\nexport interface Props {\n  /** Documented. */\n  readonly a: string;\n  readonly b: string;\n}\n');
      // without the standard library's declarations (the fixture names only `string`): half of typedoc's time here
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, types: [], noLib: true }, include: ['entry.ts'] }));
      // the repository's configuration, with only the project swapped
      writeFileSync(join(dir, 'typedoc.json'), JSON.stringify({ extends: [join(REPO_ROOT, 'typedoc.json')], name: 'fixture', tsconfig: './tsconfig.json', entryPoints: ['./entry.ts'] }));
      const { status, out } = typedoc(join(dir, 'typedoc.json'));
      expect(out).toContain('Props.b (Property)');
      expect(out).toContain('does not have any documentation');
      expect(out).not.toContain('Props.a (Property)');
      expect(status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
