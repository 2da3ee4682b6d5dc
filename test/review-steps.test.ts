import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { runGrow } from '../apps/grow';
import { runGrowCommand } from '../lib/cli/grow-command';
import { toYaml } from '../lib/core/yaml-text';
import { Finding } from '../lib/review';
import { findingsBetween, Rendered } from '../lib/review/both-paths';
import { CORPUS, CorpusEdit } from './review-corpus/edits';
import { KubeObject } from './support/manifests';
import { RUN_ROOT_ENV } from './support/run-root-env';

// Every step the review prints for the corpus's edits, run by sh as printed, against stand-ins for
// kubectl, npm and npx that record their arguments. What each call names is then looked up in the
// manifests of the change: the pod, the container, the claim, the label, the file, the stack.

interface Step { readonly command: string; readonly edit: CorpusEdit; readonly before: Rendered; readonly after: Rendered }

const PROGRAM = /^(kubectl|npm|npx) /;
/**
 * The commands of a step: the whole step when it is one (without the `   (…)` note after it) and
 * the other way its note gives (`(or npx cdktf deploy <stack>)`), or one a sentence gives after
 * `: ` or in `(… prints it)`.
 */
function commandsOf(step: string): string[] {
  const [bare, ...notes] = step.split(/ {3}\(/);
  if (PROGRAM.test(bare)) return [bare, ...notes.flatMap((note) => /^or (npx cdktf deploy \S+)\)$/.exec(note)?.[1] ?? [])];
  const said = /: (kubectl .+)$/.exec(step)?.[1] ?? /\((kubectl .+?) prints it\)/.exec(step)?.[1];
  return said ? [said] : [];
}

const steps: Step[] = [];
const placeholders: string[] = [];
for (const edit of CORPUS) {
  const [before, after] = [edit.before(), edit.after()];
  for (const step of new Set(findingsBetween(before, after).flatMap((f: Finding) => f.steps))) {
    if (/<[a-z][^>]*>/i.test(step)) placeholders.push(`${edit.name}: ${step}`);
    // once per command and deploy path: the same command checked against manifest files and against stacks
    for (const command of commandsOf(step)) if (!steps.some((s) => s.command === command && s.edit.path === edit.path)) steps.push({ command, edit, before, after });
  }
}

const scratch = mkdtempSync(join(process.env[RUN_ROOT_ENV]!, 'review-steps-'));
const bin = join(scratch, 'bin');
const log = join(scratch, 'calls');
mkdirSync(bin, { recursive: true });
// Each call is one line of its arguments, NUL-separated; `get` answers what the steps read back.
for (const program of ['kubectl', 'npm', 'npx']) {
  writeFileSync(join(bin, program), `#!/bin/sh
{ printf '%s' '${program}'; for a in "$@"; do printf '\\0%s' "$a"; done; printf '\\n'; } >> "${log}"
case "$1 $2 $3" in
  "get pvc "*) printf standard ;;
  "get storageclass standard") printf true ;;
esac
`);
  chmodSync(join(bin, program), 0o755);
}

/** The arguments of each call the command made. */
function run(command: string): { status: number | null; stderr: string; calls: string[][] } {
  rmSync(log, { force: true });
  const result = spawnSync('sh', ['-c', command], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin` } });
  let text = '';
  try { text = readFileSync(log, 'utf8'); } catch { /* no call */ }
  return { status: result.status, stderr: result.stderr, calls: text.split('\n').filter((l) => l !== '').map((l) => l.split('\0')) };
}

/** Flags (`-n x`, `--tail=-1`) and the positional arguments of one call. */
function parse(args: string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positional.push(...args.slice(i)); break; }
    const long = /^--([^=]+)=(.*)$/.exec(a);
    if (long) flags.set(long[1], long[2]);
    else if (/^-[a-z]$/.test(a) || /^--(type)$/.test(a)) flags.set(a.replace(/^-+/, ''), args[++i]);
    else positional.push(a);
  }
  return { flags, positional };
}

const KINDS: Record<string, string> = {
  pvc: 'PersistentVolumeClaim', persistentvolumeclaim: 'PersistentVolumeClaim', statefulset: 'StatefulSet', storageclass: 'StorageClass', secret: 'Secret', job: 'Job', cronjob: 'CronJob',
  configmap: 'ConfigMap', service: 'Service', networkpolicy: 'NetworkPolicy', poddisruptionbudget: 'PodDisruptionBudget', certificate: 'Certificate', postgresql: 'postgresql', namespace: 'Namespace',
  cluster: 'Cluster', databaserole: 'DatabaseRole', pooler: 'Pooler', prometheusrule: 'PrometheusRule', servicemonitor: 'ServiceMonitor', 'database.postgresql.cnpg.io': 'Database', objectstore: 'ObjectStore', scheduledbackup: 'ScheduledBackup', serviceaccount: 'ServiceAccount',
};

/** The Kubernetes objects of one side: its manifest files and the `kubernetes_manifest` resources of its stacks. */
const objectsOf = (side: Rendered): KubeObject[] => [
  ...[...side.manifests.values()].flat() as KubeObject[],
  ...side.stacks.flatMap((s) => Object.values<{ manifest: KubeObject }>((s.json as { resource?: { kubernetes_manifest?: Record<string, { manifest: KubeObject }> } }).resource?.kubernetes_manifest ?? {}).map((r) => r.manifest)),
];

/** The Secrets an object's pods read by name: secretKeyRef and secret volumes, wherever they are in it. */
function secretsReadBy(o: unknown): string[] {
  if (Array.isArray(o)) return o.flatMap(secretsReadBy);
  if (o === null || typeof o !== 'object') return [];
  const record = o as Record<string, any>;
  return [
    ...(typeof record.secretKeyRef?.name === 'string' ? [record.secretKeyRef.name] : []),
    ...(typeof record.secret?.secretName === 'string' ? [record.secret.secretName] : []),
    ...Object.values(record).flatMap(secretsReadBy),
  ];
}

/** What is wrong with one kubectl call in the state of `step`'s change, or undefined. */
function kubectlProblem(args: string[], step: Step): string | undefined {
  const { flags, positional } = parse(args);
  const [verb, kind, name] = positional;
  const namespace = flags.get('n');
  const objects = [step.before, step.after].flatMap(objectsOf);
  const inNamespace = (o: KubeObject) => (o.metadata.namespace ?? 'default') === (namespace ?? 'default');
  const statefulSets = objects.filter((o) => o.kind === 'StatefulSet' && inNamespace(o));
  const has = (k: string, n: string) => objects.some((o) => o.kind === k && o.metadata.name === n && (k === 'StorageClass' || inNamespace(o)));
  const podOf = (pod: string) => statefulSets.find((s) => pod.startsWith(`${s.metadata.name}-`) && Number(pod.slice(s.metadata.name.length + 1)) < (s.spec.replicas ?? 1));
  switch (verb) {
    case 'apply': {
      const files = [...step.after.manifestFiles?.values() ?? []];
      return files.includes(flags.get('f') ?? '') ? undefined : `applies ${flags.get('f')}, not one of ${files.join(', ')}`;
    }
    case 'logs': {
      const [key, value] = (flags.get('l') ?? '').split('=');
      return objects.some((o) => o.kind === 'Job' && inNamespace(o) && o.metadata.labels?.[key] === value) ? undefined : `no Job in ${namespace} carries ${flags.get('l')}`;
    }
    case 'exec': {
      const sts = podOf(kind);
      if (!sts) return `no StatefulSet in ${namespace} runs pod ${kind}`;
      const containers = sts.spec.template.spec.containers as Array<{ name: string }>;
      return containers.some((c) => c.name === flags.get('c')) ? undefined : `pod ${kind} has no container ${flags.get('c')}`;
    }
    case 'get': case 'patch': case 'delete': {
      const k = KINDS[kind];
      if (!k) return `unknown kind ${kind}`;
      if (verb === 'patch') {
        try { JSON.parse(flags.get('p') ?? ''); } catch { return `patch body ${flags.get('p')} is not JSON`; }
      }
      if (k === 'StorageClass' && name === 'standard') return undefined; // the stand-in's answer for the claim's class
      if (k === 'Secret' && objects.some((o) => inNamespace(o) && secretsReadBy(o).includes(name))) return undefined;
      if (k === 'PersistentVolumeClaim' && statefulSets.some((s) => (s.spec.volumeClaimTemplates ?? []).some((t: KubeObject) => name.startsWith(`${t.metadata.name}-`) && podOf(name.slice(t.metadata.name.length + 1)) === s))) return undefined;
      return has(k, name) ? undefined : `no ${k} ${name}${namespace ? ` in ${namespace}` : ''} in the manifests of the change`;
    }
    default:
      return `unknown verb ${verb}`;
  }
}

/** The package's grow command, run on the manifest file of the change as the step names it. */
function packageGrowProblem(args: string[], step: Step): string | undefined {
  const [command, file] = args;
  const environment = [...step.after.manifestFiles ?? []].find(([, f]) => f === file)?.[0];
  if (command !== 'grow' || environment === undefined) return `npx cdk8s-postgres ${args.join(' ')} names no manifest file of the change`;
  const folder = mkdtempSync(join(scratch, 'grow-'));
  mkdirSync(join(folder, dirname(file)), { recursive: true });
  writeFileSync(join(folder, file), toYaml(step.after.manifests.get(environment)!));
  const cwd = process.cwd();
  process.chdir(folder);
  try {
    const result = runGrowCommand(args.slice(1));
    return result.status === 0 ? undefined : `npx cdk8s-postgres ${args.join(' ')}: exit ${result.status}, ${result.stderr}`;
  } finally {
    process.chdir(cwd);
  }
}

function problemOf(call: string[], step: Step): string | undefined {
  const [program, ...args] = call;
  if (program === 'kubectl') return kubectlProblem(args, step);
  if (program === 'npx' && args[0] === 'cdk8s-postgres') return packageGrowProblem(args.slice(1), step);
  if (program === 'npx') {
    const stack = step.after.stacks.find((s) => s.name === args[2]);
    if (args[0] !== 'cdktf' || args[1] !== 'deploy' || !stack) return `npx ${args.join(' ')} names no stack of the change`;
    // a stack named beside a manifest file must deploy the file's objects
    const inFile = [...step.after.manifests.values()].flat() as KubeObject[];
    const deployed = new Set(objectsOf({ manifests: new Map(), stacks: [stack] }).map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
    return inFile.every((o) => deployed.has(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)) ? undefined : `stack ${stack.name} does not deploy the objects of the manifest file`;
  }
  if (program === 'npm') {
    if (args.slice(0, 4).join(' ') !== 'run --silent grow --') return `npm ${args.join(' ')}`;
    // the repository's command, on its own environments
    const result = runGrow(args.slice(4));
    return result.status === 0 ? undefined : `npm ${args.join(' ')}: exit ${result.status}, ${result.stderr}`;
  }
  return `unexpected program ${program}`;
}

test('the corpus prints steps of every kind, and none with a placeholder', () => {
  expect(placeholders).toEqual([]);
  const verbs = new Set(steps.map((s) => s.command.split(' ').slice(0, 2).join(' ')));
  for (const verb of ['kubectl apply', 'kubectl exec', 'kubectl logs', 'kubectl patch', 'kubectl delete', 'kubectl get', 'npx cdktf', 'npx cdk8s-postgres', 'npm run']) expect([verb, verbs.has(verb)]).toEqual([verb, true]);
});

test.each(steps.map((s) => [s.command, s.edit.path, s] as const))('%s (%s)', (_command, _path, step) => {
  const { status, stderr, calls } = run(step.command);
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.map((call) => problemOf(call, step)).filter((p) => p !== undefined)).toEqual([]);
});
