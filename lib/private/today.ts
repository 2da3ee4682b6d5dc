import { IConstruct } from 'constructs';
import { ValidationError } from '../diagnostics/validation-error';

/**
 * Context key of the date (YYYY-MM-DD) that end-of-life warnings compare against. Set it to make
 * synthesis independent of the clock: `app.node.setContext(TODAY_CONTEXT_KEY, '2026-11-25')`, or
 * `context:` in cdk8s.yaml.
 */
export const TODAY_CONTEXT_KEY = 'cdk8s-postgres:today';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The date from the context, or today's (UTC) when the context does not set one. */
export function todayOf(scope: IConstruct): string {
  const value: unknown = scope.node.tryGetContext(TODAY_CONTEXT_KEY);
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new ValidationError(`context '${TODAY_CONTEXT_KEY}': ${JSON.stringify(value)} is not a date in the form YYYY-MM-DD`);
  }
  return value;
}
