import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Yaml } from 'cdk8s';
import { buildK8sApp } from '../apps/k8s';
import * as cdk8s from 'cdk8s';
import { fleetApp } from '../bench/consumer/fleet';
import * as lib from '../lib';
import { toYaml } from '../lib';
import { asJson, byIdentity, KubectlReadings, kubectlVersion, objectsOf, readWithKubectl } from './support/kubectl';
import { DIST_DIR, KubeObject } from './support/manifests';

/**
 * kubectl is the oracle for what the manifests say: each file is read by `kubectl apply -f`'s
 * reader and by `kubectl kustomize`'s, and must come back as the objects the chart meant
 * (`chart.toJson()`), value for value and type for type.
 */
const charts = buildK8sApp('/nonexistent').node.children as Chart[];
const fleet = fleetApp(cdk8s, lib, 1, 'chart-per-server', '/nonexistent').charts[0];

/** Strings kubectl read as numbers when the writer left them plain, and what it read. */
const MISREAD_WHEN_PLAIN: [string, number][] = [
  ['1.', 1], ['-1.', -1], ['+1.', 1], ['0.', 0], ['1.e3', 1000],
  ['-0x1F', -31], ['+0x1F', 31], ['-0b101', -5], ['-0B1', -1], ['-0o17', -15],
];

/** Strings cdk8s's own writer (`Yaml.stringify`, npm yaml in YAML 1.1 mode) leaves plain, and what kubectl reads. */
const MISREAD_FROM_CDK8S: [string, number][] = [['0o17', 15], ['0X1F', 31], ['-0B1', -1], ['-0o17', -15], ['-_1', -1], ['+_1', 1]];

/** A ConfigMap whose data `v0`, `v1`, … holds `values`. */
function configMap(values: readonly string[]): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'values', namespace: 'oracle' }, data: Object.fromEntries(values.map((v, i) => [`v${i}`, v])) };
}

/** Plain `key: value` lines, as a writer that does not quote would put them. */
function plainConfigMap(values: readonly string[]): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\n  namespace: oracle\ndata:\n${values.map((v, i) => `  v${i}: ${v}\n`).join('')}`;
}

const TRICKY = [
  ...MISREAD_WHEN_PLAIN.map(([s]) => s), ...MISREAD_FROM_CDK8S.map(([s]) => s),
  '-1:30', '1:30', '190:20:30', 'on', 'Off', 'y', 'N', 'yes', 'NO', 'true', 'False', 'null', '~', '<<', '=', '', ' ',
  '2026-11-25', '2026-11-25T02:00:00Z', '2001-12-14 21:59:43.10 -5', '2002-1-4', '0755', '09', '1_000', '1e3', '123e4567', '.5', '.inf', '-.Inf', '.NaN',
  '0x1p-3', '+Infinity', '1.2.3', '10.0.0.1', '9223372036854775808', '1e400', '-c', '1Gi', '500m', '0 2 * * *',
  'a: b', 'a #b', 'a:\tb', '#c', '- x', '---', '...', '*x', '&a', '!t', '%p', '@a', '`b`', '|', '>', '?', '{}', '[]', ',', '"q"', "'q'", 'back\\slash',
  'tab\there', '\ttab', 'x\n\ty', 'two\nlines', 'kept\n\n\n', '\nleading', 'trailing space \nx', 'a\u2028b', 'a\u2029b\nc', '\ufeffbom', 'nbsp\u00a0', 'uni ü 한국어 😀',
  'CREATE TABLE "a" (id int);\n-- comment: yes\n',
];

let readings: Record<string, KubectlReadings>;
const file = (chart: Chart) => `${chart.node.id}.k8s.yaml`;

beforeAll(async () => {
  readings = await readWithKubectl({
    ...Object.fromEntries(charts.map((c) => [file(c), readFileSync(join(DIST_DIR, file(c)), 'utf8')])),
    [file(fleet)]: toYaml(fleet.toJson()),
    'tricky.yaml': toYaml([configMap(TRICKY)]),
    'plain.yaml': plainConfigMap(MISREAD_WHEN_PLAIN.map(([s]) => s)),
    'cdk8s.yaml': Yaml.stringify(configMap(MISREAD_FROM_CDK8S.map(([s]) => s))),
    'cdk8s-u2028.yaml': Yaml.stringify(configMap(['a\u2028b'])),
    'c1-escaped.yaml': plainConfigMap(['"a\\u0085b"', '"a\\u0080b"']),
    'merge-key.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  a: b\n  "<<": c\n`,
    'tab-annotation.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\n  annotations:\n    note: "\\tone\\ntwo"\n`,
  });
}, 60000);

test('kubectl is installed', () => {
  expect(kubectlVersion()).toMatch(/^Client Version: (version\.Info\{.*GitVersion:")?v1\.\d+/);
});

describe.each(['applyFile', 'kustomize'] as const)("kubectl's %s reader", (reader) => {
  const inOrder = (objects: KubeObject[]) => (reader === 'kustomize' ? byIdentity(objects) : objects);

  test.each(charts.map((c) => [file(c), c] as const))('reads dist/%s as synthesized', (name, chart) => {
    expect(inOrder(objectsOf(readings[name][reader]))).toStrictEqual(inOrder(asJson(chart.toJson())));
  });

  test('reads a benchmark fleet instance as synthesized', () => {
    expect(inOrder(objectsOf(readings[file(fleet)][reader]))).toStrictEqual(inOrder(asJson(fleet.toJson())));
  });

  test('reads every tricky string back as the same string', () => {
    expect(objectsOf(readings['tricky.yaml'][reader])).toStrictEqual([configMap(TRICKY)]);
  });

  // The oracle can fail: these are the disagreements it found.
  test('reads plain 1., -0x1F, -0o17 and the like as numbers (the writer quotes them now)', () => {
    expect(objectsOf(readings['plain.yaml'][reader])[0].data).toStrictEqual(Object.fromEntries(MISREAD_WHEN_PLAIN.map(([, n], i) => [`v${i}`, n])));
  });

  test("reads 0o17, 0X1F, -_1 and the like from cdk8s's writer as numbers", () => {
    expect(objectsOf(readings['cdk8s.yaml'][reader])[0].data).toStrictEqual(Object.fromEntries(MISREAD_FROM_CDK8S.map(([, n], i) => [`v${i}`, n])));
  });

  test("refuses the whole manifest when cdk8s's writer leaves U+2028 unescaped", () => {
    expect(readings['cdk8s-u2028.yaml'][reader]).toEqual({ error: expect.stringMatching(/could not find expected ':'/) });
  });
});

test('C1 controls: apply -f reads escapes, kustomize refuses the manifest whatever the spelling', () => {
  expect(objectsOf(readings['c1-escaped.yaml'].applyFile)[0].data).toStrictEqual({ v0: 'a\u0085b', v1: 'a\u0080b' });
  expect(readings['c1-escaped.yaml'].kustomize).toEqual({ error: expect.stringMatching(/control characters are not allowed/) });
});

/** What a reader made of a manifest, in a form that names the outcome: the objects, or its error. */
const outcome = (reading: KubectlReadings['applyFile']) => ('error' in reading ? reading.error : reading.objects);

// Measured: kubectl 1.32 keeps a key '<<' with apply -f and drops it with kustomize; Debian's 1.20
// refuses the manifest with both ("map merge requires map or sequence of maps as the value").
test("no reader carries a key '<<' reliably: it is kept, dropped or the manifest refused", () => {
  const kept = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'values' }, data: { 'a': 'b', '<<': 'c' } }];
  const dropped = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'values' }, data: { a: 'b' } }];
  const refused = expect.stringMatching(/map merge requires map or sequence of maps as the value/);
  expect([kept, refused]).toContainEqual(outcome(readings['merge-key.yaml'].applyFile));
  expect([dropped, refused]).toContainEqual(outcome(readings['merge-key.yaml'].kustomize));
});

// Measured: kubectl 1.32's kustomize refuses it (its own YAML writer puts the tab where
// indentation goes); Debian's 1.20 reads it. apply -f reads it in both.
test('an annotation that starts with a tab and holds a newline: apply -f reads it, kustomize may refuse the manifest', () => {
  const read = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'values', annotations: { note: '\tone\ntwo' } } }];
  expect(outcome(readings['tab-annotation.yaml'].applyFile)).toStrictEqual(read);
  expect([read, expect.stringMatching(/found a tab character where an indentation space is expected/)]).toContainEqual(outcome(readings['tab-annotation.yaml'].kustomize));
});

test('the writer refuses what kubectl cannot read back, naming the character', () => {
  expect(() => toYaml([configMap(['a\u0085b'])])).toThrow('cannot write "a\\u0085b" to a manifest: it holds \\u0085, a control character, at line 1, column 2 ("a\\u0085b")');
  expect(() => toYaml([{ [`k\u0001`]: 1 }])).toThrow('holds \\u0001, a control character');
  expect(() => toYaml([configMap(['x\ud800'])])).toThrow('holds \\uD800, half of a UTF-16 surrogate pair');
  expect(() => toYaml([{ data: { '<<': 'c' } }])).toThrow(`cannot write "<<" to a manifest: it is YAML's merge key`);
  expect(() => toYaml([{ metadata: { annotations: { note: '\tone\ntwo' } } }])).toThrow('cannot write "\\tone\\ntwo" to a manifest: it starts with a tab and holds a newline');
});
