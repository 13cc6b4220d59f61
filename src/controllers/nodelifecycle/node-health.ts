/**
 * The node lifecycle controller's view of one node's health (Kubernetes' tryUpdateNodeHealth), as a
 * pure function of the node, its Lease, what was seen before and the time. The controller's own
 * clock decides: a node is heard from when its Ready condition's lastHeartbeatTime changes or its
 * Lease's renewTime moves forward; not heard from for the grace period (the startup grace period
 * while it never posted a Ready condition), its Ready, MemoryPressure, DiskPressure and PIDPressure
 * conditions become Unknown ("NodeStatusUnknown", or "NodeStatusNeverUpdated" when missing).
 */
import { nodeCondition, parseTime, timeString, type Lease, type Node, type NodeCondition } from './types.js';

/** What the controller remembers of a node between passes. */
export interface NodeHealth {
  /** When (controller clock, ms) the node was last heard from. */
  probeTimestamp: number;
  /** When (controller clock, ms) its Ready condition was last seen to change. */
  readyTransitionTimestamp: number;
  /** The Ready condition as last seen (undefined: the node never posted one). */
  ready?: NodeCondition;
  /** The renewTime (ms) of the Lease last seen; undefined when no Lease was seen. */
  leaseRenew?: number;
}

export interface HealthInput {
  node: Node;
  saved: NodeHealth | undefined;
  lease: Lease | undefined;
  now: number;
  gracePeriodMs: number;
  startupGracePeriodMs: number;
}

export interface HealthResult {
  /** What to remember now (also after a failed write). */
  health: NodeHealth;
  /** The Ready condition as the node posted it (a made-up Unknown one when it has none). */
  observedReady: NodeCondition;
  /** The Ready condition after this pass (undefined: still none). */
  currentReady?: NodeCondition;
  /** Set when the node's status must be written: the node with its conditions marked Unknown, and what to remember once written. */
  update?: { node: Node; health: NodeHealth };
}

/** Conditions the controller marks Unknown when the kubelet goes quiet (not NetworkUnavailable: the control plane owns it). */
export const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

const fresh = (now: number, ready: NodeCondition | undefined): NodeHealth => ({ probeTimestamp: now, readyTransitionTimestamp: now, ready });

export function assessNodeHealth(input: HealthInput): HealthResult {
  const { node, lease, now } = input;
  const created = parseTime(node.metadata.creationTimestamp);
  const current = nodeCondition(node, 'Ready');
  let health = input.saved ? { ...input.saved } : undefined;
  let observedReady: NodeCondition;
  let grace: number;
  if (!current) {
    const createdAt = node.metadata.creationTimestamp ?? undefined;
    observedReady = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: createdAt, lastTransitionTime: createdAt };
    grace = input.startupGracePeriodMs;
    if (health) health.ready = undefined;
    else health = { probeTimestamp: created, readyTransitionTimestamp: created, ready: undefined };
  } else {
    observedReady = { ...current };
    grace = input.gracePeriodMs;
  }
  const saved = health?.ready;
  if (!health) {
    health = fresh(now, current && { ...current });
  } else if (!saved && current) {
    health = fresh(now, { ...current });
  } else if (saved && !current) {
    health = fresh(now, undefined);
  } else if (saved && current && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
    const transition = saved.lastTransitionTime !== current.lastTransitionTime ? now : health.readyTransitionTimestamp;
    health = { probeTimestamp: now, readyTransitionTimestamp: transition, ready: { ...current }, leaseRenew: health.leaseRenew };
  }
  // A renewed Lease counts as hearing from the node, whatever its status says.
  if (lease) {
    const renew = parseTime(lease.spec?.renewTime);
    if (health.leaseRenew === undefined || renew > health.leaseRenew) health = { ...health, leaseRenew: Number.isNaN(renew) ? -Infinity : renew, probeTimestamp: now };
  }
  if (!(now > health.probeTimestamp + grace)) return { health, observedReady, currentReady: current };

  const updated: Node = structuredClone(node);
  const conditions = (updated.status ??= {}).conditions ??= [];
  const stamp = timeString(now);
  for (const type of MONITORED_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({
        type, status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined, lastTransitionTime: stamp,
        reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
      });
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = stamp;
    }
  }
  const ready = conditions.find((c) => c.type === 'Ready');
  if (ready && sameCondition(ready, observedReady)) return { health, observedReady, currentReady: current };
  return {
    health, observedReady, currentReady: ready,
    update: { node: updated, health: { probeTimestamp: health.probeTimestamp, readyTransitionTimestamp: now, ready: ready && { ...ready }, leaseRenew: health.leaseRenew } },
  };
}

function sameCondition(a: NodeCondition, b: NodeCondition): boolean {
  return a.status === b.status && (a.reason ?? '') === (b.reason ?? '') && (a.message ?? '') === (b.message ?? '')
    && a.lastHeartbeatTime === b.lastHeartbeatTime && a.lastTransitionTime === b.lastTransitionTime;
}
