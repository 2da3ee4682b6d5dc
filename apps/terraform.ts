import { App } from 'cdktf';
import config from '../environments/aws-efs.config.json';
import { AksPhonebillDevStack } from './stacks/aks-phonebill-dev';
import { AwsEfsStack } from './stacks/aws-efs';
import { AwsEfsWorkloadStack } from './stacks/aws-efs-workload';
import { ProdOperatorStack } from './stacks/prod-operator';
import { SolidCloudStack } from './stacks/solid-cloud';

/** Builds every environment's Terraform stacks. */
export function buildTerraformApp(outdir?: string): App {
  // Stack traces on every construct cost a sixth of synthesis and are only for debugging cdktf itself.
  const app = new App({ outdir, stackTraces: false });
  new AksPhonebillDevStack(app, 'aks-phonebill-dev');
  new AwsEfsStack(app, 'aws-efs');
  new AwsEfsWorkloadStack(app, 'aws-efs-workload', { clientCidrs: config.clientCidrs });
  new SolidCloudStack(app, 'solid-cloud');
  new ProdOperatorStack(app, 'prod-operator');
  return app;
}

if (require.main === module) {
  buildTerraformApp().synth();
}
