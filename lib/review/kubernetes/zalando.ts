/** Rules for the Zalando operator's `postgresql` resource. */
import { DEFAULT_MAJOR_VERSION } from '../../core/postgres-version';
import { Change, commonPath, under } from '../diff';
import { APPLY, Emit, KubeObject, describe, show, where } from './objects';
import { hbaListChange, parameterChanges, resourceParameters } from './postgres-configuration';
import { compareQuantity } from './quantities';

/** Role attributes in `spec.users` that widen what a login may do (the CRD's enum, lower-cased). */
const WIDENING_FLAGS = ['superuser', 'createrole', 'createdb', 'replication', 'bypassrls'];

/**
 * A Zalando `postgresql` resource. The operator's documentation
 * (https://postgres-operator.readthedocs.io/en/latest/administrator/ and .../reference/cluster_manifest/),
 * summarized in ZalandoCluster's TSDoc and docs/upgrading.md, "Zalando clusters": a higher
 * `postgresql.version` is an in-place `pg_upgrade` (pods rolled, no way back); volumes only grow,
 * a smaller size is ignored; changes of resources, sidecars, TLS, the image or parameters read
 * at start roll the pods; other parameters are applied by Patroni with a reload.
 */
export function zalando(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
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
    const major = Number(now.spec?.postgresql?.version) || DEFAULT_MAJOR_VERSION;
    parameterChanges(emit, major, resourceParameters(old), resourceParameters(now), 'spec.postgresql.parameters', ['apply: Patroni reloads the configuration on every pod'],
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
  const users = changes.filter((c) => under(c.path, 'spec.users'));
  if (users.length) {
    explained.push(...users.map((c) => c.path));
    const flagsOf = (o: KubeObject, user: string) => new Set<string>(((o.spec?.users?.[user] as string[]) ?? []).map((f) => f.toLowerCase()));
    for (const user of Object.keys(now.spec?.users ?? {}).sort()) {
      const before = old.spec?.users?.[user] === undefined ? undefined : flagsOf(old, user);
      const gained = [...flagsOf(now, user)].filter((f) => WIDENING_FLAGS.includes(f) && !before?.has(f));
      if (gained.length) {
        emit('security', `spec.users.${user}`, `login ${user} ${before === undefined ? 'is added with' : 'gains'} ${gained.join(', ')}: the operator sets ${gained.length === 1 ? 'this attribute' : 'these attributes'} on the role, which ${gained.includes('superuser') ? 'bypasses every privilege check' : 'widens what it may do across the cluster'}`,
          ['check that the login needs it; the schema Job\'s kinds (app, readonly, admin, manager) need none of these']);
      }
    }
  }
  const hba = changes.filter((c) => under(c.path, 'spec.patroni.pg_hba'));
  if (hba.length) {
    explained.push(...hba.map((c) => c.path));
    hbaListChange(emit, 'spec.patroni.pg_hba', old, now, 'Patroni reloads it on every pod');
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
