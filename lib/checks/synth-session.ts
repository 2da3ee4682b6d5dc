import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * One synthesis (`app.synth()`, `app.synthYaml()`, `chart.toJson()` as `Testing.synth` calls it,
 * or the library's writer) renders each API object once and runs each chart-wide check once.
 *
 * cdk8s prepares the whole app for every chart it renders: `App._synthChart` resolves the
 * dependencies of every construct and runs every validation of the app again before it renders
 * one chart, so `app.synth()` of N charts validates N + 1 times, and the chart-wide checks, which
 * render every object of their chart, rendered the app N + 1 times (measured: 100 charts of one
 * server each took 11.6 s; 1000 did not finish in two minutes). Within one synthesis nothing
 * changes between those passes (no user code runs), so a session makes them one:
 * - every API object of the app renders once (its `toJson` result is kept for the session);
 * - the chart-wide checks of a chart run once (see {@link sessionCached});
 * - once the app has been prepared (by `app.synth()`'s own validation and dependency pass, or by
 *   the first chart rendered), each further chart is rendered as cdk8s renders it, its objects in
 *   dependency order, without preparing the whole app again.
 * Outside a synthesis nothing is kept: objects render afresh and checks run every time.
 */
interface Session {
  /** Apps whose objects keep their renderings, and whether each has been prepared. */
  readonly apps: Map<IConstruct, { prepared: boolean }>;
  /** Objects whose `toJson` is wrapped for the session, to restore at its end. */
  readonly wrapped: ApiObject[];
  readonly cache: Map<object, Map<string, unknown>>;
}

let session: Session | undefined;

/** Runs `body` in the current session, or in a new one that ends with it, with `apps` entered. */
function inSession<T>(apps: readonly IConstruct[], body: (current: Session) => T): T {
  if (session) {
    for (const app of apps) enter(session, app);
    return body(session);
  }
  const current: Session = { apps: new Map(), wrapped: [], cache: new Map() };
  session = current;
  try {
    for (const app of apps) enter(current, app);
    return body(current);
  } finally {
    for (const object of current.wrapped) delete (object as { toJson?: unknown }).toJson;
    session = undefined;
  }
}

/** Makes every API object of `app` render once for the rest of the session. */
function enter(current: Session, app: IConstruct): void {
  if (current.apps.has(app)) return;
  current.apps.set(app, { prepared: false });
  for (const object of app.node.findAll()) {
    // An object with a toJson of its own (a test double, say) is left alone.
    if (!ApiObject.isApiObject(object) || Object.prototype.hasOwnProperty.call(object, 'toJson')) continue;
    const render = object.toJson;
    let json: unknown;
    Object.defineProperty(object, 'toJson', { configurable: true, value: () => (json ??= render.call(object)) });
    current.wrapped.push(object);
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

/** The API objects `chart` writes (not those of charts nested in it), in no particular order. */
function objectsOf(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}

/**
 * The objects of `chart` as cdk8s renders them (in dependency order), the session's renderings
 * then let go: a chart is written once, and a fleet of charts need not be held in memory at once.
 */
function renderChart(chart: Chart): unknown[] {
  const inChart = new Set<unknown>(objectsOf(chart));
  const rendered = new DependencyGraph(chart.node).topology().filter((c): c is ApiObject => inChart.has(c)).map((object) => object.toJson());
  for (const object of inChart) delete (object as { toJson?: unknown }).toJson;
  return rendered;
}

/**
 * Whether cdk8s's preparation of `app` would change nothing: it turns construct dependencies and
 * nested charts into dependencies between API objects, and `app` has neither.
 */
function needsNoPreparation(app: IConstruct): boolean {
  return app.node.findAll().every((c) => c.node.dependencies.length === 0 && !(Chart.isChart(c) && c.node.scope && Chart.isChart(c.node.scope)));
}

/**
 * Within {@link synthesisOf}: the rendered objects of `chart`, once it is valid (the caller has
 * validated it). The app is prepared as cdk8s prepares it unless that would change nothing; then
 * the chart is rendered without validating the whole app again, so that a writer can render,
 * write out and let go of one chart after another.
 */
export function renderValidChart(chart: Chart): unknown[] {
  const state = session?.apps.get(App.of(chart));
  if (!state) throw new Error(`chart '${chart.node.path}' is rendered outside the synthesis of its app`);
  if (!state.prepared && needsNoPreparation(App.of(chart))) state.prepared = true;
  return state.prepared ? renderChart(chart) : chart.toJson();
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
      if (state.prepared) return renderChart(chart);
      const rendered = synthChart.call(this, chart);
      state.prepared = true;
      return rendered;
    });
  };
  // Both validate the app and resolve its dependencies before they render the first chart.
  const prepared = <T>(original: (this: App) => T) => function (this: App): T {
    return inSession([this], (current) => {
      current.apps.get(this)!.prepared = true;
      return original.call(this);
    });
  };
  app.prototype.synth = prepared(synth);
  app.prototype.synthYaml = prepared(synthYaml);
}

install();
