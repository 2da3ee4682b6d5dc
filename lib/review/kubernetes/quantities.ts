import { compareQuantities, parseExactQuantity } from '../../private/quantity';

/** Sign of a - b for two Kubernetes quantities, exactly as the API server reads them (unreadable compares as equal). */
export function compareQuantity(a: string, b: string): number {
  const x = parseExactQuantity(a.trim());
  const y = parseExactQuantity(b.trim());
  return x && y ? compareQuantities(x, y) : 0;
}
