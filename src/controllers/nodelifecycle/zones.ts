/**
 * Zones and disruption modes (Kubernetes' zone states): nodes are grouped by region and zone labels;
 * each zone has a rate-limited tainting queue whose rate follows the zone's state — Normal (no more
 * than half-plus of at least three nodes not Ready): the eviction rate; PartialDisruption: the
 * secondary rate in large zones, none in small ones; FullDisruption (no Ready node): the eviction
 * rate, unless every zone is fully disrupted — then the controller suspects itself, not the nodes,
 * stops tainting everywhere and takes the NoExecute taints off ("master disruption mode").
 */
import { RateLimitedTimedQueue } from './rate-limited-queue.js';
import type { Node, NodeCondition } from './types.js';

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

export interface ZoneRates {
  evictionQPS: number;
  secondaryEvictionQPS: number;
  largeClusterThreshold: number;
  unhealthyZoneThreshold: number;
}

/** The node's zone: "<region>:\0:<zone>" from the (beta or GA) topology labels, "" without them. */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  const zone = l['failure-domain.beta.kubernetes.io/zone'] ?? l['topology.kubernetes.io/zone'] ?? '';
  const region = l['failure-domain.beta.kubernetes.io/region'] ?? l['topology.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** Nodes labelled node.kubernetes.io/exclude-disruption do not count toward their zone's state. */
export function excludedFromDisruption(node: Node): boolean {
  return Object.prototype.hasOwnProperty.call(node.metadata.labels ?? {}, 'node.kubernetes.io/exclude-disruption');
}

export function computeZoneState(ready: ReadonlyArray<NodeCondition | undefined>, unhealthyThreshold: number): ZoneState {
  const readyNodes = ready.filter((c) => c?.status === 'True').length;
  const notReady = ready.length - readyNodes;
  if (readyNodes === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / ready.length >= unhealthyThreshold) return 'PartialDisruption';
  return 'Normal';
}

export class Zones {
  readonly states = new Map<string, ZoneState>();
  private readonly tainters = new Map<string, RateLimitedTimedQueue>();

  constructor(private readonly rates: ZoneRates, private readonly now: () => number, private readonly log: (line: string) => void) {}

  /** The zone's tainting queue, made (in state Initial) when the zone is first seen. */
  tainter(zone: string): RateLimitedTimedQueue {
    let q = this.tainters.get(zone);
    if (!q) {
      q = new RateLimitedTimedQueue(this.rates.evictionQPS, this.now);
      this.tainters.set(zone, q);
    }
    if (!this.states.has(zone)) this.states.set(zone, 'Initial');
    return q;
  }

  allTainters(): RateLimitedTimedQueue[] {
    return [...this.tainters.values()];
  }

  /**
   * Updates the zones' states from this pass's Ready conditions (per zone). Returns what the caller
   * must do to nodes: 'enterFullDisruption' (remove NoExecute taints everywhere), 'exitFullDisruption'
   * (restart every node's grace period), or nothing.
   */
  update(readyByZone: ReadonlyMap<string, ReadonlyArray<NodeCondition | undefined>>): 'enterFullDisruption' | 'exitFullDisruption' | undefined {
    const next = new Map<string, ZoneState>();
    let allFull = true;
    for (const [zone, conds] of readyByZone) {
      const s = computeZoneState(conds, this.rates.unhealthyZoneThreshold);
      if (s !== 'FullDisruption') allFull = false;
      next.set(zone, s);
      this.tainter(zone);
    }
    let allWereFull = true;
    for (const [zone, s] of [...this.states]) {
      if (!readyByZone.has(zone)) {
        this.states.delete(zone);
        continue;
      }
      if (s !== 'FullDisruption') allWereFull = false;
    }
    if (allFull && allWereFull) return undefined;
    if (allFull) {
      this.log('node-lifecycle: all nodes are not Ready; entering master disruption mode (no taint-based eviction)');
      for (const zone of this.states.keys()) {
        this.tainter(zone).swapLimiter(0);
        this.states.set(zone, 'FullDisruption');
      }
      return 'enterFullDisruption';
    }
    if (allWereFull) {
      this.log('node-lifecycle: some nodes are Ready; exiting master disruption mode');
      for (const zone of this.states.keys()) this.setState(zone, next.get(zone) ?? 'Normal', readyByZone.get(zone)?.length ?? 0);
      return 'exitFullDisruption';
    }
    for (const [zone, s] of this.states) {
      const n = next.get(zone) ?? s;
      if (n !== s) this.setState(zone, n, readyByZone.get(zone)?.length ?? 0);
    }
    return undefined;
  }

  private setState(zone: string, state: ZoneState, size: number): void {
    const q = this.tainter(zone);
    if (state === 'Normal' || state === 'FullDisruption') q.swapLimiter(this.rates.evictionQPS);
    else if (state === 'PartialDisruption') q.swapLimiter(size > this.rates.largeClusterThreshold ? this.rates.secondaryEvictionQPS : 0);
    this.states.set(zone, state);
  }
}
