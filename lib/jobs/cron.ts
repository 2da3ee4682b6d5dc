import { isTimeZoneName, timeZoneSpelledAs } from '../private/time-zone-names';
import { fail } from '../private/validation';

/**
 * Schedules and time zones as the API server checks a CronJob: the schedule with robfig/cron's
 * standard parser (five fields, or a macro), refusing 'TZ' anywhere in it; the time zone with
 * Go's time.LoadLocation against the IANA database, refusing 'Local'.
 */

const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // robfig/cron reads day of week 0-6 only: 7 for Sunday is refused.
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** Macros Kubernetes documents for CronJob schedules; matched exactly, as the parser does. */
export const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/**
 * The problem with a CronJob schedule, or undefined when the API server accepts it: five fields
 * (numbers, `*`, `?`, ranges, steps, lists, month and weekday names) or one of the macros.
 */
export function cronProblem(expression: string): string | undefined {
  if (typeof expression !== 'string' || expression.trim() === '') return 'is empty; a schedule has 5 fields (minute hour day-of-month month day-of-week) or is a macro such as @daily';
  if (expression.includes('TZ')) return 'sets a time zone inside the schedule; use the timeZone property instead';
  if (expression.startsWith('@')) {
    if (CRON_MACROS.includes(expression)) return undefined;
    if (expression.startsWith('@every ')) {
      return "is an interval (@every), which Kubernetes does not document for CronJobs and which runs relative to the last run rather than the clock; write it as fields, e.g. '0 */6 * * *'";
    }
    return `is not a macro Kubernetes knows (${CRON_MACROS.join(', ')}; exactly so, in lower case)`;
  }
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} fields; a schedule has 5 (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return `has an invalid ${FIELDS[i].name} field '${fields[i]}': ${problem}`;
  }
  return undefined;
}

function fieldProblem(field: string, spec: (typeof FIELDS)[number]): string | undefined {
  for (const part of field.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined) return 'more than one step';
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `step '${step}' is not a positive number`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `'${range}' is not a value or a range`;
    const values = bounds.map((b) => value(b, spec));
    if (values.some((v) => v === undefined)) return `'${range}' is outside ${spec.min}-${spec.max}`;
    if (values.length === 2 && values[0]! > values[1]!) return `range '${range}' runs backwards`;
  }
  return undefined;
}

function value(text: string, spec: (typeof FIELDS)[number]): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (spec.min === 1 ? 1 : 0);
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= spec.min && n <= spec.max ? n : undefined;
}

/** Fails with the standard message when `schedule` is not a schedule the API server accepts. */
export function checkCron(owner: string, field: string, schedule: string): void {
  const problem = cronProblem(schedule);
  if (problem) fail(owner, field, schedule, problem);
}

/** Fails unless `timeZone` is a name of the IANA database, spelled exactly (the API server's check is case-sensitive). */
export function checkTimeZone(owner: string, field: string, timeZone: string): void {
  if (isTimeZoneName(timeZone)) return;
  if (timeZone === '') fail(owner, field, timeZone, "is empty; leave timeZone out for the controller's own zone, or name an IANA zone (e.g. 'Asia/Seoul')");
  if (typeof timeZone === 'string' && timeZone.toLowerCase() === 'local') {
    fail(owner, field, timeZone, "is the controller's local zone, which Kubernetes refuses; name an IANA zone (e.g. 'Asia/Seoul')");
  }
  const spelled = typeof timeZone === 'string' ? timeZoneSpelledAs(timeZone) : undefined;
  if (spelled) fail(owner, field, timeZone, `is not spelled as the IANA database spells it, and the API server's check is case-sensitive; write '${spelled}'`);
  fail(owner, field, timeZone, "is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')");
}
