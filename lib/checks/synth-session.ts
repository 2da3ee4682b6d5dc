import { ApiObject, App, Chart, DependencyGraph, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { toYaml } from '../core/yaml-text';
import { PendingFiles } from '../core/pending-files';

/**
 * One synthesis (`app.synth()`, `app.synthYaml()`, `chart.toJson()` as `Testing.synth` calls it,
 * or the library's writer) prepares the app once and runs each chart's checks once.
 *
 * cdk8s prepares the whole app for every chart it renders: `App._synthChart` resolves the
 * dependencies of every construct and runs every validation of the app again before it renders
 * one chart, so `app.synth()` of N charts validates N + 1 times, and the chart-wide checks, which
 * render every object of their chart, rendered the app N + 1 times (measured: 100 charts of one
 * server each took 11.6 s; 1000 did not finish in two minutes). Within one synthesis nothing
 * changes between those passes (no user code runs), so a session makes them one:
 * - the chart-wide checks of a chart run once (see {@link sessionCached});
 * - once the app has been prepared (by `app.synth()`'s own validation and dependency pass, or by
 *   the first chart rendered), each further chart is rendered as cdk8s renders it, its objects in
 *   dependency order, without preparing the whole app again.
 * Outside a synthesis nothing is kept: checks run every time.
 *
 * `app.synth()` renders each object once: its chart-wide checks wait for the rendering it writes
 * (see {@link checksWaitForRendering}), which is also the one after every validation has run, and
 * it writes its files with the library's YAML writer (see {@link libraryDocument}), only once every
 * chart has passed.
 */
/** What a synthesis knows of one app. */
interface AppState {
  /** Whether the app has been prepared (dependencies resolved, validated). */
  prepared: boolean;
  /**
   * Whether the chart-wide checks of the app's charts wait for the rendering that is written (see
   * {@link checksWaitForRendering}).
   */
  checksWait: boolean;
  /** Within `app.synth()`: the problems of each chart's latest rendering, as cdk8s lists a failed validation. */
  rendered?: Map<Chart, string[]>;
}

interface Session {
  readonly apps: Map<IConstruct, AppState>;
  readonly cache: Map<object, Map<string, unknown>>;
}

/** The chart-wide checks of a chart's rendered objects (registered by chart-checks.ts): its problems, as cdk8s lists a failed validation. */
type RenderedChartCheck = (chart: Chart, objects: readonly ApiObject[], rendered: readonly unknown[]) => string[];
let checkRendered: RenderedChartCheck | undefined;

/** Registers the checks `app.synth()` runs on each chart's rendering (chart-checks.ts imports this file, not the reverse). */
export function checkChartsAsRendered(check: RenderedChartCheck): void {
  checkRendered = check;
}

let session: Session | undefined;

/**
 * Whether the chart-wide checks of `chart` wait for the rendering that is written (by
 * `app.synth()`, or by the library's writer after {@link validatedBeforeRendering}) instead of
 * rendering the chart where cdk8s validates it: cdk8s validates a chart before the constructs in
 * it, so what their validations change would reach the file unchecked, and every object would be
 * rendered twice.
 */
export function checksWaitForRendering(chart: Chart): boolean {
  return session?.apps.get(App.of(chart))?.checksWait === true;
}

/** Runs `body` with the chart-wide checks of `app`'s charts waiting for the rendering (see {@link checksWaitForRendering}). */
function withChecksWaiting<T>(state: AppState, body: () => T): T {
  const before = state.checksWait;
  state.checksWait = true;
  try {
    return body();
  } finally {
    state.checksWait = before;
  }
}

/**
 * Within {@link synthesisOf}: runs `validate` (the validations of `chart`) with the chart-wide
 * checks waiting for the rendering, which the writer checks itself (see {@link forEachRenderedObject}).
 */
export function validatedBeforeRendering(chart: Chart, validate: () => void): void {
  const state = session?.apps.get(App.of(chart));
  if (!state) throw new Error(`chart '${chart.node.path}' is validated outside the synthesis of its app`);
  withChecksWaiting(state, validate);
}

/** Runs `body` in the current session, or in a new one that ends with it, with `apps` in it. */
function inSession<T>(apps: readonly IConstruct[], body: (current: Session) => T): T {
  const current = session ?? { apps: new Map(), cache: new Map() };
  for (const app of apps) if (!current.apps.has(app)) current.apps.set(app, { prepared: false, checksWait: false });
  if (session) return body(current);
  session = current;
  try {
    return body(current);
  } finally {
    session = undefined;
  }
}

/**
 * `compute()` once per `owner` and `key` in the current synthesis; outside one, every time.
 * The chart-wide checks keep their findings this way.
 */
export function sessionCached<T>(owner: object, key: string, compute: () => T): T {
  if (!session) return compute();
  let entries = session.cache.get(owner);
  if (!entries) session.cache.set(owner, entries = new Map());
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}

/** Runs `body` as one synthesis of the apps holding `charts` (the library's writer). */
export function synthesisOf<T>(charts: readonly Chart[], body: () => T): T {
  return inSession([...new Set(charts.map((chart) => App.of(chart)))], body);
}

/**
 * The objects of `chart` in the order cdk8s renders them: by their dependencies, each in its
 * closest chart. Without a dependency in the chart, cdk8s's graph orders them as the tree does.
 */
function objectsInOrder(chart: Chart): ApiObject[] {
  const constructs = chart.node.findAll();
  const ordered = constructs.some((c) => c.node.dependencies.length > 0) ? new DependencyGraph(chart.node).topology() : constructs;
  return ordered.filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}

/**
 * Whether cdk8s's preparation of `app` would change nothing: it turns construct dependencies and
 * nested charts into dependencies between API objects, and `app` has neither.
 */
function needsNoPreparation(app: IConstruct): boolean {
  return app.node.findAll().every((c) => c.node.dependencies.length === 0 && !(Chart.isChart(c) && c.node.scope && Chart.isChart(c.node.scope)));
}

/**
 * Within {@link synthesisOf}: renders each object of `chart` in cdk8s's order and hands it to
 * `each` with its rendering, which is not kept: a writer can check it, write it out and let it go.
 * The app is prepared as cdk8s prepares it unless that would change nothing; the whole app is not
 * validated here (the caller validates the chart).
 */
export function forEachRenderedObject(chart: Chart, each: (object: ApiObject, json: unknown) => void): void {
  const app = App.of(chart);
  const state = session?.apps.get(app);
  if (!state) throw new Error(`chart '${chart.node.path}' is rendered outside the synthesis of its app`);
  if (!state.prepared && !needsNoPreparation(app)) {
    // cdk8s's own preparation (dependencies, and a validation of the app) and rendering; the order
    // of the objects is the one their dependencies have once prepared
    // (which validates the whole app: the writer checks each chart's rendering itself)
    const rendered = withChecksWaiting(state, () => chart.toJson() as unknown[]);
    objectsInOrder(chart).forEach((object, i) => each(object, rendered[i]));
  } else {
    for (const object of objectsInOrder(chart)) each(object, object.toJson());
  }
  state.prepared = true;
}

/**
 * The objects of `chart` rendered as cdk8s renders them (without preparing the app); with
 * `problems`, the chart-wide checks' problems of this rendering are recorded there.
 */
function renderedChart(chart: Chart, problems?: Map<Chart, string[]>): unknown[] {
  const objects = objectsInOrder(chart);
  const rendered = objects.map((object) => object.toJson());
  if (problems && checkRendered) problems.set(chart, checkRendered(chart, objects, rendered));
  return rendered;
}

/**
 * A document of a file `app.synth()` writes, by the library's writer: {@link toYaml}, which writes
 * what cdk8s writes but quotes strings kubectl could misread where cdk8s leaves them plain
 * (`0o17`, read as a number) and is about four times faster. A document it refuses (a character
 * no manifest can carry, which the chart-wide checks refuse first in the library's charts, or a
 * value that is not plain data) is written by cdk8s's own serializer, as before.
 */
function libraryDocument(doc: unknown): string {
  if (doc === undefined) return Yaml.stringify(doc);
  try {
    return toYaml([doc]);
  } catch {
    return Yaml.stringify(doc);
  }
}

/**
 * Runs `synth` (cdk8s's app.synth()) holding back what it writes: the manifests, which it writes
 * through Yaml.save (here with the library's writer) into files put in place by `write()` (see
 * {@link PendingFiles}), and the construct metadata if asked to. `discard()` removes them. User
 * code that calls Yaml.stringify while rendering (a Lazy value) gets cdk8s's serializer as ever.
 */
function heldOutputs(app: App, synth: () => void): { write(): void; discard(): void } {
  const yaml = Yaml as unknown as { save: (filePath: string, docs: unknown[]) => void };
  const metadataOf = app as unknown as { writeConstructMetadata?: (...args: unknown[]) => void };
  const files = new PendingFiles();
  const writeMetadata = metadataOf.writeConstructMetadata;
  let metadata: unknown[] | undefined;
  const cdk8sSave = yaml.save;
  yaml.save = (filePath, docs) => {
    files.start(filePath);
    docs.forEach((doc, i) => files.write(`${i > 0 ? '---\n' : ''}${libraryDocument(doc)}`));
  };
  metadataOf.writeConstructMetadata = (...args) => { metadata = args; };
  try {
    synth();
  } catch (error) {
    files.discard();
    throw error;
  } finally {
    yaml.save = cdk8sSave;
    // the method is cdk8s's App's: the object's own stand-in goes
    delete metadataOf.writeConstructMetadata;
  }
  return {
    write: () => {
      files.commit();
      if (metadata) writeMetadata?.apply(app, metadata);
    },
    discard: () => files.discard(),
  };
}

/**
 * The problems of every chart of `app` as `app.synth()` rendered it (`rendered`), each as cdk8s
 * lists a failed validation; a chart cdk8s did not render through App._synthChart (a Chart
 * subclass with a toJson of its own) is rendered and checked here.
 */
function problemsAsRendered(app: App, rendered: Map<Chart, string[]>): string[] {
  for (const chart of app.charts.filter((c) => !rendered.has(c))) renderedChart(chart, rendered);
  return [...rendered.values()].flat();
}

const INSTALLED = Symbol.for('cdk8s-postgres.synth-session');

type SynthChart = (chart: Chart) => unknown[];

/**
 * Puts cdk8s's entry points into sessions, once per loaded copy of cdk8s, when it has the shape
 * this was written against (cdk8s 2.70: `App._synthChart`, `App.prototype.synth`, `synthYaml`,
 * each of which validates and prepares the app before rendering any chart). With another shape
 * cdk8s is left as it is: slower for many charts, the same output.
 */
function install(): void {
  const app = App as unknown as { _synthChart?: SynthChart; [INSTALLED]?: boolean; prototype: { synth?: () => void; synthYaml?: () => string } };
  const synthChart = app._synthChart;
  const { synth, synthYaml } = app.prototype;
  if (app[INSTALLED] || typeof synthChart !== 'function' || typeof synth !== 'function' || typeof synthYaml !== 'function') return;
  app[INSTALLED] = true;
  app._synthChart = function (this: unknown, chart: Chart) {
    const root = App.of(chart);
    return inSession([root], (current) => {
      const state = current.apps.get(root)!;
      // the latest rendering is the one app.synth() writes
      if (state.prepared) return renderedChart(chart, state.rendered);
      const rendered = synthChart.call(this, chart);
      state.prepared = true;
      return rendered;
    });
  };
  // app.synthYaml() and app.synth() validate the app and resolve its dependencies before they render the first chart.
  const prepared = <T>(original: (this: App) => T) => function (this: App): T {
    return inSession([this], (current) => {
      current.apps.get(this)!.prepared = true;
      return original.call(this);
    });
  };
  // app.synth() also has its charts checked as rendered, and its files held until they have passed.
  const checkedAndWritten = (original: (this: App) => void) => function (this: App): void {
    inSession([this], (current) => {
      const state = current.apps.get(this)!;
      state.prepared = true;
      // The file-per-object folder layout renders objects outside their chart's rendering: there
      // the checks stay where cdk8s validates (and so in an app.synth() of the app inside its own).
      const rendered = state.rendered === undefined && this.yamlOutputType !== YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE ? new Map<Chart, string[]>() : undefined;
      const held = heldOutputs(this, () => {
        if (!rendered) return original.call(this);
        state.rendered = rendered;
        try {
          withChecksWaiting(state, () => original.call(this));
        } finally {
          state.rendered = undefined;
        }
      });
      try {
        const problems = rendered ? problemsAsRendered(this, rendered) : [];
        if (problems.length > 0) throw new Error(`Validation failed with the following errors:\n  ${problems.join('\n  ')}`);
      } catch (error) {
        held.discard();
        throw error;
      }
      held.write();
    });
  };
  app.prototype.synth = checkedAndWritten(synth);
  app.prototype.synthYaml = prepared(synthYaml);
}

install();
