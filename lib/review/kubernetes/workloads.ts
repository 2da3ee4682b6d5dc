/** Rules for workloads: StatefulSets (claims, major, pod template), Jobs, and CronJobs with their backup retention. */
import { CONTENT_NAMED_JOB_LABEL } from '../../private/labels';
import { BACKUP_RETENTION, SERVER_CONTAINER } from '../../private/rendered-names';
import { Change, commonPath, under, valueAt } from '../diff';
import { APPLY, Context, Emit, KubeObject, describe, show, where } from './objects';
import { podTemplate, postgresMajorOf, templatePath } from './pod-templates';
import { compareQuantity } from './quantities';

/** The step that points to docs/upgrading.md, with the major upgraded from. */
const upgradeSteps = (fromMajor: number) => `follow docs/upgrading.md: declare the upgrade (upgrade: { fromMajorVersion: ${fromMajor} }), which copies the data into a new server of the new major and keeps the old one`;

/**
 * StatefulSet. Kubernetes API reference, StatefulSetSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/stateful-set-v1/) and the
 * API server's validation ("updates to statefulset spec for fields other than 'replicas',
 * 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and
 * 'minReadySeconds' are forbidden"): volumeClaimTemplates, selector, serviceName and
 * podManagementPolicy cannot change.
 */
export function statefulSet(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[], ctx: Context): string[] {
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
        ctx.growStep(String(name), show(c.after)),
        ...claims.map((claimName) => `kubectl get storageclass "$(kubectl get pvc ${claimName}${where(now)} -o jsonpath='{.spec.storageClassName}')" -o jsonpath='{.allowVolumeExpansion}'   (must print true; otherwise stop: the claim cannot grow)`),
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
    const container = (valueAt(now, 'spec.template.spec.containers') as any[]).findIndex((c) => c?.name === SERVER_CONTAINER);
    emit('data-loss', `spec.template.spec.containers[${container}].image`, `PostgreSQL ${oldMajor} -> ${newMajor} in place: the new server cannot use the old major's data directory (the pod refuses to start, or an empty cluster is initialized beside the old data)`, [
      `keep majorVersion ${oldMajor} on this server`,
      upgradeSteps(oldMajor),
    ]);
  }
  initialDatabase(emit, old, now, ctx);
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
      emit('safe', commonPath(templateChanges.map((c) => c.path)), `the pod template changes (${why}): the ${replicas} pods restart one at a time`, [], { applies: 'on restart' });
    }
  }
  return changes.filter((c) => under(c.path, 'spec') || under(c.path, 'metadata')).map((c) => c.path);
}

/**
 * The database the image creates (POSTGRES_DB) only when it initializes an empty data directory
 * (the official image's docker-entrypoint.sh): on a server with data, another name creates
 * nothing, and the library's Jobs, which connect to it (PGDATABASE), fail.
 */
function initialDatabase(emit: Emit, old: KubeObject, now: KubeObject, ctx: Context): void {
  const database = (o: KubeObject) => ((valueAt(o, 'spec.template.spec.containers') as any[]) ?? []).find((c) => c?.name === SERVER_CONTAINER)
    ?.env?.find((e: any) => e?.name === 'POSTGRES_DB')?.value as string | undefined;
  const [before, after] = [database(old), database(now)];
  if (before === undefined || after === undefined || before === after) return;
  const jobs = ctx.after.filter((o) => o.metadata?.namespace === now.metadata?.namespace && (o.kind === 'Job' || o.kind === 'CronJob')
    && JSON.stringify(valueAt(o, `${templatePath(o.kind)}.spec`) ?? {}).includes(`{"name":"PGDATABASE","value":${JSON.stringify(after)}}`));
  emit('refused', 'spec.template.spec.containers', `the database the image creates ${before} -> ${after}: the image creates it only in an empty data directory, so this server keeps ${before} and has no ${after}${jobs.length ? `; ${jobs.map((j) => `${j.kind} ${j.metadata?.name}`).join(', ')} connect to ${after} and fail` : ''}`, [
    `keep database '${before}' on this server`,
    `or create ${after} first (CREATE DATABASE as the superuser, or a SchemaInitJob database), then apply`,
  ], { applies: 'refused' });
}

/**
 * Job. Kubernetes API reference, JobSpec
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/): `template` is
 * immutable except for a suspended Job's scheduling directives, and `selector` cannot change.
 */
export function job(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  if (now.metadata?.labels?.[CONTENT_NAMED_JOB_LABEL] !== undefined && old.metadata?.name !== now.metadata?.name) return contentNamedJob(emit, old, now, changes);
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

/**
 * A Job named after its content (SchemaInitJob): other content is another Job, which applying
 * creates and runs; the finished Job of the earlier content stays until its TTL deletes it. Steps
 * name the Secret keys the new pods read that the earlier ones did not (the password of a new
 * login), which the manifests cannot hold.
 */
function contentNamedJob(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  podTemplate(emit, old, now);
  const ttl = old.spec?.ttlSecondsAfterFinished;
  const keys = (o: KubeObject) => new Set<string>(((valueAt(o, 'spec.template.spec.containers') as any[]) ?? [])
    .flatMap((c) => (c?.env ?? []).map((e: any) => e?.valueFrom?.secretKeyRef).filter((r: any) => r?.name && r?.key).map((r: any) => `${r.name}\u0000${r.key}`)));
  const known = keys(old);
  const newKeys = [...keys(now)].filter((k) => !known.has(k)).map((k) => k.split('\u0000'));
  emit('safe', 'metadata.name', `the Job's content changes, so it is a new Job: ${now.metadata?.name} runs the new content when applied, and ${old.metadata?.name} stays until its TTL${typeof ttl === 'number' ? ` (${ttl} s after it finished)` : ''} deletes it`, [
    ...newKeys.map(([secret, key]) => `make sure Secret ${secret}${where(now)} has key ${key} before applying (kubectl get secret ${secret}${where(now)} -o jsonpath='{.data.${key}}' prints it); the pod waits until it does`),
    APPLY,
    `kubectl logs -l ${CONTENT_NAMED_JOB_LABEL}=${now.metadata?.labels?.[CONTENT_NAMED_JOB_LABEL]}${where(now)} --tail=-1   (the Job's output)`,
  ], { applies: 'by recreating' });
  return changes.map((c) => c.path);
}

/** CronJob: every field can change (Kubernetes API reference, CronJobSpec); the next run uses it. Backup retention is checked here. */
export function cronJob(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  if (changes.some((c) => under(c.path, 'spec.jobTemplate.spec.template'))) podTemplate(emit, old, now);
  const oldRetention = retentionOf(old);
  const newRetention = retentionOf(now);
  for (const key of [BACKUP_RETENTION.days, BACKUP_RETENTION.count] as const) {
    const before = oldRetention[key];
    const after = newRetention[key];
    if (!after || !after.value) continue;
    if (before?.value && Number(after.value) >= Number(before.value)) continue;
    const unit = key === BACKUP_RETENTION.days ? 'days' : 'backups';
    emit('data-loss', after.path, `backup retention ${before?.value ? `${before.value} -> ${after.value}` : `unlimited -> ${after.value}`} ${unit}: the next run (schedule '${now.spec?.schedule}') deletes the older backups`, [
      `copy the backups you need to keep off the backup claim before the next run (kubectl cp from a pod that mounts it, or the restore command's listing)`,
    ]);
  }
  return [];
}

type RetentionVariable = typeof BACKUP_RETENTION[keyof typeof BACKUP_RETENTION];

/** The backup container's retention variables, with their paths. */
function retentionOf(o: KubeObject): Partial<Record<RetentionVariable, { value: string; path: string }>> {
  const base = 'spec.jobTemplate.spec.template.spec';
  const found: Partial<Record<RetentionVariable, { value: string; path: string }>> = {};
  for (const list of ['initContainers', 'containers']) {
    ((valueAt(o, `${base}.${list}`) as any[]) ?? []).forEach((c, i) => (c?.env ?? []).forEach((e: any, j: number) => {
      if (e?.name === BACKUP_RETENTION.days || e?.name === BACKUP_RETENTION.count) found[e.name as RetentionVariable] = { value: String(e.value ?? ''), path: `${base}.${list}[${i}].env[${j}].value` };
    }));
  }
  return found;
}
