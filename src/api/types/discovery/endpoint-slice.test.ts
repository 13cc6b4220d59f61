import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { endpointslices, EndpointSliceSchema, type EndpointSliceLike } from './endpoint-slice.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

const SLICE = `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-abc12
  namespace: default
  labels:
    kubernetes.io/service-name: web
    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
addressType: IPv4
ports:
  - name: http
    protocol: TCP
    port: 80
    appProtocol: http
endpoints:
  - addresses: ["10.42.0.7"]
    conditions: {ready: true, serving: true, terminating: false}
    hostname: web-0
    nodeName: node-1
    zone: zone-a
    targetRef: {kind: Pod, namespace: default, name: web-0, uid: 1b4e28ba-2fa1-11d2-883f-0016d3cca427}
    hints:
      forZones: [{name: zone-a}]
      forNodes: [{name: node-1}]
`;

function errors(obj: unknown): string[] {
  return (endpointslices.validate?.(obj as KObject, CTX) ?? []).map(fieldErrorString);
}

function slice(extra: Record<string, unknown>): EndpointSliceLike {
  return { metadata: { name: 's', namespace: 'default' }, addressType: 'IPv4', ...extra } as EndpointSliceLike;
}

test('a full EndpointSlice has no unknown fields and validates', () => {
  const doc = parse(SLICE) as Record<string, unknown>;
  assert.deepEqual(checkStructure(EndpointSliceSchema, doc), { unknown: [], error: undefined });
  assert.deepEqual(errors(doc), []);
});

test('ports default to an empty name and TCP', () => {
  const s = slice({ ports: [{ port: 53, protocol: 'UDP' }, { port: 80 }] });
  endpointslices.defaults?.(s);
  assert.deepEqual(s.ports, [{ port: 53, protocol: 'UDP', name: '' }, { port: 80, protocol: 'TCP', name: '' }]);
  assert.deepEqual(errors(s), ['ports[1].name: Duplicate value: ""']);
});

test('addressType is required, enumerated and immutable', () => {
  assert.deepEqual(errors(slice({ addressType: undefined })), ['addressType: Required value']);
  assert.deepEqual(errors(slice({ addressType: 'IP' })), ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"']);
  assert.deepEqual((endpointslices.validateUpdate?.(slice({ addressType: 'IPv6' }), slice({}), CTX) ?? []).map(fieldErrorString),
    ['addressType: Invalid value: "IPv6": field is immutable']);
});

test('addresses must match the address type and not be special', () => {
  assert.deepEqual(errors(slice({ endpoints: [{ addresses: ['2001:db8::1', '127.0.0.1'] }, { addresses: [] }] })), [
    'endpoints[0].addresses[0]: Invalid value: "2001:db8::1": must be a valid IPv4 address',
    'endpoints[0].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'endpoints[1].addresses: Required value: must contain at least 1 address',
  ]);
  assert.deepEqual(errors(slice({ addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com', 'localhost'] }] })),
    ['endpoints[0].addresses[1]: Invalid value: "localhost": should be a domain with at least two segments separated by dots']);
});

test('generation starts at 1 and grows when endpoints change; deprecatedTopology is dropped', () => {
  const s = slice({ endpoints: [{ addresses: ['10.0.0.1'], deprecatedTopology: { a: 'b' } }] });
  endpointslices.prepareForCreate?.(s);
  assert.equal(s.metadata.generation, 1);
  assert.deepEqual(s.endpoints, [{ addresses: ['10.0.0.1'] }]);
  const same = slice({ endpoints: [{ addresses: ['10.0.0.1'] }] });
  endpointslices.prepareForUpdate?.(same, s);
  assert.equal(same.metadata.generation, 1);
  const changed = slice({ endpoints: [{ addresses: ['10.0.0.2'] }] });
  endpointslices.prepareForUpdate?.(changed, s);
  assert.equal(changed.metadata.generation, 2);
});

test('table cells: address type, ports and endpoints', () => {
  const s = slice({
    ports: [{ name: 'http', port: 80 }, { name: 'any' }, { port: 443 }, { port: 8080 }],
    endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2', '10.0.0.3'] }, { addresses: ['10.0.0.4'] }],
  });
  s.metadata.creationTimestamp = '2024-05-01T11:00:00Z';
  assert.deepEqual(endpointslices.table?.cells(s, new Date('2024-05-01T12:00:00Z')),
    ['IPv4', '80,any,443 + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...', '60m']);
  assert.deepEqual(endpointslices.table?.cells(slice({}), new Date()).slice(0, 3), ['IPv4', '<unset>', '<unset>']);
});
