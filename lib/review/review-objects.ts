import { CONTENT_NAMED_JOB_LABEL } from '../private/labels';
import { commonPath, diff } from './diff';
import { Finding, findingOf, Risk, RISKS } from './finding';
import { added, removed } from './kubernetes/added-removed';
import { namespace, secret, selection, service } from './kubernetes/access';
import { networkPolicy } from './kubernetes/network-policies';
import { Context, Emit, KubeObject, describe, groupOf, targetOf, withApplyCommand } from './kubernetes/objects';
import { configMap } from './kubernetes/postgres-configuration';
import { claim, storageClass, volume } from './kubernetes/storage';
import { cronJob, job, statefulSet } from './kubernetes/workloads';
import { zalando } from './kubernetes/zalando';
import { barmanObjectStore, CNPG_GROUP, cnpgCluster, cnpgDatabase, cnpgDatabaseRole, cnpgPooler } from './kubernetes/cloudnativepg';

/** Options of {@link reviewObjects}. */
export interface ReviewObjectsOptions {
  /**
   * The environment the objects belong to, written into each finding.
   * @default ''
   */
  readonly environment?: string;
  /**
   * The command that applies `after` (`kubectl apply -f dist/shop.k8s.yaml`), written into the
   * steps that apply the change.
   * @default 'kubectl apply -f <the manifests> (or npx cdktf deploy <stack>)'
   */
  readonly applyCommand?: string;
  /**
   * Which commands the steps name for what applying the manifests cannot do (growing claims):
   * this repository's npm scripts for its environments, or the package's `npx cdk8s-postgres`
   * commands on `manifestFile`.
   * @default 'repository'
   */
  readonly commands?: 'repository' | 'package';
  /**
   * The file `after` is read from, as the user names it (`dist/shop.k8s.yaml`), for the package's commands.
   * @default - none: the repository's commands
   */
  readonly manifestFile?: string;
}

/**
 * What applying `after` over `before` does to a running database: Kubernetes objects (plain
 * JSON, as in a synthesized manifest) matched by API group, kind, namespace and name. Every added,
 * removed or changed object gets at least one finding, each with one risk; a change that is only
 * `safe` still gets a `safe` finding. Sorted highest risk first, then by target and path. Equal
 * lists give [].
 */
export function reviewObjects(before: readonly object[], after: readonly object[], options: ReviewObjectsOptions = {}): Finding[] {
  const environment = options.environment ?? '';
  const old = index(before as KubeObject[]);
  const now = index(after as KubeObject[]);
  const file = options.commands === 'package' ? options.manifestFile : undefined;
  const growStep = (name: string, size: string) => (file !== undefined
    ? `npx cdk8s-postgres grow ${file} ${name} ${size}   (prints these steps as a script that checks each)`
    : `npm run --silent grow -- ${environment} ${name} ${size}   (in cdk8s-postgres's repository: prints and checks these steps)`);
  const context: Context = { before: before as KubeObject[], after: after as KubeObject[], environment, growStep };
  const findings: Finding[] = [];
  for (const [key, o] of old) {
    const emit = emitter(findings, environment, o);
    const next = now.get(key);
    if (!next) removed(emit, o, context);
    else changed(emit, () => findings.length, o, next, context);
  }
  for (const [key, o] of now) if (!old.has(key)) added(emitter(findings, environment, o), o, context);
  const command = options.applyCommand;
  return sortFindings(command === undefined ? findings : findings.map((f) => withApplyCommand(f, command)));
}

/** Findings highest risk first, then by target and path. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (r: Risk) => RISKS.indexOf(r);
  return findings.sort((a, b) => rank(a.risk) - rank(b.risk) || compare(a.environment, b.environment) || compare(a.target, b.target) || compare(a.path, b.path));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emitter(findings: Finding[], environment: string, o: KubeObject): Emit {
  const target = targetOf(o);
  return (risk, path, message, steps = [], effects = {}) => findings.push(findingOf({ environment, target, path }, risk, message, steps, effects));
}

/** Objects by group, kind, namespace and name; a Job named after its content by the name before it, so that its two contents are compared. */
function index(objects: KubeObject[]): Map<string, KubeObject> {
  const identity = (o: KubeObject) => {
    const contentNamed = o.kind === 'Job' ? o.metadata?.labels?.[CONTENT_NAMED_JOB_LABEL] : undefined;
    return contentNamed === undefined ? `name:${o.metadata?.name}` : `job:${contentNamed}`;
  };
  return new Map(objects.filter((o) => o && typeof o === 'object').map((o) => [`${groupOf(o)}|${o.kind}|${o.metadata?.namespace ?? ''}|${identity(o)}`, o]));
}

/** Findings for an object both lists hold: the rules of its kind (./kubernetes/), then a `safe` finding for what no rule spoke of. */
function changed(emit: Emit, emitted: () => number, old: KubeObject, now: KubeObject, ctx: Context): void {
  const changes = diff(old, now);
  if (changes.length === 0) return;
  const explained = new Set<string>();
  const mark = (paths: Iterable<string>) => { for (const p of paths) explained.add(p); };
  const before = emitted();
  switch (now.kind) {
    case 'StatefulSet': mark(statefulSet(emit, old, now, changes, ctx)); break;
    case 'Job': mark(job(emit, old, now, changes)); break;
    case 'CronJob': mark(cronJob(emit, old, now, changes)); break;
    case 'PersistentVolumeClaim': mark(claim(emit, old, now, changes, ctx)); break;
    case 'PersistentVolume': mark(volume(emit, now, changes)); break;
    case 'StorageClass': mark(storageClass(emit, now, changes)); break;
    case 'Service': mark(service(emit, now, changes, ctx)); break;
    case 'ServiceMonitor': case 'PodMonitor': case 'PodDisruptionBudget': mark(selection(emit, now, changes)); break;
    case 'ConfigMap': mark(configMap(emit, old, now, changes, ctx)); break;
    case 'Secret': mark(secret(emit, old, now, changes)); break;
    case 'Namespace': mark(namespace(emit, old, now, changes)); break;
    case 'NetworkPolicy': mark(networkPolicy(emit, old, now, changes)); break;
    case 'postgresql': if (groupOf(now) === 'acid.zalan.do') mark(zalando(emit, old, now, changes)); break;
    case 'Cluster': if (groupOf(now) === CNPG_GROUP) mark(cnpgCluster(emit, old, now, changes)); break;
    case 'Database': if (groupOf(now) === CNPG_GROUP) mark(cnpgDatabase(emit, now, changes)); break;
    case 'DatabaseRole': if (groupOf(now) === CNPG_GROUP) mark(cnpgDatabaseRole(emit, now, changes)); break;
    case 'Pooler': if (groupOf(now) === CNPG_GROUP) mark(cnpgPooler(emit, old, now, changes)); break;
    case 'ObjectStore': if (groupOf(now) === 'barmancloud.cnpg.io') mark(barmanObjectStore(emit, now, changes)); break;
    default: break;
  }
  const rest = changes.filter((c) => !explained.has(c.path));
  if (rest.length && emitted() === before) {
    const paths = rest.map((c) => c.path);
    emit('safe', commonPath(paths), `${describe(rest)}: applied in place, nothing restarts or is refused`);
  }
}
