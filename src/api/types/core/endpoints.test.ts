import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { endpoints, formatEndpoints } from './endpoints.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

function ep(subsets: unknown[]): KObject {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets };
}

test('ports default to TCP and the manifest of a selectorless service is accepted', () => {
  const obj = parse(`
apiVersion: v1
kind: Endpoints
metadata:
  name: external-db
subsets:
- addresses:
  - ip: 192.168.1.20
    hostname: db-0
    nodeName: node-1
    targetRef: {kind: Pod, name: db-0, namespace: default, uid: abc}
  notReadyAddresses:
  - ip: 192.168.1.21
  ports:
  - {name: mysql, port: 3306, appProtocol: mysql}
`) as KObject;
  assert.deepEqual(checkStructure(endpoints.schema, obj), { unknown: [], error: undefined });
  endpoints.defaults?.(obj);
  assert.equal((obj.subsets as Array<{ ports: Array<{ protocol: string }> }>)[0].ports[0].protocol, 'TCP');
  assert.deepEqual(endpoints.validate?.(obj, ctx), []);
});

test('validation messages', () => {
  const errs = (o: KObject): string[] => (endpoints.validate?.(o, ctx) ?? []).map(fieldErrorString);
  assert.deepEqual(errs(ep([{ ports: [{ port: 80, protocol: 'TCP' }] }])), ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']);
  assert.deepEqual(errs(ep([{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP', name: 'b' }] }])), [
    'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'subsets[0].ports[0].name: Required value',
  ]);
  assert.deepEqual(errs(ep([{ addresses: [{ ip: 'nope' }] }])), [
    'subsets[0].addresses[0].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    'subsets[0].addresses[0].ip: Invalid value: "nope": must be a valid IP address',
  ]);
});

test('ENDPOINTS column shows at most three ready addresses', () => {
  const four = ep([{ addresses: ['10.42.0.5', '10.42.0.6', '10.42.0.7', '10.42.0.8'].map((ip) => ({ ip })), ports: [{ port: 80 }] }]);
  assert.equal(formatEndpoints(four), '10.42.0.5:80,10.42.0.6:80,10.42.0.7:80 + 1 more...');
  assert.equal(formatEndpoints(ep([])), '<none>');
  assert.equal(formatEndpoints(ep([{ addresses: [{ ip: '10.42.0.5' }] }])), '10.42.0.5');
  const created = ep([{ addresses: [{ ip: '192.168.49.2' }], ports: [{ port: 8443 }] }]);
  created.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  assert.deepEqual(endpoints.table?.cells(created, new Date('2024-01-02T00:00:00Z')), ['192.168.49.2:8443', '24h']);
});
