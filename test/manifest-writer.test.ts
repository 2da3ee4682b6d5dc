import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { ApiObject } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { buildK8sApp } from '../apps/k8s';
import { writeCharts } from '../lib/environment/manifest-writer';
import { toYaml } from '../lib/core/yaml-text';
import { loadDist } from './support/manifests';

const TRICKY = [
  '', ' ', 'on', 'Off', 'y', 'N', 'yes', 'NO', 'true', 'False', 'null', '~', '5432', '010', '0x1F', '0o17', '1_000', '1e3', '.5', '-1', '+1', '.inf', '1:30', '12:30:45',
  '2026-11-25', '2026-11-25T02:00:00Z', '1Gi', '500m', '0.7', 'a: b', 'a #b', '#c', '- x', '-c', '*x', '&a', '!t', '%p', '@a', '`b`', '|', '>', '?', '{}', '[]', ',',
  '"q"', "'q'", 'back\\slash', 'tab\there', 'uni ü 한국어 😀', '\u2028', '\ufeff', 'a:', 'http://x:80/p', 'key=value', 'x'.repeat(500),
  '1.', '-0x1F', '-0o17', '0X1F', '-_1', '+_1', '-1:30', '09', '123e4567',
  'line\n', 'two\nlines', 'two\nlines\n', 'kept\n\n\n', '\nleading', ' leading space\nx', 'trailing space \nx', 'x\n\ty', 'CREATE TABLE "a" (id int);\n-- comment: yes\n',
];

describe('toYaml', () => {
  test.each(TRICKY.map((s) => [JSON.stringify(s), s]))('string %s survives YAML 1.1 and 1.2 readers', (_label, s) => {
    const doc = { metadata: { name: s, labels: { [s || 'empty']: s } }, data: { [`k${s.length}`]: s }, list: [s, { v: s }] };
    const text = toYaml([doc]);
    expect(parse(text, { version: '1.1' })).toEqual(doc);
    expect(parse(text, { version: '1.2' })).toEqual(doc);
  });

  test('numbers, booleans, null, empty collections and nesting', () => {
    const doc = { a: 1, b: -2.5, c: true, d: false, e: null, f: [], g: {}, h: [[1, [2]], { i: [{ j: 'k' }] }], l: [{}, []] };
    expect(parse(toYaml([doc]), { version: '1.1' })).toEqual(doc);
  });

  test('a value that is not plain data is refused, not written as {}', () => {
    expect(() => toYaml([{ data: { when: new Date(0) } }])).toThrow('cannot write a Date to a manifest');
    expect(() => toYaml([{ data: { tags: new Map([['tier', 'db']]) } }])).toThrow('cannot write a Map to a manifest');
    class Settings { plain = 'text'; }
    expect(() => toYaml([{ data: new Settings() }])).toThrow('cannot write a Settings to a manifest');
    expect(toYaml([{ data: Object.assign(Object.create(null), { plain: 'text' }) }])).toBe('data:\n  plain: text\n');
    // plain objects of another realm (a vm context, a worker's message) are plain
    expect(toYaml([runInNewContext("({ data: { plain: 'text' } })")])).toBe('data:\n  plain: text\n');
  });

  test.each(Object.entries(loadDist()))('every object of %s reads back identically', (_env, objects) => {
    const docs = parseAllDocuments(toYaml(objects), { version: '1.1' }).map((d) => d.toJSON());
    expect(docs).toEqual(objects);
  });

  test('refuses values a manifest cannot hold', () => {
    expect(() => toYaml([{ n: Infinity }])).toThrow('cannot write Infinity to a manifest');
    expect(() => toYaml([{ f: () => 1 }])).toThrow('cannot write a function to a manifest');
    expect(() => toYaml([{ s: 'nul\u0000' }])).toThrow('cannot write "nul\\u0000" to a manifest: it holds \\u0000, a control character, at line 1, column 4');
    expect(() => toYaml([{ s: 'cr\rlf' }])).toThrow('cannot write "cr\\u000Dlf" to a manifest: it holds \\u000D, a carriage return, at line 1, column 3');
    expect(() => toYaml([{ ['bell\u0007']: 'x' }])).toThrow('cannot write "bell\\u0007" to a manifest: it holds \\u0007, a control character');
  });

  test('keys and multi-line texts it has written before are written the same again; refused ones are refused again', () => {
    const script = 'set -e\necho ok\n';
    const doc = { data: { script }, spec: { containers: [{ args: [script] }] } };
    const first = toYaml([doc]);
    expect(toYaml([doc])).toBe(first);
    expect(parse(first)).toEqual(doc);
    for (let i = 0; i < 2; i++) {
      expect(() => toYaml([{ data: { '<<': 'c' } }])).toThrow("it is YAML's merge key");
      expect(() => toYaml([{ data: { s: 'one\ntwo\u0007' } }])).toThrow('holds \\u0007, a control character, at line 2');
    }
  });
});

// This writer used to be compared byte for byte with cdk8s's (`Yaml.stringify`). It no longer
// writes the same: cdk8s's leaves '0o17', '0X1F', '-_1' plain, which kubectl reads as numbers,
// and U+2028 raw, which makes kubectl refuse the file. kubectl's own readers are the reference
// now: see kubectl-reader.test.ts and kubectl-corpus.test.ts.

test('writeCharts renders each object once, writes what chart.toJson() says, and leaves toJson as it was', () => {
  const app = buildK8sApp('/nonexistent');
  const charts = app.charts;
  const objects = app.node.findAll().filter(ApiObject.isApiObject);
  const outdir = mkdtempSync(join(tmpdir(), 'write-'));
  const render = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    const files = writeCharts(charts, outdir);
    expect(render).toHaveBeenCalledTimes(objects.length);
    render.mockClear();
    files.forEach((file, i) => expect(readFileSync(file, 'utf8')).toBe(toYaml(charts[i].toJson())));
    expect(objects.filter((o) => Object.prototype.hasOwnProperty.call(o, 'toJson'))).toEqual([]);
  } finally {
    render.mockRestore();
    rmSync(outdir, { recursive: true, force: true });
  }
});
