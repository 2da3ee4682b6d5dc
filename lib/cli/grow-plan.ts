import { compareQuantities, integerPart, parseExactQuantity } from '../private/quantity';
import { EFS_PROVISIONER, volumeExpansionFact } from '../storage/volume-expansion';
import { checkCrdVolumeSize } from '../zalando/zalando-resources';

/**
 * The script that grows a server's data volumes, planned from its rendered objects: the
 * repository's `npm run grow` (a server of an environment) and the package's
 * `npx cdk8s-postgres grow` (a StatefulSet, Zalando or CloudNativePG cluster of a manifest file) each say where
 * the size is declared and how the manifests are made and applied.
 */

/** A refusal: the message says why; the command exits 1, or 2 for a wrong command line. */
export class GrowRefusal extends Error {
  constructor(message: string, public readonly usage = false) {
    super(message);
  }
}

/** The script to print, and warnings for stderr (also written into the script as comments). */
export interface GrowPlan {
  readonly script: string;
  readonly warnings: string[];
}

/** A rendered object, as the planner reads it. */
export type GrowObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; [field: string]: any };

/** A server's storage as it is rendered. */
export type ServerStorage =
  | { readonly backend: 'statefulSet'; readonly statefulSet: GrowObject; readonly claimTemplates: GrowObject[] }
  | { readonly backend: 'efs'; readonly claim: GrowObject; readonly storageClass?: GrowObject }
  | { readonly backend: 'zalando'; readonly cluster: GrowObject }
  | { readonly backend: 'cloudnativepg'; readonly cluster: GrowObject };

/** What is grown, and how the project that renders it declares, renders and applies it. */
export interface GrowSubject {
  readonly storage: ServerStorage;
  /** The size the manifests declare now. */
  readonly declared: string;
  /** The field that declares it, for the person editing it (`storage.size`). */
  readonly field: string;
  /** Who, in messages: `environment 'minikube-dev' server 'microservices'`. */
  readonly who: string;
  /** What, in the script's comments: `server 'microservices' of environment 'minikube-dev'`. */
  readonly what: string;
  /** The same as a heading: `Environment 'aws-efs', server 'postgres'`. */
  readonly title: string;
  /** What declares the size: `the environment`, `the app`. */
  readonly holder: string;
  /** Where to declare it: `environments/minikube-dev.ts, server 'microservices'`. */
  readonly declaredAt: string;
  /** The file or code to edit: `environments/minikube-dev.ts`. */
  readonly declareIn: string;
  /** One shell command (a subshell when it is more) that exits 0 once the manifests declare `size`. */
  readonly checkCommand: (size: string) => string;
  /** The command that renders the manifests. */
  readonly synthCommand: string;
  /** The commands that create the rendered objects again. */
  readonly applyCommands: readonly string[];
  /** Comment lines at the end of the StatefulSet script. */
  readonly notes: readonly string[];
  /** Whether a claim without a class gets minikube's default class. */
  readonly onMinikube: boolean;
}

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

/** Passes when the manifests declare exactly `size`; the printed script's guard before it recreates the StatefulSet. */
export function checkDeclared(subject: GrowSubject, requested: string): string {
  const size = canonicalSize(requested);
  if (compareQuantities(parseExactQuantity(size)!, parseExactQuantity(subject.declared)!) !== 0) {
    throw new GrowRefusal(`${subject.who} declares ${subject.declared}, not ${size}: set ${subject.field} to '${size}' in ${subject.declareIn}`);
  }
  return `${subject.who} declares ${size}`;
}

/** The steps that grow one server's storage, as a shell script, or a refusal. */
export function planGrowth(subject: GrowSubject, requested: string): GrowPlan {
  const size = canonicalSize(requested);
  const { storage } = subject;
  if (storage.backend === 'efs') return efsPlan(subject, storage.claim, storage.storageClass);
  if (storage.backend === 'zalando') {
    refuseSmaller(subject, size, requested, 'the operator can only enlarge volumes (shrinking means a new cluster, or deleting each claim with its pod)');
    try {
      checkCrdVolumeSize(subject.who, 'size', size);
    } catch (error) {
      throw new GrowRefusal((error as Error).message);
    }
    return zalandoPlan(subject, size, storage.cluster);
  }
  if (storage.backend === 'cloudnativepg') {
    if (storage.cluster.spec?.storage?.resizeInUseVolumes === false) {
      throw new GrowRefusal(`${subject.who} sets storage.resizeInUseVolumes false: the operator does not resize its claims; set it true (or leave it out) first`);
    }
    refuseSmaller(subject, size, requested, 'the operator\'s webhook refuses a smaller size ("can\'t shrink existing storage"; a smaller cluster is a new one, restored from a backup)');
    return cloudNativePgPlan(subject, size, storage.cluster);
  }
  refuseSmaller(subject, size, requested, 'Kubernetes never shrinks a claim (move the data to a smaller claim with a backup and a restore instead)');
  return statefulSetPlan(subject, size, storage.statefulSet, storage.claimTemplates);
}

/**
 * Refuses a size below the declared one. The declared size itself is planned: a pull request
 * declares the new size before anyone grows the claims, and the review then prints this command.
 */
function refuseSmaller(subject: GrowSubject, size: string, requested: string, shrinkReason: string): void {
  if (compareQuantities(parseExactQuantity(size)!, parseExactQuantity(subject.declared)!) < 0) {
    throw new GrowRefusal(`${subject.who} declares ${subject.declared}; ${requested} is smaller, and ${shrinkReason}`);
  }
}

/** The edit the size needs, or that it is made. */
function declaration(subject: GrowSubject, size: string): string {
  return subject.declared === size ? `${subject.field}: '${size}' (declared already)` : `${subject.field}: '${subject.declared}' -> '${size}'`;
}

/** `from <declared> to <size>`, or, when the size is declared already, what that means for the claims. */
function growth(subject: GrowSubject, size: string): string {
  return subject.declared === size ? `to ${size}, which ${subject.holder} already declares (the claims keep their size until they are patched)` : `from ${subject.declared} to ${size}`;
}

function efsPlan(subject: GrowSubject, claim: GrowObject, storageClass?: GrowObject): GrowPlan {
  if (storageClass?.provisioner !== EFS_PROVISIONER) {
    throw new GrowRefusal(`${subject.who} keeps its data on claim ${claim.metadata.name}, which the grow command does not know how to grow`);
  }
  return {
    warnings: [],
    script: [
      '#!/bin/sh',
      `# ${subject.title}: the data is on Amazon EFS (claim ${claim.metadata.name},`,
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
function classWarnings(storageClassName: string | undefined, onMinikube: boolean): string[] {
  if (storageClassName === undefined) {
    if (!onMinikube) return [];
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
function expansionCheck(claims: readonly string[] | { selector: string }, namespace: string): string[] {
  return [
    'allows_expansion() {',
    `  class=$(kubectl get pvc "$1" -n ${namespace} -o jsonpath='{.spec.storageClassName}')`,
    `  if [ "$(kubectl get storageclass "$class" -o jsonpath='{.allowVolumeExpansion}')" != true ]; then`,
    `    echo "StorageClass '$class' of claim $1 does not allow volume expansion (allowVolumeExpansion is not true); nothing was changed" >&2`,
    '    exit 1',
    '  fi',
    '}',
    ...('selector' in claims
      // claims the operator names and numbers itself: every claim it labels, whatever their serials
      // (listed first: set -e stops at a failed kubectl there, which a for list would not)
      ? [
        `claims=$(kubectl get pvc -n ${namespace} -l ${claims.selector} -o jsonpath='{.items[*].metadata.name}')`,
        `if [ -z "$claims" ]; then echo "No claim labelled ${claims.selector} in namespace ${namespace}; nothing was changed" >&2; exit 1; fi`,
        'for claim in $claims; do allows_expansion "$claim"; done',
      ]
      : claims.map((claim) => `allows_expansion ${claim}`)),
  ];
}

function statefulSetPlan(subject: GrowSubject, size: string, statefulSet: GrowObject, templates: GrowObject[]): GrowPlan {
  const name = statefulSet.metadata.name;
  const namespace = statefulSet.metadata.namespace ?? 'default';
  const replicas: number = statefulSet.spec.replicas ?? 1;
  const claims = templates.flatMap((t) => Array.from({ length: replicas }, (_, i) => `${t.metadata.name}-${name}-${i}`));
  const classes = [...new Set(templates.map((t) => t.spec.storageClassName as string | undefined))];
  const warnings = [...classes.flatMap((c) => classWarnings(c, subject.onMinikube)), ...roundingWarning(size)];
  const patch = JSON.stringify({ spec: { resources: { requests: { storage: size } } } });
  const lines = [
    '#!/bin/sh',
    ...commentLines(`Grows the data claims of ${subject.what} (StatefulSet ${name} in namespace ${namespace}, ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}) ${growth(subject, size)}. A StatefulSet's volumeClaimTemplates cannot change, so each claim is patched, the StatefulSet is deleted without its pods (--cascade=orphan) and created again with the new size; the pods and their data stay.`),
    ...commentLines(`Save it to a file and run it with sh from the repository's root: it stops once the claims have grown, until ${subject.holder} declares the new size; then run it again.`),
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
    `# 4. ${capitalized(subject.holder)} must declare ${size} before the StatefulSet is created again:`,
    `#    ${subject.declaredAt}, ${declaration(subject, size)}.`,
    `if ! ${subject.checkCommand(size)}; then`,
    `  echo "The claims have grown to ${size}. Declare it in ${subject.declareIn} and run this script again." >&2`,
    '  exit 1',
    'fi',
    '',
    '# 5. Create the StatefulSet again with the new volumeClaimTemplates; the orphaned pods are adopted, not restarted.',
    subject.synthCommand,
    `kubectl delete statefulset ${name} -n ${namespace} --cascade=orphan --ignore-not-found`,
    ...subject.applyCommands,
    `kubectl rollout status statefulset/${name} -n ${namespace} --timeout=10m`,
    ...subject.notes,
    '',
  ];
  return { script: lines.join('\n'), warnings };
}

/** Steps 2 and 3 of an operator's plan: declare the new size where the subject says, check it, synthesize and apply the changed `applied`. */
function declareAndApply(subject: GrowSubject, size: string, applied: string): string[] {
  return [
    `# 2. Declare the new size: ${subject.declaredAt}, ${declaration(subject, size)}.`,
    subject.checkCommand(size),
    '',
    `# 3. Apply the changed ${applied}.`,
    subject.synthCommand,
    ...subject.applyCommands.filter((line) => !line.startsWith('#')),
  ];
}

function zalandoPlan(subject: GrowSubject, size: string, cluster: GrowObject): GrowPlan {
  const name = cluster.metadata.name;
  const namespace = cluster.metadata.namespace ?? 'default';
  const instances: number = cluster.spec.numberOfInstances;
  const warnings = [...classWarnings(cluster.spec.volume.storageClass, subject.onMinikube), ...roundingWarning(size)];
  const lines = [
    '#!/bin/sh',
    ...commentLines(`Grows the volumes of ${subject.what} (Zalando postgresql ${name} in namespace ${namespace}, ${instances} pods) ${growth(subject, size)}. The operator resizes them: change volume.size in the postgresql resource and it patches each claim pgdata-${name}-<n> itself, without a rolling update, as its setting storage_resize_mode says (default "pvc": it changes the claims and leaves the resize to Kubernetes and the StorageClass; "ebs" and "mixed" resize EBS volumes through the AWS API; "off" ignores the change). It can only enlarge volumes.`),
    ...warnings.flatMap((w) => commentLines(`WARNING: ${w}`)),
    'set -eu',
    '',
    '# 1. Stop unless the StorageClass of every claim allows expansion (with storage_resize_mode "pvc", the default, the operator only patches the claims).',
    ...expansionCheck(Array.from({ length: instances }, (_, i) => `pgdata-${name}-${i}`), namespace),
    '',
    ...declareAndApply(subject, size, 'resource'),
    '',
    '# 4. Watch the operator grow the claims (its log says so; "storage_resize_mode is off" means it will not).',
    `kubectl get pvc -n ${namespace} -l cluster-name=${name}`,
    '',
  ];
  return { script: lines.join('\n'), warnings };
}

function cloudNativePgPlan(subject: GrowSubject, size: string, cluster: GrowObject): GrowPlan {
  const name = cluster.metadata.name;
  const namespace = cluster.metadata.namespace ?? 'default';
  const instances: number = cluster.spec.instances ?? 1;
  const selector = `cnpg.io/cluster=${name}`;
  const warnings = [...classWarnings(cluster.spec.storage?.storageClass, subject.onMinikube), ...roundingWarning(size)];
  const lines = [
    '#!/bin/sh',
    ...commentLines(`Grows the volumes of ${subject.what} (CloudNativePG Cluster ${name} in namespace ${namespace}, ${instances} ${instances === 1 ? 'instance' : 'instances'}) ${growth(subject, size)}. The operator resizes them: change storage.size in the Cluster and it patches each instance's claim in place, without a restart (resizeInUseVolumes, on by default), so their StorageClass must allow expansion. Its webhook refuses a smaller size.`),
    ...warnings.flatMap((w) => commentLines(`WARNING: ${w}`)),
    'set -eu',
    '',
    '# 1. Stop unless the StorageClass of every claim of the cluster allows expansion.',
    ...expansionCheck({ selector }, namespace),
    '',
    ...declareAndApply(subject, size, 'Cluster'),
    '',
    `# 4. Watch the claims grow (kubectl describe pvc says why one does not; FileSystemResizePending means the storage cannot grow a mounted file system: delete the instances' pods one at a time, replicas first, and the file system grows as each starts again).`,
    `kubectl get pvc -n ${namespace} -l ${selector}`,
    '',
  ];
  return { script: lines.join('\n'), warnings };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
