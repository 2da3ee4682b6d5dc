import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { fail } from '../private/validation';

/**
 * One data volume, one server. A PostgreSQL data directory has one writer: two servers on one
 * claim are two postmasters on one directory, which corrupts it (an EFS claim is even mountable
 * by both at once). Every server records the claim it keeps its data on, and a second use of a
 * claim anywhere in the app (same namespace and name, or the same volume object) fails naming
 * both constructs. A backup claim that is a server's data claim fails too: the backup pod would
 * write into the volume of a running server, and the backups would go with it.
 *
 * The record lives beside the constructs (per app root), and a use counts only while its
 * construct is still in the tree: a construct that failed and was removed holds nothing.
 */

/** How a construct uses a claim. */
type ClaimUse =
  /** A server's data, on a claim it is given (`dataVolume`). */
  | 'data'
  /** A server's data, on the claim its claim template makes (`data-<name>-0`). */
  | 'template'
  /** A backup CronJob's dumps, on a claim it is given (`BackupStorage.existingClaim`). */
  | 'backup';

interface Use {
  readonly construct: IConstruct;
  /** `<Kind> '<path>'`. */
  readonly owner: string;
  readonly use: ClaimUse;
}

const CLAIMS = new WeakMap<IConstruct, Map<string, Use[]>>();
/** Volume objects (an EfsVolume, any IDataVolume) by the server that mounts them, across apps. */
const VOLUMES = new WeakMap<object, Use>();

/** Whether `construct` is still in its tree: every scope up to the root still holds it. */
function attached(construct: IConstruct): boolean {
  for (let c = construct; c.node.scope; c = c.node.scope) {
    if (c.node.scope.node.tryFindChild(c.node.id) !== c) return false;
  }
  return true;
}

/** Whether two uses of one claim clash: a server's data shared with anything. Two claim templates of one name are one StatefulSet (reported as a duplicate object), and backups may share a claim. */
function clash(a: ClaimUse, b: ClaimUse): boolean {
  return !((a === 'template' && b === 'template') || (a === 'backup' && b === 'backup'));
}

function describe(use: Use): string {
  switch (use.use) {
    case 'data': return `the data volume of ${use.owner}`;
    case 'template': return `the data claim of ${use.owner}, made by its claim template`;
    case 'backup': return `the backup claim of ${use.owner}`;
  }
}

const TWO_SERVERS = 'two servers on one data directory corrupt it; give each server a volume of its own';
const BACKUP_ON_DATA = 'a backup pod would write into the volume of a running server, and the backups would be lost with it; give the backups a claim of their own';

/**
 * Records that `construct` (named `owner` in messages) uses claim `claim` of `namespace` as
 * `use`, and fails when the claim (or, for `volume`, the same volume object) is already used in
 * a way that clashes. `field` and `value` name the prop that chose the claim.
 */
export function useClaim(construct: IConstruct, owner: string, field: string, value: string, namespace: string, claim: string, use: ClaimUse, volume?: object): void {
  const me: Use = { construct, owner, use };
  const root = construct.node.root;
  let claims = CLAIMS.get(root);
  if (!claims) CLAIMS.set(root, claims = new Map());
  const key = `${namespace}/${claim}`;
  const uses = (claims.get(key) ?? []).filter((u) => u.construct !== construct && attached(u.construct));
  const other = uses.find((u) => clash(u.use, use));
  if (other) {
    // Charts are files that one app writes, usually for one cluster; an app that writes one per cluster names their claims apart.
    const charts = Chart.of(other.construct) === Chart.of(construct) ? '' : ` (the charts of one app are taken for one cluster: if '${Chart.of(other.construct).node.path}' and '${Chart.of(construct).node.path}' go to different clusters, name the claims apart)`;
    fail(owner, field, value, `is ${describe(other)} (claim '${claim}' in namespace '${namespace}'): ${use === 'backup' || other.use === 'backup' ? BACKUP_ON_DATA : TWO_SERVERS}${charts}`);
  }
  if (volume !== undefined && use === 'data') {
    const previous = VOLUMES.get(volume);
    // A volume construct belongs to one chart, so to one cluster: a second server anywhere mounts it a second time.
    // A plain { claimName, namespace } object may be reused by separate apps (other clusters), and counts within its app only.
    if (previous && previous.construct !== construct && attached(previous.construct) && (Construct.isConstruct(volume) || previous.construct.node.root === root)) {
      fail(owner, field, value, `is ${describe(previous)} (the same volume object, in another app): ${TWO_SERVERS}`);
    }
  }
  claims.set(key, [...uses, me]);
  if (volume !== undefined && use === 'data') VOLUMES.set(volume, me);
}
