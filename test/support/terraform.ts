import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** The Terraform CLI and the machine's provider mirror. */
export interface TerraformTools {
  /** Environment with TF_CLI_CONFIG_FILE pointing at a config that installs providers from the mirror only. */
  readonly env: NodeJS.ProcessEnv;
}

let tools: TerraformTools | undefined;

/**
 * Locates `terraform` and the provider mirror (a folder named tf-plugins near the root, or
 * $TF_PLUGIN_MIRROR) once per process, and writes a CLI config that uses the mirror and nothing
 * else. Fails naming what is missing: the Terraform checks never pass by being skipped.
 */
export function terraformTools(): TerraformTools {
  if (tools) return tools;
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  if (spawnSync('terraform', ['version'], { env }).status !== 0) throw new Error('terraform (1.11 or newer) is needed on PATH for the Terraform checks');
  const mirror = process.env.TF_PLUGIN_MIRROR ?? spawnSync('find', ['/', '-maxdepth', '3', '-type', 'd', '-name', 'tf-plugins', '-not', '-path', '/proc/*'], { encoding: 'utf8' }).stdout.split('\n')[0];
  if (!mirror || !existsSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'))) {
    throw new Error('no provider mirror with hashicorp/aws was found: a folder tf-plugins within three levels of /, or $TF_PLUGIN_MIRROR');
  }
  const config = join(mkdtempSync(join(tmpdir(), 'tfrc-')), 'terraform.rc');
  writeFileSync(config, `provider_installation {
  filesystem_mirror {
    path    = "${mirror}"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`);
  tools = { env: { ...env, TF_CLI_CONFIG_FILE: config } };
  return tools;
}

/** `terraform init` (no backend) and `terraform validate -json` in `dir`. */
export function terraformValidate(dir: string, tools: TerraformTools): { init: SpawnSyncReturns<string>; validate: SpawnSyncReturns<string> } {
  const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env: tools.env, encoding: 'utf8' });
  const validate = spawnSync('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env: tools.env, encoding: 'utf8' });
  return { init, validate };
}

/** `npx cdktf synth` of the repository's app into `outdir`, offline. */
export function cdktfSynth(repo: string, outdir: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' };
  // A CLI config that does not exist only makes terraform print warnings on every call.
  if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return execFileSync('npx', ['cdktf', 'synth', '--output', outdir], { cwd: repo, encoding: 'utf8', env });
}

/**
 * Runs `command` on a configuration of variables, locals, outputs and `terraform_data` only (no
 * provider, no backend, no network; `terraform init` first only when the configuration names
 * something to install). `output` is what it printed on both
 * streams with the box drawing and line breaks of its diagnostics flattened to single spaces.
 */
export function terraformRun(config: object, values: Record<string, unknown>, command: string[]): { ok: boolean; output: string; stdout: string } {
  const { env } = terraformTools();
  const dir = mkdtempSync(join(tmpdir(), 'tf-run-'));
  try {
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
    writeFileSync(join(dir, 'values.auto.tfvars.json'), JSON.stringify(values));
    // Terraform's own builtin provider (terraform_data) needs no init; anything else installs first.
    const { terraform, provider, module, ...rest } = config as Record<string, unknown>;
    if (terraform !== undefined || provider !== undefined || module !== undefined || Object.keys((rest.resource ?? {}) as object).some((type) => type !== 'terraform_data')) {
      const init = spawnSync('terraform', ['init', '-input=false', '-no-color', '-backend=false'], { cwd: dir, env, encoding: 'utf8' });
      if (init.status !== 0) return { ok: false, output: `${init.stdout}${init.stderr}`, stdout: '' };
    }
    const run = spawnSync('terraform', [...command, '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.replace(/ *1: {.*/g, '').replace(/[\s│]+/g, ' '), stdout: run.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `terraform plan` of a configuration (see {@link terraformRun}). */
export function terraformPlan(config: object, values: Record<string, unknown>): { ok: boolean; output: string } {
  return terraformRun(config, values, ['plan', '-lock=false']);
}

/**
 * `terraform plan` of a configuration that holds only the given `variable` blocks (as the stack's
 * JSON has them) and the given values. Terraform evaluates each variable's validation rules, so a
 * rule that lets a bad value through fails here.
 */
export function planVariables(variables: Record<string, unknown>, values: Record<string, unknown>): { ok: boolean; output: string } {
  return terraformPlan({ variable: variables }, values);
}
