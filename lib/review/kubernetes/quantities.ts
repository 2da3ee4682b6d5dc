/** Kubernetes quantities (`10Gi`, `500M`) compared by the amount they stand for. */

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** Sign of a - b for two Kubernetes quantities (NaN-safe: unreadable compares as equal). */
export function compareQuantity(a: string, b: string): number {
  const read = (q: string) => { const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(q.trim()); return m ? Number(m[1]) * SUFFIX[m[2] ?? ''] : NaN; };
  const x = read(a);
  const y = read(b);
  return Number.isNaN(x) || Number.isNaN(y) ? 0 : Math.sign(x - y);
}
