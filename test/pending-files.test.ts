import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PendingFiles } from '../lib/core/pending-files';

// The writers' files (lib/core/pending-files.ts): written as their text is made under hidden
// names, put in place only by commit, or removed with the folders made for them.
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'pending-files-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('before commit every text is on disk under a hidden name and the old file is as it was; commit puts each in place', () => {
  writeFileSync(join(dir, 'a.yaml'), 'old\n');
  const files = new PendingFiles();
  files.start(join(dir, 'a.yaml'));
  // more than one write call's worth, in pieces
  const big = 'x'.repeat(100_000);
  files.write(big);
  files.write('\nend\n');
  files.start(join(dir, 'b.yaml'));
  const hidden = readdirSync(dir).filter((name) => name.startsWith('.'));
  expect(hidden.map((name) => name.replace(/\.\d+-\d+\.partial$/, ''))).toEqual(['.a.yaml', '.b.yaml']);
  expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('old\n');
  files.commit();
  expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(`${big}\nend\n`);
  expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe('');
});

test('discard removes every hidden file and the folders made for them, and leaves what was there', () => {
  writeFileSync(join(dir, 'a.yaml'), 'old\n');
  const files = new PendingFiles();
  files.start(join(dir, 'a.yaml'));
  files.write('new\n');
  files.start(join(dir, 'made', 'deeper', 'b.yaml'));
  files.write('b\n');
  files.discard();
  expect(readdirSync(dir)).toEqual(['a.yaml']);
  expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('old\n');
});

test('a folder made for a file that something else wrote into meanwhile stays, with that file', () => {
  const files = new PendingFiles();
  files.start(join(dir, 'made', 'b.yaml'));
  writeFileSync(join(dir, 'made', 'theirs'), '');
  files.discard();
  expect(readdirSync(join(dir, 'made'))).toEqual(['theirs']);
});

test('the same path started twice ends with the later text', () => {
  mkdirSync(join(dir, 'out'));
  const files = new PendingFiles();
  files.start(join(dir, 'out', 'a.yaml'));
  files.write('first\n');
  files.start(join(dir, 'out', 'a.yaml'));
  files.write('second\n');
  files.commit();
  expect(readdirSync(join(dir, 'out'))).toEqual(['a.yaml']);
  expect(readFileSync(join(dir, 'out', 'a.yaml'), 'utf8')).toBe('second\n');
});

test('a file that cannot be put in place fails the commit, and the files after it are removed', () => {
  mkdirSync(join(dir, 'b.yaml'));
  writeFileSync(join(dir, 'b.yaml', 'inside'), '');
  const files = new PendingFiles();
  for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) {
    files.start(join(dir, name));
    files.write(`${name}\n`);
  }
  expect(() => files.commit()).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
  expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('a.yaml\n');
});
