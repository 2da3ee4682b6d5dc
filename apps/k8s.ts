import { App } from 'cdk8s';
import { ENVIRONMENTS } from '../environments';
import { EnvironmentChart, Warnings } from '../lib';

/** Builds every environment's chart; `dist/<environment>.k8s.yaml` per chart. */
export function buildK8sApp(outdir?: string): App {
  const app = new App({ outdir });
  for (const environment of ENVIRONMENTS) new EnvironmentChart(app, environment);
  return app;
}

if (require.main === module) {
  const app = buildK8sApp();
  app.synth();
  for (const warning of Warnings.collect(app)) process.stderr.write(`[warning] ${warning}\n`);
}
