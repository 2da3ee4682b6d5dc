import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { AwsEfsStack } from '../apps/stacks/aws-efs';
import { AwsEfsWorkloadStack } from '../apps/stacks/aws-efs-workload';
import { S3BackupStorage, S3BackupUploadRole } from '../lib/terraform/aws';
import { loadDist, only, REPO_ROOT } from './support/manifests';
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
    const document = Object.entries<any>(json.data.aws_iam_policy_document).find(([name]) => name.startsWith('PostgresData_'))!;
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

  test('VPC, subnets, cluster and bucket are variables; the ids and the bucket are outputs', () => {
    expect(Object.keys(json.variable).sort()).toEqual(['backup_bucket_name', 'cluster_cidrs', 'cluster_name', 'cluster_security_group_ids', 'efs_csi_driver_role_arn', 'region', 'subnet_ids', 'vpc_id']);
    expect(Object.keys(json.output).sort()).toEqual(['access_point_id', 'backup_bucket', 'file_system_id', 'volume_handle']);
  });

  test('the backup bucket: private, encrypted, TLS 1.2 only, no overwrites, versioned, dumps expire after 30 days, kept on terraform destroy', () => {
    const [bucket] = resources('aws_s3_bucket');
    expect(bucket.bucket).toBe('${var.backup_bucket_name}');
    expect(bucket.lifecycle.prevent_destroy).toBe(true);
    // a name Terraform knows only at plan time is checked there, by the upload's own rule
    expect(bucket.lifecycle.precondition[0].error_message).toContain('is not an S3 bucket name the upload can address');
    expect(resources('aws_s3_bucket_public_access_block')[0]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(resources('aws_s3_bucket_ownership_controls')[0].rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(resources('aws_s3_bucket_server_side_encryption_configuration')[0].rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
    expect(resources('aws_s3_bucket_versioning')[0].versioning_configuration).toEqual({ status: 'Enabled' });
    const [rule] = resources('aws_s3_bucket_lifecycle_configuration')[0].rule;
    expect(rule).toMatchObject({ status: 'Enabled', expiration: [{ days: 30 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] });
    const tls = Object.entries<any>(json.data.aws_iam_policy_document).find(([name]) => name.startsWith('Backups_'))![1];
    expect(tls.statement.map((s: any) => [s.effect, s.actions, s.condition])).toEqual([
      ['Deny', ['s3:*'], [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }]],
      // a stolen upload credential cannot overwrite a dump: only If-None-Match writes
      ['Deny', ['s3:PutObject'], [{ test: 'Null', variable: 's3:if-none-match', values: ['true'] }]],
      ['Deny', ['s3:*'], [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }]],
    ]);
  });

  test('the upload role: assumed by EKS Pod Identity only, for the backup CronJob\'s ServiceAccount, allowed to put dumps under its server\'s prefix and nothing else', () => {
    const [association] = resources('aws_eks_pod_identity_association');
    expect(association).toMatchObject({ cluster_name: '${var.cluster_name}', namespace: 'default', service_account: 'postgres-backup' });
    const documents = Object.entries<any>(json.data.aws_iam_policy_document);
    const trust = documents.find(([name]) => name.startsWith('BackupUpload_Trust'))![1];
    expect(trust.statement).toEqual([{ effect: 'Allow', principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }], actions: ['sts:AssumeRole', 'sts:TagSession'] }]);
    const write = documents.find(([name]) => name.startsWith('BackupUpload_Write'))![1];
    const bucket = `\${aws_s3_bucket.${Object.keys(json.resource.aws_s3_bucket)[0]}.arn}`;
    expect(write.statement).toEqual([{ effect: 'Allow', actions: ['s3:PutObject'], resources: [`${bucket}/default/postgres/*`] }]);
    // the prefix and account are the ones the CronJob in dist/ writes under and runs as
    const cronJob = only(loadDist()['aws-efs'], 'CronJob', 'postgres-backup');
    const upload = cronJob.spec.jobTemplate.spec.template.spec.containers.find((c: any) => c.name === 'upload');
    expect(upload.env.find((e: any) => e.name === 'S3_PREFIX').value).toBe('default/postgres');
    expect(cronJob.spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('postgres-backup');
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
    const ids = ['file_system_id', 'access_point_id', 'backup_bucket', 'region'];
    const variables = Object.fromEntries(ids.map((id) => [id, { type: 'string' }]));
    const config = { variable: variables, resource: { terraform_data: { [gateId]: gate } } };
    const plan = (values: Record<string, string>) => terraformPlan(config, values);
    const good = { file_system_id: 'fs-0123456789abcdef0', access_point_id: 'fsap-0123456789abcdef0', backup_bucket: 'postgres-backups', region: 'ap-northeast-2' };
    expect(plan(good).ok).toBe(true);
    // the backup upload's bucket and region are checked the same way
    const dotted = plan({ ...good, backup_bucket: 'postgres.backups' });
    expect(dotted.output).toContain('is not an S3 bucket name the upload can address');
    expect(dotted.ok).toBe(false);
    const refused = plan({ ...good, file_system_id: 'fs-0123456789abcdef0#' });
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

describe('S3BackupStorage and S3BackupUploadRole refuse what the upload could not use', () => {
  const stack = () => new TerraformStack(Testing.app(), 'consumer');
  test.each([
    ['a bucket name with dots', () => new S3BackupStorage(stack(), 'Backups', { bucketName: 'shop.backups' }), `S3BackupStorage 'consumer/Backups': bucketName "shop.backups" is not an S3 bucket name the upload can address`],
    ['a retention of no days', () => new S3BackupStorage(stack(), 'Backups', { bucketName: 'shop-backups', retentionDays: 0 }), `S3BackupStorage 'consumer/Backups': retentionDays 0 must be an integer`],
    ['the default ServiceAccount', () => new S3BackupUploadRole(stack(), 'Upload', { name: 'r', clusterName: 'c', namespace: 'shop', serviceAccountName: 'default', bucketArn: 'arn:aws:s3:::b', prefix: 'shop/db' }), `S3BackupUploadRole 'consumer/Upload': serviceAccountName "default" is the namespace's default ServiceAccount`],
    ['a prefix with a wildcard', () => new S3BackupUploadRole(stack(), 'Upload', { name: 'r', clusterName: 'c', namespace: 'shop', serviceAccountName: 'db-backup', bucketArn: 'arn:aws:s3:::b', prefix: 'shop/*' }), `S3BackupUploadRole 'consumer/Upload': prefix "shop/*" is not a key prefix`],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});
