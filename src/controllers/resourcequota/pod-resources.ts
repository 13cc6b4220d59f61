/**
 * A pod's effective requests and limits, as Kubernetes aggregates them (component-helpers'
 * PodRequests/PodLimits): the sum of its containers; restartable (sidecar) init containers run
 * alongside them and add to the sum; each ordinary init container runs alone with the sidecars
 * started before it, and the pod needs the largest of those; pod-level cpu and memory, when set,
 * replace the aggregate; the pod's overhead is added unless left out.
 */
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { addInto, maxInto, parseResourceList, type ResourceList } from './resource-list.js';

export interface PodResourcesOptions {
  /** Leave spec.overhead out (LimitRanger does; quota does not). */
  excludeOverhead?: boolean;
}

const POD_LEVEL = new Set(['cpu', 'memory']);

type Which = 'requests' | 'limits';

function containerList(c: Container, which: Which): ResourceList {
  return parseResourceList(c.resources?.[which]);
}

function aggregate(pod: Pod, which: Which): ResourceList {
  const spec = pod.spec ?? {};
  const total: ResourceList = {};
  for (const c of spec.containers ?? []) addInto(total, containerList(c, which));
  const sidecars: ResourceList = {};
  const initPeak: ResourceList = {};
  for (const c of spec.initContainers ?? []) {
    const own = containerList(c, which);
    let running: ResourceList;
    if (c.restartPolicy === 'Always') {
      addInto(total, own);
      addInto(sidecars, own);
      running = { ...sidecars };
    } else {
      running = { ...own };
      addInto(running, sidecars);
    }
    maxInto(initPeak, running);
  }
  maxInto(total, initPeak);
  return total;
}

function podLevelOverride(pod: Pod, which: Which, list: ResourceList): void {
  const podLevel = parseResourceList(pod.spec?.resources?.[which]);
  for (const [k, v] of Object.entries(podLevel)) if (POD_LEVEL.has(k)) list[k] = v;
}

export function podRequests(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  const reqs = aggregate(pod, 'requests');
  podLevelOverride(pod, 'requests', reqs);
  if (!opts.excludeOverhead) addInto(reqs, parseResourceList(pod.spec?.overhead));
  return reqs;
}

export function podLimits(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  const limits = aggregate(pod, 'limits');
  podLevelOverride(pod, 'limits', limits);
  if (!opts.excludeOverhead) {
    // Overhead only raises limits that are set.
    const overhead = parseResourceList(pod.spec?.overhead);
    for (const k of Object.keys(limits)) if (k in overhead) addInto(limits, { [k]: overhead[k] });
  }
  return limits;
}
