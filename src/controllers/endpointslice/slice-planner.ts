/**
 * The EndpointSlice controller's placement, for one service and address type: which slices to
 * create, update and delete so that every desired endpoint is in exactly one slice of its port set,
 * with as little churn as Kubernetes allows itself. Per port set, existing slices keep the endpoints
 * still wanted (updated where their content changed) and drop the rest, a slice left empty is
 * deleted; new endpoints go first into slices being updated anyway (fullest first), then into the
 * unchanged slice they fit best, then into new slices of at most maxEndpointsPerSlice. Slices of port
 * sets no longer wanted, and slices owned by another incarnation of the service, are deleted. A
 * service without endpoints keeps one empty placeholder slice. Creates are turned into updates of
 * slices that would be deleted, so names stay stable.
 */
import { semanticEqual, type Service } from '../endpoints/index.js';
import { EndpointSet, endpointsEqualBeyondKey, portMapKey } from './endpoint-set.js';
import { sliceLabels } from './slice-labels.js';
import type { AddressType, EndpointSlice, SliceEndpoint, SlicePort } from './types.js';

export interface DesiredGroup { ports: SlicePort[]; endpoints: SliceEndpoint[] }
export interface SlicePlan { create: EndpointSlice[]; update: EndpointSlice[]; delete: EndpointSlice[] }
export interface PlanOptions { maxEndpointsPerSlice: number; controllerName: string }

export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((r) => r.uid === svc.metadata.uid && r.kind === 'Service' && r.apiVersion === 'v1');
}

/** A new, empty slice for the service (generateName "<service>-"). */
export function newSlice(svc: Service, ports: SlicePort[], addressType: AddressType, controllerName: string): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name ?? ''}-`, namespace: svc.metadata.namespace,
      labels: sliceLabels(undefined, svc, controllerName).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name ?? '', uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

function copy(slice: EndpointSlice): EndpointSlice {
  return structuredClone(slice);
}

/** Whether an existing slice is exactly the placeholder that would be made now. */
function isSamePlaceholder(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  return slice.metadata.namespace === placeholder.metadata.namespace
    && semanticEqual(slice.metadata.labels, placeholder.metadata.labels)
    && semanticEqual(slice.metadata.ownerReferences, placeholder.metadata.ownerReferences)
    && slice.addressType === placeholder.addressType
    && !slice.endpoints?.length && !slice.ports?.length;
}

function planPortSet(svc: Service, existing: EndpointSlice[], desired: EndpointSet, ports: SlicePort[], addressType: AddressType, opts: PlanOptions): SlicePlan {
  const byName = new Map<string, EndpointSlice>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];
  // 1. Keep what is still wanted in each existing slice, with its current content.
  for (const slice of existing) {
    const name = slice.metadata.name ?? '';
    byName.set(name, slice);
    const kept: SliceEndpoint[] = [];
    let contentChanged = false;
    for (const ep of slice.endpoints ?? []) {
      const want = desired.get(ep);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqualBeyondKey(want, ep)) contentChanged = true;
      desired.delete(ep);
    }
    const { labels, changed: labelsChanged } = sliceLabels(slice, svc, opts.controllerName);
    if (contentChanged || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) {
        toDelete.push(name);
      } else {
        const s = copy(slice);
        s.endpoints = kept;
        s.metadata.labels = labels;
        byName.set(name, s);
        toUpdate.push(name);
      }
    } else if (labelsChanged) {
      const s = copy(slice);
      s.metadata.labels = labels;
      byName.set(name, s);
      toUpdate.push(name);
    } else {
      unchanged.push(name);
    }
  }
  // 2. Fill the slices that are written anyway, fullest first.
  if (desired.size > 0 && toUpdate.length > 0) {
    const slices = toUpdate.map((n) => byName.get(n) as EndpointSlice).sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
    for (const s of slices) {
      s.endpoints ??= [];
      while (desired.size > 0 && s.endpoints.length < opts.maxEndpointsPerSlice) s.endpoints.push(desired.pop() as SliceEndpoint);
    }
  }
  // 3. The rest: into the unchanged slice they fit best, else into new slices.
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let target: EndpointSlice | undefined;
    if (desired.size < opts.maxEndpointsPerSlice && unchanged.length > 0) {
      target = bestFit(unchanged.map((n) => byName.get(n) as EndpointSlice), desired.size, opts.maxEndpointsPerSlice);
    }
    if (target) {
      target = copy(target);
      byName.set(target.metadata.name ?? '', target);
    } else {
      target = newSlice(svc, ports, addressType, opts.controllerName);
    }
    target.endpoints ??= [];
    while (desired.size > 0 && target.endpoints.length < opts.maxEndpointsPerSlice) target.endpoints.push(desired.pop() as SliceEndpoint);
    if (target.metadata.name) {
      const n = target.metadata.name;
      if (!toUpdate.includes(n)) toUpdate.push(n);
      unchanged.splice(unchanged.indexOf(n), 1);
    } else {
      create.push(target);
    }
  }
  return {
    create,
    update: toUpdate.map((n) => byName.get(n) as EndpointSlice),
    delete: toDelete.map((n) => byName.get(n) as EndpointSlice),
  };
}

/** The slice with room for n more endpoints that would be left fullest. */
function bestFit(slices: EndpointSlice[], n: number, max: number): EndpointSlice | undefined {
  let best: EndpointSlice | undefined;
  let bestRoom = max;
  for (const s of slices) {
    const room = max - (n + (s.endpoints?.length ?? 0));
    if (room >= 0 && room < bestRoom) {
      bestRoom = room;
      best = s;
      if (room === 0) break;
    }
  }
  return best;
}

export function planSlices(
  svc: Service, existing: EndpointSlice[], desired: Map<string, DesiredGroup>, addressType: AddressType, opts: PlanOptions,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    if (!ownedBy(s, svc)) {
      plan.delete.push(s);
      continue;
    }
    const k = portMapKey(s.ports);
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), s]);
  }
  for (const [k, group] of desired) {
    const p = planPortSet(svc, existingByPorts.get(k) ?? [], new EndpointSet(group.endpoints), group.ports, addressType, opts);
    plan.create.push(...p.create);
    plan.update.push(...p.update);
    plan.delete.push(...p.delete);
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) plan.delete.push(...slices);
  // Nothing would be left: keep (or make) an empty placeholder slice.
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    const placeholder = newSlice(svc, [], addressType, opts.controllerName);
    if (plan.delete.length === 1 && isSamePlaceholder(plan.delete[0], placeholder)) plan.delete = [];
    else plan.create.push(placeholder);
  }
  recycle(plan, svc);
  return plan;
}

/** Turns creates into updates of slices that would be deleted (same address type, owned by the service). */
function recycle(plan: SlicePlan, svc: Service): void {
  for (let i = 0; i < plan.delete.length && plan.create.length > 0;) {
    const old = plan.delete[i];
    const fresh = plan.create[plan.create.length - 1];
    if (old.addressType === fresh.addressType && ownedBy(old, svc)) {
      fresh.metadata.name = old.metadata.name;
      fresh.metadata.resourceVersion = old.metadata.resourceVersion;
      plan.create.pop();
      plan.update.push(fresh);
      plan.delete.splice(i, 1);
    } else {
      i++;
    }
  }
}
