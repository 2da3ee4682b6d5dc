import { App } from 'cdk8s';
import { environmentNamed } from '../environments';
import { EnvironmentChart } from '../lib';
import { compareQuantities, integerPart, parseExactQuantity } from '../lib/private/quantity';
import { EFS_PROVISIONER, volumeExpansionFact } from '../lib/storage/volume-expansion';
import { checkCrdVolumeSize } from '../lib/zalando/zalando-resources';

/** What to grow, from the command line. */
export interface GrowRequest {
  readonly environment: string;
  /** Server id in the environment description (e.g. 'microservices'). */
  readonly server: string;
  /** The new size, a Kubernetes quantity such as '10Gi'. */
  readonly size: string;
  /** Recreate the StatefulSet with `npx cdktf deploy <stack>` instead of `kubectl apply`. */
  readonly terraform?: boolean;
  /** Only check that the environment declares `size` (the printed script's guard). */
  readonly checkDeclared?: boolean;
}

/** The script to print, and warnings for stderr (also written into the script as comments). */
export interface GrowPlan {
  readonly script: string;
  readonly warnings: string[];
}

/** A refusal: the message says why; the command exits 1, or 2 for a wrong command line. */
export class GrowRefusal extends Error {
  constructor(message: string, public readonly usage = false) {
    super(message);
  }
}

export const GROW_USAGE = 'usage: npm run --silent grow -- <environment> <server> <size> [--terraform]   (e.g. minikube-dev microservices 10Gi)';

/** The Terraform stack that deploys each environment's manifests (apps/terraform.ts). */
export const TERRAFORM_STACKS: Readonly<Record<string, string>> = {
  'solid-cloud': 'solid-cloud',
  'aks-phonebill-dev': 'aks-phonebill-dev',
  'aws-efs': 'aws-efs-workload',
  'prod-operator': 'prod-operator',
};

const WHOLE_SIZE = /^(\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const BINARY_UNITS = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_UNITS = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const GIB = 1n << 30n;

/**
 * The size as the API server writes it back (its canonical form: the largest unit of the same
 * kind that keeps a whole number, '10240Mi' is '10Gi'), so that waiting for
 * `status.capacity.storage` to equal it can succeed.
 */
export function canonicalSize(size: string): string {
  const match = WHOLE_SIZE.exec(size);
  const q = parseExactQuantity(size);
  if (!match || !q || q.mantissa <= 0n) throw new GrowRefusal(`size '${size}' is not a whole number of one unit (e.g. '10Gi', '500Mi', '20G')`);
  const units = match[2] && BINARY_UNITS.includes(match[2]) ? BINARY_UNITS : DECIMAL_UNITS;
  const base = units === BINARY_UNITS ? 1024n : 1000n;
  let value = BigInt(match[1]);
  let unit = units.indexOf(match[2] ?? '');
  while (value % base === 0n && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${value}${units[unit]}`;
}

/** Parses `<environment> <server> <size> [--terraform] [--check-declared]`. */
export function parseGrowArgs(args: readonly string[]): GrowRequest {
  const positional = args.filter((a) => !a.startsWith('--'));
  const unknown = args.find((a) => a.startsWith('--') && a !== '--terraform' && a !== '--check-declared');
  if (unknown) throw new GrowRefusal(`unknown option ${unknown}\n${GROW_USAGE}`, true);
  if (positional.length !== 3) throw new GrowRefusal(GROW_USAGE, true);
  const [environment, server, size] = positional;
  return { environment, server, size, terraform: args.includes('--terraform'), checkDeclared: args.includes('--check-declared') };
}

type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; [field: string]: any };

/** A server's storage as its environment renders it. */
type ServerStorage =
  | { readonly backend: 'statefulSet'; readonly statefulSet: KubeObject; readonly claimTemplates: KubeObject[] }
  | { readonly backend: 'efs'; readonly claim: KubeObject; readonly storageClass?: KubeObject }
  | { readonly backend: 'zalando'; readonly cluster: KubeObject };

interface Located {
  readonly storage: ServerStorage;
  /** The size the environment declares. */
  readonly declared: string;
  /** Where it is declared, for the person editing it. */
  readonly field: string;
}

function locate(request: GrowRequest): Located {
  let description;
  try {
    description = environmentNamed(request.environment);
  } catch (error) {
    throw new GrowRefusal((error as Error).message);
  }
  const chart = new EnvironmentChart(new App({ outdir: '/nonexistent' }), description.name, description);
  // By its id in the description, or by the name it renders (what the review sees in the manifests).
  const server = description.servers.find((s) => s.id === request.server)
    ?? description.servers.find((s) => (chart.servers[s.id] ?? chart.clusters[s.id])?.name === request.server);
  if (!server) {
    throw new GrowRefusal(`environment '${request.environment}' has no server '${request.server}' (servers: ${description.servers.map((s) => s.id).join(', ')})`);
  }
  const objects = chart.toJson() as KubeObject[];
  const find = (kind: string, name: string, namespace?: string) => objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  const cluster = chart.clusters[server.id];
  if (cluster) {
    const resource = find('postgresql', cluster.name, cluster.namespace)!;
    return { storage: { backend: 'zalando', cluster: resource }, declared: resource.spec.volume.size, field: 'storage.size' };
  }
  const sts = chart.servers[server.id];
  const statefulSet = find('StatefulSet', sts.name, sts.namespace)!;
  const claimTemplates: KubeObject[] = statefulSet.spec.volumeClaimTemplates ?? [];
  if (claimTemplates.length > 0) {
    return { storage: { backend: 'statefulSet', statefulSet, claimTemplates }, declared: claimTemplates[0].spec.resources.requests.storage, field: 'storage.size' };
  }
  // A data volume of its own (EfsVolume): the claim the pod template mounts.
  const claimName: string = statefulSet.spec.template.spec.volumes.find((v: any) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName;
  const claim = find('PersistentVolumeClaim', claimName, sts.namespace)!;
  return {
    storage: { backend: 'efs', claim, storageClass: find('StorageClass', claim.spec.storageClassName) },
    declared: claim.spec.resources.requests.storage,
    field: 'efs',
  };
}

/**
 * Refuses a size below the declared one. The declared size itself is planned: a pull request
 * declares the new size before anyone grows the claims, and the review then prints this command.
 */
function refuseSmaller(request: GrowRequest, located: Located, size: string, shrinkReason: string): void {
  if (compareQuantities(parseExactQuantity(size)!, parseExactQuantity(located.declared)!) < 0) {
    throw new GrowRefusal(`environment '${request.environment}' server '${request.server}' declares ${located.declared}; ${request.size} is smaller, and ${shrinkReason}`);
  }
}

/** The edit of the description the size needs, or that it is made. */
function declaration(located: Located, size: string): string {
  return located.declared === size ? `${located.field}: '${size}' (declared already)` : `${located.field}: '${located.declared}' -> '${size}'`;
}

/** `from <declared> to <size>`, or, when the environment declares the size already, what that means for the claims. */
function growth(located: Located, size: string): string {
  return located.declared === size ? `to ${size}, which the environment already declares (the claims keep their size until they are patched)` : `from ${located.declared} to ${size}`;
}

/** Passes when the environment declares exactly `size`; the printed script's guard before it recreates the StatefulSet. */
export function checkDeclared(request: GrowRequest): string {
  const located = locate(request);
  const size = canonicalSize(request.size);
  if (compareQuantities(parseExactQuantity(size)!, parseExactQuantity(located.declared)!) !== 0) {
    throw new GrowRefusal(`environment '${request.environment}' server '${request.server}' declares ${located.declared}, not ${size}: set ${located.field} to '${size}' in environments/${request.environment}.ts`);
  }
  return `environment '${request.environment}' server '${request.server}' declares ${size}`;
}

/** The steps that grow one server's storage, as a shell script, or a refusal. */
export function planGrowth(request: GrowRequest): GrowPlan {
  const located = locate(request);
  const size = canonicalSize(request.size);
  const stack = TERRAFORM_STACKS[request.environment];
  if (request.terraform && !stack) {
    throw new GrowRefusal(`environment '${request.environment}' has no Terraform stack (stacks: ${Object.entries(TERRAFORM_STACKS).map(([e, s]) => (e === s ? e : `${s} for ${e}`)).join(', ')}); drop --terraform`);
  }
  const { storage } = located;
  if (storage.backend === 'efs') return efsPlan(request, storage.claim, storage.storageClass);
  if (storage.backend === 'zalando') {
    refuseSmaller(request, located, size, 'the operator can only enlarge volumes (shrinking means a new cluster, or deleting each claim with its pod)');
    try {
      checkCrdVolumeSize(`environment '${request.environment}' server '${request.server}'`, 'size', size);
    } catch (error) {
      throw new GrowRefusal((error as Error).message);
    }
    return zalandoPlan(request, located, size, storage.cluster, request.terraform ? stack : undefined);
  }
  refuseSmaller(request, located, size, 'Kubernetes never shrinks a claim (move the data to a smaller claim with a backup and a restore instead)');
  return statefulSetPlan(request, located, size, storage.statefulSet, storage.claimTemplates, request.terraform ? stack : undefined);
}

function efsPlan(request: GrowRequest, claim: KubeObject, storageClass?: KubeObject): GrowPlan {
  if (storageClass?.provisioner !== EFS_PROVISIONER) {
    throw new GrowRefusal(`environment '${request.environment}' server '${request.server}' keeps its data on claim ${claim.metadata.name}, which the grow command does not know how to grow`);
  }
  return {
    warnings: [],
    script: [
      '#!/bin/sh',
      `# Environment '${request.environment}', server '${request.server}': the data is on Amazon EFS (claim ${claim.metadata.name},`,
      `# StorageClass ${claim.spec.storageClassName}, provisioner ${EFS_PROVISIONER}). EFS is elastic: it grows with the data and`,
      `# enforces no capacity (the claim's ${claim.spec.resources.requests.storage} is a number Kubernetes requires, not a limit).`,
      '# No growth is needed; nothing to run.',
      '',
    ].join('\n'),
  };
}

/**
 * Warnings for a class known not to allow expansion. A claim without a class gets the cluster's
 * default, known only on minikube (`standard`); elsewhere the script's live check decides.
 */
function classWarnings(storageClassName: string | undefined, environment: string): string[] {
  if (storageClassName === undefined) {
    if (!environment.startsWith('minikube')) return [];
    const standard = volumeExpansionFact('standard')!;
    return [`the claims declare no StorageClass, so they have the class that was the cluster's default when they were created; minikube's cannot grow: ${standard.reason}; ${standard.remedy}. The script checks the live class before changing anything.`];
  }
  const fact = volumeExpansionFact(storageClassName);
  if (!fact || fact.expands) return [];
  return [`StorageClass '${storageClassName}' is known not to allow expansion: ${fact.reason}; ${fact.remedy}. The script checks the live class before changing anything.`];
}

function commentLines(text: string, prefix = '# '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && (prefix + line + ' ' + word).length > 100) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(prefix + line);
  return lines;
}

function roundingWarning(size: string): string[] {
  return integerPart(parseExactQuantity(size)!) % GIB === 0n ? [] : [`${size} is not a whole number of GiB: cloud disks (Azure Disk, EBS) round up to whole GiB, so status.capacity.storage may then differ from ${size} and the wait would time out; prefer a size in Gi`];
}

/** Shell lines that stop the script unless the live StorageClass of each claim allows expansion. */
function expansionCheck(claims: readonly string[], namespace: string): string[] {
  return [
    'allows_expansion() {',
    `  class=$(kubectl get pvc "$1" -n ${namespace} -o jsonpath='{.spec.storageClassName}')`,
    `  if [ "$(kubectl get storageclass "$class" -o jsonpath='{.allowVolumeExpansion}')" != true ]; then`,
    `    echo "StorageClass '$class' of claim $1 does not allow volume expansion (allowVolumeExpansion is not true); nothing was changed" >&2`,
    '    exit 1',
    '  fi',
    '}',
    ...claims.map((claim) => `allows_expansion ${claim}`),
  ];
}

function statefulSetPlan(request: GrowRequest, located: Located, size: string, statefulSet: KubeObject, templates: KubeObject[], stack: string | undefined): GrowPlan {
  const name = statefulSet.metadata.name;
  const namespace = statefulSet.metadata.namespace ?? 'default';
  const replicas: number = statefulSet.spec.replicas ?? 1;
  const claims = templates.flatMap((t) => Array.from({ length: replicas }, (_, i) => `${t.metadata.name}-${name}-${i}`));
  const classes = [...new Set(templates.map((t) => t.spec.storageClassName as string | undefined))];
  const warnings = [...classes.flatMap((c) => classWarnings(c, request.environment)), ...roundingWarning(size)];
  const patch = JSON.stringify({ spec: { resources: { requests: { storage: size } } } });
  const args = `${request.environment} ${request.server} ${size}`;
  const file = `dist/${request.environment}.k8s.yaml`;
  const lines = [
    '#!/bin/sh',
    ...commentLines(`Grows the data claims of server '${request.server}' of environment '${request.environment}' (StatefulSet ${name} in namespace ${namespace}, ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}) ${growth(located, size)}. A StatefulSet's volumeClaimTemplates cannot change, so each claim is patched, the StatefulSet is deleted without its pods (--cascade=orphan) and created again with the new size; the pods and their data stay.`),
    ...commentLines('Save it to a file and run it with sh from the repository\'s root: it stops once the claims have grown, until the environment declares the new size; then run it again.'),
    ...warnings.flatMap((w) => commentLines(`WARNING: ${w}`)),
    'set -eu',
    '',
    '# 1. Stop before any change unless the StorageClass of every claim allows expansion.',
    ...expansionCheck(claims, namespace),
    '',
    '# 2. Ask for the new size on each claim.',
    ...claims.map((claim) => `kubectl patch pvc ${claim} -n ${namespace} --type merge -p '${patch}'`),
    '',
    '# 3. Wait until each claim reports the new capacity. If this times out, `kubectl describe pvc <claim>`',
    '#    says why; FileSystemResizePending means the file system grows when the pod restarts:',
    `#    kubectl delete pod <pod> -n ${namespace}, then run this script again.`,
    ...claims.map((claim) => `kubectl wait --for=jsonpath='{.status.capacity.storage}'=${size} pvc/${claim} -n ${namespace} --timeout=10m`),
    '',
    `# 4. The environment must declare ${size} before the StatefulSet is created again:`,
    `#    environments/${request.environment}.ts, server '${request.server}', ${declaration(located, size)}.`,
    `if ! npm run --silent grow -- ${args} --check-declared; then`,
    `  echo "The claims have grown to ${size}. Declare it in environments/${request.environment}.ts and run this script again." >&2`,
    '  exit 1',
    'fi',
    '',
    '# 5. Create the StatefulSet again with the new volumeClaimTemplates; the orphaned pods are adopted, not restarted.',
    'npx cdk8s synth --no-check-upgrade',
    `kubectl delete statefulset ${name} -n ${namespace} --cascade=orphan --ignore-not-found`,
    ...(stack
      ? [`# Terraform creates it again (stack ${stack}); give the --var options and TF_VAR_ variables you deploy with.`, `npx cdktf deploy ${stack}`]
      : [`kubectl apply -f ${file}`]),
    `kubectl rollout status statefulset/${name} -n ${namespace} --timeout=10m`,
    ...(!stack && TERRAFORM_STACKS[request.environment]
      ? ['', `# Deployed with Terraform (stack ${TERRAFORM_STACKS[request.environment]})? Print the script with --terraform instead.`]
      : []),
    '',
  ];
  return { script: lines.join('\n'), warnings };
}

function zalandoPlan(request: GrowRequest, located: Located, size: string, cluster: KubeObject, stack: string | undefined): GrowPlan {
  const name = cluster.metadata.name;
  const namespace = cluster.metadata.namespace ?? 'default';
  const instances: number = cluster.spec.numberOfInstances;
  const warnings = [...classWarnings(cluster.spec.volume.storageClass, request.environment), ...roundingWarning(size)];
  const lines = [
    '#!/bin/sh',
    ...commentLines(`Grows the volumes of server '${request.server}' of environment '${request.environment}' (Zalando postgresql ${name} in namespace ${namespace}, ${instances} pods) ${growth(located, size)}. The operator resizes them: change volume.size in the postgresql resource and it patches each claim pgdata-${name}-<n> itself, without a rolling update, as its setting storage_resize_mode says (default "pvc": it changes the claims and leaves the resize to Kubernetes and the StorageClass; "ebs" and "mixed" resize EBS volumes through the AWS API; "off" ignores the change). It can only enlarge volumes.`),
    ...warnings.flatMap((w) => commentLines(`WARNING: ${w}`)),
    'set -eu',
    '',
    '# 1. Stop unless the StorageClass of every claim allows expansion (with storage_resize_mode "pvc", the default, the operator only patches the claims).',
    ...expansionCheck(Array.from({ length: instances }, (_, i) => `pgdata-${name}-${i}`), namespace),
    '',
    `# 2. Declare the new size: environments/${request.environment}.ts, server '${request.server}', ${declaration(located, size)}.`,
    `npm run --silent grow -- ${request.environment} ${request.server} ${size} --check-declared`,
    '',
    '# 3. Apply the changed resource.',
    ...(stack
      ? ['npx cdk8s synth --no-check-upgrade', `npx cdktf deploy ${stack}`]
      : ['npx cdk8s synth --no-check-upgrade', `kubectl apply -f dist/${request.environment}.k8s.yaml`]),
    '',
    '# 4. Watch the operator grow the claims (its log says so; "storage_resize_mode is off" means it will not).',
    `kubectl get pvc -n ${namespace} -l cluster-name=${name}`,
    '',
  ];
  return { script: lines.join('\n'), warnings };
}

/** The command: what it prints on stdout and stderr, and its exit status. */
export function runGrow(args: readonly string[]): { stdout: string; stderr: string; status: number } {
  try {
    const request = parseGrowArgs(args);
    if (request.checkDeclared) return { stdout: '', stderr: `${checkDeclared(request)}\n`, status: 0 };
    const plan = planGrowth(request);
    return { stdout: plan.script, stderr: plan.warnings.map((w) => `WARNING: ${w}\n`).join(''), status: 0 };
  } catch (error) {
    return { stdout: '', stderr: `${(error as Error).message}\n`, status: error instanceof GrowRefusal && error.usage ? 2 : 1 };
  }
}

if (require.main === module) {
  const result = runGrow(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.status;
}
