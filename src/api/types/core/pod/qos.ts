/**
 * The QoS class of a pod (status.qosClass), from its containers' cpu and memory requests and
 * limits: BestEffort when none are set, Guaranteed when every container limits both and requests
 * equal limits, Burstable otherwise. Pod-level resources, when set, decide alone.
 */
import { parseQuantity } from '../../../meta/quantity.js';
import { entry, isObj, list } from './validate-helpers.js';
import type { PodSpec, ResourceList, ResourceRequirements } from './types.js';

const QOS_RESOURCES = ['cpu', 'memory'];

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

function nonZero(list_: ResourceList | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of QOS_RESOURCES) {
    const q = isObj(list_) ? list_[name] : undefined;
    const n = q === undefined || q === null ? undefined : parseQuantity(q);
    if (n !== undefined && n !== 0) out.set(name, n);
  }
  return out;
}

function classify(groups: ResourceRequirements[]): QOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const g of groups) {
    for (const [k, v] of nonZero(g.requests)) requests.set(k, (requests.get(k) ?? 0) + v);
    const found = nonZero(g.limits);
    for (const [k, v] of found) limits.set(k, (limits.get(k) ?? 0) + v);
    if (!QOS_RESOURCES.every((r) => found.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, v] of requests) {
      if (Math.abs((limits.get(k) ?? NaN) - v) > 1e-9) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

export function podQOSClass(spec: PodSpec): QOSClass {
  const pod = spec.resources;
  if (isObj(pod) && (nonZero(pod.requests).size > 0 || nonZero(pod.limits).size > 0)) return classify([pod]);
  const containers = [...list(spec.containers), ...list(spec.initContainers)].map((c) => entry(entry(c).resources));
  return classify(containers);
}
