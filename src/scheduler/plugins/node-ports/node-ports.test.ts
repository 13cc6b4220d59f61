import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import type { PodView } from '../../types.js';
import { ERR_REASON_NODE_PORTS, nodePorts } from './node-ports.js';

function withPorts(name: string, ports: Array<{ hostPort: number; protocol?: string; hostIP?: string }>, nodeName?: string): PodView {
  const p = makePod(name, { nodeName });
  p.spec!.containers![0].ports = ports.map((x) => ({ containerPort: 80, ...x }));
  return p;
}

function check(existing: Array<{ hostPort: number; protocol?: string; hostIP?: string }>, wanted: Array<{ hostPort: number; protocol?: string; hostIP?: string }>) {
  const s = makeSnapshot([makeNode('n')], [withPorts('e', existing, 'n')]);
  const { c, pre } = preparedCycle(withPorts('p', wanted), s, [nodePorts]);
  if (c.state.skipFilter.has('NodePorts')) return 'skipped';
  assert.equal(pre.status, null);
  return nodePorts.filter(c, s.nodeInfo('n')!)?.reasons[0] ?? null;
}

describe('NodePorts', () => {
  it('skips pods without host ports', () => {
    assert.equal(check([{ hostPort: 80 }], []), 'skipped');
  });
  it('rejects a host port in use on the same address and protocol', () => {
    assert.equal(check([{ hostPort: 8080 }], [{ hostPort: 8080 }]), ERR_REASON_NODE_PORTS);
    assert.equal(check([{ hostPort: 8080, hostIP: '10.0.0.1' }], [{ hostPort: 8080, hostIP: '10.0.0.1' }]), ERR_REASON_NODE_PORTS);
  });
  it('treats 0.0.0.0 as overlapping every address', () => {
    assert.equal(check([{ hostPort: 8080, hostIP: '10.0.0.1' }], [{ hostPort: 8080 }]), ERR_REASON_NODE_PORTS);
    assert.equal(check([{ hostPort: 8080 }], [{ hostPort: 8080, hostIP: '10.0.0.1' }]), ERR_REASON_NODE_PORTS);
  });
  it('allows other ports, protocols and addresses', () => {
    assert.equal(check([{ hostPort: 8080 }], [{ hostPort: 8081 }]), null);
    assert.equal(check([{ hostPort: 8080, protocol: 'UDP' }], [{ hostPort: 8080 }]), null);
    assert.equal(check([{ hostPort: 8080, hostIP: '10.0.0.1' }], [{ hostPort: 8080, hostIP: '10.0.0.2' }]), null);
  });
});
