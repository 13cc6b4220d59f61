/**
 * LeastAllocated scoring: per resource, the share of the node's allocatable left free after the
 * pod, 0..100, weighted. Cpu and memory count containers without requests at 100m and 200Mi
 * (the non-zero requests), so empty-request pods still spread.
 */
import { MAX_NODE_SCORE } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import type { PodInfo } from '../../pod-info.js';
import { isScalarResourceName } from '../../resources.js';

export interface ResourceSpec { readonly name: string; readonly weight: number }

export const DEFAULT_SCORING_RESOURCES: readonly ResourceSpec[] = Object.freeze([{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }]);

const CPU = 0;
const MEMORY = 1;
const EPHEMERAL = 2;
const SCALAR = 3;

/** Resource names resolved once, so per-node scoring compares numbers, not strings. */
export interface CompiledResources { readonly names: readonly string[]; readonly kinds: readonly number[]; readonly weights: readonly number[] }

export function compileResources(resources: readonly ResourceSpec[]): CompiledResources {
  const kind = (n: string) => (n === 'cpu' ? CPU : n === 'memory' ? MEMORY : n === 'ephemeral-storage' ? EPHEMERAL : SCALAR);
  return { names: resources.map((r) => r.name), kinds: resources.map((r) => kind(r.name)), weights: resources.map((r) => r.weight) };
}

/** The node's allocatable amount of resource i, 0 when it has none (scoring skips it). */
export function allocatableOf(node: NodeInfo, rs: CompiledResources, i: number): number {
  const alloc = node.allocatable;
  switch (rs.kinds[i]) {
    case CPU: return alloc.milliCPU;
    case MEMORY: return alloc.memory;
    case EPHEMERAL: return alloc.ephemeralStorage;
    default: return alloc.scalar?.get(rs.names[i]) ?? 0;
  }
}

/**
 * The node's requested amount of resource i with the pod added
 * (resourceAllocationScorer.calculateResourceAllocatableRequest). `useRequested` counts real
 * requests; otherwise cpu and memory use the non-zero requests. -1 means "do not score": an
 * extended resource the pod does not ask for.
 */
export function requestedWith(pod: PodInfo, node: NodeInfo, rs: CompiledResources, i: number, useRequested: boolean): number {
  switch (rs.kinds[i]) {
    case CPU: return useRequested ? node.requested.milliCPU + pod.requests.milliCPU : node.nonZeroCPU + pod.nonZeroCPU;
    case MEMORY: return useRequested ? node.requested.memory + pod.requests.memory : node.nonZeroMemory + pod.nonZeroMemory;
    case EPHEMERAL: return node.requested.ephemeralStorage + pod.requests.ephemeralStorage;
    default: {
      const name = rs.names[i];
      const podReq = pod.requests.getScalar(name);
      if (podReq === 0 && isScalarResourceName(name)) return -1;
      return node.requested.getScalar(name) + podReq;
    }
  }
}

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function leastAllocatedScore(pod: PodInfo, node: NodeInfo, rs: CompiledResources): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < rs.kinds.length; i++) {
    const alloc = allocatableOf(node, rs, i);
    if (alloc === 0) continue;
    const req = requestedWith(pod, node, rs, i, false);
    if (req < 0) continue;
    score += leastRequestedScore(req, alloc) * rs.weights[i];
    weightSum += rs.weights[i];
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}
