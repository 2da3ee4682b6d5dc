/** The Levenshtein distance of two strings: how many one-character edits turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The option nearest to `name` (ignoring case) within `maxDistance` edits, the first of equals; or undefined. */
export function nearestName(name: string, options: Iterable<string>, maxDistance = 2): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const option of options) {
    const distance = editDistance(option.toLowerCase(), lower);
    if (distance < bestDistance) [best, bestDistance] = [option, distance];
  }
  return best;
}
