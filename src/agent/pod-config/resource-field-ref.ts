/**
 * A resourceFieldRef's value (an env var's `valueFrom`, or a downward API volume file): a container's
 * cpu, memory, ephemeral-storage (or hugepages) request or limit divided by the divisor and rounded
 * up. Limits the container does not set read as the node's allocatable amount, as the kubelet
 * defaults them for the downward API.
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

/** A container of the pod by name: app containers first, then init containers. */
function findContainer(pod: Pod, name: string): Container {
  const found = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === name);
  if (found === undefined) throw new Error(`container ${name} not found`);
  return found;
}

/** The value of `ref` read from `container`'s own requests and limits. */
function extractResourceValue(ref: ResourceFieldSelector, container: Container): string {
  const resource = ref.resource ?? '';
  const dot = resource.indexOf('.');
  const kind = dot < 0 ? '' : resource.slice(0, dot);
  const name = dot < 0 ? '' : resource.slice(dot + 1);
  if ((kind === 'limits' || kind === 'requests') && (DEFAULTED.includes(name) || name.startsWith('hugepages-'))) {
    const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
    return quantityString(list?.[name], ref.divisor);
  }
  throw new Error(`unsupported container resource : ${resource}`);
}

/** The value of `ref` for `container` (already defaulted), or for the container it names. */
export function containerResourceValue(ref: ResourceFieldSelector, pod: Pod, container: Container): string {
  return extractResourceValue(ref, ref.containerName ? findContainer(pod, ref.containerName) : container);
}

/**
 * The value of a downward API file's resourceFieldRef: the container it names (an init container
 * too), with its unset limits read as the node's allocatable amount.
 */
export function containerResourceValueByName(ref: ResourceFieldSelector, pod: Pod, allocatable: ResourceList): string {
  return extractResourceValue(ref, withAllocatableLimits(findContainer(pod, ref.containerName ?? ''), allocatable));
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
