/**
 * NodeInfo: one node and the pods assigned to it, with the aggregates filters read — requested and
 * non-zero requested resources, host ports in use, images present, claims referenced — kept up to
 * date as pods come and go (O(1) per pod). A NodeInfo may exist before its Node does (pods bound
 * to a node the snapshot has not seen yet); such a "ghost" is left out of the node list.
 */
import type { Labels } from './labels.js';
import type { HostPort, PodInfo } from './pod-info.js';
import { Resource } from './resources.js';
import type { NodeView, TaintView } from './types.js';

const NO_TAINTS: readonly TaintView[] = Object.freeze([]);
const NO_LABELS: Labels = Object.freeze({});

export class NodeInfo {
  node: NodeView | undefined = undefined;
  labels: Labels = NO_LABELS;
  taints: readonly TaintView[] = NO_TAINTS;
  unschedulable = false;
  allocatable = new Resource();
  requested = new Resource();
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, PodInfo>();
  /** "ip protocol/port" → number of pods using it. */
  readonly usedPorts = new Map<string, number>();
  /** Image names on the node (status.images) → size in bytes. */
  images: ReadonlyMap<string, number> = new Map();
  /** "namespace/claim" → pods here using it. */
  readonly pvcRefCounts = new Map<string, number>();
  /** Bumped on every change, for callers that cache per node. */
  generation = 0;
  /** Position in the snapshot's node list, -1 when not listed. */
  index = -1;

  constructor(readonly name: string) {}

  setNode(node: NodeView): void {
    this.node = node;
    this.labels = node.metadata.labels ?? NO_LABELS;
    this.taints = node.spec?.taints ?? NO_TAINTS;
    this.unschedulable = !!node.spec?.unschedulable;
    this.allocatable = Resource.from(node.status?.allocatable ?? node.status?.capacity);
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) images.set(n, img.sizeBytes ?? 0);
    this.images = images;
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.account(p, 1);
  }

  /** Removes the pod with this key; returns what was removed. */
  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.account(p, -1);
    return p;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    this.requested.add(p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const k = portKey(hp);
      const n = (this.usedPorts.get(k) ?? 0) + sign;
      if (n > 0) this.usedPorts.set(k, n); else this.usedPorts.delete(k);
    }
    for (const claim of claimKeys(p)) {
      const n = (this.pvcRefCounts.get(claim) ?? 0) + sign;
      if (n > 0) this.pvcRefCounts.set(claim, n); else this.pvcRefCounts.delete(claim);
    }
    this.generation++;
  }

  /**
   * Is a host port of the given kind in use here? 0.0.0.0 conflicts with every address of the
   * same protocol and port; any other address with itself and 0.0.0.0 (HostPortInfo.CheckConflict).
   */
  portConflict(hp: HostPort): boolean {
    if (this.usedPorts.size === 0) return false;
    if (hp.ip === '0.0.0.0') {
      const suffix = ` ${hp.protocol}/${hp.port}`;
      for (const k of this.usedPorts.keys()) if (k.endsWith(suffix)) return true;
      return false;
    }
    return this.usedPorts.has(portKey(hp)) || this.usedPorts.has(`0.0.0.0 ${hp.protocol}/${hp.port}`);
  }

  /** A copy whose pods and aggregates can change without touching this one (preemption's what-ifs). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.requested = this.requested.clone();
    c.nonZeroCPU = this.nonZeroCPU;
    c.nonZeroMemory = this.nonZeroMemory;
    for (const [k, v] of this.pods) c.pods.set(k, v);
    for (const [k, v] of this.usedPorts) c.usedPorts.set(k, v);
    c.images = this.images;
    for (const [k, v] of this.pvcRefCounts) c.pvcRefCounts.set(k, v);
    c.generation = this.generation;
    c.index = this.index;
    return c;
  }
}

function portKey(hp: HostPort): string {
  return `${hp.ip} ${hp.protocol}/${hp.port}`;
}

/** The claims a pod uses, as "namespace/name" (ephemeral volumes: "<pod>-<volume>"). */
export function claimKeys(p: PodInfo): string[] {
  const out: string[] = [];
  for (const v of p.pod.spec?.volumes ?? []) {
    const name = claimName(p.name, v);
    if (name) out.push(`${p.namespace}/${name}`);
  }
  return out;
}

export function claimName(podName: string, v: { name?: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }): string | undefined {
  if (v.persistentVolumeClaim?.claimName) return v.persistentVolumeClaim.claimName;
  if (v.ephemeral) return `${podName}-${v.name ?? ''}`;
  return undefined;
}
