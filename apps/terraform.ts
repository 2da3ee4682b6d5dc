import { App, TerraformStack } from 'cdktf';
import config from '../environments/aws-efs.config.json';
import { stateBackendFor, StateCloud } from './state-backends';
import { AksPhonebillDevStack } from './stacks/aks-phonebill-dev';
import { AwsEfsStack } from './stacks/aws-efs';
import { AwsEfsWorkloadStack } from './stacks/aws-efs-workload';
import { ProdOperatorStack } from './stacks/prod-operator';
import { SolidCloudStack } from './stacks/solid-cloud';

/** Builds every environment's Terraform stacks, each with the state backend the environment variables choose. */
export function buildTerraformApp(outdir?: string, env: NodeJS.ProcessEnv = process.env): App {
  // Stack traces on every construct cost a sixth of synthesis and are only for debugging cdktf itself.
  const app = new App({ outdir, stackTraces: false });
  const stacks: Array<[TerraformStack, StateCloud]> = [
    [new AksPhonebillDevStack(app, 'aks-phonebill-dev'), 'azurerm'],
    [new AwsEfsStack(app, 'aws-efs'), 's3'],
    [new AwsEfsWorkloadStack(app, 'aws-efs-workload', { clientCidrs: config.clientCidrs }), 's3'],
    [new SolidCloudStack(app, 'solid-cloud'), undefined],
    [new ProdOperatorStack(app, 'prod-operator'), undefined],
  ];
  for (const [stack, home] of stacks) stateBackendFor(stack.node.id, home, env).bind(stack);
  return app;
}

if (require.main === module) {
  buildTerraformApp().synth();
}
