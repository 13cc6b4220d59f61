/**
 * The size of a memory-backed volume's tmpfs, as the kubelet chooses it: the node's allocatable
 * memory, lowered to the pod's memory limit when every container declares one, lowered again to the
 * volume's sizeLimit when that is smaller.
 */
import { parseQuantity } from '../../api/index.js';
import type { Container, Pod } from '../../api/types/core/pod/index.js';

function memoryLimit(c: Container): number | undefined {
  const q = c.resources?.limits?.memory;
  return q === undefined ? undefined : parseQuantity(q);
}

/** The pod's memory limit (its cgroup's), or undefined when some container has none. */
export function podMemoryLimit(pod: Pod): number | undefined {
  let sum = 0;
  for (const c of pod.spec?.containers ?? []) {
    const l = memoryLimit(c);
    if (l === undefined) return undefined;
    sum += l;
  }
  let initMax = 0;
  for (const c of pod.spec?.initContainers ?? []) {
    const l = memoryLimit(c);
    if (l === undefined) return undefined;
    // Restartable init containers (sidecars) keep running beside the app containers.
    if (c.restartPolicy === 'Always') sum += l;
    else initMax = Math.max(initMax, l);
  }
  const overhead = parseQuantity(pod.spec?.overhead?.memory ?? 0) ?? 0;
  return Math.max(sum, initMax) + overhead;
}

export function memoryVolumeSize(pod: Pod, nodeAllocatableMemory: number, sizeLimit?: string | number): number {
  let size = nodeAllocatableMemory;
  const podLimit = podMemoryLimit(pod);
  if (podLimit !== undefined && podLimit > 0 && podLimit <= size) size = podLimit;
  const vol = sizeLimit === undefined ? undefined : parseQuantity(sizeLimit);
  if (vol !== undefined && vol > 0 && vol <= size) size = vol;
  return Math.ceil(size);
}
