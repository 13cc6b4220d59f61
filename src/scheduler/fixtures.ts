/**
 * Builders of nodes, pods and snapshots for the scheduler's tests and benchmark (not part of the
 * component's API).
 */
import { defaultProfile, type DefaultProfileOptions } from './default-profile.js';
import { createProfile, Cycle, CycleState, type Plugin, type Profile } from './framework.js';
import { PodInfo } from './pod-info.js';
import { type PreFilterOutcome, runPreFilter } from './run-plugins.js';
import { Snapshot } from './snapshot.js';
import type { ContainerView, NodeView, PodSpecView, PodView, ResourceList, TaintView } from './types.js';

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: TaintView[];
  unschedulable?: boolean;
  images?: Array<{ names: string[]; sizeBytes: number }>;
  allocatable?: ResourceList;
}

export function makeNode(name: string, o: NodeOptions = {}): NodeView {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? 110, ...o.allocatable },
      images: o.images,
    },
  };
}

export interface PodOptions extends PodSpecView {
  namespace?: string;
  labels?: Record<string, string>;
  /** Requests of the single container. */
  cpu?: string;
  memory?: string;
  requests?: ResourceList;
  image?: string;
  deleting?: boolean;
  startTime?: string;
  phase?: string;
  nominatedNodeName?: string;
}

export function makePod(name: string, o: PodOptions = {}): PodView {
  const { namespace, labels, cpu, memory, requests, image, deleting, startTime, phase, nominatedNodeName, ...spec } = o;
  const req: ResourceList = { ...requests };
  if (cpu) req.cpu = cpu;
  if (memory) req.memory = memory;
  const container: ContainerView = { name: 'c', image: image ?? 'busybox:1.36', resources: Object.keys(req).length ? { requests: req } : {} };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: namespace ?? 'default', uid: `uid-${name}`, labels,
      ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: { containers: [container], ...spec },
    status: { phase: phase ?? (spec.nodeName ? 'Running' : 'Pending'), startTime, nominatedNodeName },
  };
}

export function makeSnapshot(nodes: NodeView[], pods: PodView[] = []): Snapshot {
  const s = new Snapshot();
  for (const n of nodes) s.upsertNode(n);
  for (const p of pods) s.upsertPod(p);
  return s;
}

/** A tie-breaker that always keeps the first of equally good nodes. */
export const firstOfEqual = (): number => 0.999999;

export function testProfile(o: DefaultProfileOptions = {}): Profile {
  return defaultProfile({ random: firstOfEqual, preemption: { offset: () => 0 }, ...o });
}

/** A cycle for `pod` with only `plugins`, PreFilter already run (for plugin tests). */
export function preparedCycle(pod: PodView, snapshot: Snapshot, plugins: Plugin[]): { c: Cycle; pre: PreFilterOutcome } {
  const profile = createProfile(plugins, { random: firstOfEqual });
  const c = new Cycle(new PodInfo(pod), snapshot, new CycleState(), profile);
  return { c, pre: runPreFilter(c) };
}
