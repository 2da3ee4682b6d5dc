import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { buildTerraformApp } from '../apps/terraform';
import { AksPhonebillDevStack } from '../apps/stacks/aks-phonebill-dev';
import { REPO_ROOT } from './support/manifests';

/**
 * Facts the README states about the Terraform stacks, read back from the stacks themselves: the
 * AKS node size it names and the password variables each `npx cdktf deploy` command sets.
 */
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const app = buildTerraformApp('/nonexistent', {});
const stacks = Object.fromEntries(app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)
  .map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack))]));

/** Per `npx cdktf deploy <stack>` of the README's sh blocks, the TF_VAR_ names set since the block's previous deploy. */
function deployCommands(text: string): { stack: string; variables: string[] }[] {
  const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  return blocks.flatMap((block) => {
    const commands: { stack: string; variables: string[] }[] = [];
    let variables: string[] = [];
    for (const line of block.split('\n')) {
      variables.push(...[...line.matchAll(/\bTF_VAR_(\w+)=/g)].map((m) => m[1]));
      const deploy = line.match(/npx cdktf deploy ([\w-]+)/);
      if (deploy) {
        commands.push({ stack: deploy[1], variables: variables.sort() });
        variables = [];
      }
    }
    return commands;
  });
}

describe('what the README says about the Terraform stacks', () => {
  test('each deploy command sets exactly the password variables of its stack', () => {
    const commands = deployCommands(readme);
    expect([...new Set(commands.map((c) => c.stack))].sort()).toEqual(['aks-phonebill-dev', 'aws-efs', 'aws-efs-workload', 'prod-operator', 'solid-cloud']);
    for (const { stack, variables } of commands) {
      const sensitive = Object.entries<any>(stacks[stack].variable ?? {}).filter(([, v]) => v.sensitive).map(([name]) => name).sort();
      expect({ stack, variables }).toEqual({ stack, variables: sensitive });
    }
  });

  test('the check reads the commands as written', () => {
    const sample = '```sh\nexport TF_VAR_a__password=… TF_VAR_b__password=…\nnpx cdktf deploy one\nnpx cdktf deploy two\n```\n';
    expect(deployCommands(sample)).toEqual([{ stack: 'one', variables: ['a__password', 'b__password'] }, { stack: 'two', variables: [] }]);
  });

  test("the AKS node size it names is the one the stack chooses today", () => {
    const stack = app.node.findChild('aks-phonebill-dev') as AksPhonebillDevStack;
    const named = [...readme.matchAll(/`(Standard_\w+)` today/g)].map((m) => m[1]);
    expect(named).toEqual([stack.nodeSize.name]);
    expect(readme).toContain(`today's ${stack.nodeSize.vcpus}-vCPU node`);
    expect(stacks['aks-phonebill-dev'].resource.azurerm_kubernetes_cluster).toBeDefined();
  });
});
