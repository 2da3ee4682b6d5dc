import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from './support/manifests';

/**
 * The programs a test file starts get that file's `process.env` when it passes none, whichever
 * file its Jest worker ran first: a Jest run of two files in one process, in order, each changing
 * its `process.env` and starting a shell through the helper (test/support/spawn-helper.js).
 */
test("each test file's programs get its own process.env, not the first file's of the worker", () => {
  const dir = mkdtempSync(join(tmpdir(), 'spawn-helper-'));
  try {
    const shell = (variables: string) => `require('child_process').execFileSync('sh', ['-c', 'printf "%s|%s" ${variables}'], { encoding: 'utf8' })`;
    writeFileSync(join(dir, 'a.test.js'), `test('first', () => { process.env.SET_BY_FIRST = 'first'; expect(${shell('"$SET_BY_FIRST" "$SET_BY_SECOND"')}).toBe('first|'); });\n`);
    writeFileSync(join(dir, 'b.test.js'), `test('second', () => { process.env.SET_BY_SECOND = 'second'; expect(${shell('"$SET_BY_FIRST" "$SET_BY_SECOND"')}).toBe('|second'); });\n`);
    writeFileSync(join(dir, 'sequencer.js'), `const Sequencer = require(${JSON.stringify(require.resolve('@jest/test-sequencer'))}).default;\nmodule.exports = class extends Sequencer { sort(tests) { return [...tests].sort((a, b) => a.path.localeCompare(b.path)); } };\n`);
    writeFileSync(join(dir, 'jest.config.js'), `module.exports = ${JSON.stringify({
      rootDir: dir, testMatch: ['**/*.test.js'], transform: {}, testEnvironment: 'node',
      setupFiles: [join(REPO_ROOT, 'test', 'support', 'spawn-through-helper.js')], testSequencer: join(dir, 'sequencer.js'),
    })};\n`);
    const jest = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', join(dir, 'jest.config.js'), '--runInBand', '--ci'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env } });
    expect({ status: jest.status, summary: jest.stderr.match(/^Tests:.*$/m)?.[0] }).toEqual({ status: 0, summary: 'Tests:       2 passed, 2 total' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
