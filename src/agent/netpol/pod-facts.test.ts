import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { podIPv4s, resolveNamedPort, takesPartInPolicy } from './pod-facts.js';

const base = (status: Pod['status'], spec: Pod['spec'] = {}): Pod => ({ metadata: { name: 'p', namespace: 'd' }, spec, status });

describe('pod facts', () => {
  it('reads IPv4 addresses from podIPs, else podIP, without IPv6 or duplicates', () => {
    assert.deepEqual(podIPv4s(base({ podIP: '10.42.0.5', podIPs: [{ ip: '10.42.0.5' }, { ip: 'fd00::5' }, { ip: '10.42.0.5' }] })), ['10.42.0.5']);
    assert.deepEqual(podIPv4s(base({ podIP: '10.42.0.6' })), ['10.42.0.6']);
    assert.deepEqual(podIPv4s(base({})), []);
  });

  it('leaves host-network, address-less and finished pods out', () => {
    assert.ok(takesPartInPolicy(base({ phase: 'Running', podIP: '10.42.0.5' })));
    assert.ok(takesPartInPolicy(base({ phase: 'Pending', podIP: '10.42.0.5' })));
    assert.ok(!takesPartInPolicy(base({ phase: 'Running', podIP: '10.0.0.1' }, { hostNetwork: true })));
    assert.ok(!takesPartInPolicy(base({ phase: 'Pending' })));
    assert.ok(!takesPartInPolicy(base({ phase: 'Failed', podIP: '10.42.0.5' })));
    assert.ok(!takesPartInPolicy(base({ phase: 'Succeeded', podIP: '10.42.0.5' })));
  });

  it('resolves a named port by name and protocol, in containers and init containers', () => {
    const pod = base({}, {
      containers: [{ name: 'a', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }],
      initContainers: [{ name: 'sidecar', ports: [{ name: 'metrics', containerPort: 9100 }] }],
    });
    assert.equal(resolveNamedPort(pod, 'http', 'TCP'), 8080);
    assert.equal(resolveNamedPort(pod, 'http', 'UDP'), undefined);
    assert.equal(resolveNamedPort(pod, 'dns', 'UDP'), 53);
    assert.equal(resolveNamedPort(pod, 'dns', 'TCP'), undefined);
    assert.equal(resolveNamedPort(pod, 'metrics', 'TCP'), 9100);
    assert.equal(resolveNamedPort(pod, 'nope', 'TCP'), undefined);
  });
});
