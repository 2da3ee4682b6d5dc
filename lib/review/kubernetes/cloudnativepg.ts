/**
 * Rules for CloudNativePG's `Cluster`, `Database` and `DatabaseRole` (operator 1.30,
 * github.com/cloudnative-pg/cloudnative-pg): what the operator's webhook refuses
 * (internal/webhook/v1/cluster_webhook.go), what it rolls, and what it drops.
 */
import { DEFAULT_MAJOR_VERSION } from '../../core/postgres-version';
import { Change, commonPath, under } from '../diff';
import { APPLY, Context, Emit, KubeObject, describe, groupOf, show, where } from './objects';
import { hbaListChange, parameterChanges, resourceParameters } from './postgres-configuration';
import { compareQuantity } from './quantities';

/** The API group of CloudNativePG's resources. */
export const CNPG_GROUP = 'postgresql.cnpg.io';

/** The PostgreSQL major of an operand image (`ghcr.io/cloudnative-pg/postgresql:17.10-standard-trixie` → 17). */
function imageMajor(image: unknown): number | undefined {
  const tag = /:(\d+)(?:\.\d+)?(?:[-@]|$)/.exec(String(image ?? ''))?.[1];
  return tag === undefined ? undefined : Number(tag);
}

/** Role attributes of a DatabaseRole that widen what a login may do. */
const WIDENING_ATTRIBUTES = ['superuser', 'createrole', 'createdb', 'replication', 'bypassrls'];

/** A `Cluster`. */
export function cnpgCluster(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const explained: string[] = [];
  const name = now.metadata?.name;
  // the majors of the images before and after (equal to image.before/after when spec.imageName changes)
  const [from, to] = [imageMajor(old.spec?.imageName), imageMajor(now.spec?.imageName)];
  const size = changes.find((c) => c.path === 'spec.storage.size');
  if (size) {
    explained.push(size.path);
    if (compareQuantity(String(size.after), String(size.before)) < 0) {
      emit('refused', size.path, `storage.size ${show(size.before)} -> ${show(size.after)}: the operator's webhook refuses the Cluster ("can't shrink existing storage")`, [`keep ${show(size.before)}; to use less space, restore a backup into a new, smaller cluster`]);
    } else {
      emit('safe', size.path, `storage.size ${show(size.before)} -> ${show(size.after)}: the operator grows each instance's claim in place (resizeInUseVolumes, the default; the StorageClass must allow expansion)`);
    }
  }
  const image = changes.find((c) => c.path === 'spec.imageName');
  if (image) {
    explained.push(image.path);
    if (from !== undefined && to !== undefined && to < from) {
      emit('refused', image.path, `PostgreSQL ${from} -> ${to}: the operator's webhook refuses a Cluster whose image has an older major than its data ("can't downgrade from major ${from} to ${to}")`, [`set the image of PostgreSQL ${from} again`]);
    } else if (from !== undefined && to !== undefined && to > from && to < 16) {
      emit('refused', image.path, `PostgreSQL ${from} -> ${to}: the operator's webhook refuses an in-place upgrade to a major older than 16`, ['upgrade to 16 or newer, or copy the data into a new cluster (a logical dump and restore)']);
    } else if (from !== undefined && to !== undefined && to > from) {
      const serverNames = (o: KubeObject) => JSON.stringify(((o.spec?.plugins as Array<{ isWALArchiver?: boolean; parameters?: Record<string, string> }>) ?? []).filter((p) => p.isWALArchiver).map((p) => p.parameters?.serverName));
      const archiving = ((now.spec?.plugins as Array<{ isWALArchiver?: boolean }>) ?? []).some((p) => p.isWALArchiver);
      if (archiving && serverNames(old) === serverNames(now)) {
        emit('data-loss', 'spec.plugins', `PostgreSQL ${from} -> ${to} while WAL is archived under the same serverName: pg_upgrade starts timeline 1 again, whose WAL files overwrite those of the old major in the store`, ['change the plugin\'s serverName parameter in the same change (the library names it <cluster>-pg<major>)']);
      }
      emit('downtime', image.path, `PostgreSQL ${from} -> ${to}: the operator upgrades the cluster offline in place: every instance stops, a Job runs pg_upgrade --link, then the replicas are cloned again; the whole cluster is unavailable meanwhile, backups and WAL taken before cannot restore past the upgrade, and once it has succeeded the way back is a restore`, [
        'take a backup first, and try the new major on a copy of the cluster',
        'the image must be of the same operating system (both -trixie, say)',
        APPLY,
        `kubectl get cluster ${name}${where(now)} -o jsonpath='{.status.phase}'   (Cluster in healthy state once done), then run ANALYZE in each database`,
      ], { data: 'at risk' });
    } else {
      emit('downtime', image.path, `image ${show(image.before)} -> ${show(image.after)}: the operator restarts the instances with the new image one by one, replicas first, then switches the primary over; its clients reconnect`, ['apply in a maintenance window']);
    }
  }
  const params = changes.filter((c) => under(c.path, 'spec.postgresql.parameters'));
  if (params.length) {
    explained.push(...params.map((c) => c.path));
    const major = to ?? DEFAULT_MAJOR_VERSION;
    parameterChanges(emit, major, resourceParameters(old), resourceParameters(now), 'spec.postgresql.parameters', ['apply: the operator reloads the configuration of every instance'],
      'the operator restarts the instances one by one, the primary last after a switchover',
      ['apply in a maintenance window: each instance restarts, and clients of the primary reconnect after the switchover']);
  }
  const hba = changes.filter((c) => under(c.path, 'spec.postgresql.pg_hba'));
  if (hba.length) {
    explained.push(...hba.map((c) => c.path));
    hbaListChange(emit, 'spec.postgresql.pg_hba', old, now, 'the operator reloads it on every instance');
  }
  const metadata = changes.filter((c) => under(c.path, 'spec.inheritedMetadata'));
  if (metadata.length) {
    explained.push(...metadata.map((c) => c.path));
    emit('safe', commonPath(metadata.map((c) => c.path)), `${describe(metadata)}: the operator patches the labels and annotations onto the running pods (it adds and changes them, never removes one; a label read when a pod is made, such as azure.workload.identity/use, takes effect on the next pod)`);
  }
  const rolling = changes.filter((c) => ['spec.resources', 'spec.certificates', 'spec.env', 'spec.affinity'].some((p) => under(c.path, p)));
  if (rolling.length) {
    explained.push(...rolling.map((c) => c.path));
    emit('downtime', commonPath(rolling.map((c) => c.path)), `the operator restarts the instances (${describe(rolling)}) one by one, the primary last after a switchover; clients of the primary are cut off for a moment`, ['apply in a maintenance window']);
  }
  const bootstrap = changes.filter((c) => under(c.path, 'spec.bootstrap'));
  if (bootstrap.length) {
    explained.push(...bootstrap.map((c) => c.path));
    emit('safe', commonPath(bootstrap.map((c) => c.path)), `${describe(bootstrap)}: the operator reads bootstrap only when it creates the cluster; a running cluster keeps what it was made with (declare databases and logins as Database and DatabaseRole resources instead)`);
  }
  const plugins = changes.filter((c) => under(c.path, 'spec.plugins'));
  if (plugins.length) {
    explained.push(...plugins.map((c) => c.path));
    const archives = (o: KubeObject) => ((o.spec?.plugins as Array<{ isWALArchiver?: boolean; enabled?: boolean }>) ?? []).some((p) => p.isWALArchiver === true && p.enabled !== false);
    const onlyServerName = plugins.every((c) => /^spec\.plugins\[\d+\]\.parameters\.serverName$/.test(c.path));
    if (archives(old) && !archives(now)) {
      emit('security', 'spec.plugins', 'WAL is no longer archived: point-in-time recovery ends at the last archived segment, and new base backups cannot be taken', ['keep the Barman Cloud plugin as WAL archiver while the cluster holds data that matters'], { applies: 'on restart', data: 'at risk', access: 'same' });
    } else if (onlyServerName && from !== undefined && to !== undefined && to > from) {
      // the library's <cluster>-pg<major>: part of the major upgrade, whose instances are stopped anyway
      emit('safe', 'spec.plugins', `${describe(plugins)}: with the major upgrade, the new major's WAL and base backups go apart from the old major's, which stay for a restore of the old major`);
    } else {
      emit('downtime', 'spec.plugins', `${describe(plugins)}: the operator restarts the instances to load the plugin's sidecar, one by one, the primary last after a switchover`, ['apply in a maintenance window']);
    }
  }
  const superuser = changes.find((c) => c.path === 'spec.enableSuperuserAccess');
  if (superuser && superuser.after !== true) {
    explained.push(superuser.path);
    emit('downtime', superuser.path, "enableSuperuserAccess off: the operator empties the superuser's password, and the library's Jobs, which log in as the superuser, fail", ['keep it on while the schema Job runs on this cluster']);
  }
  return explained;
}

/** A `DatabaseRole`. */
export function cnpgDatabaseRole(emit: Emit, now: KubeObject, changes: Change[]): string[] {
  const explained: string[] = [];
  const role = now.spec?.name;
  for (const attribute of WIDENING_ATTRIBUTES) {
    const change = changes.find((c) => c.path === `spec.${attribute}`);
    if (change && change.after === true) {
      explained.push(change.path);
      emit('security', change.path, `login ${role} gains ${attribute.toUpperCase()}: the operator alters the role, which ${attribute === 'superuser' ? 'then bypasses every privilege check' : 'widens what it may do across the cluster'}`,
        ["check that the login needs it; the schema Job's kinds need none of these but an admin's CREATEDB"]);
    }
  }
  const inherit = changes.find((c) => c.path === 'spec.inherit');
  if (inherit && inherit.after !== false && inherit.before === false) {
    explained.push(inherit.path);
    emit('security', inherit.path, `login ${role} inherits again: on PostgreSQL 14 and 15 it then holds the rights of every role it is a member of, those of the owners it administers included`, ['keep inherit: false for an admin of another login\'s database']);
  }
  const ensure = changes.find((c) => c.path === 'spec.ensure');
  if (ensure && ensure.after === 'absent') {
    explained.push(ensure.path);
    emit('refused', ensure.path, `login ${role} ensure: absent: the operator does not support it on a DatabaseRole and fails its reconciliation; the login stays as it is`, ['to drop the login: set databaseRoleReclaimPolicy: delete, apply, then delete the DatabaseRole (PostgreSQL refuses while the role owns objects: reassign them first)']);
  }
  return explained;
}

/** A `Database`. */
export function cnpgDatabase(emit: Emit, now: KubeObject, changes: Change[]): string[] {
  const explained: string[] = [];
  const database = now.spec?.name;
  const ensure = changes.find((c) => c.path === 'spec.ensure');
  if (ensure && ensure.after === 'absent') {
    explained.push(ensure.path);
    emit('data-loss', ensure.path, `database ${database} ensure: absent: the operator drops the database and everything in it`, ['back it up first, or keep ensure: present']);
  }
  const reclaim = changes.find((c) => c.path === 'spec.databaseReclaimPolicy');
  if (reclaim && reclaim.after === 'delete') {
    explained.push(reclaim.path);
    emit('security', reclaim.path, `database ${database} databaseReclaimPolicy delete: deleting the Database resource (a removed line in the description, kubectl delete) will drop the database`, ['keep retain for a database whose data matters'], { data: 'at risk' });
  }
  const owner = changes.find((c) => c.path === 'spec.owner');
  if (owner) {
    explained.push(owner.path);
    emit('security', owner.path, `database ${database} owner ${show(owner.before)} -> ${show(owner.after)}: the operator makes ${show(owner.after)} its owner, with every right on it`, ['check that the new owner is meant; the schema Job grants the others by kind']);
  }
  return explained;
}

/**
 * A CloudNativePG Pooler: its cluster cannot change (the CRD's rule "cluster reference is
 * immutable after creation"); PgBouncer reloads new settings and host rules without dropping
 * clients; a wider pg_hba or client TLS below `require` admits weaker logins.
 */
export function cnpgPooler(emit: Emit, old: KubeObject, now: KubeObject, changes: Change[]): string[] {
  const explained: string[] = [];
  const cluster = changes.find((c) => c.path === 'spec.cluster.name');
  if (cluster) {
    explained.push(cluster.path);
    emit('refused', cluster.path, `Pooler ${now.metadata?.name} cluster ${show(cluster.before)} -> ${show(cluster.after)}: the API server refuses it (the CRD's rule: cluster reference is immutable after creation)`, [`keep ${show(cluster.before)}; for another cluster, add a Pooler of another name and remove this one`]);
  }
  const hba = changes.filter((c) => under(c.path, 'spec.pgbouncer.pg_hba'));
  if (hba.length) {
    explained.push(...hba.map((c) => c.path));
    hbaListChange(emit, 'spec.pgbouncer.pg_hba', old, now, 'PgBouncer reloads them; the operator\'s own md5 lines still follow them');
  }
  // The settings the library keeps at their strict values: anything else admits weaker logins.
  const strict: Record<string, { keep: readonly string[]; loses: string }> = {
    client_tls_sslmode: { keep: ['require', 'verify-ca', 'verify-full'], loses: 'the pooler accepts clients without TLS, their passwords and data in the clear' },
    auth_type: { keep: ['hba'], loses: 'the pooler no longer authenticates by its host rules (TLS and scram-sha-256 only)' },
    server_tls_sslmode: { keep: ['verify-ca', 'verify-full'], loses: 'the pooler no longer verifies the server it hands passwords to' },
  };
  for (const [name, rule] of Object.entries(strict)) {
    const change = changes.find((c) => c.path === `spec.pgbouncer.parameters.${name}`);
    if (!change || rule.keep.includes(String(change.after))) continue;
    explained.push(change.path);
    emit('security', change.path, `${name} ${show(change.before)} -> ${show(change.after)}: ${rule.loses}`, [`keep ${rule.keep[0]}`], { applies: 'on reload' });
  }
  return explained;
}

/** Days in a Barman retention window (`30d`, `4w`, `6m`). */
function windowDays(value: unknown): number {
  const m = /^(\d+)([dwm])$/.exec(String(value ?? ''));
  return m ? Number(m[1]) * { d: 1, w: 7, m: 30 }[m[2] as 'd'] : Infinity;
}

/** A Barman Cloud plugin `ObjectStore`. */
export function barmanObjectStore(emit: Emit, now: KubeObject, changes: Change[]): string[] {
  const explained: string[] = [];
  const retention = changes.find((c) => c.path === 'spec.retentionPolicy');
  if (retention && windowDays(retention.after) < windowDays(retention.before)) {
    explained.push(retention.path);
    emit('data-loss', retention.path, `retention ${show(retention.before)} -> ${show(retention.after)}: within about half an hour (the plugin applies the policy every 30 minutes) it deletes the backups and WAL older than the new window; no point before it can be recovered any more`, ['copy what must stay recoverable out of the store first, or keep the window']);
  }
  const destination = changes.find((c) => c.path === 'spec.configuration.destinationPath');
  if (destination) {
    explained.push(destination.path);
    emit('security', destination.path, `backups and WAL of ${now.metadata?.name} go to ${show(destination.after)} from now on: until a base backup is there, no point after the change can be recovered (the old store lacks the new WAL, the new one a base backup); what is in ${show(destination.before)} stays there`, ['take a base backup at once after applying (kubectl cnpg backup <cluster> --method=plugin --plugin-name=barman-cloud.cloudnative-pg.io)'], { data: 'at risk', access: 'same' });
  }
  return explained;
}

/**
 * Findings for a removed CloudNativePG object that keeps its data, or that changes what stays:
 * a DatabaseRole (its login stays or goes as its reclaim policy says), a ScheduledBackup, an
 * ObjectStore, a Database the operator keeps. Returns whether it spoke; the removals that lose
 * data are {@link cnpgRemovalLoss}'s.
 */
export function cnpgRemoved(emit: Emit, o: KubeObject, ctx: Context): boolean {
  const cnpg = groupOf(o) === CNPG_GROUP;
  if (cnpg && o.kind === 'DatabaseRole' && o.spec?.databaseRoleReclaimPolicy === 'delete') {
    emit('safe', '', `DatabaseRole ${o.metadata?.name} is removed: the operator drops login ${o.spec?.name} (reclaim policy delete; PostgreSQL refuses while it owns objects)`, [`kubectl delete databaserole ${o.metadata?.name}${where(o)}`], { access: 'narrower' });
    return true;
  }
  if (cnpg && o.kind === 'DatabaseRole') {
    emit('security', '', `DatabaseRole ${o.metadata?.name} is removed: the operator leaves login ${o.spec?.name} in PostgreSQL (reclaim policy retain), with its password: it can still log in`,
      ['to end its access: set databaseRoleReclaimPolicy: delete on the DatabaseRole, apply, then delete it (or DROP ROLE as the superuser)', `kubectl delete databaserole ${o.metadata?.name}${where(o)}`]);
    return true;
  }
  if (cnpg && o.kind === 'Pooler') {
    emit('downtime', '', `Pooler ${o.metadata?.name} is removed: its PgBouncer pods and its Service ${o.metadata?.name} go, and the clients that connect through it can no longer connect`,
      [`point the clients at the cluster's own Service (${o.spec?.cluster?.name}-${o.spec?.type === 'ro' ? 'ro' : 'rw'}) first`, `kubectl delete pooler ${o.metadata?.name}${where(o)}`], { applies: 'in place', access: 'narrower' });
    return true;
  }
  if (cnpg && o.kind === 'ScheduledBackup') {
    emit('security', '', `ScheduledBackup ${o.metadata?.name} is removed: no more base backups are taken (WAL is still archived; a recovery then replays ever longer)`,
      ['keep backups running while the cluster holds data that matters', `kubectl delete scheduledbackup ${o.metadata?.name}${where(o)}`], { data: 'at risk', access: 'same' });
    return true;
  }
  if (o.kind === 'ObjectStore' && groupOf(o) === 'barmancloud.cnpg.io') {
    const referenced = ctx.after.some((c) => c.kind === 'Cluster' && groupOf(c) === CNPG_GROUP && c.metadata?.namespace === o.metadata?.namespace && ((c.spec?.plugins as Array<{ parameters?: Record<string, string> }>) ?? []).some((p) => p.parameters?.barmanObjectName === o.metadata?.name));
    if (referenced) {
      emit('downtime', '', `ObjectStore ${o.metadata?.name} is removed while a Cluster archives to it: archive_command fails and WAL piles up in pg_wal, and the plugin cannot add its sidecar to a new instance pod, which then fails to start`,
        ['remove the cluster\'s plugins entry in the same change, or keep the store'], { data: 'at risk', access: 'same' });
    } else {
      emit('safe', '', `ObjectStore ${o.metadata?.name} is removed: no cluster archives to it any more; what is in the store stays there`, [`kubectl delete objectstore ${o.metadata?.name}${where(o)}`]);
    }
    return true;
  }
  if (cnpg && o.kind === 'Database' && !cnpgRemovalLoss(o)) {
    emit('safe', '', `Database ${o.metadata?.name} is removed: the operator leaves database ${o.spec?.name} in PostgreSQL (reclaim policy retain)`, [`kubectl delete database.postgresql.cnpg.io ${o.metadata?.name}${where(o)}`]);
    return true;
  }
  return false;
}

/** Why removing a CloudNativePG object deletes data, or undefined when it does not. */
export function cnpgRemovalLoss(o: KubeObject): string | undefined {
  if (o.kind === 'Cluster') return "the instances' claims are owned by the Cluster: Kubernetes deletes them, and the data with them, when the Cluster goes";
  if (o.kind === 'Database' && o.spec?.databaseReclaimPolicy === 'delete') return 'its reclaim policy is delete: the operator drops the database when its resource goes';
  return undefined;
}
