import { Testing } from 'cdktf';
import { AksPhonebillDevStack } from '../apps/stacks/aks-phonebill-dev';
import { AwsEfsStack } from '../apps/stacks/aws-efs';
import { Finding, reviewObjects, reviewTerraform, TerraformStack } from '../lib/review';
import { findingsOfBothPaths } from '../lib/review/both-paths';

// The stacks as apps/terraform.ts synthesizes them, and the same JSON edited the way a change of
// the stack code would change it.

const aws = JSON.parse(Testing.synth(new AwsEfsStack(Testing.app(), 'aws-efs')));
const aks = JSON.parse(Testing.synth(new AksPhonebillDevStack(Testing.app(), 'aks-phonebill-dev')));
const stack = (name: string, json: object): TerraformStack => ({ name, environment: name === 'aws-efs' ? 'aws-efs' : 'aks-phonebill-dev', json });
/** The review of the stack against a copy changed by `edit`. */
const edited = (name: string, json: any, edit: (copy: any) => void): Finding[] => {
  const copy = structuredClone(json);
  edit(copy);
  return reviewTerraform([stack(name, json)], [stack(name, copy)]);
};
const one = (type: string, json: any): [string, any] => {
  const entries = Object.entries<any>(json.resource[type]);
  expect(entries).toHaveLength(1);
  return entries[0];
};
const [fsName] = one('aws_efs_file_system', aws);
const [accountName] = one('azurerm_storage_account', aks);
const [containerName] = one('azurerm_storage_container', aks);
const manifest = (json: any, kind: string, name: string) => Object.entries<any>(json.resource.kubernetes_manifest).find(([, m]) => m.manifest.kind === kind && m.manifest.metadata.name === name)!;

describe('Terraform: no-op', () => {
  test('both stacks synthesized twice review as nothing', () => {
    const again = [stack('aws-efs', JSON.parse(Testing.synth(new AwsEfsStack(Testing.app(), 'aws-efs')))), stack('aks-phonebill-dev', JSON.parse(Testing.synth(new AksPhonebillDevStack(Testing.app(), 'aks-phonebill-dev'))))];
    expect(reviewTerraform([stack('aws-efs', aws), stack('aks-phonebill-dev', aks)], again)).toEqual([]);
  });
});

describe('Terraform: refused', () => {
  test('a new performance mode replaces the EFS file system, which prevent_destroy stops', () => {
    expect(edited('aws-efs', aws, (j) => { j.resource.aws_efs_file_system[fsName].performance_mode = 'maxIO'; })).toEqual([{
      environment: 'aws-efs',
      target: `terraform:aws-efs/aws_efs_file_system.${fsName}`,
      path: 'performance_mode',
      risk: 'refused',
      applies: 'refused',
      data: 'kept',
      access: 'same',
      message: 'performance_mode: generalPurpose -> maxIO forces a new resource, and lifecycle.prevent_destroy makes terraform plan stop ("Instance cannot be destroyed")',
      steps: ['keep the current value; to move the data, create the new resource beside the old one under another name, copy the data, then remove the old one on purpose'],
    }]);
  });
});

describe('Terraform: data-loss', () => {
  test('the EFS file system removed', () => {
    const findings = edited('aws-efs', aws, (j) => { delete j.resource.aws_efs_file_system[fsName]; });
    expect(findings.find((f) => f.target === `terraform:aws-efs/aws_efs_file_system.${fsName}`)).toMatchObject({
      risk: 'data-loss',
      message: `aws_efs_file_system.${fsName} is removed: terraform apply destroys it, and with it the database files on it`,
    });
  });

  test('without prevent_destroy, a replaced file system loses its files', () => {
    const findings = edited('aws-efs', aws, (j) => { j.resource.aws_efs_file_system[fsName].lifecycle = {}; j.resource.aws_efs_file_system[fsName].encrypted = false; });
    expect(findings.map((f) => `${f.risk} ${f.path} | ${f.message}`)).toEqual([
      `data-loss encrypted | encrypted: true -> false forces a new resource: terraform apply destroys aws_efs_file_system.${fsName} and creates it again, losing the database files on it`,
    ]);
  });

  test('a storage account of another tier is a new account, without the backups', () => {
    const findings = edited('aks-phonebill-dev', aks, (j) => { j.resource.azurerm_storage_account[accountName].account_tier = 'Premium'; });
    expect(findings.map((f) => `${f.risk} ${f.target} ${f.path}`)).toEqual([`data-loss terraform:aks-phonebill-dev/azurerm_storage_account.${accountName} account_tier`]);
  });

  test('the StatefulSet manifest removed', () => {
    const [address] = manifest(aks, 'StatefulSet', 'postgresql-product-change');
    const findings = edited('aks-phonebill-dev', aks, (j) => { delete j.resource.kubernetes_manifest[address]; });
    expect(findings.map((f) => `${f.risk} ${f.message}`)).toEqual([
      `data-loss kubernetes_manifest.${address} is removed: terraform apply destroys it, and with it the data of StatefulSet postgresql-product-change`,
    ]);
  });
});

describe('Terraform: downtime', () => {
  test('a manifest is reviewed as the object it holds: max_connections restarts the server', () => {
    const [address] = manifest(aks, 'ConfigMap', 'postgresql-product-change-config');
    const findings = edited('aks-phonebill-dev', aks, (j) => {
      const data = j.resource.kubernetes_manifest[address].manifest.data;
      data['postgresql.conf'] = data['postgresql.conf'].replace('max_connections = 100', 'max_connections = 200');
    });
    expect(findings.map((f) => `${f.risk} ${f.target} ${f.path}: ${f.message}`)).toEqual([
      `downtime terraform:aks-phonebill-dev/kubernetes_manifest.${address} manifest.data["postgresql.conf"].max_connections: max_connections 100 -> 200: PostgreSQL reads it only at server start (pg_settings.context postmaster); the server restarts to apply it`,
    ]);
  });
});

describe('Terraform: security', () => {
  test('a public container, network rules that allow everyone, wider authorized ranges', () => {
    expect(edited('aks-phonebill-dev', aks, (j) => { j.resource.azurerm_storage_container[containerName].container_access_type = 'blob'; }).map((f) => `${f.risk} ${f.message}`))
      .toEqual([`security azurerm_storage_container.${containerName}: container access private -> blob (anonymous reads)`]);
    expect(edited('aks-phonebill-dev', aks, (j) => { j.resource.azurerm_storage_account[accountName].network_rules.default_action = 'Allow'; }).map((f) => `${f.risk} ${f.path}`))
      .toEqual(['security network_rules.default_action']);
    const ranges = (before: string[], after: string[]) => reviewTerraform(
      [stack('aks-phonebill-dev', { variable: { api_server_authorized_ip_ranges: { default: before } } })],
      [stack('aks-phonebill-dev', { variable: { api_server_authorized_ip_ranges: { default: after } } })],
    ).map((f) => `${f.risk} ${f.target}: ${f.message}`);
    expect(ranges(['203.0.113.0/24'], ['203.0.113.0/24', '198.51.100.0/24'])).toEqual(['security terraform:aks-phonebill-dev/var.api_server_authorized_ip_ranges: the default of api_server_authorized_ip_ranges admits more addresses: 198.51.100.0/24']);
    // empty authorized ranges admit every address: emptying widens, a first range narrows
    expect(ranges(['203.0.113.0/24'], [])).toEqual(['security terraform:aks-phonebill-dev/var.api_server_authorized_ip_ranges: the default of api_server_authorized_ip_ranges no longer restricts addresses']);
    expect(ranges([], ['203.0.113.0/24'])).toEqual([]);
  });
});

describe('Terraform: safe', () => {
  test('other tags', () => {
    expect(edited('aws-efs', aws, (j) => { j.resource.aws_efs_file_system[fsName].tags.team = 'data'; }).map((f) => `${f.risk} ${f.path} | ${f.message}`))
      .toEqual(['safe tags.team | tags.team: (none) -> data: updated in place (stack aws-efs)']);
  });
});

describe('Terraform: manifests are reviewed together, as a manifest file is', () => {
  test('the namespace default deny removed from the stack opens the namespace: security, not safe', () => {
    const [address] = manifest(aks, 'NetworkPolicy', 'default-deny');
    const findings = edited('aks-phonebill-dev', aks, (j) => { delete j.resource.kubernetes_manifest[address]; });
    expect(findings.map((f) => `${f.risk} ${f.target}`)).toEqual([`security terraform:aks-phonebill-dev/kubernetes_manifest.${address}`]);
    expect(findings[0].message).toBe('NetworkPolicy default-deny is removed: the traffic it restricted is no longer restricted by it (kubectl apply without --prune leaves it in the cluster)');
  });

  test('retiring the previous server after a declared upgrade keeps its claim: safe, as in the manifest file', () => {
    const [address, statefulSet] = manifest(aks, 'StatefulSet', 'postgresql-product-change');
    const findings = edited('aks-phonebill-dev', aks, (j) => {
      const upgraded = structuredClone(statefulSet);
      upgraded.manifest.metadata.name = 'postgresql-product-change-pg17';
      j.resource.kubernetes_manifest[`${address}-pg17`] = upgraded;
      delete j.resource.kubernetes_manifest[address];
    });
    expect(findings.find((f) => f.target === `terraform:aks-phonebill-dev/kubernetes_manifest.${address}`)).toMatchObject({
      risk: 'safe',
      message: 'StatefulSet postgresql-product-change is retired after the declared upgrade to postgresql-product-change-pg17: its claims stay (retention Retain) until deleted by hand',
    });
    expect(findings.filter((f) => f.risk === 'data-loss')).toEqual([]);
  });
});

describe('an environment deployed both ways: each change once', () => {
  const objectsOf = (json: any) => Object.values<any>(json.resource.kubernetes_manifest).map((m) => m.manifest);
  test('a setting changed in the manifest file and in the stack is one finding; what only Terraform holds stays', () => {
    const copy = structuredClone(aks);
    const [config] = manifest(copy, 'ConfigMap', 'postgresql-product-change-config');
    const data = copy.resource.kubernetes_manifest[config].manifest.data;
    data['postgresql.conf'] = data['postgresql.conf'].replace(/^max_connections = \d+$/m, 'max_connections = 200');
    copy.resource.azurerm_storage_account[accountName].min_tls_version = 'TLS1_0';
    const manifestFindings = reviewObjects(objectsOf(aks), objectsOf(copy), { environment: 'aks-phonebill-dev' });
    const terraformFindings = reviewTerraform([stack('aks-phonebill-dev', aks)], [stack('aks-phonebill-dev', copy)]);
    expect(terraformFindings).toHaveLength(2);
    expect(findingsOfBothPaths(manifestFindings, terraformFindings, [stack('aks-phonebill-dev', aks), stack('aks-phonebill-dev', copy)]).map((f) => `${f.risk} ${f.target} ${f.path}`)).toEqual([
      'downtime ConfigMap/phonebill-dev/postgresql-product-change-config data["postgresql.conf"].max_connections',
      `security terraform:aks-phonebill-dev/azurerm_storage_account.${accountName} min_tls_version`,
    ]);
  });
});
