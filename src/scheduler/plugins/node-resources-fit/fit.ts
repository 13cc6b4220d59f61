/**
 * NodeResourcesFit: the node must have room for the pod's requests — cpu, memory,
 * ephemeral-storage, extended and other scalar resources — and one more pod. Requests count init
 * containers, sidecars and overhead (see resources.ts). Scoring is LeastAllocated by default.
 */
import type { Cycle, FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import type { Resource } from '../../resources.js';
import type { Status } from '../../status.js';
import { compileResources, DEFAULT_SCORING_RESOURCES, leastAllocatedScore, type ResourceSpec } from './least-allocated.js';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';

/** "Insufficient <resource>", as InsufficientResource.Reason. */
export function errReasonInsufficient(resource: string): string {
  return `Insufficient ${resource}`;
}

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** Which of the node's resources are too short for a pod requesting `req` (fitsRequest). */
/** Quick check without building the list: does the pod fit? */
export function fits(req: Resource, node: NodeInfo, ignoredExtended?: ReadonlySet<string>): boolean {
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.size + 1 > alloc.allowedPodNumber) return false;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) return false;
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) return false;
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) return false;
  if (req.scalar) {
    for (const [name, q] of req.scalar) {
      if (q !== 0 && !ignoredExtended?.has(name) && q > alloc.getScalar(name) - used.getScalar(name)) return false;
    }
  }
  return true;
}

export function fitsRequest(req: Resource, node: NodeInfo, ignoredExtended?: ReadonlySet<string>): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.size + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: ERR_REASON_TOO_MANY_PODS, requested: 1, used: node.pods.size, capacity: alloc.allowedPodNumber });
  }
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !req.scalar) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage',
      requested: req.ephemeralStorage, used: used.ephemeralStorage, capacity: alloc.ephemeralStorage,
    });
  }
  if (req.scalar) {
    for (const [name, q] of req.scalar) {
      if (q === 0 || ignoredExtended?.has(name)) continue;
      if (q > alloc.getScalar(name) - used.getScalar(name)) {
        out.push({ resourceName: name, reason: errReasonInsufficient(name), requested: q, used: used.getScalar(name), capacity: alloc.getScalar(name) });
      }
    }
  }
  return out;
}

export interface FitOptions {
  /** Extended resources the filter does not check (NodeResourcesFitArgs.ignoredResources). */
  ignoredResources?: readonly string[];
  /** LeastAllocated's resources and weights; cpu and memory weighing 1 by default. */
  scoringResources?: readonly ResourceSpec[];
}

export function nodeResourcesFit(options: FitOptions = {}): FilterPlugin & PreScorePlugin & ScorePlugin {
  const ignored = new Set(options.ignoredResources ?? []);
  const resources = compileResources(options.scoringResources ?? DEFAULT_SCORING_RESOURCES);
  return {
    name: NODE_RESOURCES_FIT,
    filter(c: Cycle, node: NodeInfo): Status | null {
      if (fits(c.pod.requests, node, ignored)) return null;
      const short = fitsRequest(c.pod.requests, node, ignored);
      return { code: 'Unschedulable', reasons: short.map((s) => s.reason), plugin: NODE_RESOURCES_FIT };
    },
    preScore(): Status | null { return null; },
    score(c: Cycle, node: NodeInfo): number {
      return leastAllocatedScore(c.pod, node, resources);
    },
  };
}
