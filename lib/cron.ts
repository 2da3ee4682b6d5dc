import { fail } from './validation';

const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * The problem with a 5-field cron expression as Kubernetes CronJobs read it (numbers, `*`,
 * ranges, steps, lists, month and weekday names), or undefined when it is valid.
 */
export function cronProblem(expression: string): string | undefined {
  if (/^\s*(CRON_)?TZ=/.test(expression)) return 'sets a time zone inside the schedule; use the timeZone property instead';
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

/** Fails with the standard message when `schedule` is not a valid 5-field cron expression. */
export function checkCron(owner: string, field: string, schedule: string): void {
  const problem = cronProblem(schedule);
  if (problem) fail(owner, field, schedule, problem);
}

/** Fails unless `timeZone` is an IANA time zone the runtime knows (Kubernetes uses the same database). */
export function checkTimeZone(owner: string, field: string, timeZone: string): void {
  const known = ['UTC', 'Etc/UTC', ...Intl.supportedValuesOf('timeZone')];
  if (!known.includes(timeZone)) fail(owner, field, timeZone, "is not an IANA time zone (e.g. 'Asia/Seoul' or 'Etc/UTC')");
}
