/** One leaf that differs between two JSON values: its dotted path and both values (undefined where absent). */
export interface Change {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `a.b`, `a[0]`, or `a["x.y"]` for keys that are not plain identifiers. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** Every leaf that differs, depth first in key order; arrays compare index by index. */
export function diff(before: unknown, after: unknown, path = ''): Change[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diff(before[k], after[k], joinPath(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diff(before[i], after[i], joinPath(path, i))).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

/** The value at a dotted path of the form {@link joinPath} writes (only `.` and `[n]` steps). */
export function valueAt(value: unknown, path: string): unknown {
  let current: any = value;
  for (const step of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (current === undefined || current === null) return undefined;
    current = step.startsWith('[') ? current[Number(step.slice(1, -1))] : current[step];
  }
  return current;
}

/** Whether `path` is `prefix` or lies under it. */
export function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** The longest path both share (whole steps). */
export function commonPath(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const steps = (p: string): string[] => [...(p.match(/\[[^\]]*\]|[^.[]+/g) ?? [])];
  let shared: string[] = steps(paths[0]);
  for (const p of paths.slice(1)) {
    const s = steps(p);
    let i = 0;
    while (i < shared.length && i < s.length && shared[i] === s[i]) i++;
    shared = shared.slice(0, i);
  }
  return shared.reduce((acc, step) => (step.startsWith('[') ? `${acc}${step}` : acc === '' ? step : `${acc}.${step}`), '');
}
