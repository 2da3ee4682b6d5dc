import { Finding, Risk, RISKS } from './finding';
import { reviewObjects } from './review-objects';

/** What a Jest matcher returns. */
export interface ReviewMatcherResult {
  /** Whether every finding is at most the given risk. */
  readonly pass: boolean;
  /** What Jest prints when the expectation fails. */
  readonly message: () => string;
}

/**
 * Jest matchers for snapshot tests of charts that use these constructs, for `expect.extend`
 * (this module imports nothing from Jest):
 *
 * ```ts
 * import { reviewMatchers } from 'cdk8s-postgres/review';
 * expect.extend(reviewMatchers);
 * // objects: Testing.synth(chart) of the chart as it is, and as it was (e.g. parsed from the committed manifest)
 * expect(after).toChangeAtMostAs(before, 'safe');
 * ```
 *
 * `toChangeAtMostAs(before, risk)` passes when every finding of `reviewObjects(before, received)`
 * is `risk` or lower (see RISKS), and otherwise fails listing the findings above it.
 */
export const reviewMatchers = {
  /** Passes when every finding of `reviewObjects(before, received)` is `risk` or lower. */
  toChangeAtMostAs(received: unknown, before: unknown, risk: Risk): ReviewMatcherResult {
    if (!RISKS.includes(risk)) throw new Error(`toChangeAtMostAs: risk must be one of ${RISKS.join(', ')}, got ${JSON.stringify(risk)}`);
    if (!Array.isArray(received) || !Array.isArray(before)) throw new Error('toChangeAtMostAs: expected two lists of Kubernetes objects (e.g. Testing.synth(chart)), received and before');
    const findings = reviewObjects(before, received);
    const above = findings.filter((f) => RISKS.indexOf(f.risk) < RISKS.indexOf(risk));
    return {
      pass: above.length === 0,
      message: above.length === 0
        ? () => `expected the change to be riskier than '${risk}', but ${findings.length === 0 ? 'nothing changed' : `its highest risk is '${findings[0].risk}'`}`
        : () => `expected the change to be at most '${risk}', but:\n${above.map(line).join('\n')}`,
    };
  },
};

function line(f: Finding): string {
  return `  ${f.risk}  ${f.target}${f.path ? ` ${f.path}` : ''}: ${f.message}${f.steps.map((s) => `\n      - ${s}`).join('')}`;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T = {}> {
      /** Passes when applying `received` over `before` risks at most `risk` (see reviewMatchers). */
      toChangeAtMostAs(before: readonly object[], risk: Risk): R;
    }
  }
}
