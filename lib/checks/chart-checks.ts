import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../diagnostics/validation-error';
import { plainTextPasswords } from './plain-text-passwords';
import { unrepresentableStrings } from './representable-text';
import { checkChartsAsRendered, checksWaitForRendering, sessionCached } from './synth-session';
import { duplicateObjects } from './unique-objects';

/** Checks of each rendered object of a chart, whoever added it; each returns its problems. */
const OBJECT_CHECKS: ((object: ApiObject, json: any, chart: Chart) => string[])[] = [unrepresentableStrings, plainTextPasswords];

const CHECKED = new WeakSet<Chart>();
const CHECKS_KEY = 'chart-checks';

/** The API objects `chart` writes (not those of charts nested in it). */
export function apiObjectsOf(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}

/**
 * Registers the chart-wide checks on the chart that holds `scope`, once per chart. They run
 * where cdk8s validates (`Testing.synth`, `app.synthYaml()`) and in {@link validateChart}: once
 * per synthesis (cdk8s validates the whole app again before each chart it renders), each object
 * rendered once for all of them and let go after; in `app.synth()`, on the rendering it writes.
 */
export function addChartChecks(scope: IConstruct): void {
  const chart = Chart.of(scope);
  if (CHECKED.has(chart)) return;
  CHECKED.add(chart);
  chart.node.addValidation({
    // in app.synth(), the checks run on the rendering it writes (see checksWaitForRendering)
    validate: () => checksWaitForRendering(chart) ? [] : sessionCached(chart, CHECKS_KEY, () => problemsOf(chart, apiObjectsOf(chart), (object) => object.toJson())),
  });
}

checkChartsAsRendered((chart, objects, rendered) => CHECKED.has(chart) ? problemLines(chart, problemsOf(chart, objects, (_, i) => rendered[i])) : []);

/** The chart-wide checks' problems of `objects` of `chart`, each rendering asked for as it is checked and let go after. */
function problemsOf(chart: Chart, objects: readonly ApiObject[], renderingOf: (object: ApiObject, i: number) => unknown): string[] {
  const checker = chartChecker(chart);
  objects.forEach((object, i) => checker.check(object, renderingOf(object, i)));
  return checker.problems();
}

/**
 * The chart-wide checks of `chart` fed one rendered object at a time, for a writer that renders
 * each object once and writes it out: `check` each object (true while the chart has no problem),
 * then `problems()` are the chart's problems.
 */
export function chartChecker(chart: Chart): { check(object: ApiObject, json: unknown): boolean; problems(): string[] } {
  const found: string[] = duplicateObjects(chart);
  return {
    check: (object, json) => {
      for (const check of OBJECT_CHECKS) found.push(...check(object, json, chart));
      return found.length === 0;
    },
    problems: () => found,
  };
}

/**
 * Runs every validation of every construct in the chart, as `app.synth()` does, and throws one
 * error listing all problems. For writers that do not go through `app.synth()`.
 */
export function validateChart(chart: Chart): void {
  // A chart holding only objects users added gets the chart-wide checks too.
  addChartChecks(chart);
  const problems = chart.node.findAll().flatMap((c) => problemLines(c, c.node.validate()));
  if (problems.length > 0) throw chartNotValid(chart, problems);
}

/** Problems of `scope` as cdk8s lists a failed validation: `[<construct path>] <problem>`. */
export function problemLines(scope: IConstruct, problems: readonly string[]): string[] {
  return problems.map((problem) => `[${scope.node.path}] ${problem}`);
}

/** The error of a chart with problems, one line each (see {@link problemLines}). */
export function chartNotValid(chart: Chart, problems: readonly string[]): ValidationError {
  return new ValidationError(`Chart '${chart.node.path}' is not valid:\n  ${problems.join('\n  ')}`);
}
