import { App } from 'cdk8s';
import { ENVIRONMENTS } from '../environments';
import { EnvironmentChart, Warnings, writeCharts } from '../lib';

/** Builds every environment's chart. */
export function buildK8sApp(outdir?: string): App {
  const app = new App({ outdir });
  for (const environment of ENVIRONMENTS) new EnvironmentChart(app, environment.name, environment);
  return app;
}

/** Writes `<outdir>/<environment>.k8s.yaml` for every environment and returns the warnings. */
export function synthesizeEnvironments(outdir: string): string[] {
  const app = buildK8sApp(outdir);
  // Every environment is checked before any file is written: a failed synth leaves dist/ as it was.
  writeCharts(app.node.children as EnvironmentChart[], outdir);
  return Warnings.collect(app);
}

if (require.main === module) {
  // cdk8s synth passes the output folder in CDK8S_OUTDIR.
  for (const warning of synthesizeEnvironments(process.env.CDK8S_OUTDIR ?? 'dist')) process.stderr.write(`[warning] ${warning}\n`);
}
