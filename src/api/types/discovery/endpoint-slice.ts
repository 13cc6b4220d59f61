/** discovery.k8s.io/v1 EndpointSlice: defaults, validation, strategy and table. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isLabelValue, isQualifiedName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { validateLabels } from '../../meta/validate-meta.js';
import type { ResourceDef } from '../../resource.js';
import { parseIP, specialIPProblems } from '../networking/ip.js';
import { EndpointSliceSchema } from './endpoint-slice-schema.js';

export * from './endpoint-slice-schema.js';

export interface Endpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  deprecatedTopology?: Record<string, string>;
  hints?: { forZones?: Array<{ name?: string }>; forNodes?: Array<{ name?: string }> };
  targetRef?: Record<string, unknown>;
}
export interface EndpointPort { name?: string; protocol?: string; port?: number; appProtocol?: string }
export interface EndpointSliceLike extends KObject {
  addressType?: string;
  endpoints?: Endpoint[];
  ports?: EndpointPort[];
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** A DNS name of at least two labels, optionally ending in ".". */
export function validateFQDN(path: string, value: string): FieldError[] {
  if (!value) return [fe.required(path, '')];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name);
  if (sub.length) return [fe.invalid(path, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [fe.invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length) return [fe.invalid(path, label, errs.join(','))];
  }
  return [];
}

function validateAddress(addressType: string | undefined, address: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (addressType === 'IPv4' || addressType === 'IPv6') {
    const ip = parseIP(address);
    const v4 = addressType === 'IPv4';
    if (!ip || ip.v4 !== v4) errs.push(fe.invalid(path, address, `must be a valid ${addressType} address`));
    for (const m of specialIPProblems(address)) errs.push(fe.invalid(path, address, m));
  } else if (addressType === 'FQDN') {
    errs.push(...validateFQDN(path, address));
  }
  return errs;
}

function validateHints(hints: NonNullable<Endpoint['hints']>, path: string): FieldError[] {
  const zones = hints.forZones ?? [];
  const zp = fe.child(path, 'forZones');
  if (zones.length > 8) return [fe.tooMany(zp, zones.length, 8)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((z, i) => {
    const p = fe.child(fe.index(zp, i), 'name');
    const name = z.name ?? '';
    if (seen.has(name)) errs.push(fe.duplicate(p, name));
    seen.add(name);
    for (const m of isLabelValue(name)) errs.push(fe.invalid(p, name, m));
  });
  return errs;
}

function validateEndpoints(slice: EndpointSliceLike): FieldError[] {
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > 1000) return [fe.tooMany('endpoints', endpoints.length, 1000)];
  const errs: FieldError[] = [];
  endpoints.forEach((ep, i) => {
    const p = fe.index('endpoints', i);
    const ap = fe.child(p, 'addresses');
    const addresses = ep.addresses ?? [];
    if (addresses.length === 0) errs.push(fe.required(ap, 'must contain at least 1 address'));
    else if (addresses.length > 100) errs.push(fe.tooMany(ap, addresses.length, 100));
    addresses.forEach((a, j) => errs.push(...validateAddress(slice.addressType, a, fe.index(ap, j))));
    if (ep.nodeName !== undefined) {
      for (const m of isDNS1123Subdomain(ep.nodeName)) errs.push(fe.invalid(fe.child(p, 'nodeName'), ep.nodeName, m));
    }
    const tp = fe.child(p, 'deprecatedTopology');
    const topo = Object.keys(ep.deprecatedTopology ?? {}).length;
    if (topo > 16) errs.push(fe.tooMany(tp, topo, 16));
    errs.push(...validateLabels(ep.deprecatedTopology, tp));
    if (ep.hostname !== undefined) {
      for (const m of isDNS1123Label(ep.hostname)) errs.push(fe.invalid(fe.child(p, 'hostname'), ep.hostname, m));
    }
    if (ep.hints) errs.push(...validateHints(ep.hints, fe.child(p, 'hints')));
  });
  return errs;
}

function validatePorts(ports: EndpointPort[]): FieldError[] {
  if (ports.length > 100) return [fe.tooMany('ports', ports.length, 100)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = fe.index('ports', i);
    const name = port.name ?? '';
    if (name) for (const m of isDNS1123Label(name)) errs.push(fe.invalid(fe.child(p, 'name'), name, m));
    if (names.has(name)) errs.push(fe.duplicate(fe.child(p, 'name'), name));
    names.add(name);
    if (port.protocol === undefined) errs.push(fe.required(fe.child(p, 'protocol'), ''));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(fe.notSupported(fe.child(p, 'protocol'), port.protocol, PROTOCOLS));
    if (port.appProtocol !== undefined) {
      for (const m of isQualifiedName(port.appProtocol)) errs.push(fe.invalid(fe.child(p, 'appProtocol'), port.appProtocol, m));
    }
  });
  return errs;
}

export function validateEndpointSlice(slice: EndpointSliceLike): FieldError[] {
  const errs: FieldError[] = [];
  if (!slice.addressType) errs.push(fe.required('addressType', ''));
  else if (!ADDRESS_TYPES.includes(slice.addressType)) errs.push(fe.notSupported('addressType', slice.addressType, ADDRESS_TYPES));
  errs.push(...validateEndpoints(slice));
  errs.push(...validatePorts(slice.ports ?? []));
  return errs;
}

/** Up to three items joined by ",", then "+ N more..."; "<unset>" when there are none. */
function listWithMore(items: string[]): string {
  const max = 3;
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

export function formatSlicePorts(ports: EndpointPort[] | undefined): string {
  return listWithMore((ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*')));
}

export function formatSliceEndpoints(endpoints: Endpoint[] | undefined): string {
  return listWithMore((endpoints ?? []).flatMap((e) => e.addresses ?? []));
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function dropTopology(slice: EndpointSliceLike): void {
  for (const ep of slice.endpoints ?? []) delete ep.deprecatedTopology;
}

export const endpointslices: ResourceDef = {
  group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice',
  namespaced: true,
  schema: EndpointSliceSchema,
  generation: false,
  defaults(obj) {
    // conditions is a struct in Go, so it is always written out, if only as {}.
    for (const ep of (obj as EndpointSliceLike).endpoints ?? []) ep.conditions ??= {};
    for (const port of (obj as EndpointSliceLike).ports ?? []) {
      port.name ??= '';
      port.protocol ??= 'TCP';
    }
  },
  validate: (obj) => validateEndpointSlice(obj as EndpointSliceLike),
  validateUpdate(obj, old) {
    const n = (obj as EndpointSliceLike).addressType;
    const o = (old as EndpointSliceLike).addressType;
    return n === o ? [] : [fe.invalid('addressType', n ?? '', 'field is immutable')];
  },
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
    dropTopology(obj as EndpointSliceLike);
  },
  prepareForUpdate(obj, old) {
    const n = obj as EndpointSliceLike;
    const o = old as EndpointSliceLike;
    const changed = n.addressType !== o.addressType || !sameJSON(n.endpoints, o.endpoints) || !sameJSON(n.ports, o.ports)
      || !sameJSON(n.metadata.labels, o.metadata.labels);
    obj.metadata.generation = (old.metadata.generation ?? 0) + (changed ? 1 : 0);
    if (!sameJSON(n.endpoints, o.endpoints)) dropTopology(n);
  },
  table: {
    columns: [
      { name: 'AddressType', type: 'string', description: 'Kind of address in the slice.', priority: 0 },
      { name: 'Ports', type: 'string', description: 'Ports the endpoints serve.', priority: 0 },
      { name: 'Endpoints', type: 'string', description: 'Addresses of the endpoints.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => {
      const s = obj as EndpointSliceLike;
      return [s.addressType ?? '', formatSlicePorts(s.ports), formatSliceEndpoints(s.endpoints), age(obj.metadata.creationTimestamp, now)];
    },
  },
};
