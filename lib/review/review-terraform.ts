import { Change, commonPath, diff, under } from './diff';
import { Finding, findingOf, Risk } from './finding';
import { reviewObjects, sortFindings } from './review-objects';
import { describe, Emit, KubeObject, show, targetOf } from './kubernetes/objects';

/** One synthesized Terraform stack: its name, its environment and the contents of `cdktf.out/stacks/<stack>/cdk.tf.json`. */
export interface TerraformStack {
  /** The stack's name (`cdktf.out/stacks/<name>`). */
  readonly name: string;
  /** The environment the stack deploys, written into each finding. */
  readonly environment: string;
  /** The parsed `cdk.tf.json`. */
  readonly json: object;
}

/** The environment a stack belongs to: the one of its name, or the longest whose name it extends (aws-efs-workload: aws-efs). */
export function environmentOfStack(stack: string, environments: readonly string[]): string {
  if (environments.includes(stack)) return stack;
  return environments.filter((e) => stack.startsWith(`${e}-`)).sort((a, b) => b.length - a.length)[0] ?? stack;
}

/**
 * Attributes whose change replaces the resource (destroy, then create), from each provider's
 * documentation: "Changing this forces a new resource to be created" (azurerm) or "forces new
 * resource" (aws). A replaced data-bearing resource loses what it stored.
 */
const FORCES_NEW: Record<string, readonly string[]> = {
  // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account
  // (account_replication_type and account_kind only between some values; see replicationReplaces)
  azurerm_storage_account: ['name', 'resource_group_name', 'location', 'account_tier', 'is_hns_enabled', 'nfsv3_enabled', 'edge_zone', 'infrastructure_encryption_enabled', 'queue_encryption_key_type', 'table_encryption_key_type'],
  // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container
  azurerm_storage_container: ['name', 'storage_account_name', 'storage_account_id'],
  // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster
  azurerm_kubernetes_cluster: ['name', 'location', 'resource_group_name', 'dns_prefix', 'dns_prefix_private_cluster', 'node_resource_group', 'private_cluster_enabled', 'disk_encryption_set_id',
    'network_profile.network_plugin', 'network_profile.dns_service_ip', 'network_profile.service_cidr', 'network_profile.pod_cidr', 'network_profile.load_balancer_sku'],
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system
  aws_efs_file_system: ['creation_token', 'encrypted', 'kms_key_id', 'performance_mode', 'availability_zone_name'],
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_access_point
  aws_efs_access_point: ['file_system_id', 'posix_user', 'root_directory'],
};

/** What each data-bearing resource type holds, for messages. */
const HOLDS: Record<string, string> = {
  azurerm_storage_account: 'the backups in its containers',
  azurerm_storage_container: 'the backups in it',
  azurerm_kubernetes_cluster: 'every volume its StorageClasses provisioned with reclaim policy Delete, and everything in the cluster',
  aws_efs_file_system: 'the database files on it',
  aws_efs_access_point: 'the path the server\'s data is reached by (the files stay on the file system)',
};

/** Kubernetes kinds whose removal through a manifest resource loses data. */
const DATA_MANIFEST_KINDS = ['StatefulSet', 'PersistentVolumeClaim', 'PersistentVolume', 'Namespace', 'postgresql'];

/** Replication types between which Azure migrates in place; across the groups azurerm replaces the account. */
const REPLICATION_GROUPS = [['LRS', 'GRS', 'RAGRS'], ['ZRS', 'GZRS', 'RAGZRS']];

type Resource = Record<string, any>;

/**
 * What applying each stack's new configuration does to stored data and access: resources matched
 * by stack name and address `<type>.<name>`. Removing or replacing a data-bearing resource is
 * `data-loss` (or `refused` when its `lifecycle.prevent_destroy` makes Terraform stop the plan);
 * Kubernetes manifests are reviewed as {@link reviewObjects} reviews objects; opened network
 * rules, public access and authorized ranges are `security`, as is dropping the `prevent_destroy`
 * guard of a data-bearing resource (its data at risk); anything else is `safe`.
 * Targets are `terraform:<stack>/<type>.<name>`.
 */
export function reviewTerraform(before: readonly TerraformStack[], after: readonly TerraformStack[]): Finding[] {
  const findings: Finding[] = [];
  const stacks = new Map<string, { before?: TerraformStack; after?: TerraformStack }>();
  for (const s of before) stacks.set(s.name, { ...stacks.get(s.name), before: s });
  for (const s of after) stacks.set(s.name, { ...stacks.get(s.name), after: s });
  for (const [name, pair] of stacks) {
    const environment = pair.after?.environment ?? pair.before?.environment ?? name;
    const old = resourcesOf(pair.before?.json);
    const now = resourcesOf(pair.after?.json);
    const emitter = (address: string): Emit => (risk, path, message, steps = [], effects = {}) => findings.push(findingOf({ environment, target: `terraform:${name}/${address}`, path }, risk, message, steps, effects));
    manifestResources(emitter, name, old, now, environment);
    for (const address of [...new Set([...old.keys(), ...now.keys()])].sort()) {
      if (isManifest(old.get(address) ?? now.get(address)!, address)) continue;
      const emit = emitter(address);
      const type = address.split('.')[0];
      const b = old.get(address);
      const a = now.get(address);
      if (b && !a) removedResource(emit, name, address, type, b);
      else if (!b && a) addedResource(emit, address, type, a);
      else if (b && a) changedResource(emit, name, address, type, b, a);
    }
    variableDefaults(pair.before?.json, pair.after?.json, (variable, risk, path, message) => findings.push(findingOf({ environment, target: `terraform:${name}/var.${variable}`, path }, risk, message, ['check that the wider access is meant'])));
  }
  return sortFindings(findings);
}

/** A `kubernetes_manifest` resource with its object. */
function isManifest(body: Resource, address: string): boolean {
  return address.startsWith('kubernetes_manifest.') && typeof body?.manifest === 'object' && body.manifest !== null;
}

/**
 * The stack's `kubernetes_manifest` resources, reviewed together as the objects they hold (as
 * {@link reviewObjects} reviews a manifest file, so that what a rule needs from the other objects,
 * such as a default deny that stays or the server that replaces a retired one, is there). A removed
 * data-bearing object keeps the Terraform wording and steps of {@link removedResource}.
 */
function manifestResources(emitter: (address: string) => Emit, stack: string, old: Map<string, Resource>, now: Map<string, Resource>, environment: string): void {
  const objects = (resources: Map<string, Resource>) => [...resources].filter(([address, body]) => isManifest(body, address));
  const addressOf = new Map<string, string>();
  for (const [address, body] of [...objects(old), ...objects(now)]) addressOf.set(targetOf(body.manifest as KubeObject), address);
  const before = objects(old).map(([, body]) => body.manifest as object);
  const after = objects(now).map(([, body]) => body.manifest as object);
  for (const f of reviewObjects(before, after, { environment, applyCommand: `npx cdktf deploy ${stack}` })) {
    const address = addressOf.get(f.target)!;
    if (f.risk === 'data-loss' && f.path === '' && !now.has(address)) {
      removedResource(emitter(address), stack, address, 'kubernetes_manifest', old.get(address)!);
      continue;
    }
    emitter(address)(f.risk, f.path === '' ? 'manifest' : `manifest.${f.path}`, f.message, [...f.steps], { applies: f.applies, data: f.data, access: f.access });
  }
}

/** `terraform:<stack>/<address>` of each `kubernetes_manifest` in `stacks`, with the `Kind/namespace/name` of the object it holds. */
export function manifestObjectTargets(stacks: readonly TerraformStack[]): Map<string, string> {
  const targets = new Map<string, string>();
  for (const stack of stacks) {
    for (const [address, body] of resourcesOf(stack.json)) {
      if (isManifest(body, address)) targets.set(`terraform:${stack.name}/${address}`, targetOf(body.manifest as KubeObject));
    }
  }
  return targets;
}

function resourcesOf(json: object | undefined): Map<string, Resource> {
  const found = new Map<string, Resource>();
  const resource = (json as { resource?: Record<string, Record<string, Resource>> } | undefined)?.resource ?? {};
  for (const [type, byName] of Object.entries(resource)) for (const [name, body] of Object.entries(byName ?? {})) found.set(`${type}.${name}`, body);
  return found;
}

function manifestKind(type: string, body: Resource): string | undefined {
  if (type === 'kubernetes_manifest') return body.manifest?.kind;
  const m = /^kubernetes_(persistent_volume_claim|persistent_volume|stateful_set|namespace)(_v1)?$/.exec(type);
  return m ? { persistent_volume_claim: 'PersistentVolumeClaim', persistent_volume: 'PersistentVolume', stateful_set: 'StatefulSet', namespace: 'Namespace' }[m[1]] : undefined;
}

function removedResource(emit: Emit, stack: string, address: string, type: string, body: Resource): void {
  const kind = manifestKind(type, body);
  const holds = HOLDS[type] ?? (kind && DATA_MANIFEST_KINDS.includes(kind) ? `the data of ${kind} ${body.manifest?.metadata?.name ?? ''}`.trim() : undefined);
  if (holds) {
    emit('data-loss', '', `${address} is removed: terraform apply destroys it, and with it ${holds}`, [
      'keep the resource unless its data is no longer needed (renaming it in the code is a destroy and a create: use a moved block or terraform state mv instead)',
      `to keep the object but stop managing it: terraform state rm ${address} (in stack ${stack})`,
    ]);
    return;
  }
  emit('safe', '', `${address} is removed: terraform apply destroys it`);
}

function addedResource(emit: Emit, address: string, type: string, body: Resource): void {
  if (type === 'azurerm_role_assignment') {
    emit('security', '', `${address} grants role ${show(body.role_definition_name ?? body.role_definition_id)} on ${show(body.scope)}`, ['check that the principal and scope are the ones meant']);
    return;
  }
  if (/security_group_ingress_rule$|^aws_security_group_rule$/.test(type)) {
    emit('security', '', `${address} admits ${show(body.cidr_ipv4 ?? body.cidr_blocks ?? body.referenced_security_group_id ?? body.source_security_group_id)} on port ${show(body.from_port)}`, ['check that the range is the one meant']);
    return;
  }
  emit('safe', '', `${address} is added`);
}

function changedResource(emit: Emit, stack: string, address: string, type: string, old: Resource, now: Resource): void {
  const changes = diff(old, now).filter((c) => !under(c.path, 'depends_on') && !under(c.path, '//'));
  if (changes.length === 0) return;
  const replacing = replacementCauses(type, changes);
  if (replacing.length) {
    const why = replacing.map((c) => `${c.path}: ${show(c.before)} -> ${show(c.after)}`).join(', ');
    const holds = HOLDS[type];
    if (now.lifecycle?.prevent_destroy === true) {
      emit('refused', commonPath(replacing.map((c) => c.path)), `${why} forces a new resource, and lifecycle.prevent_destroy makes terraform plan stop ("Instance cannot be destroyed")`, [
        'keep the current value; to move the data, create the new resource beside the old one under another name, copy the data, then remove the old one on purpose',
      ]);
    } else {
      emit(holds ? 'data-loss' : 'safe', commonPath(replacing.map((c) => c.path)), `${why} forces a new resource: terraform apply destroys ${address} and creates it again${holds ? `, losing ${holds}` : ''}`, holds ? [
        'keep the current value, or create the new resource beside the old one, copy the data, then remove the old one on purpose',
      ] : [], { applies: 'by recreating' });
    }
  }
  const wider = widened(type, old, now, changes);
  for (const [path, what] of wider) emit('security', path, `${address}: ${what}`, ['check that the wider access is meant']);
  // a replacement already says what it destroys
  const unguarded = !replacing.length && HOLDS[type] !== undefined && old.lifecycle?.prevent_destroy === true && now.lifecycle?.prevent_destroy !== true;
  if (unguarded) {
    emit('security', 'lifecycle.prevent_destroy', `lifecycle.prevent_destroy true -> ${show(now.lifecycle?.prevent_destroy)}: terraform destroy, or a later change that replaces ${address}, deletes ${HOLDS[type]} without stopping`, [
      'keep the guard unless deleting the data is the purpose of this change',
    ], { data: 'at risk', access: 'same' });
  }
  const guardOnly = (c: Change) => under(c.path, 'lifecycle.prevent_destroy') || (c.path === 'lifecycle' && Object.keys(old.lifecycle ?? {}).every((k) => k === 'prevent_destroy'));
  const rest = unguarded ? changes.filter((c) => !guardOnly(c)) : changes;
  if (!replacing.length && !wider.length && rest.length) {
    emit('safe', commonPath(rest.map((c) => c.path)), `${describe(rest)}: updated in place (stack ${stack})`);
  }
}

function replacementCauses(type: string, changes: Change[]): Change[] {
  const attributes = FORCES_NEW[type] ?? [];
  const causes = changes.filter((c) => attributes.some((a) => under(c.path, a)));
  if (type === 'azurerm_storage_account') {
    const replication = changes.find((c) => c.path === 'account_replication_type');
    const group = (v: unknown) => REPLICATION_GROUPS.findIndex((g) => g.includes(String(v)));
    if (replication && group(replication.before) !== group(replication.after)) causes.push(replication);
    const kind = changes.find((c) => c.path === 'account_kind');
    // Storage -> StorageV2 upgrades the account in place; every other change of kind replaces it.
    if (kind && !(String(kind.before ?? 'StorageV2') === 'Storage' && kind.after === 'StorageV2')) causes.push(kind);
  }
  return causes;
}

/** Access that opens: public access, network rules, authorized ranges, TLS floors, container access. */
function widened(type: string, old: Resource, now: Resource, changes: Change[]): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const turnedOn = (path: string, what: string) => { const c = changes.find((ch) => ch.path === path); if (c && c.after === true && c.before !== true) found.push([path, what]); };
  const turnedOff = (path: string, what: string) => { const c = changes.find((ch) => ch.path === path); if (c && c.before === true && c.after !== true) found.push([path, what]); };
  if (type === 'azurerm_storage_account') {
    turnedOn('public_network_access_enabled', 'public network access turned on');
    turnedOn('allow_nested_items_to_be_public', 'blobs may be made public');
    turnedOn('shared_access_key_enabled', 'shared access keys allowed');
    turnedOff('https_traffic_only_enabled', 'plain HTTP allowed');
    const action = changes.find((c) => c.path === 'network_rules.default_action');
    if (action && action.after === 'Allow') found.push([action.path, 'network rules allow every network by default']);
    const tls = changes.find((c) => c.path === 'min_tls_version');
    if (tls && String(tls.after) < String(tls.before)) found.push([tls.path, `TLS floor lowered to ${show(tls.after)}`]);
  }
  if (type === 'azurerm_storage_container') {
    const access = changes.find((c) => c.path === 'container_access_type');
    if (access && access.after !== 'private') found.push([access.path, `container access ${show(access.before)} -> ${show(access.after)} (anonymous reads)`]);
  }
  if (type === 'azurerm_kubernetes_cluster') {
    turnedOff('role_based_access_control_enabled', 'Kubernetes RBAC turned off');
    turnedOff('local_account_disabled', 'local accounts (static cluster-admin credentials) allowed again');
  }
  for (const [path, before, after] of listsNamed(old, now, /(cidr|ip_range|ip_rules|authorized_ip|allowed_ips|source_ranges|cidr_blocks)/)) {
    const wider = addressesWidened(path, before, after);
    if (wider === 'every address') found.push([path, 'no address restriction any more']);
    else if (wider) found.push([path, `admits more addresses: ${wider.join(', ')}`]);
  }
  if (type === 'aws_efs_file_system_policy' || type === 'aws_iam_policy' || type === 'aws_iam_role_policy') {
    if (changes.some((c) => under(c.path, 'policy'))) found.push(['policy', 'the access policy changes; check what it allows']);
  }
  return found;
}

/** How a list of address ranges widens: the ranges it admits besides, or every address; undefined when it does not widen. */
function addressesWidened(name: string, before: readonly string[], after: readonly string[]): string[] | 'every address' | undefined {
  const added = after.filter((x) => !before.includes(x));
  // An empty list of authorized ranges (AKS API server) means every address: a first range narrows.
  if (added.length && !(openWhenEmpty(name) && before.length === 0)) return added;
  if (before.length && after.length === 0 && openWhenEmpty(name)) return 'every address';
  return undefined;
}

/** Lists where empty means no restriction at all (AKS authorized_ip_ranges). */
function openWhenEmpty(name: string): boolean {
  return /authorized_ip/.test(name);
}

/** Variables whose name speaks of address ranges and whose default admits more addresses. */
function variableDefaults(before: object | undefined, after: object | undefined, emit: (variable: string, risk: Risk, path: string, message: string) => void): void {
  const variables = (json: object | undefined) => (json as { variable?: Record<string, { default?: unknown }> } | undefined)?.variable ?? {};
  const old = variables(before);
  const now = variables(after);
  for (const name of Object.keys(now).sort()) {
    if (!/(cidr|ip_range|ip_rules|authorized_ip|allowed_ip|source_range)/.test(name) || !old[name]) continue;
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
    const b = list(old[name].default);
    const a = list(now[name].default);
    const wider = addressesWidened(name, b, a);
    if (wider === 'every address') emit(name, 'security', 'default', `the default of ${name} no longer restricts addresses`);
    else if (wider) emit(name, 'security', 'default', `the default of ${name} admits more addresses: ${wider.join(', ')}`);
  }
}

/** Address lists (or single addresses) whose attribute name matches, with both values as lists. */
function listsNamed(old: Resource, now: Resource, name: RegExp, path = ''): Array<[string, string[], string[]]> {
  const found: Array<[string, string[], string[]]> = [];
  const keys = new Set([...Object.keys(old ?? {}), ...Object.keys(now ?? {})]);
  for (const key of keys) {
    const b = old?.[key];
    const a = now?.[key];
    const here = path === '' ? key : `${path}.${key}`;
    const asList = (v: unknown) => (v === undefined || v === null ? [] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : typeof v === 'string' ? [v] : undefined);
    const bl = asList(b);
    const al = asList(a);
    if (name.test(key) && bl && al) {
      if (JSON.stringify(bl) !== JSON.stringify(al)) found.push([here, bl, al]);
    } else if ((typeof b === 'object' && b !== null) || (typeof a === 'object' && a !== null)) {
      found.push(...listsNamed(b ?? {}, a ?? {}, name, here));
    }
  }
  return found;
}
