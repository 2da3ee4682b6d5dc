import { parseQuantity } from '../private/quantity';

/** A VM size and what it offers. */
export interface VmSize {
  /** Azure's name of the size, e.g. `Standard_D2s_v5`. */
  readonly name: string;
  /** Virtual CPUs. */
  readonly vcpus: number;
  /** Memory in GiB. */
  readonly memoryGiB: number;
}

/** General-purpose sizes in ascending order (Azure's published vCPU and memory). */
export const AKS_VM_SIZES: readonly VmSize[] = [
  { name: 'Standard_B2s', vcpus: 2, memoryGiB: 4 },
  { name: 'Standard_D2s_v5', vcpus: 2, memoryGiB: 8 },
  { name: 'Standard_D4s_v5', vcpus: 4, memoryGiB: 16 },
  { name: 'Standard_D8s_v5', vcpus: 8, memoryGiB: 32 },
];

/** CPU and memory of a node, or asked of one. */
export interface NodeCapacity {
  /** CPU in cores. */
  readonly cpu: number;
  /** Memory in GiB. */
  readonly memoryGiB: number;
}

/** What AKS's own add-ons (CoreDNS, metrics-server, CNI, CSI drivers, konnectivity) request on a one-node system pool. */
export const AKS_ADDON_REQUESTS: NodeCapacity = { cpu: 0.6, memoryGiB: 1.2 };
const MAX_PODS = 30;

/**
 * Allocatable capacity of one AKS node: CPU minus kube-reserved (60m for the first core, 40m for
 * the second, 20m each for the third and fourth, 10m per core after), memory minus
 * kube-reserved (20MB per pod plus 50MB) and the 100Mi eviction threshold.
 */
export function allocatable(size: VmSize): NodeCapacity {
  const steps = [0.06, 0.04, 0.02, 0.02];
  const reservedCpu = Array.from({ length: size.vcpus }, (_, i) => steps[i] ?? 0.01).reduce((a, b) => a + b, 0);
  const reservedMemoryGiB = (20 * MAX_PODS + 50) / 1024 + 100 / 1024;
  return { cpu: size.vcpus - reservedCpu, memoryGiB: size.memoryGiB - reservedMemoryGiB };
}

/** The environment's needs on one node. */
export interface NodeDemand {
  /** CPU requested by every pod that can run at once, in cores. */
  readonly cpu: number;
  /** Memory requested by every pod that can run at once, in GiB. */
  readonly memoryGiB: number;
  /** The largest memory limit of one pod, in GiB; the node must be able to grant it. */
  readonly largestMemoryLimitGiB: number;
}

/** The smallest size whose allocatable capacity holds the demand and AKS's add-ons; fails when none does. */
export function chooseNodeSize(demand: NodeDemand): VmSize {
  const needCpu = demand.cpu + AKS_ADDON_REQUESTS.cpu;
  const needMemory = Math.max(demand.memoryGiB, demand.largestMemoryLimitGiB) + AKS_ADDON_REQUESTS.memoryGiB;
  const size = AKS_VM_SIZES.find((s) => allocatable(s).cpu >= needCpu && allocatable(s).memoryGiB >= needMemory);
  if (!size) throw new Error(`no AKS node size holds ${needCpu.toFixed(2)} CPU and ${needMemory.toFixed(2)} GiB`);
  return size;
}

/**
 * What the pods of a chart ask of a node, all at once (server, schema Job and backup running
 * together): the sums of their containers' requests and the largest pod memory limit.
 */
export function demandOf(objects: readonly { kind: string; spec?: any }[]): NodeDemand {
  const pods = objects.map((o) => o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec).filter(Boolean);
  const containers = pods.map((p: any) => [...(p.initContainers ?? []), ...p.containers]);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const gib = 2 ** 30;
  return {
    cpu: sum(containers.flat().map((c: any) => parseQuantity(String(c.resources?.requests?.cpu ?? '0')) ?? 0)),
    memoryGiB: sum(containers.flat().map((c: any) => parseQuantity(String(c.resources?.requests?.memory ?? '0')) ?? 0)) / gib,
    largestMemoryLimitGiB: Math.max(0, ...containers.map((cs: any[]) => sum(cs.map((c) => parseQuantity(String(c.resources?.limits?.memory ?? '0')) ?? 0)) / gib)),
  };
}
