/**
 * The mirroring controller's plan for one Endpoints: one slice per address type and port set (the
 * first existing one is kept and rewritten when its endpoints, labels or annotations differ; any
 * others of that set are deleted), none for sets without endpoints. Mirrored slices carry the
 * Endpoints' labels and annotations (but not the trigger time or kubectl's last-applied
 * configuration), the service-name and managed-by labels, and an owner reference to the Endpoints.
 * Creates become updates of slices that would be deleted, when their address types match.
 */
import { ANNOTATION_LAST_CHANGE_TRIGGER_TIME, semanticEqual, type Endpoints } from '../endpoints/index.js';
import { endpointsEqualBeyondKey, type EndpointSet } from './endpoint-set.js';
import { mirrorGroupKey, type MirrorGroup } from './mirror-desired.js';
import type { SlicePlan } from './slice-planner.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MIRRORING_CONTROLLER_NAME, type AddressType, type EndpointSlice, type SlicePort } from './types.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function mirroredAnnotations(ep: Endpoints): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata.annotations ?? {})) {
    if (k !== ANNOTATION_LAST_CHANGE_TRIGGER_TIME && k !== LAST_APPLIED) out[k] = v;
  }
  return out;
}

function mirroredLabels(ep: Endpoints): Record<string, string> {
  return { ...(ep.metadata.labels ?? {}), [LABEL_SERVICE_NAME]: ep.metadata.name ?? '', [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME };
}

export function newMirroredSlice(ep: Endpoints, ports: SlicePort[], addressType: AddressType, name?: string): EndpointSlice {
  const annotations = mirroredAnnotations(ep);
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      namespace: ep.metadata.namespace,
      labels: mirroredLabels(ep),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: ep.metadata.name ?? '', uid: ep.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
  if (Object.keys(annotations).length) slice.metadata.annotations = annotations;
  if (name) slice.metadata.name = name;
  else slice.metadata.generateName = `${ep.metadata.name ?? ''}-`;
  return slice;
}

/** Whether a slice already holds exactly the desired endpoints. */
function sameEndpoints(slice: EndpointSlice, desired: EndpointSet): boolean {
  let matches = 0;
  for (const e of slice.endpoints ?? []) {
    const want = desired.get(e);
    if (!want || !endpointsEqualBeyondKey(want, e)) return false;
    matches++;
  }
  return matches === desired.size;
}

function sameMeta(slice: EndpointSlice, ep: Endpoints): boolean {
  const labels = { ...(slice.metadata.labels ?? {}) };
  delete labels[LABEL_SERVICE_NAME];
  delete labels[LABEL_MANAGED_BY];
  return semanticEqual(labels, ep.metadata.labels) && semanticEqual(slice.metadata.annotations, mirroredAnnotations(ep));
}

export function planMirror(ep: Endpoints, existing: EndpointSlice[], desired: Map<string, MirrorGroup>, maxPerSubset: number): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const byKey = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    const k = mirrorGroupKey(s.addressType, s.ports);
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
  }
  for (const [k, group] of desired) {
    const slices = byKey.get(k) ?? [];
    if (group.endpoints.size === 0) {
      plan.delete.push(...slices);
      continue;
    }
    const [first, ...rest] = slices;
    plan.delete.push(...rest);
    if (first && sameEndpoints(first, group.endpoints) && sameMeta(first, ep)) continue;
    const slice = newMirroredSlice(ep, group.ports, group.addressType, first?.metadata.name);
    const endpoints = slice.endpoints as NonNullable<EndpointSlice['endpoints']>;
    for (const e of group.endpoints.values()) {
      if (endpoints.length >= maxPerSubset) break;
      endpoints.push(e);
    }
    if (first) {
      slice.metadata.resourceVersion = first.metadata.resourceVersion;
      plan.update.push(slice);
    } else {
      plan.create.push(slice);
    }
  }
  for (const [k, slices] of byKey) if (!desired.has(k)) plan.delete.push(...slices);
  // Reuse slices that would be deleted for the ones that would be created (same address type).
  for (const type of ['IPv4', 'IPv6']) {
    const creates = plan.create.filter((s) => s.addressType === type);
    const deletes = plan.delete.filter((s) => s.addressType === type);
    for (let i = 0; i < creates.length && i < deletes.length; i++) {
      const s = creates[i];
      s.metadata.name = deletes[i].metadata.name;
      s.metadata.resourceVersion = deletes[i].metadata.resourceVersion;
      plan.create.splice(plan.create.indexOf(s), 1);
      plan.delete.splice(plan.delete.indexOf(deletes[i]), 1);
      plan.update.push(s);
    }
  }
  return plan;
}
