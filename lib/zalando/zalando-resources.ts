import { compareQuantities, parseExactQuantity, requireQuantity } from '../private/quantity';
import { fail } from '../private/validation';

/** The CRD's patterns for resources (acid.zalan.do/v1 postgresql): stricter than Kubernetes in places, looser in others ('1K'). */
const CRD_QUANTITY = /^(\d+(e\d+)?|\d+(\.\d+)?(e\d+)?[EPTGMK]i?)$/;
const CRD_CPU = /^(\d+m|\d+(\.\d{1,3})?)$/;

/** CPU and memory as the CRD takes them; any may be left to the operator. */
export interface CrdResources {
  readonly cpuRequest?: string;
  readonly memoryRequest?: string;
  readonly cpuLimit?: string;
  readonly memoryLimit?: string;
}

/**
 * Fails unless every given amount matches the CRD's pattern and is also a quantity Kubernetes
 * reads (the operator copies it into a StatefulSet), greater than zero, whole bytes or whole
 * millicores, with no limit below its request.
 */
export function checkCrdResources(owner: string, prefix: string, r: CrdResources): void {
  for (const key of ['memoryRequest', 'memoryLimit'] as const) {
    const value = r[key];
    if (value === undefined) continue;
    if (!CRD_QUANTITY.test(value)) fail(owner, `${prefix}.${key}`, value, "is not a quantity the CRD accepts (e.g. '1Gi')");
    requireQuantity(owner, `${prefix}.${key}`, value, 'memory');
  }
  for (const key of ['cpuRequest', 'cpuLimit'] as const) {
    const value = r[key];
    if (value === undefined) continue;
    if (!CRD_CPU.test(value)) fail(owner, `${prefix}.${key}`, value, "is not a CPU amount the CRD accepts (e.g. '500m' or '1.5')");
    requireQuantity(owner, `${prefix}.${key}`, value, 'cpu');
  }
  for (const [request, limit] of [['cpuRequest', 'cpuLimit'], ['memoryRequest', 'memoryLimit']] as const) {
    const [requested, limited] = [r[request], r[limit]];
    if (requested !== undefined && limited !== undefined && compareQuantities(parseExactQuantity(limited)!, parseExactQuantity(requested)!) < 0) {
      fail(owner, `${prefix}.${limit}`, limited, `is below ${prefix}.${request} '${requested}'`);
    }
  }
}

/** Fails unless the volume size matches the CRD's pattern and is a whole number of bytes Kubernetes reads. */
export function checkCrdVolumeSize(owner: string, field: string, size: string): void {
  if (!CRD_QUANTITY.test(size)) fail(owner, field, size, "is not a quantity the CRD accepts (e.g. '50Gi')");
  requireQuantity(owner, field, size, 'storage');
}
