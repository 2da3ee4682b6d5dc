import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { stateBackendFor } from '../apps/state-backends';
import { buildTerraformApp } from '../apps/terraform';
import { StateBackend, TERRAFORM_REQUIRED_VERSION } from '../lib/terraform/state-backend';
import { terraformTools } from './support/terraform';

const AZURE = { TFSTATE_AZURE_ACCOUNT: 'cdk8spgstate', TFSTATE_AZURE_RESOURCE_GROUP: 'tfstate-rg' };
const S3 = { TFSTATE_S3_BUCKET: 'cdk8s-postgres-state', TFSTATE_S3_REGION: 'ap-northeast-2' };
const STACKS = ['aks-phonebill-dev', 'aws-efs', 'aws-efs-workload', 'prod-operator', 'solid-cloud'];

/** Synthesizes the whole app with the given environment; returns each stack's JSON and its synth warnings. */
function synthApp(env: NodeJS.ProcessEnv): { stacks: Record<string, any>; warnings: Record<string, string[]> } {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-state-'));
  try {
    buildTerraformApp(outdir, env).synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    const stacks: Record<string, any> = {};
    const warnings: Record<string, string[]> = {};
    for (const name of STACKS) {
      stacks[name] = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
      warnings[name] = manifest.stacks[name].annotations.filter((a: any) => a.level === '@cdktf/warn').map((a: any) => a.message);
    }
    return { stacks, warnings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

test('every stack synthesizes where no terraform binary is on PATH (a job that only synthesizes and reviews)', () => {
  const path = process.env.PATH;
  process.env.PATH = join(process.execPath, '..');
  try {
    expect(Object.keys(synthApp({}).stacks)).toEqual(STACKS);
  } finally {
    process.env.PATH = path;
  }
});

/** The app with both remote backends configured (azurerm for the stacks that choose by TFSTATE_BACKEND), read by both describes below. */
const remote = synthApp({ ...AZURE, ...S3, TFSTATE_BACKEND: 'azurerm' });

describe('state backends chosen by environment variables', () => {

  test('every stack pins Terraform 1.11 or newer (write-only Secret data)', () => {
    expect(TERRAFORM_REQUIRED_VERSION).toBe('>= 1.11');
    for (const name of STACKS) expect(remote.stacks[name].terraform.required_version).toBe('>= 1.11');
  });

  test('the AKS stack keeps its state in Azure Storage, signed in with Entra ID (locking: blob lease)', () => {
    expect(remote.stacks['aks-phonebill-dev'].terraform.backend).toEqual({
      azurerm: { storage_account_name: 'cdk8spgstate', container_name: 'tfstate', key: 'cdk8s-postgres/aks-phonebill-dev.tfstate', use_azuread_auth: true, resource_group_name: 'tfstate-rg' },
    });
  });

  test('the AWS stacks keep theirs in S3, encrypted, with a lock file', () => {
    for (const name of ['aws-efs', 'aws-efs-workload']) {
      expect(remote.stacks[name].terraform.backend).toEqual({
        s3: { bucket: 'cdk8s-postgres-state', key: `cdk8s-postgres/${name}.tfstate`, region: 'ap-northeast-2', encrypt: true, use_lockfile: true },
      });
    }
  });

  test('the kubernetes-only stacks use the backend TFSTATE_BACKEND names', () => {
    for (const name of ['prod-operator', 'solid-cloud']) expect(Object.keys(remote.stacks[name].terraform.backend)).toEqual(['azurerm']);
    const s3 = synthApp({ ...AZURE, ...S3, TFSTATE_BACKEND: 's3' });
    for (const name of ['prod-operator', 'solid-cloud']) expect(s3.stacks[name].terraform.backend.s3).toMatchObject({ encrypt: true, use_lockfile: true, key: `cdk8s-postgres/${name}.tfstate` });
    // Each cloud's stacks stay on their cloud.
    expect(Object.keys(s3.stacks['aks-phonebill-dev'].terraform.backend)).toEqual(['azurerm']);
  });

  test('with remote backends, no warning', () => {
    for (const name of STACKS) expect(remote.warnings[name]).toEqual([]);
  });

  test('without settings: local state and a warning at synth, per stack', () => {
    const local = synthApp({});
    for (const name of STACKS) {
      // cdktf's default: a local file named after the stack.
      expect(local.stacks[name].terraform.backend).toEqual({ local: { path: expect.stringMatching(new RegExp(`terraform\\.${name}\\.tfstate$`)) } });
      expect(local.warnings[name]).toEqual([expect.stringContaining(`Terraform state of stack '${name}' is LOCAL`)]);
    }
    expect(local.warnings['aks-phonebill-dev'][0]).toContain('no TFSTATE_AZURE_ACCOUNT for the azurerm backend');
    expect(local.warnings['aws-efs'][0]).toContain('no TFSTATE_S3_BUCKET or TFSTATE_S3_REGION for the s3 backend');
  });

  test('TFSTATE_BACKEND=local makes every stack local, even with settings', () => {
    const local = synthApp({ ...AZURE, ...S3, TFSTATE_BACKEND: 'local' });
    for (const name of STACKS) {
      expect(Object.keys(local.stacks[name].terraform.backend)).toEqual(['local']);
      expect(local.warnings[name][0]).toContain('(TFSTATE_BACKEND=local)');
    }
  });

  test('a backend asked for without its settings, or an unknown one, stops synthesis', () => {
    expect(() => stateBackendFor('solid-cloud', undefined, { TFSTATE_BACKEND: 's3', TFSTATE_S3_BUCKET: 'b' })).toThrow('TFSTATE_BACKEND=s3 needs TFSTATE_S3_REGION (stack solid-cloud)');
    expect(() => stateBackendFor('solid-cloud', undefined, { TFSTATE_BACKEND: 'gcs' })).toThrow('TFSTATE_BACKEND "gcs" is not one of azurerm, s3, local');
  });

  test('an optional KMS key and subscription reach the backends', () => {
    const withKey = (backend: ReturnType<typeof stateBackendFor>) => {
      const stack = new TerraformStack(Testing.app() as App, 'x');
      backend.bind(stack);
      return JSON.parse(Testing.synth(stack)).terraform.backend;
    };
    expect(withKey(stateBackendFor('x', 's3', { ...S3, TFSTATE_S3_KMS_KEY_ID: 'alias/tfstate' })).s3.kms_key_id).toBe('alias/tfstate');
    expect(withKey(stateBackendFor('x', 'azurerm', { ...AZURE, TFSTATE_AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000000' })).azurerm.subscription_id).toBe('00000000-0000-0000-0000-000000000000');
  });

  test('the key prefix is a setting of both remote backends, and a prefix that is not a path stops synthesis', () => {
    const keyOf = (backend: StateBackend) => {
      const stack = new TerraformStack(Testing.app() as App, 'x');
      backend.bind(stack);
      return Object.values<{ key: string }>(JSON.parse(Testing.synth(stack)).terraform.backend)[0].key;
    };
    expect(keyOf(stateBackendFor('x', 's3', { ...S3, TFSTATE_KEY_PREFIX: 'teams/payments' }))).toBe('teams/payments/x.tfstate');
    expect(keyOf(stateBackendFor('x', 'azurerm', { ...AZURE, TFSTATE_KEY_PREFIX: 'teams/payments' }))).toBe('teams/payments/x.tfstate');
    expect(keyOf(StateBackend.s3({ bucket: 'b', region: 'eu-west-1' }))).toBe('cdk8s-postgres/x.tfstate');
    for (const prefix of ['/teams', 'teams/', 'a//b', '../x']) {
      expect(() => keyOf(StateBackend.s3({ bucket: 'b', region: 'eu-west-1', keyPrefix: prefix })))
        .toThrow(`StateBackend.s3: keyPrefix ${JSON.stringify(prefix)} is not a path of names joined by '/' (no empty part, '.' or '..', no leading or trailing '/'), e.g. 'teams/payments'`);
    }
  });
});

describe('terraform init reads the backend blocks', () => {
  const tools = terraformTools();

  /**
   * `terraform init` on a configuration holding only the stack's `terraform` block (its providers
   * are not in the offline mirror): Terraform checks the backend arguments before it signs in,
   * so a schema error shows as such and a good block fails later, on credentials or network.
   */
  function initBackend(terraformBlock: any): { status: number | null; output: string } {
    const dir = mkdtempSync(join(tmpdir(), 'tf-backend-'));
    try {
      const { required_providers: _providers, ...block } = terraformBlock;
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: block }));
      // No credentials: the run must end at sign-in, never reach a real bucket.
      const env = { ...tools.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(dir, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'), ARM_USE_CLI: 'false', ARM_USE_MSI: 'false', ARM_USE_OIDC: 'false' };
      const run = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8', timeout: 90000 });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const schemaErrors = /Extraneous JSON object property|Unsupported argument|Invalid backend configuration|Unsupported Terraform Core version/;

  test('the S3 block (use_lockfile, encrypt) passes the schema and stops at credentials', () => {
    const { status, output } = initBackend(remote.stacks['aws-efs'].terraform);
    expect(status).not.toBe(0);
    expect(output).toContain('Initializing the backend...');
    expect(output).not.toMatch(schemaErrors);
    expect(output).toMatch(/credential/i);
  }, 120000);

  test('the azurerm block (use_azuread_auth) passes the schema and stops at signing in', () => {
    const { status, output } = initBackend(remote.stacks['aks-phonebill-dev'].terraform);
    expect(status).not.toBe(0);
    expect(output).toContain('Initializing the backend...');
    expect(output).not.toMatch(schemaErrors);
    expect(output).toMatch(/authoriz|credential|Azure CLI/i);
  }, 120000);

  test('a misspelt argument is refused, so the check can fail', () => {
    const block = structuredClone(remote.stacks['aws-efs'].terraform);
    block.backend.s3.use_lockfiles = block.backend.s3.use_lockfile;
    delete block.backend.s3.use_lockfile;
    const { status, output } = initBackend(block);
    expect(status).not.toBe(0);
    expect(output).toMatch(/No argument or block type is named "use_lockfiles"/);
  }, 120000);
});
