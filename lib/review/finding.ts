/**
 * What a change to rendered manifests or Terraform will do to a running database, highest risk
 * first: `refused` (the API server, the operator or a Job refuses it as written), `data-loss`
 * (stored data deleted or abandoned), `downtime` (the database restarts or is unavailable),
 * `security` (access widens), `safe` (none of these).
 */
export type Risk = 'refused' | 'data-loss' | 'downtime' | 'security' | 'safe';

/** The risks from highest to lowest. */
export const RISKS: readonly Risk[] = ['refused', 'data-loss', 'downtime', 'security', 'safe'];

/** One changed object (or field of it) and what applying it does. */
export interface Finding {
  /** The environment (or Terraform stack's environment) the object belongs to. */
  readonly environment: string;
  /** `Kind/namespace/name` (`Kind/name` when cluster-wide), or `terraform:<stack>/<address>`. */
  readonly target: string;
  /** The field that changed, as a dotted path (`spec.volumeClaimTemplates[0].spec.resources.requests.storage`), or '' for the whole object. */
  readonly path: string;
  /** What applying it risks. */
  readonly risk: Risk;
  /** One line saying what will happen. */
  readonly message: string;
  /** The steps that carry the change out safely; empty when applying it as it is is the way. */
  readonly steps: readonly string[];
}
