/**
 * Resource amounts as the scheduler counts them: milli-cpu, bytes of memory and ephemeral storage,
 * a pod count and integer "scalar" resources (extended, hugepages-*, attachable-volumes-*). A pod's
 * request follows component-helpers' PodRequests as of Kubernetes 1.32: app containers add up,
 * sidecars (init containers with restartPolicy Always) add to them and to every later init step,
 * the largest init step wins when it is bigger, then the pod overhead is added.
 */
import { milliValue, parseQuantity } from '../api/index.js';
import type { ContainerView, PodSpecView, ResourceList } from './types.js';

/** The cpu and memory a container without requests is counted as for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  scalar: Map<string, number> | undefined = undefined;

  static from(list: ResourceList | undefined): Resource {
    const r = new Resource();
    r.addList(list);
    return r;
  }

  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    if (this.scalar) r.scalar = new Map(this.scalar);
    return r;
  }

  addList(list: ResourceList | undefined): void {
    if (!list) return;
    for (const name in list) this.addNamed(name, list[name], 1);
  }

  addNamed(name: string, q: string | number, sign: 1 | -1): void {
    switch (name) {
      case 'cpu': this.milliCPU += sign * milliValue(q); break;
      case 'memory': this.memory += sign * value(q); break;
      case 'ephemeral-storage': this.ephemeralStorage += sign * value(q); break;
      case 'pods': this.allowedPodNumber += sign * value(q); break;
      default:
        if (isScalarResourceName(name)) this.addScalar(name, sign * value(q));
    }
  }

  addScalar(name: string, n: number): void {
    if (!this.scalar) this.scalar = new Map();
    this.scalar.set(name, (this.scalar.get(name) ?? 0) + n);
  }

  getScalar(name: string): number { return this.scalar?.get(name) ?? 0; }

  /** Adds (sign 1) or subtracts (sign -1) another amount. */
  add(o: Resource, sign: 1 | -1 = 1): void {
    this.milliCPU += sign * o.milliCPU;
    this.memory += sign * o.memory;
    this.ephemeralStorage += sign * o.ephemeralStorage;
    this.allowedPodNumber += sign * o.allowedPodNumber;
    if (o.scalar) for (const [k, v] of o.scalar) this.addScalar(k, sign * v);
  }

  isZero(): boolean {
    if (this.milliCPU !== 0 || this.memory !== 0 || this.ephemeralStorage !== 0) return false;
    if (this.scalar) for (const v of this.scalar.values()) if (v !== 0) return false;
    return true;
  }
}

/** Quantity in whole base units, rounded up as resource.Quantity.Value(). */
export function value(q: string | number): number {
  const n = parseQuantity(q) ?? 0;
  const r = Math.round(n);
  return Math.abs(n - r) < 1e-9 ? r : Math.ceil(n);
}

/** Names outside the kubernetes.io namespace that contain a slash (extended resources). */
export function isExtendedResourceName(name: string): boolean {
  if (name.startsWith('requests.')) return false;
  return name.includes('/') && !isNativeWithPrefix(name);
}

/** v1helper.IsNativeResource: no domain, or a name containing "kubernetes.io/". */
function isNativeWithPrefix(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** schedutil.IsScalarResourceName: extended, kubernetes.io/-prefixed, hugepages- and attachable-volumes- resources. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-') ||
    (name.includes('/') && isNativeWithPrefix(name));
}

type Amounts = Map<string, number>;

function addTo(dst: Amounts, src: Amounts): void {
  for (const [k, v] of src) dst.set(k, (dst.get(k) ?? 0) + v);
}

function maxInto(dst: Amounts, src: Amounts): void {
  for (const [k, v] of src) if (v > (dst.get(k) ?? -Infinity)) dst.set(k, v);
}

function containerAmounts(c: ContainerView, nonMissing: boolean): Amounts {
  const out: Amounts = new Map();
  const req = c.resources?.requests;
  if (req) for (const k in req) out.set(k, k === 'cpu' ? milliValue(req[k]) : value(req[k]));
  if (nonMissing) {
    if (!out.has('cpu')) out.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!out.has('memory')) out.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return out;
}

/**
 * The pod's effective request per resource name (cpu in milli-units, everything else in base
 * units). With `nonMissing`, containers that omit cpu or memory are counted at the defaults above.
 */
export function podRequestAmounts(spec: PodSpecView | undefined, nonMissing = false): Amounts {
  const reqs: Amounts = new Map();
  for (const c of spec?.containers ?? []) addTo(reqs, containerAmounts(c, nonMissing));
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  for (const c of spec?.initContainers ?? []) {
    const own = containerAmounts(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      addTo(reqs, own);
      addTo(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const step = new Map(own);
      addTo(step, sidecars);
      maxInto(initMax, step);
    }
  }
  maxInto(reqs, initMax);
  const overhead = spec?.overhead;
  if (overhead) for (const k in overhead) reqs.set(k, (reqs.get(k) ?? 0) + (k === 'cpu' ? milliValue(overhead[k]) : value(overhead[k])));
  return reqs;
}

/** The pod's request as a Resource (framework.Resource.SetMaxResource over PodRequests). */
export function podRequest(spec: PodSpecView | undefined): Resource {
  const r = new Resource();
  for (const [k, v] of podRequestAmounts(spec)) {
    switch (k) {
      case 'cpu': r.milliCPU = v; break;
      case 'memory': r.memory = v; break;
      case 'ephemeral-storage': r.ephemeralStorage = v; break;
      default: if (isScalarResourceName(k)) r.addScalar(k, v);
    }
  }
  return r;
}
