/**
 * Taint-based eviction's first half (Kubernetes' processTaintBaseEviction and
 * doNoExecuteTaintingPass): a node whose Ready condition is False or Unknown is queued in its
 * zone's rate-limited queue for the NoExecute taint node.kubernetes.io/not-ready or /unreachable
 * (the two are exclusive: one is swapped for the other at once); a Ready node loses both and
 * leaves the queue. The taint eviction controller acts on the taints.
 */
import type { Clientset, Informer } from '../../client/index.js';
import { swapNodeTaints } from './node-taints-writer.js';
import { hasTaint, NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE } from './taints.js';
import { nodeCondition, type Node, type NodeCondition, type Taint } from './types.js';
import { zoneKey, type Zones } from './zones.js';

/** The NoExecute taint a Ready status calls for, and the one it replaces. */
function taintsFor(status: string): [Taint, Taint] | undefined {
  if (status === 'False') return [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
  if (status === 'Unknown') return [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
  return undefined;
}

export class NoExecuteTainter {
  constructor(
    private readonly cs: Clientset, private readonly nodes: Informer<Node>, private readonly zones: Zones,
    private readonly now: () => number, private readonly log: (line: string) => void,
  ) {}

  /** Acts on the node's Ready status as observed at the start of the pass. */
  async observe(node: Node, observed: NodeCondition): Promise<void> {
    const name = node.metadata.name ?? '';
    const pair = taintsFor(observed.status);
    if (!pair) {
      if (observed.status === 'True') await this.markReachable(node);
      return;
    }
    const [want, other] = pair;
    if (hasTaint(node.spec?.taints, other)) {
      await swapNodeTaints(this.cs, node, [want], [other], this.now());
      return;
    }
    const q = this.zones.tainter(zoneKey(node));
    if (!hasTaint(node.spec?.taints, want)) q.remove(name);
    q.add(name);
  }

  /** Takes both NoExecute taints off the node and it out of its zone's queue. */
  async markReachable(node: Node): Promise<void> {
    await swapNodeTaints(this.cs, node, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE], this.now());
    this.zones.tainter(zoneKey(node)).remove(node.metadata.name ?? '');
  }

  /** Works each zone's queue as fast as its limiter allows. */
  async pass(): Promise<void> {
    for (const q of this.zones.allTainters()) {
      await q.try(async (name) => {
        const node = this.nodes.store.get(name);
        if (!node) return { done: true };
        const ready = nodeCondition(node, 'Ready');
        if (!ready) return { done: false, retryAfterMs: 50 };
        const pair = taintsFor(ready.status);
        if (!pair) return { done: true };
        try {
          await swapNodeTaints(this.cs, node, [pair[0]], [pair[1]], this.now());
          return { done: true };
        } catch (err) {
          this.log(`node-lifecycle: cannot taint node ${name}: ${(err as Error).message}`);
          return { done: false };
        }
      });
    }
  }
}
