/** core/v1 Endpoints: the addresses and ports behind a service (kept by the endpoints controller). */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { validateIP, validateNonSpecialIP } from '../../meta/ip-address.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { enumOf, field, int32, listOf, object, string } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { ObjectReferenceSchema } from './common/index.js';

export const EndpointAddressSchema = object('io.k8s.api.core.v1.EndpointAddress', 'One IP address serving the endpoints.', () => ({
  ip: field(string, 'IP address of the endpoint (not loopback, link-local or unspecified).', { required: true, proto: 1 }),
  hostname: field(string, 'Hostname of the endpoint, for DNS records of headless services.', { proto: 3 }),
  nodeName: field(string, 'Node hosting the endpoint.', { proto: 4 }),
  targetRef: field(ObjectReferenceSchema, 'Object (usually a pod) behind the address.', { proto: 2 }),
}), { atomic: true });

export const EndpointPortSchema = object('io.k8s.api.core.v1.EndpointPort', 'One port the endpoints serve on.', () => ({
  name: field(string, 'Name of the port, matching the service port name; required when there are several.', { proto: 1 }),
  port: field(int32, 'Port number.', { required: true, proto: 2 }),
  protocol: field(enumOf('SCTP', 'TCP', 'UDP'), 'TCP (the default), UDP or SCTP.', { proto: 3 }),
  appProtocol: field(string, 'Application protocol of the port.', { proto: 4 }),
}), { atomic: true });

export const EndpointSubsetSchema = object('io.k8s.api.core.v1.EndpointSubset', 'A group of addresses that all serve the same ports.', () => ({
  addresses: field(listOf(EndpointAddressSchema), 'Addresses that are ready for traffic.', { proto: 1, listType: 'atomic' }),
  notReadyAddresses: field(listOf(EndpointAddressSchema), 'Addresses that are not ready yet (or are being removed).', { proto: 2, listType: 'atomic' }),
  ports: field(listOf(EndpointPortSchema), 'Ports served on every address of the subset.', { proto: 3, listType: 'atomic' }),
}));

export const EndpointsSchema = object('io.k8s.api.core.v1.Endpoints', 'The addresses behind a service, grouped into subsets.', () => ({
  ...kindFields(),
  subsets: field(listOf(EndpointSubsetSchema), 'Groups of addresses and the ports they serve.', { proto: 2, listType: 'atomic' }),
}), { gvk: { group: '', version: 'v1', kind: 'Endpoints' } });

interface EndpointAddress { ip: string; hostname?: string; nodeName?: string }
interface EndpointPort { name?: string; port: number; protocol?: string; appProtocol?: string }
interface EndpointSubset { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: EndpointPort[] }
interface EndpointsLike extends KObject { subsets?: EndpointSubset[] }

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(a: EndpointAddress, path: string): FieldError[] {
  const errs = validateIP(fe.child(path, 'ip'), a.ip ?? '');
  if (a.hostname) errs.push(...isDNS1123Label(a.hostname).map((m) => fe.invalid(fe.child(path, 'hostname'), a.hostname, m)));
  if (a.nodeName !== undefined) errs.push(...isDNS1123Subdomain(a.nodeName).map((m) => fe.invalid(fe.child(path, 'nodeName'), a.nodeName, m)));
  errs.push(...validateNonSpecialIP(fe.child(path, 'ip'), a.ip ?? ''));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fe.required(fe.child(path, 'name'), ''));
  else if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => fe.invalid(fe.child(path, 'name'), p.name, m)));
  errs.push(...isValidPortNum(p.port).map((m) => fe.invalid(fe.child(path, 'port'), p.port, m)));
  if (!p.protocol) errs.push(fe.required(fe.child(path, 'protocol'), ''));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(fe.notSupported(fe.child(path, 'protocol'), p.protocol, PROTOCOLS));
  if (p.appProtocol !== undefined) errs.push(...isQualifiedName(p.appProtocol).map((m) => fe.invalid(fe.child(path, 'appProtocol'), p.appProtocol, m)));
  return errs;
}

export function validateEndpoints(ep: EndpointsLike): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const path = fe.index('subsets', i);
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) errs.push(fe.required(path, 'must specify `addresses` or `notReadyAddresses`'));
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, fe.index(fe.child(path, 'addresses'), j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, fe.index(fe.child(path, 'notReadyAddresses'), j))));
    const ports = ss.ports ?? [];
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, fe.index(fe.child(path, 'ports'), j))));
  });
  return errs;
}

/** "10.42.0.5:80,10.42.0.6:80 + 1 more..." as printers.go formatEndpoints (ready addresses only). */
export function formatEndpoints(ep: EndpointsLike): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (s: string): void => { if (list.length === max) more = true; else list.push(s); };
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addrs.length;
      for (const a of addrs) { add(a.ip); if (more) break; }
      continue;
    }
    for (const p of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        add(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
        if (more) break;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpoints: ResourceDef = {
  group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints',
  namespaced: true, shortNames: ['ep'],
  schema: EndpointsSchema,
  generation: false,
  defaults(obj) {
    for (const ss of (obj as EndpointsLike).subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  validate: (obj) => validateEndpoints(obj as EndpointsLike),
  table: {
    columns: [
      { name: 'Endpoints', type: 'string', description: 'Ready addresses with their ports (at most three shown).', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [formatEndpoints(obj as EndpointsLike), age(obj.metadata.creationTimestamp, now)],
  },
};
