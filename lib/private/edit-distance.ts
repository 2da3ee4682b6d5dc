/**
 * The Levenshtein distance of two strings: how many one-character edits turn `a` into `b`. With
 * `limit`, any distance above it comes back as `limit + 1`, found without finishing the table
 * (suggestions search hundreds of names for one within two edits).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMinimum = Math.min(rowMinimum, current[j]);
    }
    // every later row is at least this row's minimum
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}

/** The option nearest to `name` (ignoring case) within `maxDistance` edits, the first of equals; or undefined. */
export function nearestName(name: string, options: Iterable<string>, maxDistance = 2): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const option of options) {
    const distance = editDistance(option.toLowerCase(), lower, maxDistance);
    if (distance < bestDistance) [best, bestDistance] = [option, distance];
  }
  return best;
}
