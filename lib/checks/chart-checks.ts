import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../diagnostics/validation-error';
import { plainTextPasswords } from './plain-text-passwords';
import { unrepresentableStrings } from './representable-text';
import { sessionCached } from './synth-session';
import { duplicateObjects } from './unique-objects';

/** Checks that look at a whole chart, whoever added its objects; each returns its problems. */
const CHART_CHECKS: ((chart: Chart) => string[])[] = [duplicateObjects, unrepresentableStrings, plainTextPasswords];

const CHECKED = new WeakSet<Chart>();

/**
 * Registers the chart-wide checks on the chart that holds `scope`, once per chart. They run
 * where cdk8s validates (`app.synth()`) and in {@link validateChart}.
 */
export function addChartChecks(scope: IConstruct): void {
  const chart = Chart.of(scope);
  if (CHECKED.has(chart)) return;
  CHECKED.add(chart);
  // Once per synthesis: cdk8s validates the whole app again before each chart it renders.
  chart.node.addValidation({ validate: () => sessionCached(chart, 'chart-checks', () => CHART_CHECKS.flatMap((check) => check(chart))) });
}

/**
 * Runs every validation of every construct in the chart, as `app.synth()` does, and throws one
 * error listing all problems. For writers that do not go through `app.synth()`.
 */
export function validateChart(chart: Chart): void {
  // A chart holding only objects users added gets the chart-wide checks too.
  addChartChecks(chart);
  const problems = chart.node.findAll().flatMap((c) => c.node.validate().map((p) => `[${c.node.path}] ${p}`));
  if (problems.length > 0) throw new ValidationError(`Chart '${chart.node.path}' is not valid:\n  ${problems.join('\n  ')}`);
}
