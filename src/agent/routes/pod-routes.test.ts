/**
 * PodRoutes against a real routing table: a network namespace made for the test (removed after,
 * even on failure), with a veth pair as the nodes' shared segment, and a fake Node source.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { EventHandler } from '../../client/index.js';
import { PodRoutes } from './pod-routes.js';
import { removePodRoutes } from './ip-route.js';
import type { NodeRouteView } from './route-plan.js';

const NS = `nvrt-${process.pid}`;
const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
const routes = (): string => ip('-n', NS, '-4', '-o', 'route', 'show', 'proto', '79').trim().split('\n').filter(Boolean)
  .map((l) => l.split(/\s+/).slice(0, 3).join(' ')).sort().join('\n');

class FakeNodes {
  items = new Map<string, NodeRouteView>();
  handlers = new Set<EventHandler<NodeRouteView>>();
  store = { list: (): NodeRouteView[] => [...this.items.values()] };
  addEventHandler(h: EventHandler<NodeRouteView>) {
    this.handlers.add(h);
    return { remove: () => { this.handlers.delete(h); } };
  }
  set(name: string, podCIDR: string, address: string): void {
    const old = this.items.get(name);
    const n: NodeRouteView = { metadata: { name }, spec: { podCIDR }, status: { addresses: [{ type: 'InternalIP', address }] } };
    this.items.set(name, n);
    for (const h of this.handlers) (old ? h.onUpdate?.(old, n) : h.onAdd?.(n, false));
  }
  delete(name: string): void {
    const old = this.items.get(name);
    this.items.delete(name);
    if (old) for (const h of this.handlers) h.onDelete?.(old);
  }
}

describe('PodRoutes in a network namespace', { skip: process.getuid?.() !== 0 ? 'needs root' : false }, () => {
  before(() => {
    ip('netns', 'add', NS);
    ip('-n', NS, 'link', 'add', 'seg0', 'type', 'veth', 'peer', 'name', 'seg1');
    ip('-n', NS, 'link', 'set', 'seg1', 'up');
    ip('-n', NS, 'addr', 'add', '198.51.100.1/24', 'dev', 'seg0');
    ip('-n', NS, 'link', 'set', 'seg0', 'up');
  });
  after(() => {
    try { ip('netns', 'del', NS); } catch { /* not made */ }
  });

  it('routes other nodes\' pod CIDRs, follows changes and deletions, and removes its routes on stop', async () => {
    const nodes = new FakeNodes();
    const logs: string[] = [];
    nodes.set('self', '10.77.0.0/24', '198.51.100.1');
    nodes.set('b', '10.77.1.0/24', '198.51.100.2');
    nodes.set('far', '10.77.9.0/24', '203.0.113.5');
    const pr = new PodRoutes({ nodes, nodeName: 'self', nodeIP: '198.51.100.1', podCIDR: '10.77.0.0/24', netns: NS, resyncMs: 0, log: (l) => logs.push(l) });
    await pr.start();
    try {
      assert.equal(routes(), '10.77.1.0/24 via 198.51.100.2');
      assert.ok(logs.some((l) => l.includes('node far') && l.includes('this node has no route to 203.0.113.5')), logs.join('\n'));

      nodes.set('c', '10.77.2.0/24', '198.51.100.3');
      nodes.set('b', '10.77.1.0/24', '198.51.100.4');
      await pr.flush();
      assert.equal(routes(), '10.77.1.0/24 via 198.51.100.4\n10.77.2.0/24 via 198.51.100.3');

      nodes.delete('b');
      await pr.flush();
      assert.equal(routes(), '10.77.2.0/24 via 198.51.100.3');

      // A route removed behind its back comes back on the next sync.
      ip('-n', NS, 'route', 'del', '10.77.2.0/24');
      await pr.sync();
      assert.equal(routes(), '10.77.2.0/24 via 198.51.100.3');
      // Routes of other protocols are not touched.
      ip('-n', NS, 'route', 'add', '10.77.8.0/24', 'via', '198.51.100.8');
    } finally {
      await pr.stop();
    }
    assert.equal(routes(), '');
    assert.match(ip('-n', NS, '-4', 'route', 'show', '10.77.8.0/24'), /via 198\.51\.100\.8/);
  });

  it('removePodRoutes clears every route of protocol 79', async () => {
    ip('-n', NS, 'route', 'replace', '10.78.1.0/24', 'via', '198.51.100.2', 'proto', '79');
    ip('-n', NS, 'route', 'replace', '10.78.2.0/24', 'via', '198.51.100.3', 'proto', '79');
    assert.equal(await removePodRoutes(NS), 2);
    assert.equal(routes(), '');
  });
});
