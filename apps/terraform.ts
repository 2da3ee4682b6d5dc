import { App } from 'cdktf';
import config from '../environments/aws-efs.config.json';
import { AwsEfsStack } from './stacks/aws-efs';
import { AwsEfsWorkloadStack } from './stacks/aws-efs-workload';

/** Builds every environment's Terraform stacks. */
export function buildTerraformApp(outdir?: string): App {
  const app = new App({ outdir });
  new AwsEfsStack(app, 'aws-efs');
  new AwsEfsWorkloadStack(app, 'aws-efs-workload', { clientCidrs: config.clientCidrs });
  return app;
}

if (require.main === module) {
  buildTerraformApp().synth();
}
