import { spawnSync } from 'child_process';
import { App, Chart } from 'cdk8s';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { BackupCronJob, BackupStorage, EfsVolume, PostgresStatefulSet } from '../lib';
import { isDeployTimeReference } from '../lib/private/terraform-tokens';
import { ChartManifests } from '../lib/terraform/kubernetes';
import { refused } from './support/errors';
import { REPO_ROOT, synth, testChart } from './support/manifests';
import { terraformPlan } from './support/terraform';

/**
 * Issue 22, "Tokens only where they resolve": a `${…}` string is accepted only where it is a
 * cdktf token, which a Terraform stack resolves; its value is then checked by Terraform itself,
 * with the construct's own rule, before any manifest is applied. Everything else is checked as
 * it is, in plain cdk8s charts and in stacks alike.
 */

const GUID = '6e5b1a5d-0f1a-4c1e-9d0b-3f2a1c4b5d6e';

function backup(chart: Chart, upload: Record<string, string>) {
  const server = new PostgresStatefulSet(chart, 'shop-db', { namespace: 'shop' });
  return new BackupCronJob(chart, 'backup', { server, storage: BackupStorage.newClaim({ size: '10Gi' }), upload: upload as any });
}

describe('what counts as a Terraform token', () => {
  test('a token cdktf issued, alone, is one', () => {
    const variable = new TerraformVariable(new TerraformStack(Testing.app(), 's'), 'account', { type: 'string' });
    expect(isDeployTimeReference(variable.stringValue)).toBe(true);
  });

  test.each([
    ['a raw ${…} string', 'attacker.example#${x}'],
    ['a token key cdktf never issued', '${TfToken[TOKEN.987654321]}'],
    ['text shaped like a token with a key cdktf cannot have', '${TfToken[a b]}'],
    ['Terraform interpolation written by hand', '${var.account}'],
  ])('%s is not', (_name, value) => {
    expect(isDeployTimeReference(value)).toBe(false);
  });

  test('a real token with text around it is not (its value alone could be checked)', () => {
    const variable = new TerraformVariable(new TerraformStack(Testing.app(), 's'), 'account', { type: 'string' });
    expect(isDeployTimeReference(`evil.example#${variable.stringValue}`)).toBe(false);
    expect(isDeployTimeReference(`${variable.stringValue}${variable.stringValue}`)).toBe(false);
  });

  test('the main entry loads cdktf only when a value looks like its token', () => {
    const script = [
      "const { isDeployTimeReference } = require('./lib/private/terraform-tokens.ts');",
      "const lib = require('./lib/index.ts');",
      "const loaded = () => Object.keys(require.cache).filter((f) => /node_modules[\\\\/]cdktf[\\\\/]/.test(f)).length > 0;",
      "const before = [isDeployTimeReference('attacker.example#${x}'), isDeployTimeReference('${var.x}'), loaded(), typeof lib.BackupCronJob];",
      "const after = [isDeployTimeReference('${TfToken[TOKEN.1]}'), loaded()];",
      'console.log(JSON.stringify([before, after]));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['-r', './scripts/register-ts.js', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // No token registered in that process: shaped like one, it is still refused, and only then was cdktf looked at.
    expect(JSON.parse(run.stdout)).toEqual([[false, false, false, 'function'], [false, true]]);
  }, 60000);
});

describe('in a plain cdk8s chart every string is checked', () => {
  const OWNER = "BackupCronJob 'test/backup':";
  test.each([
    ['an account name that sends the dumps elsewhere', { accountName: 'attacker.example#${x}' },
      `${OWNER} upload.accountName "attacker.example#\${x}" is not a storage account name (3 to 24 lower-case letters and digits)`],
    ['a container name with ${…}', { accountName: 'shopbackups', containerName: '${var.container}' },
      `${OWNER} upload.containerName "\${var.container}" is not a blob container name (3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit)`],
    ['a client ID with ${…}', { accountName: 'shopbackups', clientId: '${azurerm_user_assigned_identity.x.client_id}' },
      `${OWNER} upload.clientId "\${azurerm_user_assigned_identity.x.client_id}" is not a client ID (a GUID such as 00000000-0000-0000-0000-000000000000)`],
    ['text shaped like a token', { accountName: '${TfToken[TOKEN.987654321]}' },
      `${OWNER} upload.accountName "\${TfToken[TOKEN.987654321]}" is not a storage account name (3 to 24 lower-case letters and digits); a Terraform token is taken only as the whole value, so that its value can be checked`],
  ])('refuses %s', (_name, upload, message) => {
    expect(refused(() => backup(testChart(), upload))).toBe(message);
  });

  test.each([
    ['a file system id', { fileSystemId: 'fs-01234567#${x}' },
      `EfsVolume 'test/v': fileSystemId "fs-01234567#\${x}" is not an EFS file system id ('fs-' and 8 or 17 hexadecimal digits, e.g. 'fs-0123456789abcdef0')`],
    ['an access point id', { fileSystemId: 'fs-01234567', accessPointId: '${var.access_point}' },
      `EfsVolume 'test/v': accessPointId "\${var.access_point}" is not an EFS access point id ('fsap-' and 17 hexadecimal digits, e.g. 'fsap-0123456789abcdef0')`],
  ])('refuses %s with ${…}', (_name, ids, message) => {
    expect(refused(() => EfsVolume.fromFileSystemId(testChart(), 'v', { namespace: 'db', ...ids }))).toBe(message);
  });

  test('the same values without ${…} pass', () => {
    const chart = testChart();
    backup(chart, { accountName: 'shopbackups', containerName: 'pg-dumps', clientId: GUID });
    EfsVolume.fromFileSystemId(chart, 'v', { namespace: 'db', fileSystemId: 'fs-01234567', accessPointId: 'fsap-0123456789abcdef0' });
    expect(() => synth(chart)).not.toThrow();
  });

  test('a real token is accepted at construction, but a cdk8s synth refuses to write it unresolved', () => {
    const account = new TerraformVariable(new TerraformStack(Testing.app(), 's'), 'account', { type: 'string' }).stringValue;
    const chart = testChart();
    backup(chart, { accountName: account });
    expect(() => synth(chart)).toThrow(`[test/backup] BackupCronJob 'test/backup': upload.accountName "${account}" is a Terraform token, which only a Terraform stack resolves (deploy this chart with ChartManifests); a plain cdk8s synth would write it unresolved`);
    expect(() => App.of(chart).synth()).toThrow('is a Terraform token, which only a Terraform stack resolves');
  });
});


describe('through ChartManifests, Terraform checks the tokens\' values with the same rules', () => {
  const stack = new TerraformStack(Testing.app(), 'workload');
  const variable = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
  const chart = new Chart(new App({ outdir: '/nonexistent' }), 'env');
  backup(chart, { accountName: variable('account'), containerName: variable('container'), clientId: variable('client_id') });
  const efs = EfsVolume.fromFileSystemId(chart, 'efs', { namespace: 'shop', fileSystemId: variable('file_system_id'), accessPointId: variable('access_point_id') });
  new PostgresStatefulSet(chart, 'on-efs', { namespace: 'shop', dataVolume: efs });
  const manifests = new ChartManifests(stack, 'Workload', { chart });
  const json = JSON.parse(Testing.synth(stack));
  const [gateId, gate] = Object.entries<any>(json.resource.terraform_data)[0];
  const config = { variable: json.variable, resource: { terraform_data: { [gateId]: gate } } };
  const ids = { account: 'shopbackups', container: 'pg-dumps', client_id: GUID, file_system_id: 'fs-0123456789abcdef0', access_point_id: 'fsap-0123456789abcdef0' };
  // The password variables ChartManifests declares for the chart's Secrets.
  const passwords = Object.fromEntries(Object.entries<any>(json.variable).filter(([name, v]) => v.default === undefined && !(name in ids)).map(([name]) => [name, 'x'.repeat(16)]));
  const good = { ...ids, ...passwords };

  test('one terraform_data resource holds a precondition per token, and every manifest waits for it', () => {
    expect(gate.lifecycle.precondition.map((p: any) => p.error_message.replace(/ \$\{.*\)\} /, ' … '))).toEqual([
      "BackupCronJob 'env/backup': upload.accountName … is not a storage account name (3 to 24 lower-case letters and digits).",
      "BackupCronJob 'env/backup': upload.containerName … is not a blob container name (3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit).",
      "BackupCronJob 'env/backup': upload.clientId … is not a client ID (a GUID such as 00000000-0000-0000-0000-000000000000).",
      "EfsVolume 'env/efs': fileSystemId … is not an EFS file system id ('fs-' and 8 or 17 hexadecimal digits, e.g. 'fs-0123456789abcdef0').",
      "EfsVolume 'env/efs': accessPointId … is not an EFS access point id ('fsap-' and 17 hexadecimal digits, e.g. 'fsap-0123456789abcdef0').",
    ]);
    const manifestsJson = Object.values<any>(json.resource.kubernetes_manifest);
    expect(manifestsJson.length).toBeGreaterThan(5);
    for (const m of manifestsJson) expect(m.depends_on).toContain(`terraform_data.${gateId}`);
    expect(manifests.resources).toHaveLength(manifestsJson.length + Object.keys(json.resource.kubernetes_secret_v1 ?? {}).length + 1);
  });

  test('the tokens resolve in the manifests', () => {
    const cronJob = Object.values<any>(json.resource.kubernetes_manifest).find((m) => m.manifest.kind === 'CronJob').manifest;
    const env = cronJob.spec.jobTemplate.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'BLOB_ENDPOINT', value: 'https://${var.account}.blob.core.windows.net' });
    const pv = Object.values<any>(json.resource.kubernetes_manifest).find((m) => m.manifest.kind === 'PersistentVolume').manifest;
    expect(pv.spec.csi.volumeHandle).toBe('${var.file_system_id}::${var.access_point_id}');
  });

  test('terraform plan accepts good values', () => {
    const result = terraformPlan(config, good);
    expect(result.output).toContain('Plan: 1 to add');
    expect(result.ok).toBe(true);
  }, 60000);

  test.each([
    ['an account name that sends the dumps elsewhere', { account: 'attacker.example#' },
      'BackupCronJob \'env/backup\': upload.accountName "attacker.example#" is not a storage account name (3 to 24 lower-case letters and digits).'],
    ['a container name with a double hyphen', { container: 'pg--dumps' },
      'BackupCronJob \'env/backup\': upload.containerName "pg--dumps" is not a blob container name'],
    ['a client ID that is no GUID', { client_id: 'backup-identity' },
      'BackupCronJob \'env/backup\': upload.clientId "backup-identity" is not a client ID'],
    ['a file system id that is a volume handle', { file_system_id: 'fs-01234567::fsap-0123456789abcdef0' },
      'EfsVolume \'env/efs\': fileSystemId "fs-01234567::fsap-0123456789abcdef0" is not an EFS file system id'],
    ['an access point id of the wrong length', { access_point_id: 'fsap-123' },
      'EfsVolume \'env/efs\': accessPointId "fsap-123" is not an EFS access point id'],
  ])('terraform plan refuses %s, with the construct\'s message', (_name, bad, message) => {
    const result = terraformPlan(config, { ...good, ...bad });
    expect(result.output).toContain('Resource precondition failed');
    expect(result.output).toContain(message);
    expect(result.ok).toBe(false);
  }, 60000);
});
