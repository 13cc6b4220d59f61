import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterRecords, endpointHostname, serviceRecordOf, sliceRecordOf } from './cluster-records.js';
import { service, slice } from './test-objects.js';

test('a Service is ClusterIP, headless or ExternalName, with its ports', () => {
  assert.deepEqual(serviceRecordOf(service('web', 'default', { clusterIP: '10.43.0.20', clusterIPs: ['10.43.0.20'], ports: [{ name: 'http', port: 80 }] })), {
    name: 'web', namespace: 'default', kind: 'ClusterIP', clusterIPs: ['10.43.0.20'], ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
    externalName: '', publishNotReadyAddresses: false,
  });
  assert.equal(serviceRecordOf(service('db', 'default', { clusterIP: 'None', clusterIPs: ['None'] })).kind, 'Headless');
  const ext = serviceRecordOf(service('ext', 'default', { type: 'ExternalName', externalName: 'www.example.com.' }));
  assert.equal(ext.kind, 'ExternalName');
  assert.equal(ext.externalName, 'www.example.com');
});

test('slices need the service-name label; no ports means a -1 sentinel; unknown readiness is ready', () => {
  assert.equal(sliceRecordOf({ ...slice('x', 'ns', 'svc', []), metadata: { name: 'x', namespace: 'ns' } }), undefined);
  const rec = sliceRecordOf(slice('db-1', 'ns', 'DB', [{ ip: '10.42.0.5' }, { ip: '10.42.0.6', ready: false }]));
  assert.deepEqual(rec, {
    namespace: 'ns', service: 'db', ports: [{ name: '', protocol: '', port: -1 }],
    addresses: [{ ip: '10.42.0.5', hostname: '', ready: true }, { ip: '10.42.0.6', hostname: '', ready: false }],
  });
  assert.equal(endpointHostname({ ip: '10.42.0.5', hostname: '', ready: true }), '10-42-0-5');
  assert.equal(endpointHostname({ ip: 'fd00::', hostname: '', ready: true }), 'fd00--0');
  assert.equal(endpointHostname({ ip: '10.42.0.5', hostname: 'pet-0', ready: true }), 'pet-0');
});

test('endpoints publish ready addresses, or all with publishNotReadyAddresses; every change bumps the generation', () => {
  const r = new ClusterRecords();
  const g0 = r.generation;
  r.setService(service('db', 'ns', { clusterIP: 'None', clusterIPs: ['None'] }));
  r.setSlice(slice('db-1', 'ns', 'db', [{ ip: '10.42.0.5' }, { ip: '10.42.0.6', ready: false }]));
  assert.deepEqual(r.endpointsOf('ns', 'db')[0].addresses.map((a) => a.ip), ['10.42.0.5']);
  r.setService(service('db', 'ns', { clusterIP: 'None', clusterIPs: ['None'], publishNotReadyAddresses: true }));
  assert.deepEqual(r.endpointsOf('ns', 'db')[0].addresses.map((a) => a.ip), ['10.42.0.5', '10.42.0.6']);
  assert.deepEqual(r.namesOfIP('10.42.0.6'), ['10-42-0-6.db.ns']);
  assert.equal(r.generation, g0 + 3);
  r.deleteSlice('ns', 'db-1');
  assert.deepEqual(r.endpointsOf('ns', 'db'), []);
  assert.deepEqual(r.namesOfIP('10.42.0.5'), []);
  r.deleteSlice('ns', 'db-1');
  assert.equal(r.generation, g0 + 4, 'deleting what is not there changes nothing');
});

test('an IP names its Service before any endpoint; endpoints of several Services all count', () => {
  const r = new ClusterRecords();
  r.setService(service('web', 'ns', { clusterIP: '10.43.0.20', clusterIPs: ['10.43.0.20'] }));
  r.setSlice(slice('a-1', 'ns', 'a', [{ ip: '10.42.0.7', hostname: 'pet' }]));
  r.setSlice(slice('b-1', 'ns', 'b', [{ ip: '10.42.0.7' }]));
  r.setSlice(slice('c-1', 'ns', 'c', [{ ip: '10.43.0.20' }]));
  assert.deepEqual(r.namesOfIP('10.43.0.20'), ['web.ns']);
  assert.deepEqual(r.namesOfIP('10.42.0.7'), ['pet.a.ns', '10-42-0-7.b.ns']);
  r.deleteService('ns', 'web');
  assert.deepEqual(r.namesOfIP('10.43.0.20'), ['10-43-0-20.c.ns']);
});
