/**
 * ImageLocality: prefers nodes that already have the pod's images, by their size scaled by how
 * widely the image is spread across nodes (so one node holding a popular image does not attract
 * everything): sums between 23MB and 1000MB per container map linearly onto 0..100.
 */
import { type Cycle, MAX_NODE_SCORE, type ScorePlugin } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';

export const IMAGE_LOCALITY = 'ImageLocality';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export function imageLocalityPriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export const imageLocality: ScorePlugin = {
  name: IMAGE_LOCALITY,
  score(c: Cycle, node: NodeInfo): number {
    const images = c.pod.images;
    if (images.length === 0) return 0;
    let sum = 0;
    if (node.images.size > 0) {
      const total = c.snapshot.numNodes;
      for (const name of images) {
        const size = node.images.get(name);
        if (size === undefined) continue;
        sum += Math.trunc(size * (c.snapshot.imageNodeCount(name) / total));
      }
    }
    const spec = c.pod.pod.spec;
    return imageLocalityPriority(sum, (spec?.initContainers?.length ?? 0) + (spec?.containers?.length ?? 0));
  },
};
