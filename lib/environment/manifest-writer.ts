import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { chartChecker, chartNotValid, problemLines, validateChart } from '../checks/chart-checks';
import { forEachRenderedObject, synthesisOf, validatedBeforeRendering } from '../checks/synth-session';
import { toYaml } from '../core/yaml-text';
import { PendingFiles } from '../core/pending-files';

/**
 * Validates one chart as `app.synth()` would, then writes it to `<outdir>/<chart id>.k8s.yaml`
 * and returns the path. Nothing is written for a chart that fails.
 */
export function writeChart(chart: Chart, outdir: string): string {
  return writeCharts([chart], outdir)[0];
}

/**
 * Validates every chart, then writes each to `<outdir>/<chart id>.k8s.yaml` and returns the
 * paths. Nothing is put in place unless every chart passes: each document goes to a hidden file
 * (`.<chart id>.k8s.yaml.<pid>-<n>.partial`) as it is rendered, and the files are renamed into
 * place at the end; a failure removes them.
 */
export function writeCharts(charts: readonly Chart[], outdir: string): string[] {
  const files = new PendingFiles();
  const paths = charts.map((chart) => manifestPath(chart, outdir));
  let documents = 0;
  try {
    // each document goes to its chart's file as it is rendered: the text is never held at once
    eachRendered(charts, (json) => files.write(`${documents++ > 0 ? '---\n' : ''}${toYaml([json])}`), (_, i) => {
      files.start(paths[i]);
      documents = 0;
    });
  } catch (error) {
    files.discard();
    throw error;
  }
  files.commit();
  return paths;
}

/**
 * Validates and renders every chart as one synthesis, and returns what `each` makes of each
 * rendered object, chart by chart. Every validation runs first (what one changes in an object is
 * rendered); then each object is rendered once, for the chart-wide checks and for `each` alike,
 * and let go after: a fleet of charts is never held in memory at once. `beforeChart` is told of
 * each chart before its first object.
 */
export function eachRendered<T>(charts: readonly Chart[], each: (json: unknown, object: ApiObject) => T, beforeChart?: (chart: Chart, index: number) => void): T[][] {
  return synthesisOf(charts, () => charts.map((chart, index) => {
    validatedBeforeRendering(chart, () => validateChart(chart));
    beforeChart?.(chart, index);
    const checker = chartChecker(chart);
    const made: T[] = [];
    forEachRenderedObject(chart, (object, json) => {
      // a chart with a problem is not written: the error below says what the problem is
      if (checker.check(object, json)) made.push(each(json, object));
    });
    const problems = checker.problems();
    if (problems.length > 0) throw chartNotValid(chart, problemLines(chart, problems));
    return made;
  }));
}

/** Writes each chart's manifest text to `<outdir>/<chart id>.k8s.yaml`; returns the paths. */
export function writeTexts(charts: readonly Chart[], texts: readonly string[], outdir: string): string[] {
  mkdirSync(outdir, { recursive: true });
  return charts.map((chart, i) => {
    const file = manifestPath(chart, outdir);
    writeFileSync(file, texts[i]);
    return file;
  });
}

function manifestPath(chart: Chart, outdir: string): string {
  return join(outdir, `${chart.node.id}.k8s.yaml`);
}
