import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { ApiObject, App, Chart, Lazy, Testing, Yaml, YamlOutputType } from 'cdk8s';
import { PostgresStatefulSet, writeCharts } from '../lib';
import { sessionCached } from '../lib/checks/synth-session';
import { synth, TEST_TODAY } from './support/manifests';
import { TODAY_CONTEXT_KEY } from '../lib/private/today';

/**
 * One synthesis renders each object once and runs each chart's checks once (lib/checks/
 * synth-session.ts), where cdk8s prepares and validates the whole app again for every chart.
 * The output must be what cdk8s renders for each chart on its own.
 */
function fleet(outdir: string, charts = 3): App {
  const app = new App({ outdir });
  app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
  for (let i = 0; i < charts; i++) {
    const chart = new Chart(app, `shop-${i}`);
    new PostgresStatefulSet(chart, 'db', { namespace: `shop-${i}`, superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
  }
  return app;
}

/** A ConfigMap of the user's in `chart` (its namespace named as the chart) holding a control character, which the checks refuse. */
function bellConfigMap(chart: Chart): ApiObject {
  return new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad', namespace: chart.node.id }, data: { note: 'bell\u0007' } });
}

/** A ConfigMap `late` in `chart` whose own validation, run after the chart's, changes its metadata. */
function lateConfigMap(chart: Chart, change: (metadata: ApiObject['metadata']) => void): ApiObject {
  const late = new ApiObject(chart, 'late', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: chart.node.id } });
  late.node.addValidation({ validate: () => (change(late.metadata), []) });
  return late;
}

let outdir: string;
beforeEach(() => { outdir = mkdtempSync(join(tmpdir(), 'synth-session-')); });
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

test('app.synth() writes for each chart what cdk8s renders for that chart alone', () => {
  const app = fleet(outdir);
  app.synth();
  expect(readdirSync(outdir).sort()).toEqual(['shop-0.k8s.yaml', 'shop-1.k8s.yaml', 'shop-2.k8s.yaml']);
  // A second app of the same charts, each rendered by itself (each call prepares the whole app, as cdk8s does).
  const alone = fleet('/nonexistent').charts.map((chart) => Testing.synth(chart));
  app.charts.forEach((chart, i) => expect(Yaml.load(join(outdir, `${chart.node.id}.k8s.yaml`))).toEqual(alone[i]));
});

test('app.synth() of several charts renders each object once, for the checks and the file alike, however many charts', () => {
  const app = fleet(outdir, 4);
  // the checks ran on that one rendering: they find this
  bellConfigMap(app.charts[3]);
  const objects = app.node.findAll().filter(ApiObject.isApiObject);
  const render = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    expect(() => app.synth()).toThrow("[shop-3] ConfigMap 'shop-3/bad' data.note (construct 'shop-3/bad') holds \\u0007, a control character");
    expect(render).toHaveBeenCalledTimes(objects.length);
  } finally {
    render.mockRestore();
  }
});

test('with construct metadata asked for, app.synth() writes it with the manifests, and not when a check fails', () => {
  const build = (dir: string) => {
    const app = new App({ outdir: dir, recordConstructMetadata: true });
    app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
    new PostgresStatefulSet(new Chart(app, 'shop'), 'db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
    return app;
  };
  build(outdir).synth();
  expect(readdirSync(outdir).sort()).toEqual(['construct-metadata.json', 'shop.k8s.yaml']);
  const failing = build(join(outdir, 'failing'));
  bellConfigMap(failing.charts[0]);
  expect(() => failing.synth()).toThrow('holds \\u0007, a control character');
  expect(readdirSync(join(outdir, 'failing'))).toEqual([]);
});

test("app.synth() writes the library's YAML, byte for byte what writeCharts writes, and leaves cdk8s's serializer as it was", () => {
  const cdk8sSave = Yaml.save;
  const build = (dir: string) => {
    const app = fleet(dir, 2);
    // cdk8s's own serializer leaves it plain, and kubectl reads it as the number 15
    new ApiObject(app.charts[0], 'octal', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'octal', namespace: 'shop-0' }, data: { mode: '0o17' } });
    return app;
  };
  build(outdir).synth();
  const written = writeCharts(build('/nonexistent').charts, join(outdir, 'writer'));
  for (const file of written) expect(readFileSync(join(outdir, basename(file)), 'utf8')).toBe(readFileSync(file, 'utf8'));
  expect(readFileSync(join(outdir, 'shop-0.k8s.yaml'), 'utf8')).toContain('mode: "0o17"');
  expect(Yaml.stringify({ mode: '0o17' })).toBe('mode: 0o17\n');
  expect(Yaml.save).toBe(cdk8sSave);
  const failing = build(join(outdir, 'failing'));
  bellConfigMap(failing.charts[1]);
  expect(() => failing.synth()).toThrow('holds \\u0007, a control character');
  expect(Yaml.save).toBe(cdk8sSave);
});

test.each([
  ['app.synth()', (app: App) => app.synth()],
  ['writeCharts', (app: App) => void writeCharts(app.charts, outdir)],
])('%s that fails leaves the files of the synthesis before it as they were, and nothing of its own', (_name, write) => {
  write(fleet(outdir, 3));
  const before = readdirSync(outdir).sort().map((file) => [file, readFileSync(join(outdir, file), 'utf8')]);
  const failing = fleet(outdir, 3);
  // the first two charts are rendered (and their text written somewhere) before the third fails
  new ApiObject(failing.charts[0], 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'shop-0' } });
  bellConfigMap(failing.charts[2]);
  expect(() => write(failing)).toThrow('holds \\u0007, a control character');
  expect(readdirSync(outdir).sort().map((file) => [file, readFileSync(join(outdir, file), 'utf8')])).toEqual(before);
});

test("a document the library's writer refuses, in a chart of the user's alone, is written as cdk8s writes it", () => {
  const build = (dir: string) => {
    const app = new App({ outdir: dir });
    new ApiObject(new Chart(app, 'users'), 'merge', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'merge' }, data: { '<<': 'c' } });
    return app;
  };
  build(outdir).synth();
  expect(readFileSync(join(outdir, 'users.k8s.yaml'), 'utf8')).toBe(Yaml.stringify(...Testing.synth(build('/nonexistent').charts[0])));
});

test("user code that calls Yaml.stringify while app.synth() renders gets cdk8s's serializer", () => {
  const app = fleet(outdir, 1);
  const when = new Date(0);
  new ApiObject(app.charts[0], 'settings', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop-0' },
    data: { 'settings.yaml': Lazy.any({ produce: () => Yaml.stringify({ when, tags: new Map([['tier', 'db']]) }) }) },
  });
  app.synth();
  const settings = Yaml.load(join(outdir, 'shop-0.k8s.yaml')).find((o: { metadata: { name: string } }) => o.metadata.name === 'settings');
  expect(settings.data['settings.yaml']).toBe(Yaml.stringify({ when, tags: new Map([['tier', 'db']]) }));
  expect(settings.data['settings.yaml']).toContain('1970-01-01');
});

test("what a construct's validation changes in an object is in the file app.synth() writes", () => {
  const app = fleet(outdir, 1);
  // cdk8s validates the chart before its children: this runs after the chart-wide checks
  lateConfigMap(app.charts[0], (metadata) => metadata.addLabel('checked', 'yes'));
  app.synth();
  const written = Yaml.load(join(outdir, 'shop-0.k8s.yaml')).find((o: { metadata: { name: string } }) => o.metadata.name === 'late');
  expect(written.metadata.labels).toEqual({ checked: 'yes' });
});

test("what a construct's validation changes is checked too: app.synth() checks the rendering it writes, and writes nothing when it fails", () => {
  const app = fleet(outdir, 2);
  lateConfigMap(app.charts[0], (metadata) => metadata.addAnnotation('note', 'bell\u0007'));
  expect(() => app.synth()).toThrow("Validation failed with the following errors:\n  [shop-0] ConfigMap 'shop-0/late' metadata.annotations.note (construct 'shop-0/late') holds \\u0007, a control character");
  expect(readdirSync(outdir)).toEqual([]);
});

test("writeCharts runs every validation before it renders: what one changes is in the file, and is checked", () => {
  const build = (value: string) => {
    const app = fleet('/nonexistent', 2);
    lateConfigMap(app.charts[1], (metadata) => metadata.addAnnotation('note', value));
    return app;
  };
  const [, second] = writeCharts(build('checked').charts, outdir);
  expect(Yaml.load(second).find((o: { metadata: { name: string } }) => o.metadata.name === 'late').metadata.annotations).toEqual({ note: 'checked' });
  const failing = join(outdir, 'failing');
  expect(() => writeCharts(build('bell\u0007').charts, failing)).toThrow("Chart 'shop-1' is not valid:\n  [shop-1] ConfigMap 'shop-1/late' metadata.annotations.note (construct 'shop-1/late') holds \\u0007, a control character");
  expect(existsSync(failing)).toBe(false);
});

test("writeCharts of an app cdk8s must prepare (objects that depend on others) checks each chart's rendering too", () => {
  const app = fleet('/nonexistent', 2);
  const [first, second] = ['first', 'second'].map((name) => new ApiObject(app.charts[0], name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop-0' } }));
  first.addDependency(second);
  lateConfigMap(app.charts[1], (metadata) => metadata.addAnnotation('note', 'bell\u0007'));
  expect(() => writeCharts(app.charts, outdir)).toThrow("[shop-1] ConfigMap 'shop-1/late' metadata.annotations.note (construct 'shop-1/late') holds \\u0007, a control character");
  expect(readdirSync(outdir)).toEqual([]);
});

test('a layout that writes a file per object outside the charts\' rendering is checked where cdk8s validates', () => {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
  app.node.setContext(TODAY_CONTEXT_KEY, TEST_TODAY);
  const chart = new Chart(app, 'shop');
  new PostgresStatefulSet(chart, 'db', { namespace: 'shop', superuser: { name: 'postgres', password: { name: 'db-superuser', key: 'password' } } });
  app.synth();
  expect(readdirSync(join(outdir, 'shop')).length).toBeGreaterThan(3);
  bellConfigMap(chart);
  expect(() => app.synth()).toThrow('holds \\u0007, a control character');
});

test("each chart's checks run once per synthesis and afresh in the next", () => {
  const app = fleet(outdir, 2);
  let runs = 0;
  app.charts[0].node.addValidation({ validate: () => sessionCached(app.charts[0], 'counted', () => (runs++, [])) });
  app.synth();
  expect(runs).toBe(1);
  app.synth();
  expect(runs).toBe(2);
  expect(sessionCached(app.charts[0], 'counted', () => 'outside a synthesis, every time')).toBe('outside a synthesis, every time');
});

test('a change between two syntheses is seen by the second: nothing is kept from one to the next', () => {
  const chart = fleet('/nonexistent', 1).charts[0];
  expect(() => synth(chart)).not.toThrow();
  new ApiObject(chart, 'leak', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'leak', namespace: 'shop-0' }, data: { url: 'postgres://app:hunter2@db/app' } });
  expect(() => Testing.synth(chart)).toThrow('holds a password (user:password@ in a URI)');
});

test('a problem in the last chart fails app.synth() before any file is written', () => {
  const app = fleet(outdir, 3);
  bellConfigMap(app.charts[2]);
  expect(() => app.synth()).toThrow('holds \\u0007, a control character');
  expect(readdirSync(outdir)).toEqual([]);
});

test('objects keep the order their dependencies give them, in app.synth() and in the writer', () => {
  const order = (files: string[]) => files.map((f) => Yaml.load(f).map((o: { metadata: { name: string } }) => o.metadata.name));
  const build = () => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'ordered');
    const [first, second, third] = ['c', 'b', 'a'].map((name) => new ApiObject(chart, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }));
    first.addDependency(second);
    second.addDependency(third);
    return app;
  };
  build().synth();
  const synthesized = order([join(outdir, 'ordered.k8s.yaml')]);
  rmSync(outdir, { recursive: true, force: true });
  const app = build();
  const written = order(writeCharts(app.charts, outdir));
  expect(synthesized).toEqual([['a', 'b', 'c']]);
  expect(written).toEqual(synthesized);
  expect(readFileSync(join(outdir, 'ordered.k8s.yaml'), 'utf8')).toContain('name: a');
});
