import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { KubeConfigMap, KubeJob } from '../lib/private/k8s';
import fc from 'fast-check';
import { PostgresStatefulSet, SchemaInitJob, ValidationError, writeChart } from '../lib';
import { apiObjectsOf } from '../lib/checks/chart-checks';
import { unrepresentableStrings } from '../lib/checks/representable-text';
import { anyCodePoint } from './support/arbitraries';
import { asJson, byIdentity, KubectlReadings, objectsOf, readWithKubectl } from './support/kubectl';
import { KubeObject, testChart } from './support/manifests';

/**
 * A property-based corpus of strings through ConfigMap data, annotations, env values, map keys,
 * labels and schema files: each string is either refused at synth with a named error, or read
 * back identically by both of kubectl's readers. Fixed seed, bounded size; all the accepted
 * strings go into one manifest, so kubectl runs twice in all.
 */
// CORPUS_SEED and CORPUS_RUNS explore further by hand; the suite runs the fixed ones.
const SEED = Number(process.env.CORPUS_SEED ?? 20261125);
const RUNS = Number(process.env.CORPUS_RUNS ?? 1500);

// Pieces YAML readers treat specially, and characters a manifest cannot carry.
const PIECES = [
  '0', '1', '7', '9', '-', '+', '.', '_', ':', ' ', 'e', 'E', 'x', 'X', 'o', 'O', 'b', 'B', 'T', 'Z', 'inf', 'nan', 'y', 'n', 'on', 'off', 'true', 'null', '~',
  '#', ' #', ': ', '- ', '---', '...', '"', "'", '\\', '|', '>', '{', '}', '[', ']', ',', '&', '*', '!', '%', '@', '`', '?', '<<', '=', '2026-11-25', '0x', '0o', '1:30',
  '\n', '\t', '\r', '\u0000', '\u001b', '\u007f', '\u0085', '\u009f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udfff', 'é', '한', '😀',
];
const join_ = (parts: string[]) => parts.join('');
const text = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map(join_) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 10 }).map(join_) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
);
const LABEL_PIECES = ['0', '1', '7', '9', '-', '.', '_', 'e', 'E', 'x', 'X', 'o', 'O', 'b', 'B', 'a', 'f', 'n', 'y', 'Y', 'N', 'on', 'off', 'true', 'null', 'inf', 'nan', 'T', 'Z', 'Gi', 'm'];
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const labelValue = fc.array(fc.constantFrom(...LABEL_PIECES), { minLength: 1, maxLength: 8 }).map(join_).filter((v) => LABEL_VALUE.test(v) && v.length <= 63);

const strings = [...new Set(fc.sample(text, { seed: SEED, numRuns: RUNS }))];
const labelValues = [...new Set(fc.sample(labelValue, { seed: SEED, numRuns: Math.ceil(RUNS / 10) }))];

/**
 * The first character no manifest may carry, written independently of the library: C0 controls
 * other than tab and newline, DEL, C1, U+FFFE, U+FFFF and unpaired surrogates.
 */
function firstRefused(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    if (high && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) { i++; continue; }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff || high || low) {
      return `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return undefined;
}

const accepted = strings.filter((s) => firstRefused(s) === undefined);
const refused = strings.filter((s) => firstRefused(s) !== undefined);
const users = [{ name: 'corpus_owner', kind: 'app' as const, password: { name: 'corpus-logins', key: 'owner' } }];

/** The strings each channel carries or refuses: values (ConfigMap data, env), annotations, map keys. */
interface Channels { readonly values: readonly string[]; readonly annotations: readonly string[]; readonly keys: readonly string[] }

// kubectl kustomize refuses an annotation that starts with a tab and holds a newline, and drops a
// map key '<<' (YAML's merge key) however it is quoted: refused in those channels only.
const kustomizeTab = (s: string) => s.startsWith('\t') && s.includes('\n');
const MERGE_KEY = '<<';
// cdk8s's toJson() drops a key '__proto__' before any writer sees it: not a question for kubectl.
const carried: Channels = { values: accepted, annotations: accepted.filter((s) => !kustomizeTab(s)), keys: accepted.filter((s) => s !== MERGE_KEY && s !== '__proto__') };
const refusedIn: Channels = { values: refused, annotations: [...refused, ...accepted.filter(kustomizeTab)], keys: [...refused, MERGE_KEY] };

// cdk8s's toJson() grows with the square of a map's size: the corpus is spread over objects of
// CHUNK entries each, `values-0`, `values-1`, …; indices stay global.
const CHUNK = 100;
const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, c) => items.slice(c * CHUNK, (c + 1) * CHUNK));
const entries = <V>(items: readonly string[], c: number, entry: (s: string, i: number) => [string, V]): Record<string, V> => Object.fromEntries(items.map((s, j) => entry(s, c * CHUNK + j)));
const chunkOf = (i: number) => Math.floor(i / CHUNK);

/** Every channel but schema files and labels: ConfigMap data, annotations, env values, keys of a map. */
function addRawObjects(chart: Chart, { values, annotations, keys }: Channels): void {
  chunks(values).forEach((part, c) => {
    new KubeConfigMap(chart, `values-${c}`, { metadata: { name: `values-${c}`, namespace: 'corpus' }, data: entries(part, c, (s, i) => [`v${i}`, s]) });
    new KubeJob(chart, `env-${c}`, {
      metadata: { name: `env-${c}`, namespace: 'corpus' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.37', env: part.map((s, j) => ({ name: `V${c * CHUNK + j}`, value: s })) }] } } },
    });
  });
  chunks(annotations).forEach((part, c) => {
    new KubeConfigMap(chart, `annotations-${c}`, { metadata: { name: `annotations-${c}`, namespace: 'corpus', annotations: entries(part, c, (s, i) => [`corpus.example/a${i}`, s]) } });
  });
  chunks(keys).forEach((part, c) => {
    new ApiObject(chart, `keys-${c}`, { apiVersion: 'example.com/v1', kind: 'Keys', metadata: { name: `keys-${c}`, namespace: 'corpus' }, spec: { map: entries(part, c, (s, i) => [s, i]) } });
  });
}

/** Every string of the corpus chart that did not come back as it went in: `<channel>: <meant> read as <read>`. */
function mismatches(objects: KubeObject[], schemaFiles: Readonly<Record<string, string>>): string[] {
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
  const sql = find('ConfigMap', 'db-schema').data;
  const server = find('StatefulSet', 'db').metadata.labels;
  const found: string[] = [];
  const check = (channel: string, meant: unknown, read: unknown) => {
    if (read !== meant) found.push(`${channel}: ${JSON.stringify(meant)} read as ${JSON.stringify(read)}`);
  };
  carried.values.forEach((s, i) => {
    check('data', s, find('ConfigMap', `values-${chunkOf(i)}`).data[`v${i}`]);
    check('env', s, find('Job', `env-${chunkOf(i)}`).spec.template.spec.containers[0].env[i % CHUNK].value);
  });
  carried.annotations.forEach((s, i) => check('annotation', s, find('ConfigMap', `annotations-${chunkOf(i)}`).metadata.annotations[`corpus.example/a${i}`]));
  carried.keys.forEach((s, i) => check('key', i, find('Keys', `keys-${chunkOf(i)}`).spec.map[s]));
  for (const [key, s] of Object.entries(schemaFiles)) check('schema file', s, sql[key]);
  labelValues.forEach((v, i) => check('label', v, server[`corpus.example/l${i}`]));
  return found;
}

describe(`a corpus of ${strings.length} strings (${accepted.length} carried, ${refused.length} refused; seed ${SEED}) and ${labelValues.length} label values`, () => {
  let meant: KubeObject[];
  let schemaFiles: Record<string, string>;
  let readings: KubectlReadings;

  beforeAll(async () => {
    const chart = testChart();
    const server = new PostgresStatefulSet(chart, 'db', {
      namespace: 'corpus', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } }, labels: Object.fromEntries(labelValues.map((v, i) => [`corpus.example/l${i}`, v])),
    });
    const job = new SchemaInitJob(chart, 'schema', { server, users, databases: [{ name: 'corpus', owner: 'corpus_owner', schemaFiles: accepted.map((sql, i) => ({ name: `f${i}.sql`, sql })) }] });
    schemaFiles = Object.fromEntries(accepted.map((s, i) => [`001-1-f${i}.sql`, s]));
    expect(Object.entries(schemaFiles).every(([key, s]) => job.files[key] === s)).toBe(true);
    addRawObjects(chart, carried);
    const outdir = mkdtempSync(join(tmpdir(), 'corpus-'));
    try {
      const written = readFileSync(writeChart(chart, outdir), 'utf8');
      meant = asJson(chart.toJson());
      readings = (await readWithKubectl({ 'corpus.k8s.yaml': written }))['corpus.k8s.yaml'];
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60000);

  test('holds both kinds: strings a manifest carries and strings it refuses', () => {
    expect(accepted.length).toBeGreaterThan(RUNS / 3);
    expect(refused.length).toBeGreaterThan(RUNS / 10);
  });

  test.each(['applyFile', 'kustomize'] as const)('kubectl\'s %s reader reads every accepted string back identically, in every channel', (reader) => {
    const objects = objectsOf(readings[reader]);
    expect(mismatches(objects, schemaFiles)).toEqual([]);
    expect(byIdentity(objects)).toStrictEqual(byIdentity(meant));
  });

  test('every refused string is refused at synth in every channel, naming the field and the character or the rule', () => {
    const refusing = testChart();
    addRawObjects(refusing, refusedIn);
    const problems = apiObjectsOf(refusing).flatMap((object) => unrepresentableStrings(object, object.toJson(), refusing));
    const expected = [
      ...refusedIn.values.flatMap((s, i) => [
        `ConfigMap 'corpus/values-${chunkOf(i)}' data.v${i} (construct 'test/values-${chunkOf(i)}') holds ${firstRefused(s)}`,
        `Job 'corpus/env-${chunkOf(i)}' spec.template.spec.containers[0].env[${i % CHUNK}].value (construct 'test/env-${chunkOf(i)}') holds ${firstRefused(s)}`,
      ]),
      ...refusedIn.annotations.map((s, i) => `ConfigMap 'corpus/annotations-${chunkOf(i)}' metadata.annotations['corpus.example/a${i}'] (construct 'test/annotations-${chunkOf(i)}') ${firstRefused(s) ? `holds ${firstRefused(s)}` : 'starts with a tab and holds a newline'}`),
      ...refusedIn.keys.map((s, i) => `Keys 'corpus/keys-${chunkOf(i)}' spec.map key '${s === MERGE_KEY ? `<<' (construct 'test/keys-${chunkOf(i)}') is YAML's merge key` : ''}`),
    ];
    expect(problems).toHaveLength(expected.length);
    for (const prefix of expected) expect(problems.some((p) => p.startsWith(prefix))).toBe(true);
  });

  test('every refused string is refused as a schema file at construction, and the id stays free', () => {
    const refusing = testChart();
    const server = new PostgresStatefulSet(refusing, 'db', { namespace: 'corpus', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
    const outcomes = refused.map((sql) => {
      try {
        new SchemaInitJob(refusing, 'schema', { server, users, databases: [{ name: 'corpus', owner: 'corpus_owner', schemaFiles: [{ name: 'f.sql', sql }] }] });
        return `accepted ${JSON.stringify(sql)}`;
      } catch (error) {
        const prefix = `SchemaInitJob 'test/schema': databases[0].schemaFiles[0].sql holds ${firstRefused(sql)}`;
        return error instanceof ValidationError && error.message.startsWith(prefix) ? 'refused' : `${JSON.stringify(sql)}: ${(error as Error).message}`;
      }
    });
    expect(outcomes.filter((o) => o !== 'refused')).toEqual([]);
    expect(refusing.node.tryFindChild('schema')).toBeUndefined();
  });
});
