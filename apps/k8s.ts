import { join } from 'path';
import { App } from 'cdk8s';
import { ENVIRONMENTS } from '../environments';
import { EnvironmentChart, EnvironmentDescription, ValidationError, Warnings } from '../lib';
import { eachRendered, writeTexts } from '../lib/environment/manifest-writer';
import { toYaml } from '../lib/core/yaml-text';
import { committedManifests, restoreCommitted } from './committed-manifests';
import { undeclaredMajorChanges } from './undeclared-major-changes';

/** Builds every environment's chart. */
export function buildK8sApp(outdir?: string, environments: readonly EnvironmentDescription[] = ENVIRONMENTS): App {
  const app = new App({ outdir });
  for (const environment of environments) new EnvironmentChart(app, environment.name, environment);
  return app;
}

/**
 * Writes `<outdir>/<environment>.k8s.yaml` for every environment and returns the warnings. A
 * StatefulSet whose major differs from the one in the file it replaces (or, when the cdk8s CLI
 * removed that file, in its commit) stops everything first, and the files the CLI removed are
 * written back from HEAD: the output folder stays as committed.
 */
export function synthesizeEnvironments(outdir: string, environments: readonly EnvironmentDescription[] = ENVIRONMENTS): string[] {
  const app = buildK8sApp(outdir, environments);
  const charts = app.node.children as EnvironmentChart[];
  // Every environment is checked before any file is written: a failed synth leaves dist/ as it was.
  const rendered = eachRendered(charts, (json, object) => ({ text: toYaml([json]), statefulSet: object.kind === 'StatefulSet' ? json as object : undefined }));
  const files = charts.map((chart) => join(outdir, `${chart.node.id}.k8s.yaml`));
  const statefulSets = rendered.map((documents) => documents.filter((d) => d.statefulSet !== undefined));
  // only a manifest with StatefulSets is compared: no other file is read, and git is asked once for all
  const committed = committedManifests(files.filter((_, i) => statefulSets[i].length > 0));
  const majorChanges = charts.flatMap((chart, i) =>
    undeclaredMajorChanges(chart.node.id, committed.get(files[i]), statefulSets[i].map((d) => d.statefulSet!), new Set(statefulSets[i].map((d) => d.text))));
  if (majorChanges.length) {
    restoreCommitted(files);
    throw new ValidationError(majorChanges.join('\n'));
  }
  writeTexts(charts, rendered.map((documents) => documents.map((d) => d.text).join('---\n')), outdir);
  return Warnings.collect(app);
}

if (require.main === module) {
  // cdk8s synth passes the output folder in CDK8S_OUTDIR.
  for (const warning of synthesizeEnvironments(process.env.CDK8S_OUTDIR ?? 'dist')) process.stderr.write(`[warning] ${warning}\n`);
}
