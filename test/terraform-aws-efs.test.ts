import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdktf';
import { AwsEfsStack } from '../apps/stacks/aws-efs';
import { AwsEfsWorkloadStack } from '../apps/stacks/aws-efs-workload';
import { loadDist, REPO_ROOT } from './support/manifests';
import { passwordLiteralLines } from './support/password-scan';
import { cdktfSynth, planVariables, terraformPlan, terraformTools, terraformValidate } from './support/terraform';

const stack = new AwsEfsStack(Testing.app(), 'aws-efs');
const synthesized = Testing.synth(stack);
const json = JSON.parse(synthesized);
const resources = (type: string): any[] => Object.values(json.resource[type] ?? {});

describe('stack aws-efs', () => {
  test('uses the AWS provider only', () => {
    expect(Object.keys(json.provider)).toEqual(['aws']);
    expect(json.terraform.required_providers.aws.version).toBe('5.100.0');
  });

  test('the file system is encrypted at rest, backed up, tiered, and cannot be destroyed by accident', () => {
    expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_efs_file_system', {
      encrypted: true,
      lifecycle: { prevent_destroy: true },
      lifecycle_policy: [{ transition_to_ia: 'AFTER_30_DAYS' }, { transition_to_primary_storage_class: 'AFTER_1_ACCESS' }],
    })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_efs_backup_policy', { backup_policy: { status: 'ENABLED' } })).toBe(true);
  });

  test('the file system policy: the CSI driver role mounts and writes through the access point only, never as root, always over TLS', () => {
    const [document] = Object.entries<any>(json.data.aws_iam_policy_document);
    expect(resources('aws_efs_file_system_policy')[0].policy).toBe(`\${data.aws_iam_policy_document.${document[0]}.json}`);
    const fs = `\${aws_efs_file_system.${Object.keys(json.resource.aws_efs_file_system)[0]}.arn}`;
    const ap = `\${aws_efs_access_point.${Object.keys(json.resource.aws_efs_access_point)[0]}.arn}`;
    const role = '${var.efs_csi_driver_role_arn}';
    const statements: any[] = document[1].statement;
    expect(statements.filter((s) => s.effect === 'Allow')).toEqual([{
      sid: 'AllowCsiDriverThroughAccessPoint', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [role] }], resources: [fs],
      actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      condition: [
        { test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn', values: [ap] },
        { test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] },
      ],
    }]);
    const deny = (sid: string) => statements.find((s) => s.sid === sid);
    for (const s of statements.filter((x) => x.effect === 'Deny')) expect(s).toMatchObject({ principals: [{ type: 'AWS', identifiers: ['*'] }], resources: [fs] });
    expect(deny('DenyRootAccess').actions).toEqual(['elasticfilesystem:ClientRootAccess']);
    expect(deny('DenyRootAccess')).not.toHaveProperty('condition');
    expect(deny('DenyOtherPrincipals').condition).toEqual([{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [role] }]);
    expect(deny('DenyMountsOutsideAccessPoint').condition).toEqual([{ test: 'StringNotEquals', variable: 'elasticfilesystem:AccessPointArn', values: [ap] }]);
    expect(deny('DenyUnencryptedTransport')).toMatchObject({ actions: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] });
    expect(statements.map((s) => s.sid)).toEqual(['AllowCsiDriverThroughAccessPoint', 'DenyOtherPrincipals', 'DenyMountsOutsideAccessPoint', 'DenyRootAccess', 'DenyUnencryptedTransport']);
  });

  test('the CSI driver role is a variable that must be an IAM role ARN (terraform plan on the variable alone)', () => {
    const variables = { efs_csi_driver_role_arn: json.variable.efs_csi_driver_role_arn };
    const role = planVariables(variables, { efs_csi_driver_role_arn: 'arn:aws:iam::123456789012:role/AmazonEKS_EFS_CSI_DriverRole' });
    expect(role.ok).toBe(true);
    const user = planVariables(variables, { efs_csi_driver_role_arn: 'arn:aws:iam::123456789012:user/someone' });
    expect(user.ok).toBe(false);
    expect(user.output).toContain('efs_csi_driver_role_arn must be an IAM role ARN');
  }, 60000);

  test('Terraform 1.11 or newer', () => {
    expect(json.terraform.required_version).toBe('>= 1.11');
  });

  test('NFS (2049) is admitted only from the cluster CIDRs or security groups', () => {
    expect(resources('aws_security_group')[0]).not.toHaveProperty('ingress');
    const rules = resources('aws_vpc_security_group_ingress_rule');
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect(rule).toMatchObject({ ip_protocol: 'tcp', from_port: 2049, to_port: 2049, count: expect.stringMatching(/length\(var\.cluster_(cidrs|security_group_ids)\)/) });
    expect(rules.map((r) => r.cidr_ipv4 ?? r.referenced_security_group_id)).toEqual([
      '${element(var.cluster_cidrs, count.index)}', '${element(var.cluster_security_group_ids, count.index)}',
    ]);
  });

  test('one mount target per given subnet, and at least two subnets', () => {
    expect(resources('aws_efs_mount_target')[0]).toMatchObject({ count: '${length(var.subnet_ids)}', subnet_id: '${element(var.subnet_ids, count.index)}' });
    expect(json.variable.subnet_ids.validation[0].condition).toBe('${length(var.subnet_ids) >= 2}');
  });

  test('the access point makes uid/gid 999 own the data directory', () => {
    expect(Testing.toHaveResourceWithProperties(synthesized, 'aws_efs_access_point', {
      posix_user: { uid: 999, gid: 999 },
      root_directory: { path: '/postgresql', creation_info: { owner_uid: 999, owner_gid: 999, permissions: '700' } },
    })).toBe(true);
  });

  test('VPC, subnets and cluster ranges are variables; the ids are outputs', () => {
    expect(Object.keys(json.variable).sort()).toEqual(['cluster_cidrs', 'cluster_security_group_ids', 'efs_csi_driver_role_arn', 'region', 'subnet_ids', 'vpc_id']);
    expect(Object.keys(json.output).sort()).toEqual(['access_point_id', 'file_system_id', 'volume_handle']);
  });
});

describe('stack aws-efs-workload', () => {
  const workload = new AwsEfsWorkloadStack(Testing.app(), 'aws-efs-workload', { clientCidrs: ['10.0.0.0/16'] });
  const text = Testing.synth(workload);
  const w = JSON.parse(text);

  test('deploys every object of the aws-efs environment through the kubernetes provider', () => {
    expect(Object.keys(w.provider)).toEqual(['kubernetes']);
    const manifests = Object.values<any>(w.resource.kubernetes_manifest).map((m) => `${m.manifest.kind}/${m.manifest.metadata.name}`).sort();
    expect(manifests).toEqual(loadDist()['aws-efs'].map((o) => `${o.kind}/${o.metadata.name}`).sort());
  });

  test('the PersistentVolume points at the file system and access point variables', () => {
    const pv = Object.values<any>(w.resource.kubernetes_manifest).find((m) => m.manifest.kind === 'PersistentVolume');
    expect(pv.manifest.spec.csi.volumeHandle).toBe('${var.file_system_id}::${var.access_point_id}');
  });

  test('Secrets come from sensitive variables, write-only, never from literals', () => {
    const secrets = Object.values<any>(w.resource.kubernetes_secret_v1);
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual(['postgres-logins', 'postgres-superuser']);
    for (const secret of secrets) {
      expect(secret).not.toHaveProperty('data');
      for (const value of Object.values<string>(secret.data_wo)) expect(value).toMatch(/^\$\{var\.[a-z0-9_]+\}$/);
    }
    for (const name of ['postgres_superuser__password', 'postgres_logins__app_user_password', 'postgres_logins__manager_user_password']) {
      expect(w.variable[name]).toMatchObject({ type: 'string', sensitive: true });
    }
  });

  test('no password literal in the synthesized JSON', () => {
    expect(passwordLiteralLines(JSON.stringify(w, null, 1))).toEqual([]);
  });

  test('the EfsVolume\'s own rules check the id variables again before any manifest is applied (terraform plan on the gate)', () => {
    const [gateId, gate] = Object.entries<any>(w.resource.terraform_data)[0];
    for (const manifest of Object.values<any>(w.resource.kubernetes_manifest)) expect(manifest.depends_on).toContain(`terraform_data.${gateId}`);
    // Their values pass the variables' own validation; the gate holds for any feed of the volume.
    const ids = ['file_system_id', 'access_point_id'];
    const variables = Object.fromEntries(ids.map((id) => [id, { type: 'string' }]));
    const config = { variable: variables, resource: { terraform_data: { [gateId]: gate } } };
    const plan = (values: Record<string, string>) => terraformPlan(config, values);
    expect(plan({ file_system_id: 'fs-0123456789abcdef0', access_point_id: 'fsap-0123456789abcdef0' }).ok).toBe(true);
    const refused = plan({ file_system_id: 'fs-0123456789abcdef0#', access_point_id: 'fsap-0123456789abcdef0' });
    expect(refused.output).toContain('EfsVolume \'aws-efs/postgres-efs\': fileSystemId "fs-0123456789abcdef0#" is not an EFS file system id');
    expect(refused.ok).toBe(false);
  }, 60000);
});


describe('npx cdktf synth and terraform validate', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('synthesizes every stack offline', () => {
    const printed = cdktfSynth(REPO_ROOT, outdir);
    // The CLI wraps the list at the terminal width.
    const listed = printed.slice(printed.indexOf('Generated Terraform code for the stacks:')).replace(/\s+/g, ' ');
    expect(listed).toContain('Generated Terraform code for the stacks: aks-phonebill-dev, aws-efs, aws-efs-workload, prod-operator, solid-cloud');
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['aks-phonebill-dev', 'aws-efs', 'aws-efs-workload', 'prod-operator', 'solid-cloud']);
    for (const stackName of readdirSync(join(outdir, 'stacks'))) {
      expect(passwordLiteralLines(readFileSync(join(outdir, 'stacks', stackName, 'cdk.tf.json'), 'utf8'))).toEqual([]);
    }
  }, 120000);

  // One `terraform validate` for both checks: the AWS provider's schema takes several CPU seconds
  // to load each time the provider starts.
  test('terraform init (from the provider mirror) and validate pass on aws-efs; a broken module beside it fails, so the check can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-'));
    try {
      const stack = JSON.parse(readFileSync(join(outdir, 'stacks', 'aws-efs', 'cdk.tf.json'), 'utf8'));
      const fileSystem = structuredClone(Object.values<any>(stack.resource.aws_efs_file_system)[0]);
      fileSystem.encrypted = 'definitely';
      fileSystem.no_such_argument = true;
      mkdirSync(join(dir, 'broken'));
      writeFileSync(join(dir, 'broken', 'main.tf.json'), JSON.stringify({ resource: { aws_efs_file_system: { broken: fileSystem } } }));
      writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ ...stack, module: { ...stack.module, broken: { source: './broken' } } }));
      const { init, validate } = terraformValidate(dir, terraformTools());
      expect(init.stderr).toBe('');
      expect(init.status).toBe(0);
      const result = JSON.parse(validate.stdout);
      expect(result.valid).toBe(false);
      const where = (d: any) => `${d.range?.filename ?? '(no file)'}: ${d.summary}`;
      // nothing in the stack itself; exactly the two faults of the broken module
      expect(result.diagnostics.map(where).sort()).toEqual([
        'broken/main.tf.json: Extraneous JSON object property',
        'broken/main.tf.json: Incorrect attribute value type',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});
