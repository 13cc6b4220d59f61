/**
 * Endpoint identity and the comparisons the slice reconcilers make: an endpoint is known by its
 * addresses, hostname and target (namespace/name); the rest (conditions, node, zone, hints, the
 * target's uid) is content that an update may change. Port lists are compared as sets.
 */
import { canonicalJSON, semanticEqual } from '../endpoints/index.js';
import type { SliceEndpoint, SlicePort } from './types.js';

export function endpointKey(ep: SliceEndpoint): string {
  const ref = ep.targetRef as { namespace?: string; name?: string } | undefined;
  return canonicalJSON({
    addresses: [...(ep.addresses ?? [])].sort(), hostname: ep.hostname ?? '', namespace: ref?.namespace ?? '', name: ref?.name ?? '',
  });
}

/** Equal beyond identity: conditions, node, zone, hints and target reference. */
export function endpointsEqualBeyondKey(a: SliceEndpoint, b: SliceEndpoint): boolean {
  const cond = (e: SliceEndpoint) => ({ ready: e.conditions?.ready, serving: e.conditions?.serving, terminating: e.conditions?.terminating });
  return semanticEqual(cond(a), cond(b)) && (a.nodeName ?? '') === (b.nodeName ?? '') && (a.zone ?? '') === (b.zone ?? '')
    && semanticEqual(a.hints, b.hints) && semanticEqual(a.targetRef, b.targetRef);
}

/** A key equal for equal sets of ports (the server's defaults applied). */
export function portMapKey(ports: SlicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => canonicalJSON({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', appProtocol: p.appProtocol }))
    .sort().join(';');
}

/** Endpoints by identity, handed out in the order they were added. */
export class EndpointSet {
  private readonly items = new Map<string, SliceEndpoint>();

  constructor(endpoints: Iterable<SliceEndpoint> = []) {
    for (const e of endpoints) this.add(e);
  }

  add(ep: SliceEndpoint): void {
    this.items.set(endpointKey(ep), ep);
  }

  get(ep: SliceEndpoint): SliceEndpoint | undefined {
    return this.items.get(endpointKey(ep));
  }

  delete(ep: SliceEndpoint): void {
    this.items.delete(endpointKey(ep));
  }

  get size(): number {
    return this.items.size;
  }

  /** Removes and returns the earliest added endpoint. */
  pop(): SliceEndpoint | undefined {
    const first = this.items.entries().next();
    if (first.done) return undefined;
    this.items.delete(first.value[0]);
    return first.value[1];
  }

  values(): SliceEndpoint[] {
    return [...this.items.values()];
  }
}
