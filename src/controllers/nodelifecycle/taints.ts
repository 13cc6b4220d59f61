/**
 * The taints the node lifecycle controller manages: NoExecute not-ready/unreachable (taint-based
 * eviction), and the NoSchedule taints that mirror node conditions (Ready False/Unknown, memory,
 * disk and PID pressure, network unavailable) and spec.unschedulable. Taints are the same when key
 * and effect match (Kubernetes' MatchTaint); set arithmetic over them is pure.
 */
import { nodeCondition, type Node, type Taint } from './types.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };

/** Condition type → condition status → the NoSchedule taint key it calls for. */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function hasTaint(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => sameTaint(x, t));
}

/** The NoSchedule taints the node's conditions and spec.unschedulable call for. */
export function desiredNoScheduleTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** The node's NoSchedule taints this controller owns (condition taints and unschedulable). */
export function managedNoScheduleTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
}

/** What to add (in want, not in have) and remove (in have, not in want). */
export function taintDiff(want: readonly Taint[], have: readonly Taint[]): { add: Taint[]; remove: Taint[] } {
  return {
    add: want.filter((t) => !hasTaint(have, t)),
    remove: have.filter((t) => !hasTaint(want, t)),
  };
}

/**
 * The node's taints after removing `remove` and adding `add` (stamped with timeAdded); an added
 * taint replaces one with the same key and effect. Undefined when nothing changes.
 */
export function swappedTaints(current: readonly Taint[] | undefined, add: readonly Taint[], remove: readonly Taint[], timeAdded: string): Taint[] | undefined {
  let taints = [...(current ?? [])];
  let changed = false;
  for (const r of remove) {
    const kept = taints.filter((t) => !sameTaint(t, r));
    if (kept.length !== taints.length) changed = true;
    taints = kept;
  }
  for (const a of add) {
    const next: Taint = { key: a.key, ...(a.value ? { value: a.value } : {}), effect: a.effect, timeAdded };
    const i = taints.findIndex((t) => sameTaint(t, a));
    if (i >= 0) {
      if ((taints[i].value ?? '') === (a.value ?? '')) continue;
      taints[i] = next;
    } else {
      taints.push(next);
    }
    changed = true;
  }
  return changed ? taints : undefined;
}

export function isReady(node: Node): boolean {
  return nodeCondition(node, 'Ready')?.status === 'True';
}
