/**
 * An env var's `valueFrom.resourceFieldRef`: a container's cpu, memory, ephemeral-storage (or
 * hugepages) request or limit divided by the divisor and rounded up. Limits the container does not
 * set read as the node's allocatable amount, as the kubelet defaults them for the downward API.
 */
import type { Container, Pod, ResourceFieldSelector, ResourceList } from '../../api/types/core/pod/index.js';
import { ceilDiv, isZero, parseDec } from './quantity.js';

const DEFAULTED = ['cpu', 'memory', 'ephemeral-storage'];

/** The container with its unset (or zero) cpu, memory and ephemeral-storage limits set to allocatable. */
export function withAllocatableLimits(container: Container, allocatable: ResourceList): Container {
  const limits: ResourceList = { ...(container.resources?.limits ?? {}) };
  for (const name of DEFAULTED) {
    if (isZero(parseDec(limits[name])) && allocatable[name] !== undefined) limits[name] = allocatable[name]!;
  }
  return { ...container, resources: { ...(container.resources ?? {}), limits } };
}

function quantityString(q: string | number | undefined, divisor: string | number | undefined): string {
  const d = parseDec(divisor);
  const div = d === undefined || d.num === 0n ? { num: 1n, scale: 0 } : d;
  const v = parseDec(q);
  if (v === undefined || v.num <= 0n || div.num < 0n) return '0';
  return ceilDiv(v, div).toString();
}

/** The value of `ref` for `container` (already defaulted), or for the container it names. */
export function containerResourceValue(ref: ResourceFieldSelector, pod: Pod, container: Container): string {
  let target = container;
  if (ref.containerName) {
    const found = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
      .find((c) => c.name === ref.containerName);
    if (found === undefined) throw new Error(`container ${ref.containerName} not found`);
    target = found;
  }
  const resource = ref.resource ?? '';
  const dot = resource.indexOf('.');
  const kind = dot < 0 ? '' : resource.slice(0, dot);
  const name = dot < 0 ? '' : resource.slice(dot + 1);
  if ((kind === 'limits' || kind === 'requests') && (DEFAULTED.includes(name) || name.startsWith('hugepages-'))) {
    const list = kind === 'limits' ? target.resources?.limits : target.resources?.requests;
    return quantityString(list?.[name], ref.divisor);
  }
  throw new Error(`unsupported container resource : ${resource}`);
}

/**
 * The runtime value of a resourceFieldRef: every container of the pod and the container itself get
 * the node's allocatable amount for limits they leave unset.
 */
export function resourceFieldValue(ref: ResourceFieldSelector, pod: Pod, container: Container, allocatable: ResourceList): string {
  const spec = pod.spec ?? {};
  const defaulted: Pod = {
    ...pod,
    spec: { ...spec, containers: (spec.containers ?? []).map((c) => withAllocatableLimits(c, allocatable)) },
  };
  return containerResourceValue(ref, defaulted, withAllocatableLimits(container, allocatable));
}
