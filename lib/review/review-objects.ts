import { Change, commonPath, diff, joinPath, under, valueAt } from './diff';
import { Finding, Risk, RISKS } from './finding';
import { settingContext, needsRestart } from './pg-settings';
import { readPgHba, readPostgresqlConf } from './postgres-files';

/** Options of {@link reviewObjects}. */
export interface ReviewObjectsOptions {
  /**
   * The environment the objects belong to, written into each finding.
   * @default ''
   */
  readonly environment?: string;
}

type KubeObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown }; [k: string]: any };

/** Where PostgreSQL's README section on major upgrades is, for steps that point there. */
const UPGRADE_STEPS = 'follow README "Upgrading PostgreSQL": declare the upgrade (upgrade: { fromMajorVersion: <old major> }), which copies the data into a new server of the new major and keeps the old one';
/** The PostgreSQL major the library deploys when an object does not say. */
const DEFAULT_MAJOR = 17;
/** Pod Security levels, loosest first. */
const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'];

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
  const context: Context = { before: before as KubeObject[], after: after as KubeObject[], environment };
  const findings: Finding[] = [];
  for (const [key, o] of old) {
    const emit = emitter(findings, environment, o);
    const next = now.get(key);
    if (!next) removed(emit, o, context);
    else changed(emit, o, next, context);
  }
  for (const [key, o] of now) if (!old.has(key)) added(emitter(findings, environment, o), o);
  return sortFindings(findings);
}

/** Findings highest risk first, then by target and path. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (r: Risk) => RISKS.indexOf(r);
  return findings.sort((a, b) => rank(a.risk) - rank(b.risk) || compare(a.environment, b.environment) || compare(a.target, b.target) || compare(a.path, b.path));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Context {
  readonly environment: string;
  readonly before: KubeObject[];
  readonly after: KubeObject[];
}

type Emit = (risk: Risk, path: string, message: string, steps?: string[]) => void;

function emitter(findings: Finding[], environment: string, o: KubeObject): Emit {
  const target = targetOf(o);
  return (risk, path, message, steps = []) => findings.push({ environment, target, path, risk, message, steps });
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-wide objects. */
export function targetOf(o: KubeObject): string {
  const ns = o.metadata?.namespace;
  return ns ? `${o.kind}/${ns}/${o.metadata?.name}` : `${o.kind}/${o.metadata?.name}`;
}

function groupOf(o: KubeObject): string {
  const apiVersion = o.apiVersion ?? '';
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

function index(objects: KubeObject[]): Map<string, KubeObject> {
  return new Map(objects.filter((o) => o && typeof o === 'object').map((o) => [`${groupOf(o)}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`, o]));
}

const where = (o: KubeObject) => (o.metadata?.namespace ? ` -n ${o.metadata.namespace}` : '');
const APPLY = 'kubectl apply -f <the manifests> (or npx cdktf deploy <stack>)';

// --- removed and added objects -----------------------------------------------------------

/** Kinds whose removal deletes or abandons stored data. */
const DATA_KINDS: Record<string, string> = {
  StatefulSet: "no server runs on its claims any more (they are kept, retention Retain, but nothing uses them); a server under another name starts empty",
  PersistentVolumeClaim: 'deleting the claim releases its volume, which a Delete reclaim policy erases',
  PersistentVolume: 'deleting the volume object drops the only reference to the stored data (erased with reclaim policy Delete)',
  Namespace: 'deleting a namespace deletes everything in it, the claims of its databases included',
  postgresql: 'the operator deletes the cluster, its pods and their volumes',
};

function removed(emit: Emit, o: KubeObject, ctx: Context): void {
  const what = DATA_KINDS[o.kind ?? ''];
  const upgraded = o.kind === 'StatefulSet' ? ctx.after.find((n) => n.kind === 'StatefulSet' && n.metadata?.namespace === o.metadata?.namespace && new RegExp(`^${escape(o.metadata?.name ?? '')}-pg\\d+$`).test(n.metadata?.name ?? '')) : undefined;
  if (upgraded) {
    // A declared major upgrade retires the previous server once its copy serves: the claims stay.
    const claims = ((o.spec?.volumeClaimTemplates as any[]) ?? []).map((t) => `${t?.metadata?.name}-${o.metadata?.name}-0`);
    emit('safe', '', `StatefulSet ${o.metadata?.name} is retired after the declared upgrade to ${upgraded.metadata?.name}: its claims stay (retention Retain) until deleted by hand`,
      claims.length ? [`once the upgraded server is verified and backed up: kubectl delete pvc ${claims.join(' ')}${where(o)}`] : []);
    return;
  }
  if (what && (o.kind !== 'postgresql' || groupOf(o) === 'acid.zalan.do')) {
    const successor = ctx.after.find((n) => n.kind === o.kind && n.metadata?.namespace === o.metadata?.namespace && !ctx.before.some((b) => b.kind === n.kind && b.metadata?.namespace === n.metadata?.namespace && b.metadata?.name === n.metadata?.name));
    const renamed = successor ? ` (renamed to ${successor.metadata?.name}? the new one starts empty)` : '';
    emit('data-loss', '', `${o.kind} ${o.metadata?.name} is removed${renamed}: ${what}`, [
      'keep the object (restore its name in the description) unless its data is no longer needed',
      `to move the data, copy it first (a backup restored into the new server, or README "Upgrading PostgreSQL"), then delete the old object on purpose: kubectl delete ${(o.kind ?? '').toLowerCase()} ${o.metadata?.name}${where(o)}`,
    ]);
    return;
  }
  if (o.kind === 'NetworkPolicy' && selectsOnlyRemovedPods(o, ctx)) {
    emit('safe', '', `NetworkPolicy ${o.metadata?.name} is removed with the pods it selects (kubectl apply without --prune leaves it in the cluster)`,
      [`kubectl delete networkpolicy ${o.metadata?.name}${where(o)}`]);
    return;
  }
  if (o.kind === 'NetworkPolicy' && isolatedByDefaultDeny(o, ctx)) {
    emit('safe', '', `NetworkPolicy ${o.metadata?.name} is removed: it only allowed traffic, and the namespace's default deny still isolates its pods (kubectl apply without --prune leaves it in the cluster)`,
      [`kubectl delete networkpolicy ${o.metadata?.name}${where(o)}`]);
    return;
  }
  if (o.kind === 'NetworkPolicy') {
    emit('security', '', `NetworkPolicy ${o.metadata?.name} is removed: the traffic it restricted is no longer restricted by it (kubectl apply without --prune leaves it in the cluster)`,
      [`delete it on purpose once nothing relies on it: kubectl delete networkpolicy ${o.metadata?.name}${where(o)}`]);
    return;
  }
  emit('safe', '', `${o.kind} ${o.metadata?.name} is removed (kubectl apply without --prune leaves it in the cluster)`,
    [`kubectl delete ${(o.kind ?? '').toLowerCase()} ${o.metadata?.name}${where(o)}`]);
}

/** Whether a NetworkPolicy selects pods of workloads that are removed too, and no others the lists hold. */
function selectsOnlyRemovedPods(policy: KubeObject, ctx: Context): boolean {
  const selector: Record<string, string> | undefined = policy.spec?.podSelector?.matchLabels;
  if (!selector || Object.keys(selector).length === 0 || policy.spec?.podSelector?.matchExpressions?.length) return false;
  const podLabels = (o: KubeObject): Record<string, string> | undefined => (valueAt(o, `${templatePath(o.kind)}.metadata.labels`) as Record<string, string> | undefined);
  const selects = (o: KubeObject) => o.metadata?.namespace === policy.metadata?.namespace && templatePath(o.kind) !== undefined
    && Object.entries(selector).every(([k, v]) => podLabels(o)?.[k] === v);
  const key = (o: KubeObject) => `${o.kind}/${o.metadata?.namespace}/${o.metadata?.name}`;
  const remaining = new Set(ctx.after.map(key));
  const selectedBefore = ctx.before.filter(selects);
  return selectedBefore.length > 0 && selectedBefore.every((o) => !remaining.has(key(o))) && !ctx.after.some(selects);
}

/**
 * Policies only add allowed traffic; a pod is isolated for a direction as soon as one policy of
 * that type selects it. With a policy selecting every pod of the namespace for the same types (a
 * default deny) left in place, removing another policy can only allow less.
 */
function isolatedByDefaultDeny(policy: KubeObject, ctx: Context): boolean {
  const types: string[] = policy.spec?.policyTypes ?? ['Ingress'];
  return ctx.after.some((o) => o.kind === 'NetworkPolicy' && o.metadata?.namespace === policy.metadata?.namespace && o.metadata?.name !== policy.metadata?.name
    && Object.keys(o.spec?.podSelector?.matchLabels ?? {}).length === 0 && !(o.spec?.podSelector?.matchExpressions?.length)
    && types.every((t) => ((o.spec?.policyTypes as string[]) ?? ['Ingress']).includes(t)));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function added(emit: Emit, o: KubeObject): void {
  if (o.kind === 'NetworkPolicy') {
    const open = grantsOf(o).filter((g) => g.includes('"ipBlock"') || g.includes(' any-peer '));
    if (open.length) {
      emit('security', '', `NetworkPolicy ${o.metadata?.name} is added and allows ${open.join('; ')}`);
      return;
    }
  }
  emit('safe', '', o.kind === 'StatefulSet' ? `StatefulSet ${o.metadata?.name} is added: a new server starts with empty storage` : `${o.kind} ${o.metadata?.name} is added`);
}

// --- changed objects ---------------------------------------------------------------------

function changed(emit: Emit, old: KubeObject, now: KubeObject, ctx: Context): void {
  const changes = diff(old, now);
  if (changes.length === 0) return;
  const explained = new Set<string>();
  const mark = (paths: Iterable<string>) => { for (const p of paths) explained.add(p); };
  const startRisk = countOf(emit);
  switch (now.kind) {
    case 'StatefulSet': mark(statefulSet(emit, old, now, changes, ctx)); break;
    case 'Job': mark(job(emit, old, now, changes)); break;
    case 'CronJob': mark(cronJob(emit, old, now, changes)); break;
    case 'PersistentVolumeClaim': mark(claim(emit, old, now, changes, ctx)); break;
    case 'PersistentVolume': mark(volume(emit, now, changes)); break;
    case 'StorageClass': mark(storageClass(emit, now, changes)); break;
    case 'Service': mark(service(emit, now, changes)); break;
    case 'ConfigMap': mark(configMap(emit, old, now, changes, ctx)); break;
    case 'Secret': mark(secret(emit, old, now, changes)); break;
    case 'Namespace': mark(namespace(emit, old, now, changes)); break;
    case 'NetworkPolicy': mark(networkPolicy(emit, old, now, changes)); break;
    case 'postgresql': if (groupOf(now) === 'acid.zalan.do') mark(zalando(emit, old, now, changes)); break;
    default: break;
  }
  const rest = changes.filter((c) => !explained.has(c.path));
  if (rest.length && countOf(emit) === startRisk) {
    const paths = rest.map((c) => c.path);
    emit('safe', commonPath(paths), `${describe(rest)}: applied in place, nothing restarts or is refused`);
  }
}

/** How many findings an emitter has pushed (a counter on the closure, for "did a rule say anything"). */
const counts = new WeakMap<Emit, number>();
function countOf(emit: Emit): number {
  return counts.get(emit) ?? 0;
}
function counted(emit: Emit): Emit {
  return (...args) => { counts.set(emit, countOf(emit) + 1); emit(...args); };
}

/** `a: x -> y` for up to three changes, then how many more. */
function describe(changes: readonly Change[]): string {
  const shown = changes.slice(0, 3).map((c) => `${c.path}: ${show(c.before)} -> ${show(c.after)}`);
  return changes.length > 3 ? `${shown.join(', ')} and ${changes.length - 3} more` : shown.join(', ');
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// --- workloads -----------------------------------------------------------------------------

/** Path of the pod template inside a workload. */
function templatePath(kind: string | undefined): string | undefined {
  switch (kind) {
    case 'StatefulSet': case 'Deployment': case 'DaemonSet': case 'ReplicaSet': case 'Job': return 'spec.template';
    case 'CronJob': return 'spec.jobTemplate.spec.template';
    default: return undefined;
  }
}

/** The major of the container named `postgres` (the tag's leading number), if any. */
export function postgresMajorOf(o: KubeObject): number | undefined {
  const containers: any[] = valueAt(o, `${templatePath(o.kind)}.spec.containers`) as any[] ?? [];
  const image: string | undefined = containers.find((c) => c?.name === 'postgres')?.image;
  const tag = image?.split('@')[0].split('/').pop()?.split(':')[1];
  const major = tag ? /^(\d+)/.exec(tag)?.[1] : undefined;
  return major ? Number(major) : undefined;
}

/** Findings common to every pod template: security settings loosened, other Secrets read. */
function podTemplate(emit: Emit, old: KubeObject, now: KubeObject): void {
  const base = templatePath(now.kind)!;
  const oldSpec: any = valueAt(old, `${base}.spec`) ?? {};
  const newSpec: any = valueAt(now, `${base}.spec`) ?? {};
  const loosened = [
    ...securityLoosened(`${base}.spec.securityContext`, oldSpec.securityContext, newSpec.securityContext),
    ...[...(newSpec.initContainers ?? []).map((c: any, i: number) => [c, 'initContainers', i] as const), ...(newSpec.containers ?? []).map((c: any, i: number) => [c, 'containers', i] as const)]
      .flatMap(([c, list, i]) => {
        const previous = (oldSpec[list] ?? []).find((p: any) => p?.name === c?.name);
        return previous ? securityLoosened(`${base}.spec.${list}[${i}].securityContext`, previous.securityContext, c.securityContext) : [];
      }),
  ];
  for (const [path, what] of loosened) emit('security', path, `container security loosened: ${what}`, ['keep the restricted settings (Pod Security "restricted", read-only root filesystem) unless the workload truly needs more']);
  const oldSecrets = secretsOf(oldSpec);
  const newSecrets = [...secretsOf(newSpec)].filter((s) => !oldSecrets.has(s));
  if (newSecrets.length) emit('security', `${base}.spec`, `the pods read ${newSecrets.length === 1 ? 'another Secret' : 'other Secrets'}: ${newSecrets.join(', ')}`, ['check that these Secrets are the ones meant, and that they exist before applying']);
}

/** What got looser in a securityContext, as [path, description]. */
function securityLoosened(path: string, before: any = {}, after: any = {}): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const flag = (field: string, safe: boolean, what: string) => {
    if (before?.[field] === safe && after?.[field] !== safe) found.push([joinPath(path, field), `${field} ${show(before?.[field])} -> ${show(after?.[field])} (${what})`]);
  };
  flag('runAsNonRoot', true, 'the container may run as root');
  flag('allowPrivilegeEscalation', false, 'a process may gain more privileges than its parent');
  flag('readOnlyRootFilesystem', true, 'the container may write to its image');
  if (before?.privileged !== true && after?.privileged === true) found.push([joinPath(path, 'privileged'), 'privileged true (the container has every capability of the host)']);
  const addedCaps = (after?.capabilities?.add ?? []).filter((c: string) => !(before?.capabilities?.add ?? []).includes(c));
  if (addedCaps.length) found.push([joinPath(path, 'capabilities.add'), `capabilities added: ${addedCaps.join(', ')}`]);
  const lostDrops = (before?.capabilities?.drop ?? []).filter((c: string) => !(after?.capabilities?.drop ?? []).includes(c));
  if (lostDrops.length) found.push([joinPath(path, 'capabilities.drop'), `capabilities no longer dropped: ${lostDrops.join(', ')}`]);
  if (before?.runAsUser !== undefined && before.runAsUser !== 0 && after?.runAsUser === 0) found.push([joinPath(path, 'runAsUser'), 'runAsUser 0 (root)']);
  return found;
}

/** Secrets a pod spec reads: env, envFrom, volumes. */
function secretsOf(spec: any): Set<string> {
  const names = new Set<string>();
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const e of c?.env ?? []) if (e?.valueFrom?.secretKeyRef?.name) names.add(e.valueFrom.secretKeyRef.name);
    for (const e of c?.envFrom ?? []) if (e?.secretRef?.name) names.add(e.secretRef.name);
  }
  for (const v of spec?.volumes ?? []) {
    if (v?.secret?.secretName) names.add(v.secret.secretName);
    for (const s of v?.projected?.sources ?? []) if (s?.secret?.name) names.add(s.secret.name);
  }
  return names;
}

/**
 * StatefulSet. Kubernetes API reference, StatefulSetSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/stateful-set-v1/) and the
 * API server's validation ("updates to statefulset spec for fields other than 'replicas',
 * 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and
 * 'minReadySeconds' are forbidden"): volumeClaimTemplates, selector, serviceName and
 * podManagementPolicy cannot change.
 */
function statefulSet(rawEmit: Emit, old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const emit = counted(rawEmit);
  const MUTABLE = ['spec.replicas', 'spec.ordinals', 'spec.template', 'spec.updateStrategy', 'spec.persistentVolumeClaimRetentionPolicy', 'spec.minReadySeconds'];
  const name = now.metadata?.name;
  const replicas: number = now.spec?.replicas ?? 1;
  for (const c of changes.filter((ch) => under(ch.path, 'spec') && !MUTABLE.some((m) => under(ch.path, m)))) {
    const storage = /^spec\.volumeClaimTemplates\[(\d+)\]\.spec\.resources\.requests\.storage$/.exec(c.path);
    if (storage) {
      const template = now.spec.volumeClaimTemplates[Number(storage[1])]?.metadata?.name ?? 'data';
      const claims = Array.from({ length: replicas }, (_, i) => `${template}-${name}-${i}`);
      const grows = compareQuantity(String(c.after), String(c.before)) > 0;
      emit('refused', c.path, `the API server refuses to change a StatefulSet's volumeClaimTemplates: storage ${show(c.before)} -> ${show(c.after)} cannot be applied as written${grows ? '' : ' (and a claim cannot shrink either)'}`, grows ? [
        `npm run --silent grow -- ${ctx.environment || '<environment>'} <server> ${show(c.after)}   (in cdk8s-postgres's repository: prints and checks these steps; <server> is the id of the server of StatefulSet ${name})`,
        ...claims.map((claimName) => `kubectl patch pvc ${claimName}${where(now)} -p '{"spec":{"resources":{"requests":{"storage":"${show(c.after)}"}}}}'`),
        `kubectl delete statefulset ${name}${where(now)} --cascade=orphan   (the pods and their data keep running)`,
        `${APPLY}   (creates the StatefulSet again with the new size)`,
      ] : [`keep ${show(c.before)}: a claim cannot shrink; to use less space, copy the data into a new, smaller server (backup and restore)`]);
      continue;
    }
    emit('refused', c.path, `the API server refuses to change ${c.path} of a StatefulSet (only replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds may change)`, [
      `kubectl delete statefulset ${name}${where(now)} --cascade=orphan   (the pods and their claims stay)`,
      `${APPLY}   (creates it again; the pods are adopted if the selector still matches them)`,
    ]);
  }
  for (const field of ['whenDeleted', 'whenScaled']) {
    const path = `spec.persistentVolumeClaimRetentionPolicy.${field}`;
    if (valueAt(now, path) === 'Delete' && valueAt(old, path) !== 'Delete') {
      emit('data-loss', path, `persistentVolumeClaimRetentionPolicy.${field} becomes Delete: the claims, and their data, are deleted when the StatefulSet is ${field === 'whenDeleted' ? 'deleted' : 'scaled down'}`, ['keep Retain; delete claims on purpose, one by one, when their data is no longer needed']);
    }
  }
  const oldMajor = postgresMajorOf(old);
  const newMajor = postgresMajorOf(now);
  if (oldMajor !== undefined && newMajor !== undefined && oldMajor !== newMajor) {
    const container = (valueAt(now, 'spec.template.spec.containers') as any[]).findIndex((c) => c?.name === 'postgres');
    emit('data-loss', `spec.template.spec.containers[${container}].image`, `PostgreSQL ${oldMajor} -> ${newMajor} in place: the new server cannot use the old major's data directory (the pod refuses to start, or an empty cluster is initialized beside the old data)`, [
      `keep majorVersion ${oldMajor} on this server`,
      UPGRADE_STEPS,
    ]);
  }
  const templateChanges = changes.filter((c) => under(c.path, 'spec.template'));
  if (templateChanges.length) {
    podTemplate(emit, old, now);
    const checksumOnly = templateChanges.every((c) => c.path.endsWith('["cdk8s-postgres.io/config-checksum"]'));
    const why = checksumOnly ? 'a setting PostgreSQL reads only at start changed, so the config checksum annotation did' : describe(templateChanges);
    if (replicas === 1) {
      emit('downtime', commonPath(templateChanges.map((c) => c.path)), `the pod template changes (${why}): the single pod restarts and the database is unavailable until it is ready again`, [
        'apply in a maintenance window; clients reconnect once the pod is ready',
      ]);
    } else {
      emit('safe', commonPath(templateChanges.map((c) => c.path)), `the pod template changes (${why}): the ${replicas} pods restart one at a time`);
    }
  }
  return changes.filter((c) => under(c.path, 'spec') || under(c.path, 'metadata')).map((c) => c.path);
}

/**
 * Job. Kubernetes API reference, JobSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/): `template` is
 * immutable except for a suspended Job's scheduling directives, and `selector` cannot change.
 */
function job(rawEmit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const emit = counted(rawEmit);
  const immutable = changes.filter((c) => under(c.path, 'spec.template') || under(c.path, 'spec.selector'));
  if (immutable.length) {
    podTemplate(emit, old, now);
    const name = now.metadata?.name;
    const ttl = old.spec?.ttlSecondsAfterFinished;
    const gone = typeof ttl === 'number' ? `; a finished Job is deleted ${ttl} s after it finishes, and then applying simply creates it` : '';
    emit('refused', commonPath(immutable.map((c) => c.path)), `a Job's pod template cannot change: the API server refuses the update (${describe(immutable)})${gone}`, [
      `kubectl delete job ${name}${where(now)} --ignore-not-found`,
      `${APPLY}   (the Job runs again with the new template)`,
    ]);
  }
  return immutable.map((c) => c.path);
}

/** CronJob: every field can change (Kubernetes API reference, CronJobSpec); the next run uses it. Backup retention is checked here. */
function cronJob(rawEmit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const emit = counted(rawEmit);
  if (changes.some((c) => under(c.path, 'spec.jobTemplate.spec.template'))) podTemplate(emit, old, now);
  const oldRetention = retentionOf(old);
  const newRetention = retentionOf(now);
  for (const key of ['RETENTION_DAYS', 'RETENTION_COUNT'] as const) {
    const before = oldRetention[key];
    const after = newRetention[key];
    if (!after || !after.value) continue;
    if (before?.value && Number(after.value) >= Number(before.value)) continue;
    const unit = key === 'RETENTION_DAYS' ? 'days' : 'backups';
    emit('data-loss', after.path, `backup retention ${before?.value ? `${before.value} -> ${after.value}` : `unlimited -> ${after.value}`} ${unit}: the next run (schedule '${now.spec?.schedule}') deletes the older backups`, [
      `copy the backups you need to keep off the backup claim before the next run (kubectl cp from a pod that mounts it, or the restore command's listing)`,
    ]);
  }
  return [];
}

/** RETENTION_DAYS / RETENTION_COUNT of the backup container, with their paths. */
function retentionOf(o: KubeObject): Partial<Record<'RETENTION_DAYS' | 'RETENTION_COUNT', { value: string; path: string }>> {
  const base = 'spec.jobTemplate.spec.template.spec';
  const found: Partial<Record<'RETENTION_DAYS' | 'RETENTION_COUNT', { value: string; path: string }>> = {};
  for (const list of ['initContainers', 'containers']) {
    ((valueAt(o, `${base}.${list}`) as any[]) ?? []).forEach((c, i) => (c?.env ?? []).forEach((e: any, j: number) => {
      if (e?.name === 'RETENTION_DAYS' || e?.name === 'RETENTION_COUNT') found[e.name as 'RETENTION_DAYS'] = { value: String(e.value ?? ''), path: `${base}.${list}[${i}].env[${j}].value` };
    }));
  }
  return found;
}

// --- storage ---------------------------------------------------------------------------------

/**
 * PersistentVolumeClaim. Kubernetes API reference, PersistentVolumeClaimSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/)
 * and "Expanding Persistent Volumes Claims"
 * (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#expanding-persistent-volumes-claims):
 * the spec is immutable after creation except `resources.requests` (an increase, when the
 * StorageClass sets allowVolumeExpansion) and `volumeAttributesClassName`; a claim cannot shrink.
 */
function claim(rawEmit: Emit, _old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const emit = counted(rawEmit);
  const spec = changes.filter((c) => under(c.path, 'spec'));
  for (const c of spec) {
    if (c.path === 'spec.resources.requests.storage') {
      if (compareQuantity(String(c.after), String(c.before)) < 0) {
        emit('refused', c.path, `a claim cannot shrink: storage ${show(c.before)} -> ${show(c.after)} is refused by the API server`, [`keep ${show(c.before)}`]);
        continue;
      }
      const className = now.spec?.storageClassName;
      const storageClass = ctx.after.find((o) => o.kind === 'StorageClass' && o.metadata?.name === className);
      if (storageClass && storageClass.allowVolumeExpansion !== true) {
        emit('refused', c.path, `StorageClass ${className} does not allow volume expansion: storage ${show(c.before)} -> ${show(c.after)} is refused by the API server`, [`set allowVolumeExpansion: true on StorageClass ${className} (it can change), then apply`]);
      } else {
        emit('safe', c.path, `the claim grows ${show(c.before)} -> ${show(c.after)} in place, if its StorageClass${className ? ` ${className}` : ''} allows expansion (allowVolumeExpansion: true; otherwise the API server refuses it)`);
      }
      continue;
    }
    if (under(c.path, 'spec.resources') || under(c.path, 'spec.volumeAttributesClassName')) continue;
    emit('refused', c.path, `the spec of a claim cannot change after creation (only a larger storage request and volumeAttributesClassName): ${describe([c])}`, [
      'create a new claim with the new spec and copy the data into it (a backup restored into a new server); keep the old claim until the copy is verified',
    ]);
  }
  return spec.map((c) => c.path);
}

/** Volume source fields of a PersistentVolumeSpec. */
const VOLUME_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume'];

/**
 * PersistentVolume. The API server refuses a change of the volume source ("spec.persistentvolumesource
 * is immutable after creation"; Kubernetes API reference, PersistentVolumeSpec:
 * https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-v1/);
 * reclaim policy Delete erases the stored data when the claim goes.
 */
function volume(rawEmit: Emit, now: KubeObject, changes: Change[]): string[] {
  const emit = counted(rawEmit);
  for (const c of changes.filter((ch) => VOLUME_SOURCES.some((s) => under(ch.path, `spec.${s}`)))) {
    emit('refused', c.path, `the source of a PersistentVolume cannot change after creation: ${describe([c])}`, [
      `create a new PersistentVolume (and claim) for the new source; delete the old one on purpose once its data is copied`,
    ]);
  }
  const reclaim = changes.find((c) => c.path === 'spec.persistentVolumeReclaimPolicy');
  if (reclaim && reclaim.after === 'Delete') {
    emit('data-loss', reclaim.path, `reclaim policy ${show(reclaim.before)} -> Delete: the stored data is erased when the claim of PersistentVolume ${now.metadata?.name} is deleted`, ['keep Retain; delete the volume\'s data on purpose when it is no longer needed']);
  }
  return changes.filter((c) => under(c.path, 'spec')).map((c) => c.path);
}

/**
 * StorageClass. Kubernetes documentation, Storage Classes
 * (https://kubernetes.io/docs/concepts/storage/storage-classes/): the name and parameters are set
 * when the class is created and "cannot be updated"; the API server refuses changes of
 * parameters, provisioner, reclaimPolicy and volumeBindingMode (allowVolumeExpansion may change).
 */
function storageClass(rawEmit: Emit, now: KubeObject, changes: Change[]): string[] {
  const emit = counted(rawEmit);
  const fixed = changes.filter((c) => ['parameters', 'provisioner', 'reclaimPolicy', 'volumeBindingMode'].some((f) => under(c.path, f)));
  for (const c of fixed) {
    emit('refused', c.path, `a StorageClass's ${c.path.split(/[.[]/)[0]} cannot change after creation: ${describe([c])}`, [
      `kubectl delete storageclass ${now.metadata?.name}   (volumes made from it keep their settings)`,
      `${APPLY}   (creates it again; only new volumes get the new settings)`,
    ]);
  }
  return fixed.map((c) => c.path);
}

// --- services, configuration, secrets --------------------------------------------------------

/**
 * Service. Kubernetes API reference, ServiceSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/): clusterIP
 * and clusterIPs "may not be changed through updates" unless the type changes to or from
 * ExternalName. A type NodePort or LoadBalancer exposes the port outside the cluster.
 */
function service(rawEmit: Emit, now: KubeObject, changes: Change[]): string[] {
  const emit = counted(rawEmit);
  const typeChange = changes.find((c) => c.path === 'spec.type');
  const toOrFromExternalName = typeChange && (typeChange.before === 'ExternalName' || typeChange.after === 'ExternalName');
  const ips = changes.filter((c) => under(c.path, 'spec.clusterIP') || under(c.path, 'spec.clusterIPs') || under(c.path, 'spec.clusterIp') || under(c.path, 'spec.clusterIps'));
  if (ips.length && !toOrFromExternalName) {
    emit('refused', commonPath(ips.map((c) => c.path)), `a Service's clusterIP cannot change: ${describe(ips)}`, [
      `kubectl delete service ${now.metadata?.name}${where(now)}   (clients lose the Service until it is created again)`,
      APPLY,
    ]);
  }
  if (typeChange && (typeChange.after === 'NodePort' || typeChange.after === 'LoadBalancer')) {
    emit('security', 'spec.type', `Service type ${show(typeChange.before)} -> ${typeChange.after}: the port is reachable from outside the cluster`, ['check that pg_hba.conf and the NetworkPolicies still admit only the intended clients']);
  }
  return [...ips.map((c) => c.path), ...(typeChange ? ['spec.type'] : [])];
}

/** Secret: `immutable: true` makes its data unchangeable (Kubernetes API reference, Secret: https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/). */
function secret(rawEmit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  return immutableData(counted(rawEmit), old, now, changes);
}

/**
 * `immutable: true` on a ConfigMap or Secret: "ensures that data stored in the ConfigMap cannot be
 * updated (only object metadata can be modified)" (Kubernetes API reference, ConfigMap:
 * https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/).
 */
function immutableData(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  if (old.immutable !== true) return [];
  const data = changes.filter((c) => !under(c.path, 'metadata'));
  if (data.length) {
    emit('refused', commonPath(data.map((c) => c.path)), `${now.kind} ${now.metadata?.name} is immutable: its data cannot change (${describe(data)})`, [
      `kubectl delete ${(now.kind ?? '').toLowerCase()} ${now.metadata?.name}${where(now)}`,
      `${APPLY}   (pods that mount it read the new data only after a restart)`,
    ]);
  }
  return data.map((c) => c.path);
}

function configMap(rawEmit: Emit, old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const emit = counted(rawEmit);
  const explained = immutableData(emit, old, now, changes);
  if (explained.length) return explained;
  if (now.metadata?.labels?.['app.kubernetes.io/component'] === 'schema-init') return schemaFiles(emit, old, now, changes);
  if (typeof now.data?.['postgresql.conf'] === 'string' || typeof now.data?.['pg_hba.conf'] === 'string') return serverConfig(emit, old, now, changes, ctx);
  return [];
}

/**
 * The schema Job's ConfigMap. Its script (lib/sql/job-script.ts) records each schema file in a
 * ledger with its SHA-256 and refuses a file whose content differs from what was applied.
 */
function schemaFiles(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const once = new Set(planOf(old).filter((p) => p.mode === 'once').map((p) => p.file));
  const ledger = new Map(planOf(now).filter((p) => p.mode === 'once').map((p) => [p.file, p]));
  const explained: string[] = [];
  for (const file of Object.keys(now.data ?? {}).sort()) {
    const before = old.data?.[file];
    if (!once.has(file) || !ledger.has(file) || before === undefined || !changes.some((c) => c.path === joinPath('data', file))) continue;
    const entry = ledger.get(file)!;
    const path = joinPath('data', file);
    explained.push(path);
    emit('refused', path, `schema file ${entry.name} changed after it was applied: the schema Job stops with "Schema file ${entry.name} changed after it was applied to ${entry.database} (applied sha256 …, now …): add a new schema file instead of editing an applied one"`, [
      `restore ${entry.name} as it was applied`,
      'put the change in a new schema file, listed after it (applied once, in order)',
    ]);
  }
  const grants = (o: KubeObject) => new Set(Object.values<string>(o.data ?? {}).flatMap((sql) => sql.split(/;\s*/).map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => /^GRANT\b/i.test(s))));
  const oldGrants = grants(old);
  const newGrants = [...grants(now)].filter((g) => !oldGrants.has(g));
  if (newGrants.length) {
    emit('security', 'data', `the schema Job grants more: ${newGrants.slice(0, 3).join('; ')}${newGrants.length > 3 ? `; and ${newGrants.length - 3} more` : ''}`, ['check that each new grant is meant; the schema Job applies it on its next run']);
  }
  return explained;
}

interface PlanEntry { mode: string; database: string; file: string; name: string }

/** plan.tsv of a schema ConfigMap (tab-separated: mode, database, file, ledger name, role). */
function planOf(o: KubeObject): PlanEntry[] {
  const text: string = o.data?.['plan.tsv'] ?? '';
  return text.split('\n').filter((l) => l !== '').map((l) => {
    const [mode, database, file, name] = l.split('\t');
    return { mode, database, file, name: name ?? file };
  });
}

/** The server ConfigMap: postgresql.conf parameter by parameter, pg_hba.conf rule by rule. */
function serverConfig(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
  const major = majorMounting(now, ctx) ?? DEFAULT_MAJOR;
  const server = serverMounting(now, ctx);
  const reload = server
    ? `kubectl exec ${server.metadata?.name}-0${where(server)} -c postgres -- sh -c 'pg_ctl reload --pgdata="$PGDATA"'   (after the kubelet has updated the mounted file, within about a minute; for each pod; or SELECT pg_reload_conf() as a superuser)`
    : 'reload the server: SELECT pg_reload_conf() as a superuser (the server does not watch its configuration file)';
  const steps = [APPLY, reload];
  const explained: string[] = [];
  if (changes.some((c) => c.path === 'data["postgresql.conf"]')) {
    explained.push('data["postgresql.conf"]');
    parameterChanges(emit, major, readPostgresqlConf(old.data?.['postgresql.conf'] ?? ''), readPostgresqlConf(now.data?.['postgresql.conf'] ?? ''), 'data["postgresql.conf"]', steps);
  }
  if (changes.some((c) => c.path === 'data["pg_hba.conf"]')) {
    explained.push('data["pg_hba.conf"]');
    const before = readPgHba(old.data?.['pg_hba.conf'] ?? '');
    const after = readPgHba(now.data?.['pg_hba.conf'] ?? '');
    const has = (rules: typeof before, text: string) => rules.some((r) => r.text === text);
    const admits = after.filter((r) => !r.reject && !has(before, r.text)).map((r) => `admits "${r.text}"`);
    const unrefused = before.filter((r) => r.reject && !has(after, r.text)).map((r) => `no longer refuses "${r.text}"`);
    const path = 'data["pg_hba.conf"]';
    if (admits.length || unrefused.length) {
      emit('security', path, `pg_hba.conf ${[...admits, ...unrefused].join(', ')}: more clients may log in (applied on a reload)`, steps);
    } else {
      emit('safe', path, 'pg_hba.conf admits fewer connections; PostgreSQL reads it on a reload, without a restart', steps);
    }
  }
  return explained;
}

/**
 * postgresql.conf (or a Zalando cluster's parameters), one finding per changed parameter:
 * `downtime` when PostgreSQL reads it only at start, `safe` when a reload applies it.
 */
function parameterChanges(emit: Emit, major: number, before: Map<string, string>, after: Map<string, string>, base: string, reloadSteps: string[], restartWhat = 'the server restarts to apply it', restartSteps: string[] = ['apply in a maintenance window: the database is unavailable while it restarts']): void {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const b = before.get(name);
    const a = after.get(name);
    if (b === a) continue;
    const change = `${name} ${b ?? '(default)'} -> ${a ?? '(default)'}`;
    const context = settingContext(major, name);
    const path = joinPath(base, name);
    if (needsRestart(major, name)) {
      const why = context === undefined ? `PostgreSQL ${major} does not know it (pg_settings has no such setting), so only a restart is sure to read it` : `PostgreSQL reads it only at server start (pg_settings.context ${context})`;
      emit('downtime', path, `${change}: ${why}; ${restartWhat}`, restartSteps);
    } else {
      const sessions = context === 'backend' || context === 'superuser-backend' ? ', for sessions that start afterwards' : '';
      emit('safe', path, `${change}: PostgreSQL applies it on a reload (pg_settings.context ${context})${sessions}; the server keeps running`, reloadSteps);
    }
  }
}

/** The StatefulSet that mounts this ConfigMap. */
function serverMounting(cm: KubeObject, ctx: Context): KubeObject | undefined {
  return [...ctx.after, ...ctx.before].find((o) => o.kind === 'StatefulSet' && o.metadata?.namespace === cm.metadata?.namespace
    && ((valueAt(o, 'spec.template.spec.volumes') as any[]) ?? []).some((v) => v?.configMap?.name === cm.metadata?.name));
}

function majorMounting(cm: KubeObject, ctx: Context): number | undefined {
  const server = serverMounting(cm, ctx);
  return server ? postgresMajorOf(server) : undefined;
}

// --- namespaces and network ------------------------------------------------------------------

/** Pod Security admission labels (https://kubernetes.io/docs/concepts/security/pod-security-admission/): a lower enforce level admits less restricted pods. */
function namespace(rawEmit: Emit, old: KubeObject, now: KubeObject, _changes: Change[]): string[] {
  const emit = counted(rawEmit);
  const explained: string[] = [];
  for (const mode of ['enforce', 'audit', 'warn']) {
    const label = `pod-security.kubernetes.io/${mode}`;
    const before = old.metadata?.labels?.[label];
    const after = now.metadata?.labels?.[label];
    if (before === undefined || before === after) continue;
    const path = joinPath('metadata.labels', label);
    explained.push(path);
    const lower = after === undefined || POD_SECURITY_LEVELS.indexOf(after) < POD_SECURITY_LEVELS.indexOf(before);
    if (lower) emit('security', path, `Pod Security ${mode} level ${before} -> ${after ?? '(none)'}: pods with looser security settings are ${mode === 'enforce' ? 'admitted' : 'no longer reported'}`, ['keep "restricted": every pod the library renders meets it']);
  }
  return explained;
}

/** A NetworkPolicy as atomic grants: direction, peer and port, one string each. */
function grantsOf(o: KubeObject): string[] {
  const grants: string[] = [];
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of (o.spec?.[direction] as any[]) ?? []) {
      const ps: unknown[] = rule?.[peers]?.length ? rule[peers] : ['any-peer'];
      const ports: unknown[] = rule?.ports?.length ? rule.ports : ['any port'];
      for (const p of ps) for (const port of ports) grants.push(`${direction} ${p === 'any-peer' ? ' any-peer ' : JSON.stringify(p)} ${typeof port === 'string' ? port : JSON.stringify(port)}`.replace(/\s+/g, ' '));
    }
  }
  return grants;
}

/**
 * NetworkPolicy: policies only add allowed traffic (https://kubernetes.io/docs/concepts/services-networking/network-policies/),
 * so a new peer or port, a rule that allows any peer, a dropped policy type or another pod
 * selector widens access.
 */
function networkPolicy(rawEmit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const emit = counted(rawEmit);
  const before = new Set(grantsOf(old));
  const wider = grantsOf(now).filter((g) => !before.has(g));
  const lostTypes = ((old.spec?.policyTypes as string[]) ?? []).filter((t) => !((now.spec?.policyTypes as string[]) ?? []).includes(t));
  const selector = changes.filter((c) => under(c.path, 'spec.podSelector'));
  const what = [
    ...wider.map((g) => `allows ${g.replace(' any-peer ', ' from/to any peer ')}`),
    ...lostTypes.map((t) => `no longer restricts ${t}`),
    ...(selector.length ? ['selects other pods'] : []),
  ];
  if (what.length) emit('security', 'spec', `NetworkPolicy ${now.metadata?.name} ${what.join('; ')}`, ['check that the new traffic is meant (clients, namespaces, address ranges)']);
  else if (changes.some((c) => under(c.path, 'spec'))) emit('safe', 'spec', `NetworkPolicy ${now.metadata?.name} allows less traffic than before; clients it no longer admits are cut off`);
  return changes.filter((c) => under(c.path, 'spec')).map((c) => c.path);
}

// --- Zalando ---------------------------------------------------------------------------------

/**
 * A Zalando `postgresql` resource. The operator's documentation
 * (https://postgres-operator.readthedocs.io/en/latest/administrator/ and .../reference/cluster_manifest/),
 * summarized in ZalandoCluster's TSDoc and README "Zalando clusters": a higher
 * `postgresql.version` is an in-place `pg_upgrade` (pods rolled, no way back); volumes only grow,
 * a smaller size is ignored; changes of resources, sidecars, TLS, the image or parameters read
 * at start roll the pods; other parameters are applied by Patroni with a reload.
 */
function zalando(rawEmit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const emit = counted(rawEmit);
  const explained: string[] = [];
  const name = now.metadata?.name;
  const size = changes.find((c) => c.path === 'spec.volume.size');
  if (size) {
    explained.push(size.path);
    if (compareQuantity(String(size.after), String(size.before)) < 0) {
      emit('refused', size.path, `volume.size ${show(size.before)} -> ${show(size.after)}: the operator only enlarges volumes and ignores a smaller size (a warning in its log); the claims keep ${show(size.before)}`, [`keep ${show(size.before)}; to use less space, copy the data into a new, smaller cluster`]);
    } else {
      emit('safe', size.path, `volume.size ${show(size.before)} -> ${show(size.after)}: the operator grows each pod's claim in place (storage_resize_mode pvc, the default; the StorageClass must allow expansion)`);
    }
  }
  const version = changes.find((c) => c.path === 'spec.postgresql.version');
  if (version) {
    explained.push(version.path);
    if (Number(version.after) > Number(version.before)) {
      emit('downtime', version.path, `PostgreSQL ${show(version.before)} -> ${show(version.after)}: the operator upgrades the cluster in place (pods rolled, then pg_upgrade in the primary); the database is unavailable during the upgrade, and once pg_upgrade has run there is no way back but a restore`, [
        'take a logical backup first, and try the new major on a clone of the cluster',
        'check the operator\'s major_version_upgrade_mode (manual, the default since 1.13, or full; off upgrades nothing)',
        `kubectl delete job ${name}-schema-init${where(now)} --ignore-not-found   (its image follows the major; a Job's template cannot change)`,
        APPLY,
        `kubectl get postgresql ${name}${where(now)} -o jsonpath='{.metadata.annotations}'   (last-major-upgrade-success or -failure)`,
      ]);
    } else {
      emit('safe', version.path, `PostgreSQL ${show(version.before)} -> ${show(version.after)}: the operator ignores a lower version ("major version unchanged or smaller"); the cluster keeps its major`, ['set the version the cluster runs']);
    }
  }
  const params = changes.filter((c) => under(c.path, 'spec.postgresql.parameters'));
  if (params.length) {
    explained.push(...params.map((c) => c.path));
    const major = Number(now.spec?.postgresql?.version) || DEFAULT_MAJOR;
    const asMap = (o: KubeObject) => new Map(Object.entries<unknown>(o.spec?.postgresql?.parameters ?? {}).map(([k, v]) => [k, String(v)]));
    parameterChanges(emit, major, asMap(old), asMap(now), 'spec.postgresql.parameters', ['apply: Patroni reloads the configuration on every pod'],
      'Patroni restarts each pod to apply it (replicas first, then the primary after a switchover)',
      ['apply in a maintenance window: each pod restarts, and clients of the primary reconnect after the switchover']);
  }
  const rolling = changes.filter((c) => ['spec.resources', 'spec.sidecars', 'spec.tls', 'spec.dockerImage', 'spec.additionalVolumes', 'spec.spiloRunAsUser', 'spec.spiloFSGroup', 'spec.podAnnotations', 'spec.env'].some((p) => under(c.path, p)));
  if (rolling.length) {
    explained.push(...rolling.map((c) => c.path));
    emit('downtime', commonPath(rolling.map((c) => c.path)), `the operator rolls the pods (${describe(rolling)}): each pod restarts, the primary last after a switchover; clients of the primary are cut off for a moment`, ['apply in a maintenance window']);
  }
  const ranges = changes.filter((c) => under(c.path, 'spec.allowedSourceRanges'));
  if (ranges.length) {
    explained.push(...ranges.map((c) => c.path));
    const before = new Set<string>(old.spec?.allowedSourceRanges ?? []);
    const added = ((now.spec?.allowedSourceRanges as string[]) ?? []).filter((r) => !before.has(r));
    if (added.length) emit('security', 'spec.allowedSourceRanges', `the load balancer admits more addresses: ${added.join(', ')}`);
  }
  const retention = changes.find((c) => c.path === 'spec.logicalBackupRetention');
  if (retention) {
    const days = (v: unknown) => { const m = /^(\d+)\s*(day|week|month|year)s?$/.exec(String(v ?? '').trim()); return m ? Number(m[1]) * { day: 1, week: 7, month: 30, year: 365 }[m[2] as 'day'] : Infinity; };
    if (days(retention.after) < days(retention.before)) {
      explained.push(retention.path);
      emit('data-loss', retention.path, `logical backup retention ${show(retention.before)} -> ${show(retention.after)}: the next backup run deletes the older backups`, ['copy the backups you need to keep out of the backup bucket before the next run']);
    }
  }
  return explained;
}

// --- quantities --------------------------------------------------------------------------------

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** Sign of a - b for two Kubernetes quantities (NaN-safe: unreadable compares as equal). */
export function compareQuantity(a: string, b: string): number {
  const read = (q: string) => { const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(q.trim()); return m ? Number(m[1]) * SUFFIX[m[2] ?? ''] : NaN; };
  const x = read(a);
  const y = read(b);
  return Number.isNaN(x) || Number.isNaN(y) ? 0 : Math.sign(x - y);
}
