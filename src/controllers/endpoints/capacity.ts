/**
 * Endpoints over capacity: at most MAX_ENDPOINTS_CAPACITY addresses are kept. Ready addresses come
 * first; when they alone overflow, every subset keeps a share of its ready addresses proportional to
 * its size (rounded up, the last ones taking what is left) and no not-ready ones; otherwise the
 * not-ready addresses are cut the same way into the room the ready ones leave.
 */
import { MAX_ENDPOINTS_CAPACITY, type EndpointSubset } from './types.js';

export function countAddresses(subsets: EndpointSubset[]): number {
  return subsets.reduce((n, ss) => n + (ss.addresses?.length ?? 0) + (ss.notReadyAddresses?.length ?? 0), 0);
}

/** The subsets cut down to capacity, or undefined when they fit. */
export function truncateSubsets(subsets: EndpointSubset[], capacity = MAX_ENDPOINTS_CAPACITY): EndpointSubset[] | undefined {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const ss of subsets) {
    totalReady += ss.addresses?.length ?? 0;
    totalNotReady += ss.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= capacity) return undefined;
  const cutReady = totalReady > capacity;
  const room = cutReady ? capacity : capacity - totalReady;
  const total = cutReady ? totalReady : totalNotReady;
  let left = room;
  return subsets.map((ss) => {
    const list = (cutReady ? ss.addresses : ss.notReadyAddresses) ?? [];
    const share = Math.min(Math.ceil((list.length / total) * room), left);
    const kept = list.slice(0, share);
    left -= kept.length;
    const out: EndpointSubset = { ...ss };
    if (cutReady) {
      if (kept.length) out.addresses = kept; else delete out.addresses;
      delete out.notReadyAddresses;
    } else if (kept.length) {
      out.notReadyAddresses = kept;
    } else {
      delete out.notReadyAddresses;
    }
    return out;
  }).filter((ss) => (ss.addresses?.length ?? 0) + (ss.notReadyAddresses?.length ?? 0) > 0);
}
