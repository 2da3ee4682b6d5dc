import { fail } from './validation';

/**
 * Kubernetes quantities as the API server parses them (apimachinery's ParseQuantity): an
 * optional sign, digits with an optional fraction ('1.', '.5'), then one suffix: binary (Ki Mi
 * Gi Ti Pi Ei), decimal (n u m k M G T P E, or none) or an exponent (e3, E-3, e+3). Values are
 * kept exact: ± mantissa × 10^exponent, binary suffixes folded into the mantissa.
 */
export interface ExactQuantity {
  readonly mantissa: bigint;
  readonly exponent: number;
}

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;
/** Kubernetes counts resources in int64; anything larger cannot be scheduled. */
const INT64_MAX = (1n << 63n) - 1n;

/** The exact value of a quantity, or undefined for anything the API server would reject. */
export function parseExactQuantity(text: string): ExactQuantity | undefined {
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', suffix = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  let mantissa = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  let exponent = -fraction.length;
  if (BINARY[suffix] !== undefined) mantissa *= BINARY[suffix];
  else if (DECIMAL[suffix] !== undefined) exponent += DECIMAL[suffix];
  else exponent += Number(suffix.slice(1));
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
  return { mantissa, exponent };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantities(a: ExactQuantity, b: ExactQuantity): number {
  const exponent = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - exponent);
  const y = b.mantissa * 10n ** BigInt(b.exponent - exponent);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether the quantity is a whole number of its unit after scaling by 10^scale (scale 3: whole millis). */
function isWhole(q: ExactQuantity, scale = 0): boolean {
  const exponent = q.exponent + scale;
  return exponent >= 0 || q.mantissa % 10n ** BigInt(-exponent) === 0n;
}

/** The value scaled by 10^scale and rounded down, as a bigint (bytes, or millicores with scale 3). */
export function integerPart(q: ExactQuantity, scale = 0): bigint {
  const exponent = q.exponent + scale;
  return exponent >= 0 ? q.mantissa * 10n ** BigInt(exponent) : q.mantissa / 10n ** BigInt(-exponent);
}

/**
 * Parses a Kubernetes quantity ('5Gi', '500m', '1.5', '1e3', '500000u') into its numeric value
 * (bytes for memory, cores for CPU), approximately. Undefined for anything the API server rejects.
 */
export function parseQuantity(text: string): number | undefined {
  const q = parseExactQuantity(text);
  return q === undefined ? undefined : Number(q.mantissa) * 10 ** q.exponent;
}

/**
 * Parses or fails with the standard message; `kind` says what the quantity is for. Beyond the
 * grammar: greater than zero, memory and storage in whole bytes, CPU in whole millicores (the
 * finest precision Kubernetes allows), and within what Kubernetes can count.
 */
export function requireQuantity(owner: string, field: string, value: string, kind: 'storage' | 'memory' | 'cpu'): number {
  const example = kind === 'cpu' ? "'500m' or '2'" : "'5Gi'";
  const q = parseExactQuantity(value);
  if (q === undefined) return fail(owner, field, value, `is not a Kubernetes quantity (e.g. ${example})`);
  if (q.mantissa <= 0n) return fail(owner, field, value, 'must be greater than zero');
  if (kind === 'cpu') {
    // the API server takes '500Mi' CPU (524 million cores); nobody means it
    const unit = /(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)$/.exec(value)?.[1];
    if (unit !== undefined) fail(owner, field, value, `is written with a unit of bytes or of thousands ('${unit}'); CPU is counted in cores ('2', '0.5') or millicores ('500m')`);
    if (!isWhole(q, 3)) fail(owner, field, value, "is finer than 1m (a thousandth of a CPU), the precision Kubernetes allows; round it to whole millicores (e.g. '1500u' to '2m')");
    if (integerPart(q, 3) > INT64_MAX) fail(owner, field, value, 'is more CPU than Kubernetes can count');
  } else {
    if (!isWhole(q)) fail(owner, field, value, kind === 'memory' && /m$/.test(value)
      ? "is not a whole number of bytes ('m' is a thousandth: '500m' is half a byte); write 'Mi' for mebibytes, e.g. '500Mi'"
      : 'is not a whole number of bytes');
    if (integerPart(q) > INT64_MAX) fail(owner, field, value, 'is more bytes than Kubernetes can count');
    return Number(integerPart(q));
  }
  return Number(q.mantissa) * 10 ** q.exponent;
}

/** CPU and memory of a container, as quantities. */
export interface ContainerQuantities {
  readonly cpuRequest: string;
  readonly cpuLimit?: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
}

/** Checks every quantity and that no limit is below its request (compared exactly); returns the memory limit in bytes. */
export function checkRequestsAndLimits(owner: string, r: ContainerQuantities, prefix = 'resources'): number {
  requireQuantity(owner, `${prefix}.cpuRequest`, r.cpuRequest, 'cpu');
  if (r.cpuLimit !== undefined) {
    requireQuantity(owner, `${prefix}.cpuLimit`, r.cpuLimit, 'cpu');
    if (compareQuantities(parseExactQuantity(r.cpuLimit)!, parseExactQuantity(r.cpuRequest)!) < 0) {
      fail(owner, `${prefix}.cpuLimit`, r.cpuLimit, `is below ${prefix}.cpuRequest '${r.cpuRequest}'`);
    }
  }
  requireQuantity(owner, `${prefix}.memoryRequest`, r.memoryRequest, 'memory');
  const memoryLimit = requireQuantity(owner, `${prefix}.memoryLimit`, r.memoryLimit, 'memory');
  if (compareQuantities(parseExactQuantity(r.memoryLimit)!, parseExactQuantity(r.memoryRequest)!) < 0) {
    fail(owner, `${prefix}.memoryLimit`, r.memoryLimit, `is below ${prefix}.memoryRequest '${r.memoryRequest}'`);
  }
  return memoryLimit;
}
