import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, Service } from '../endpoints/index.js';
import { endpointPorts, podToEndpoint } from './pod-endpoint.js';

const svc: Service = { metadata: { name: 'web', namespace: 'ns' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'admin', port: 81, targetPort: 'admin', appProtocol: 'http' }] } };
const pod = (ready: boolean, deleting: boolean): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u', deletionTimestamp: deleting ? '2024-01-01T00:00:00Z' : undefined },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: { podIP: '10.42.0.5', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const node = { metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'z1' } } };

describe('podToEndpoint', () => {
  it('computes ready, serving and terminating as Kubernetes does', () => {
    const cond = (ready: boolean, deleting: boolean, s = svc) => podToEndpoint(pod(ready, deleting), node, s, 'IPv4').conditions;
    assert.deepEqual(cond(true, false), { ready: true, serving: true, terminating: false });
    assert.deepEqual(cond(false, false), { ready: false, serving: false, terminating: false });
    assert.deepEqual(cond(true, true), { ready: false, serving: true, terminating: true });
    assert.deepEqual(cond(false, true), { ready: false, serving: false, terminating: true });
    const publish = { ...svc, spec: { ...svc.spec, publishNotReadyAddresses: true } };
    assert.deepEqual(cond(false, true, publish), { ready: true, serving: false, terminating: true });
  });

  it('carries the node, its zone and a reference to the pod', () => {
    assert.deepEqual(podToEndpoint(pod(true, false), node, svc, 'IPv4'), {
      addresses: ['10.42.0.5'], conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'ns', name: 'p', uid: 'u' }, nodeName: 'n1', zone: 'z1',
    });
    assert.deepEqual(podToEndpoint(pod(true, false), node, svc, 'IPv6').addresses, []);
  });

  it('lists only the ports the pod has', () => {
    assert.deepEqual(endpointPorts(svc, pod(true, false)), [{ name: 'http', protocol: 'TCP', port: 8080 }]);
  });
});
