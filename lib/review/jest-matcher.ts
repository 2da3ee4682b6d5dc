import { EFFECT_ORDER, Effects, Finding, Risk, RISKS } from './finding';
import { reviewObjects } from './review-objects';

/** What a Jest matcher returns. */
export interface ReviewMatcherResult {
  /** Whether every finding is within what the test allows. */
  readonly pass: boolean;
  /** What Jest prints when the expectation fails. */
  readonly message: () => string;
}

/**
 * What a test allows on each axis: the most disruptive way of applying, the worst for stored data,
 * the widest access. An axis left out allows anything.
 */
export type AllowedEffects = Partial<Effects>;

/**
 * What each risk allows, axis by axis. A risk is not a position in one order: `downtime` allows
 * a restart but not wider access, `security` wider access but not a restart.
 */
const ALLOWED_BY_RISK: Record<Risk, { readonly effects: Effects; readonly downtime: boolean }> = {
  'safe': { effects: { applies: 'by recreating', data: 'kept', access: 'same' }, downtime: false },
  'security': { effects: { applies: 'by recreating', data: 'kept', access: 'wider' }, downtime: false },
  'downtime': { effects: { applies: 'by recreating', data: 'kept', access: 'same' }, downtime: true },
  'data-loss': { effects: { applies: 'by recreating', data: 'lost', access: 'same' }, downtime: true },
  'refused': { effects: { applies: 'refused', data: 'lost', access: 'wider' }, downtime: true },
};

/** The axes on which `f` goes beyond `allowed`, as `applies on restart`, `access wider`, …. */
function beyond(f: Finding, allowed: AllowedEffects): string[] {
  return (['applies', 'data', 'access'] as const).filter((axis) => {
    const limit = allowed[axis];
    const order = EFFECT_ORDER[axis] as readonly string[];
    return limit !== undefined && order.indexOf(f[axis]) > order.indexOf(limit);
  }).map((axis) => `${axis} ${f[axis]}`);
}

/**
 * Jest matchers for snapshot tests of charts that use these constructs, for `expect.extend`
 * (this module imports nothing from Jest):
 *
 * ```ts
 * import { reviewMatchers } from 'cdk8s-postgres/review';
 * expect.extend(reviewMatchers);
 * // objects: Testing.synth(chart) of the chart as it is, and as it was (e.g. parsed from the committed manifest)
 * expect(after).toChangeAtMostAs(before, { data: 'kept', access: 'same' });
 * expect(after).toChangeAtMostAs(before, 'safe');
 * ```
 *
 * `toChangeAtMostAs(before, allowed)` passes when every finding of `reviewObjects(before, received)`
 * stays within `allowed` on each axis it names. A risk stands for its axes: `safe` allows any way
 * of applying short of a refusal or an outage, data kept and access the same or narrower;
 * `security` also wider access; `downtime` a restart, not wider access; `data-loss` also lost data;
 * `refused` anything. Otherwise it fails listing the findings beyond it and on which axes.
 */
export const reviewMatchers = {
  /** Passes when every finding of `reviewObjects(before, received)` stays within `allowed`. */
  toChangeAtMostAs(received: unknown, before: unknown, allowed: Risk | AllowedEffects): ReviewMatcherResult {
    const byRisk = typeof allowed === 'string' ? ALLOWED_BY_RISK[allowed] : undefined;
    if (typeof allowed === 'string' && !byRisk) throw new Error(`toChangeAtMostAs: allowed must be one of ${RISKS.join(', ')} or { applies, data, access }, got ${JSON.stringify(allowed)}`);
    if (typeof allowed === 'object' && allowed !== null) {
      for (const axis of Object.keys(allowed)) {
        const order = EFFECT_ORDER[axis as keyof typeof EFFECT_ORDER] as readonly string[] | undefined;
        if (!order || !order.includes(String((allowed as Record<string, unknown>)[axis]))) {
          throw new Error(`toChangeAtMostAs: ${axis} ${JSON.stringify((allowed as Record<string, unknown>)[axis])} is not one of applies (${EFFECT_ORDER.applies.join(', ')}), data (${EFFECT_ORDER.data.join(', ')}), access (${EFFECT_ORDER.access.join(', ')})`);
        }
      }
    }
    if (!Array.isArray(received) || !Array.isArray(before)) throw new Error('toChangeAtMostAs: expected two lists of Kubernetes objects (e.g. Testing.synth(chart)), received and before');
    const effects: AllowedEffects = byRisk ? byRisk.effects : allowed as AllowedEffects;
    const findings = reviewObjects(before, received);
    const above = findings.map((f) => ({ f, why: [...beyond(f, effects), ...(byRisk && !byRisk.downtime && f.risk === 'downtime' ? ['the database unavailable'] : [])] })).filter(({ why }) => why.length > 0);
    const said = typeof allowed === 'string' ? `'${allowed}'` : JSON.stringify(allowed);
    return {
      pass: above.length === 0,
      message: above.length === 0
        ? () => `expected the change to go beyond ${said}, but ${findings.length === 0 ? 'nothing changed' : 'every finding stays within it'}`
        : () => `expected the change to stay within ${said}, but:\n${above.map(({ f, why }) => line(f, why)).join('\n')}`,
    };
  },
};

function line(f: Finding, why: readonly string[]): string {
  return `  ${f.risk} (${why.join(', ')})  ${f.target}${f.path ? ` ${f.path}` : ''}: ${f.message}${f.steps.map((s) => `\n      - ${s}`).join('')}`;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T = {}> {
      /** Passes when applying `received` over `before` stays within `allowed` on each axis (see reviewMatchers). */
      toChangeAtMostAs(before: readonly object[], allowed: Risk | Partial<{ applies: string; data: string; access: string }>): R;
    }
  }
}
