/**
 * Writes a node's taints as Kubernetes' SwapNodeControllerTaint does: the whole (atomic) taint list
 * in a merge patch that carries the resourceVersion it was computed from, so a concurrent change to
 * the node is a conflict; on conflict the node is read again and the change recomputed (5 tries).
 */
import { isConflict, isNotFound, type Clientset } from '../../client/index.js';
import { swappedTaints } from './taints.js';
import { NODES, timeString, type Node, type Taint } from './types.js';

const TRIES = 5;

/**
 * Adds `add` and removes `remove` on the node (starting from the cached copy). Resolves true when
 * the node has the wanted taints (written, or nothing to change), false when the node is gone.
 */
export async function swapNodeTaints(cs: Clientset, cached: Node, add: readonly Taint[], remove: readonly Taint[], now: number): Promise<boolean> {
  const client = cs.resource<Node>(NODES);
  const name = cached.metadata.name ?? '';
  let node = cached;
  for (let i = 0; ; i++) {
    const taints = swappedTaints(node.spec?.taints, add, remove, timeString(now));
    if (!taints) return true;
    try {
      await client.patch(name, 'merge', {
        metadata: { resourceVersion: node.metadata.resourceVersion },
        spec: { taints: taints.length ? taints : null },
      });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      if (!isConflict(err) || i + 1 >= TRIES) throw err;
    }
    try {
      node = await client.get(name);
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}
