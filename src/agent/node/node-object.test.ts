import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildRealNode, freePodCIDR } from './node-object.js';

describe('real node object', () => {
  it('picks the lowest free /24', () => {
    assert.equal(freePodCIDR('10.42.0.0/16', []), '10.42.0.0/24');
    assert.equal(freePodCIDR('10.42.0.0/16', ['10.42.0.0/24', '10.42.2.0/24']), '10.42.1.0/24');
    assert.throws(() => freePodCIDR('10.42.0.0/20', []), /not a \/16/);
  });

  it('labels a server node with k3s roles and reports capacity', () => {
    const facts = {
      hostname: 'box', internalIP: '192.0.2.10', cpuCores: 4, memoryKi: 8_000_000, diskBytes: 1 << 30,
      machineID: 'abc', bootID: 'def', kernelVersion: '6.1.0', osImage: 'Debian',
    };
    const n = buildRealNode({ name: 'box', facts, podCIDR: '10.42.0.0/24', runtimeVersion: 'runc://1.1.5', controlPlane: true }, [], []);
    assert.equal(n.metadata.labels?.['node-role.kubernetes.io/control-plane'], 'true');
    assert.equal(n.metadata.labels?.['kubernetes.io/hostname'], 'box');
    assert.deepEqual(n.spec?.podCIDRs, ['10.42.0.0/24']);
    assert.equal(n.status?.capacity?.cpu, '4');
    assert.deepEqual(n.status?.addresses?.[0], { type: 'InternalIP', address: '192.0.2.10' });
    assert.equal(n.status?.nodeInfo?.containerRuntimeVersion, 'runc://1.1.5');
  });
});
