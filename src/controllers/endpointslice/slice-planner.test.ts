import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../endpoints/index.js';
import { portMapKey } from './endpoint-set.js';
import { newSlice, planSlices, type DesiredGroup } from './slice-planner.js';
import type { EndpointSlice, SliceEndpoint, SlicePort } from './types.js';

const svc: Service = { metadata: { name: 'web', namespace: 'ns', uid: 'svc-uid', labels: { app: 'web' } }, spec: { clusterIP: '10.43.0.9', selector: { app: 'web' } } };
const opts = { maxEndpointsPerSlice: 3, controllerName: 'endpointslice-controller.k8s.io' };
const http: SlicePort[] = [{ name: 'http', protocol: 'TCP', port: 8080 }];

function ep(i: number, ready = true): SliceEndpoint {
  return {
    addresses: [`10.42.0.${i}`], conditions: { ready, serving: ready, terminating: false },
    targetRef: { kind: 'Pod', namespace: 'ns', name: `p${i}`, uid: `u${i}` }, nodeName: 'n1',
  };
}
function desired(ports: SlicePort[], ids: number[]): Map<string, DesiredGroup> {
  return new Map([[portMapKey(ports), { ports, endpoints: ids.map((i) => ep(i)) }]]);
}
function existing(name: string, ports: SlicePort[], ids: number[], rv = '1'): EndpointSlice {
  const s = newSlice(svc, ports, 'IPv4', opts.controllerName);
  s.metadata.name = name;
  delete s.metadata.generateName;
  s.metadata.resourceVersion = rv;
  s.endpoints = ids.map((i) => ep(i));
  return s;
}
const ips = (s: EndpointSlice): string[] => (s.endpoints ?? []).map((e) => e.addresses?.[0] ?? '');

describe('planSlices', () => {
  it('creates slices of at most maxEndpointsPerSlice, owned by and labelled for the service', () => {
    const plan = planSlices(svc, [], desired(http, [1, 2, 3, 4]), 'IPv4', opts);
    assert.equal(plan.update.length + plan.delete.length, 0);
    assert.deepEqual(plan.create.map(ips), [['10.42.0.1', '10.42.0.2', '10.42.0.3'], ['10.42.0.4']]);
    const s = plan.create[0];
    assert.equal(s.metadata.generateName, 'web-');
    assert.deepEqual(s.metadata.labels, { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    assert.deepEqual(s.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(s.ports, http);
    assert.equal(s.addressType, 'IPv4');
  });

  it('changes nothing when the slices are as wanted', () => {
    const plan = planSlices(svc, [existing('web-a', http, [1, 2])], desired(http, [1, 2]), 'IPv4', opts);
    assert.deepEqual(plan, { create: [], update: [], delete: [] });
  });

  it('updates a slice in place when an endpoint changes or goes, filling it with new ones', () => {
    const want = desired(http, [1, 3, 5]);
    (want.get(portMapKey(http)) as DesiredGroup).endpoints[0] = ep(1, false);
    const plan = planSlices(svc, [existing('web-a', http, [1, 2]), existing('web-b', http, [3])], want, 'IPv4', opts);
    assert.equal(plan.create.length, 0);
    assert.equal(plan.delete.length, 0);
    assert.deepEqual(plan.update.map((s) => s.metadata.name), ['web-a']);
    assert.deepEqual(ips(plan.update[0]), ['10.42.0.1', '10.42.0.5']);
    assert.equal(plan.update[0].endpoints?.[0].conditions?.ready, false);
    assert.equal(plan.update[0].metadata.resourceVersion, '1');
  });

  it('puts new endpoints into the unchanged slice they fit best', () => {
    const plan = planSlices(svc, [existing('web-a', http, [1]), existing('web-b', http, [2, 3])], desired(http, [1, 2, 3, 4]), 'IPv4', opts);
    assert.deepEqual(plan.update.map((s) => [s.metadata.name, ips(s)]), [['web-b', ['10.42.0.2', '10.42.0.3', '10.42.0.4']]]);
    assert.equal(plan.create.length + plan.delete.length, 0);
  });

  it('keeps one empty placeholder slice when there are no endpoints', () => {
    const first = planSlices(svc, [], new Map(), 'IPv4', opts);
    assert.equal(first.create.length, 1);
    assert.deepEqual(first.create[0].endpoints, []);
    assert.deepEqual(first.create[0].ports, []);
    const placeholder = existing('web-p', [], []);
    assert.deepEqual(planSlices(svc, [placeholder], new Map(), 'IPv4', opts), { create: [], update: [], delete: [] });
    // When the last endpoint goes, the slice becomes the placeholder (same name).
    const emptied = planSlices(svc, [existing('web-a', http, [1])], new Map(), 'IPv4', opts);
    assert.deepEqual(emptied.update.map((s) => [s.metadata.name, s.endpoints, s.ports]), [['web-a', [], []]]);
    assert.equal(emptied.create.length + emptied.delete.length, 0);
  });

  it('reuses the slice of an old port set for the new one, and deletes slices of another service incarnation', () => {
    const http2: SlicePort[] = [{ name: 'http', protocol: 'TCP', port: 9090 }];
    const plan = planSlices(svc, [existing('web-a', http, [1, 2])], desired(http2, [1, 2]), 'IPv4', opts);
    assert.deepEqual(plan.update.map((s) => [s.metadata.name, s.ports, ips(s)]), [['web-a', http2, ['10.42.0.1', '10.42.0.2']]]);
    assert.equal(plan.create.length + plan.delete.length, 0);

    const stranger = existing('web-old', http, [1]);
    stranger.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'old-uid', controller: true }];
    const p2 = planSlices(svc, [stranger], desired(http, [1]), 'IPv4', opts);
    assert.deepEqual(p2.delete.map((s) => s.metadata.name), ['web-old']);
    assert.equal(p2.create.length, 1);
  });

  it('rewrites the labels when the service\'s labels change', () => {
    const plan = planSlices({ ...svc, metadata: { ...svc.metadata, labels: { app: 'web', tier: 'front' } } }, [existing('web-a', http, [1])], desired(http, [1]), 'IPv4', opts);
    assert.deepEqual(plan.update.map((s) => s.metadata.labels?.tier), ['front']);
  });
});
