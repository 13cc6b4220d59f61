import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeTemplate } from './config.js';
import { buildLease, buildNode, nodeIndex, nodeIP, podCIDR } from './node-object.js';

describe('simulated Node objects', () => {
  it('spreads zones, gives each node its own address and /24, and reports Ready as the kubelet does', () => {
    const n = buildNode(4, loadNodeTemplate(undefined));
    assert.equal(n.metadata.name, 'sim-node-4');
    assert.equal(n.metadata.labels?.['topology.kubernetes.io/zone'], 'zone-b');
    assert.equal(n.metadata.labels?.['kubernetes.io/hostname'], 'sim-node-4');
    assert.equal(n.spec?.podCIDR, '10.42.4.0/24');
    assert.deepEqual(n.status?.addresses, [{ type: 'InternalIP', address: '10.200.0.5' }, { type: 'Hostname', address: 'sim-node-4' }]);
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.reason, 'KubeletReady');
    assert.equal(ready?.message, 'kubelet is posting ready status');
    assert.equal(n.status?.nodeInfo?.kubeletVersion, 'v1.32.0');
    assert.equal(n.status?.allocatable?.pods, '110');
  });

  it('keeps addresses and pod ranges distinct for thousands of nodes', () => {
    const ips = new Set<string>();
    const cidrs = new Set<string>();
    for (let i = 0; i < 5000; i++) { ips.add(nodeIP(i)); cidrs.add(podCIDR(i)); }
    assert.equal(ips.size, 5000);
    assert.equal(cidrs.size, 5000);
    assert.equal(nodeIndex('sim-node-17'), 17);
    assert.equal(nodeIndex('worker-1'), undefined);
  });

  it('makes a lease owned by its node with a MicroTime renewTime', () => {
    const n = buildNode(0, loadNodeTemplate(undefined));
    n.metadata.uid = 'u-1';
    const l = buildLease(n, 40);
    assert.equal(l.metadata.namespace, 'kube-node-lease');
    assert.deepEqual(l.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Node', name: 'sim-node-0', uid: 'u-1' }]);
    assert.match(l.spec?.renewTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});
