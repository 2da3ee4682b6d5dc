import { fail } from './validation';

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?\d+)?$/;

/**
 * Parses a Kubernetes quantity ('5Gi', '500m', '1.5', '1e3') into its numeric value
 * (bytes for memory, cores for CPU). Returns undefined for anything the API server would reject.
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, number, suffix = ''] = match;
  const factor = BINARY[suffix] ?? DECIMAL[suffix] ?? 10 ** Number(suffix.slice(1));
  return Number(number) * factor;
}

/** Parses or fails with the standard message; `kind` says what the quantity is for. */
export function requireQuantity(owner: string, field: string, value: string, kind: 'storage' | 'memory' | 'cpu'): number {
  const example = kind === 'cpu' ? "'500m' or '2'" : "'5Gi'";
  const parsed = parseQuantity(value);
  if (parsed === undefined) fail(owner, field, value, `is not a Kubernetes quantity (e.g. ${example})`);
  if (parsed <= 0) fail(owner, field, value, 'must be greater than zero');
  if (kind !== 'cpu' && !Number.isInteger(parsed)) fail(owner, field, value, 'is not a whole number of bytes');
  return parsed;
}

/** CPU and memory of a container, as quantities. */
export interface ContainerQuantities {
  readonly cpuRequest: string;
  readonly cpuLimit?: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
}

/** Checks every quantity and that no limit is below its request; returns the memory limit in bytes. */
export function checkRequestsAndLimits(owner: string, r: ContainerQuantities): number {
  const cpuRequest = requireQuantity(owner, 'resources.cpuRequest', r.cpuRequest, 'cpu');
  if (r.cpuLimit !== undefined && requireQuantity(owner, 'resources.cpuLimit', r.cpuLimit, 'cpu') < cpuRequest) {
    fail(owner, 'resources.cpuLimit', r.cpuLimit, `is below resources.cpuRequest '${r.cpuRequest}'`);
  }
  const memoryRequest = requireQuantity(owner, 'resources.memoryRequest', r.memoryRequest, 'memory');
  const memoryLimit = requireQuantity(owner, 'resources.memoryLimit', r.memoryLimit, 'memory');
  if (memoryLimit < memoryRequest) fail(owner, 'resources.memoryLimit', r.memoryLimit, `is below resources.memoryRequest '${r.memoryRequest}'`);
  return memoryLimit;
}
