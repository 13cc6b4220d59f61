import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { desiredSubsets } from './desired-subsets.js';
import type { Pod, Service } from './types.js';

const svc = (spec: NonNullable<Service['spec']>, name = 'web'): Service => ({ metadata: { name, namespace: 'ns' }, spec: { clusterIP: '10.43.0.9', selector: { app: 'web' }, ...spec } });

interface PodOpts { ip?: string; ready?: boolean; ports?: Array<{ name: string; containerPort: number; protocol?: string }>; deleting?: boolean; phase?: string; hostname?: string; subdomain?: string; node?: string }
function pod(name: string, o: PodOpts = {}): Pod {
  return {
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels: { app: 'web' }, deletionTimestamp: o.deleting ? '2024-01-01T00:00:00Z' : undefined },
    spec: { nodeName: o.node ?? 'n1', hostname: o.hostname, subdomain: o.subdomain, containers: [{ name: 'c', ports: o.ports }] },
    status: {
      phase: o.phase ?? 'Running', podIP: o.ip, podIPs: o.ip ? [{ ip: o.ip }] : undefined,
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}
const ref = (name: string) => ({ kind: 'Pod', namespace: 'ns', name, uid: `uid-${name}` });

describe('desiredSubsets', () => {
  it('groups ready and not-ready pods under the ports they serve, sorted by IP', () => {
    const s = svc({ ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });
    const subsets = desiredSubsets(s, [
      pod('b', { ip: '10.42.0.10' }), pod('a', { ip: '10.42.0.9' }), pod('c', { ip: '10.42.0.7', ready: false }), pod('d'),
    ]);
    assert.deepEqual(subsets, [{
      addresses: [
        { ip: '10.42.0.9', nodeName: 'n1', targetRef: ref('a') },
        { ip: '10.42.0.10', nodeName: 'n1', targetRef: ref('b') },
      ],
      notReadyAddresses: [{ ip: '10.42.0.7', nodeName: 'n1', targetRef: ref('c') }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    }]);
  });

  it('resolves named target ports per pod and leaves pods without the port out of it', () => {
    const s = svc({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }] });
    const subsets = desiredSubsets(s, [
      pod('a', { ip: '10.42.0.5', ports: [{ name: 'web', containerPort: 8080 }] }),
      pod('b', { ip: '10.42.0.6', ports: [{ name: 'web', containerPort: 8081 }] }),
      pod('c', { ip: '10.42.0.7', ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }] }),
    ]);
    // Ports shared by exactly the same addresses form one subset.
    assert.deepEqual(subsets, [
      { addresses: [{ ip: '10.42.0.5', nodeName: 'n1', targetRef: ref('a') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [{ ip: '10.42.0.6', nodeName: 'n1', targetRef: ref('b') }], ports: [{ name: 'http', port: 8081, protocol: 'TCP' }] },
      {
        addresses: [
          { ip: '10.42.0.5', nodeName: 'n1', targetRef: ref('a') }, { ip: '10.42.0.6', nodeName: 'n1', targetRef: ref('b') },
          { ip: '10.42.0.7', nodeName: 'n1', targetRef: ref('c') },
        ],
        ports: [{ name: 'metrics', port: 9090, protocol: 'TCP' }],
      },
    ]);
    const same = svc({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }] });
    assert.deepEqual(desiredSubsets(same, [pod('a', { ip: '10.42.0.5', ports: [{ name: 'web', containerPort: 8080 }] })])[0].ports, [
      { name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' },
    ]);
  });

  it('drops terminating and finished pods, unless not-ready addresses are published (then all are ready)', () => {
    const ports = [{ port: 80, targetPort: 80, protocol: 'TCP' }];
    const pods = [pod('a', { ip: '10.42.0.5', deleting: true }), pod('b', { ip: '10.42.0.6', ready: false }), pod('c', { ip: '10.42.0.7', phase: 'Succeeded' })];
    assert.deepEqual(desiredSubsets(svc({ ports }), pods), [
      { notReadyAddresses: [{ ip: '10.42.0.6', nodeName: 'n1', targetRef: ref('b') }], ports: [{ port: 80, protocol: 'TCP' }] },
    ]);
    assert.deepEqual(desiredSubsets(svc({ ports, publishNotReadyAddresses: true }), pods), [{
      addresses: [{ ip: '10.42.0.5', nodeName: 'n1', targetRef: ref('a') }, { ip: '10.42.0.6', nodeName: 'n1', targetRef: ref('b') }],
      ports: [{ port: 80, protocol: 'TCP' }],
    }]);
  });

  it('lists bare addresses for a headless service without ports, with hostnames for its subdomain', () => {
    const s = svc({ clusterIP: 'None' }, 'db');
    const subsets = desiredSubsets(s, [
      pod('db-0', { ip: '10.42.0.5', hostname: 'db-0', subdomain: 'db' }),
      pod('x', { ip: '10.42.0.6', hostname: 'x', subdomain: 'other' }),
    ]);
    assert.deepEqual(subsets, [{
      addresses: [{ ip: '10.42.0.5', hostname: 'db-0', nodeName: 'n1', targetRef: ref('db-0') }, { ip: '10.42.0.6', nodeName: 'n1', targetRef: ref('x') }],
    }]);
    // A service with a cluster IP and no ports gets nothing.
    assert.deepEqual(desiredSubsets(svc({}), [pod('a', { ip: '10.42.0.5' })]), []);
  });

  it('takes the address of the service\'s IP family', () => {
    const p = pod('a', { ip: '10.42.0.5' });
    p.status = { ...p.status, podIPs: [{ ip: '10.42.0.5' }, { ip: 'fd00::5' }] };
    const ports = [{ port: 80, targetPort: 80, protocol: 'TCP' }];
    assert.equal(desiredSubsets(svc({ ports, ipFamilies: ['IPv6'] }), [p])[0].addresses?.[0].ip, 'fd00::5');
    assert.equal(desiredSubsets(svc({ ports, ipFamilies: ['IPv4'] }), [p])[0].addresses?.[0].ip, '10.42.0.5');
  });
});
