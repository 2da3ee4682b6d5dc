import { readFileSync } from 'fs';
import { parseAllDocuments } from 'yaml';
import { checkDeclared, GrowObject, GrowRefusal, GrowSubject, planGrowth } from './grow-plan';
import { readOptions } from './command-line';

export const GROW_COMMAND_USAGE = 'usage: npx cdk8s-postgres grow <manifest file> <StatefulSet or postgresql name> <size> [--namespace <namespace>] [--check-declared]   (e.g. dist/shop.k8s.yaml orders-db 20Gi)';

/**
 * `npx cdk8s-postgres grow`: the script that grows a server's data volumes, for any app's
 * synthesized manifest file: a PostgresStatefulSet's StatefulSet (its claims patched, the
 * StatefulSet created again around its running pods) or a ZalandoCluster's `postgresql` (the
 * operator resizes). With `--check-declared`, exits 0 only when the file declares the size: the
 * script runs it after `npx cdk8s synth`, before it creates the StatefulSet again.
 */
export function runGrowCommand(args: readonly string[]): { stdout: string; stderr: string; status: number } {
  try {
    const { file, name, size, namespace, checkOnly } = parseArgs(args);
    const subject = subjectOf(file, name, namespace);
    if (checkOnly) return { stdout: '', stderr: `${checkDeclared(subject, size)}\n`, status: 0 };
    const plan = planGrowth(subject, size);
    return { stdout: plan.script, stderr: plan.warnings.map((w) => `WARNING: ${w}\n`).join(''), status: 0 };
  } catch (error) {
    if (!(error instanceof GrowRefusal)) throw error;
    return { stdout: '', stderr: `${error.message}\n`, status: error.usage ? 2 : 1 };
  }
}

function parseArgs(args: readonly string[]) {
  const positional: string[] = [];
  const usage = (reason: string): never => { throw new GrowRefusal(`${reason}; ${GROW_COMMAND_USAGE}`, true); };
  const options = readOptions(args, ['namespace'], usage, (a) => positional.push(a), ['check-declared']);
  if (positional.length !== 3) usage(`give the manifest file, the name and the size (got ${positional.length} of them)`);
  const [file, name, size] = positional;
  // the script names the file in shell lines
  if (!/^[A-Za-z0-9._/-]+$/.test(file)) usage(`the manifest file '${file}' is not a plain path (letters, digits, '.', '_', '-' and '/')`);
  return { file, name, size, namespace: options.find(([option]) => option === 'namespace')?.[1], checkOnly: options.some(([option]) => option === 'check-declared') };
}

function subjectOf(file: string, name: string, namespace: string | undefined): GrowSubject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GrowRefusal(`cannot read ${file}: give the manifest file \`npx cdk8s synth\` writes (dist/<chart>.k8s.yaml)`, true);
  }
  const objects = parseAllDocuments(text).map((d) => d.toJSON() as GrowObject).filter((o) => o !== null && typeof o === 'object');
  const isServer = (o: GrowObject) => o.kind === 'StatefulSet' || o.kind === 'postgresql' || (o.kind === 'Cluster' && o.apiVersion === 'postgresql.cnpg.io/v1');
  const candidates = objects.filter((o) => isServer(o) && o.metadata?.name === name && (namespace === undefined || (o.metadata.namespace ?? 'default') === namespace));
  if (candidates.length !== 1) {
    const servers = objects.filter(isServer).map((o) => `${o.kind} ${o.metadata.namespace ?? 'default'}/${o.metadata.name}`);
    throw new GrowRefusal(candidates.length === 0
      ? `${file} has no StatefulSet, postgresql or CloudNativePG Cluster named ${name}${namespace ? ` in namespace ${namespace}` : ''} (it has: ${servers.join(', ') || 'none'})`
      : `${file} has ${name} in more than one namespace (${candidates.map((c) => c.metadata.namespace).join(', ')}): give --namespace`);
  }
  const target = candidates[0];
  const find = (kind: string, objectName: string) => objects.find((o) => o.kind === kind && o.metadata.name === objectName && (kind === 'StorageClass' || o.metadata.namespace === target.metadata.namespace));
  const namespaceOption = namespace ? ` --namespace ${namespace}` : '';
  const how = {
    who: `${target.kind} ${target.metadata.namespace ?? 'default'}/${name} in ${file}`,
    what: `the server in ${file}`,
    title: `${target.kind} ${name} in ${file}`,
    holder: 'the app',
    declaredAt: `the code of the app that writes ${file}, ${target.kind} ${name}`,
    declareIn: `the code of the app that writes ${file}`,
    // one command in a subshell: the script negates it as a whole (`if ! …; then`), and set -e stops at it when it fails (not so for braces)
    checkCommand: (size: string) => `(npx cdk8s synth && npx --no-install cdk8s-postgres grow ${file} ${name} ${size}${namespaceOption} --check-declared)`,
    synthCommand: 'npx cdk8s synth',
    applyCommands: [`kubectl apply -f ${file}`],
    notes: [],
    onMinikube: false,
    field: 'storage.size',
  };
  if (target.kind === 'postgresql') return { ...how, storage: { backend: 'zalando', cluster: target }, declared: target.spec.volume.size };
  if (target.kind === 'Cluster') {
    const size = target.spec?.storage?.size;
    if (typeof size !== 'string') throw new GrowRefusal(`${how.who} declares no storage.size (its claims come from storage.pvcTemplate): grow the template's request and apply; this command plans storage.size only`);
    return { ...how, storage: { backend: 'cloudnativepg', cluster: target }, declared: size };
  }
  const claimTemplates: GrowObject[] = target.spec?.volumeClaimTemplates ?? [];
  if (claimTemplates.length > 0) return { ...how, storage: { backend: 'statefulSet', statefulSet: target, claimTemplates }, declared: claimTemplates[0].spec.resources.requests.storage };
  const claimName: string | undefined = target.spec?.template?.spec?.volumes?.find((v: any) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName;
  const claim = claimName === undefined ? undefined : find('PersistentVolumeClaim', claimName);
  if (!claim) throw new GrowRefusal(`${how.who} has no volumeClaimTemplates and mounts no claim of ${file}: nothing this command can grow`);
  return { ...how, field: 'storage', storage: { backend: 'efs', claim, storageClass: find('StorageClass', claim.spec.storageClassName) }, declared: claim.spec.resources.requests.storage };
}
