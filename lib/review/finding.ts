/**
 * What a change to rendered manifests or Terraform will do to a running database, highest risk
 * first: `refused` (the API server, the operator or a Job refuses it as written), `data-loss`
 * (stored data deleted or abandoned), `downtime` (the database restarts or is unavailable),
 * `security` (access widens, or protection or audit weakens), `safe` (none of these). A finding's
 * risk sums up its three effects (see {@link Finding}).
 */
export type Risk = 'refused' | 'data-loss' | 'downtime' | 'security' | 'safe';

/** The risks from highest to lowest. */
export const RISKS: readonly Risk[] = ['refused', 'data-loss', 'downtime', 'security', 'safe'];

/** How a change is applied, from least to most disruptive. */
export type Application = 'in place' | 'on reload' | 'on restart' | 'by recreating' | 'refused';
/** What happens to stored data. */
export type DataEffect = 'kept' | 'at risk' | 'lost';
/** What happens to access: who may connect, read or act, and what protects and records it. */
export type AccessEffect = 'narrower' | 'same' | 'wider';

/** The three effects of a change, each on its own axis. */
export interface Effects {
  /** How the change is applied: in place, on reload, on restart, by recreating an object, or refused. */
  readonly applies: Application;
  /** What happens to stored data: kept, at risk, or lost. */
  readonly data: DataEffect;
  /** What happens to access: narrower, the same, or wider. */
  readonly access: AccessEffect;
}

/** The values of each axis in order, least first. */
export interface EffectOrder {
  /** How a change is applied, least disruptive first. */
  readonly applies: readonly Application[];
  /** What happens to stored data, best first. */
  readonly data: readonly DataEffect[];
  /** What happens to access, narrowest first. */
  readonly access: readonly AccessEffect[];
}

/** Each axis in order, least first. */
export const EFFECT_ORDER: EffectOrder = {
  applies: ['in place', 'on reload', 'on restart', 'by recreating', 'refused'],
  data: ['kept', 'at risk', 'lost'],
  access: ['narrower', 'same', 'wider'],
};

/** The effects a finding of `risk` has unless its rule says more. */
export function effectsOf(risk: Risk): Effects {
  switch (risk) {
    case 'refused': return { applies: 'refused', data: 'kept', access: 'same' };
    case 'data-loss': return { applies: 'in place', data: 'lost', access: 'same' };
    case 'downtime': return { applies: 'on restart', data: 'kept', access: 'same' };
    case 'security': return { applies: 'in place', data: 'kept', access: 'wider' };
    default: return { applies: 'in place', data: 'kept', access: 'same' };
  }
}

/** One changed object (or field of it) and what applying it does. */
export interface Finding extends Effects {
  /** The environment (or Terraform stack's environment) the object belongs to. */
  readonly environment: string;
  /** `Kind/namespace/name` (`Kind/name` when cluster-wide), or `terraform:<stack>/<address>`. */
  readonly target: string;
  /** The field that changed, as a dotted path (`spec.volumeClaimTemplates[0].spec.resources.requests.storage`), or '' for the whole object. */
  readonly path: string;
  /** The highest of what applying it risks, summing up `applies`, `data` and `access`. */
  readonly risk: Risk;
  /** One line saying what will happen. */
  readonly message: string;
  /** The steps that carry the change out safely; empty when applying it as it is is the way. */
  readonly steps: readonly string[];
}

/** A finding of `risk` with the effects that follow from it, overridden by `effects` where its rule knows more. */
export function findingOf(where: Pick<Finding, 'environment' | 'target' | 'path'>, risk: Risk, message: string, steps: readonly string[], effects: Partial<Effects> = {}): Finding {
  return { ...where, risk, ...effectsOf(risk), ...effects, message, steps };
}
