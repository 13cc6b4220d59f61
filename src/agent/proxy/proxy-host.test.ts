/**
 * The real rules in a network namespace of the test's own ("the node", with a bridge, three pods
 * and a client outside the cluster), checked with real TCP and UDP traffic. Needs root.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { portChain } from './chain-names.js';
import { ConntrackCleaner, staleUdpFilters } from './conntrack.js';
import { hostExec } from './host-exec.js';
import { ensureRouteLocalnet, removeServiceRoutes, syncServiceRoutes } from './host-routes.js';
import { IptablesApplier, type ApplyResult } from './iptables-applier.js';
import { BRIDGE_IP, CLIENT_IP, makeNodeNet, NODE_IP, sh, type NodeNet } from './netns-fixture.js';
import { buildRules, type RuleOptions } from './rule-builder.js';
import { buildModel } from './service-model.js';
import { endpoint, service, slice } from './testdata.js';
import type { EndpointSlice, Service, ServicePortInfo } from './types.js';

const root = process.getuid?.() === 0;
const OPTS: RuleOptions = { nodeName: 'n1', nodeIPs: [NODE_IP], clusterCIDR: '10.42.0.0/16', serviceCIDR: '10.43.0.0/16' };
const HTTP = [{ name: 'http', protocol: 'TCP', port: 8080 }];
const web = (name: string, spec: NonNullable<Service['spec']>, more: Partial<Service> = {}): Service =>
  service(name, { ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }], ...spec }, more);

const SERVICES: Service[] = [
  web('web', { type: 'NodePort', clusterIP: '10.43.0.20', ports: [{ name: 'http', protocol: 'TCP', port: 80, nodePort: 30080 }] }),
  web('empty', { type: 'NodePort', clusterIP: '10.43.0.21', ports: [{ name: 'http', protocol: 'TCP', port: 80, nodePort: 30081 }] }),
  web('sticky', { type: 'ClusterIP', clusterIP: '10.43.0.22', sessionAffinity: 'ClientIP' }),
  web('self', { type: 'ClusterIP', clusterIP: '10.43.0.23' }),
  web('local', { type: 'NodePort', clusterIP: '10.43.0.24', externalTrafficPolicy: 'Local', ports: [{ name: 'http', protocol: 'TCP', port: 80, nodePort: 30084 }] }),
  web('ilocal', { type: 'ClusterIP', clusterIP: '10.43.0.25', internalTrafficPolicy: 'Local' }),
  web('lb', { type: 'LoadBalancer', clusterIP: '10.43.0.26', externalIPs: ['203.0.113.7'], ports: [{ name: 'http', protocol: 'TCP', port: 80, nodePort: 30086 }] },
    { status: { loadBalancer: { ingress: [{ ip: '198.51.100.10' }] } } }),
  service('dns', { type: 'ClusterIP', clusterIP: '10.43.0.53', ports: [{ name: 'dns', protocol: 'UDP', port: 53 }] }),
  service('sctp', { type: 'NodePort', clusterIP: '10.43.0.60', ports: [{ name: 'assoc', protocol: 'SCTP', port: 9999, nodePort: 30099 }] }),
];

describe('service proxy rules on a real (namespaced) node', { skip: !root && 'needs root' }, () => {
  let net: NodeNet;
  let applier: IptablesApplier;
  let model: ServicePortInfo[] = [];
  let p1: string;
  let p2: string;
  const exec = (): ReturnType<typeof hostExec> => hostExec(net.node);
  const slices = (dnsTo = 'p1'): EndpointSlice[] => {
    const ep = (pod: string, nodeName: string) => endpoint(net.pods[pod]!.ip, nodeName);
    const both = [ep('p1', 'n1'), ep('p2', 'n2')];
    return [
      ...['web', 'sticky', 'local', 'ilocal', 'lb'].map((s) => slice(s, HTTP, both)),
      slice('self', HTTP, [ep('p1', 'n1')]),
      slice('dns', [{ name: 'dns', protocol: 'UDP', port: 5353 }], [ep(dnsTo, 'n1')]),
      slice('sctp', [{ name: 'assoc', protocol: 'SCTP', port: 9999 }], [ep('p1', 'n1')]),
    ];
  };
  const program = async (services: Service[], sl: EndpointSlice[]): Promise<ApplyResult> => {
    model = buildModel(services, sl);
    const res = await applier.apply(buildRules(model, OPTS));
    await syncServiceRoutes(exec(), OPTS.serviceCIDR, new Set(model.map((p) => p.clusterIP)), 'cni0');
    return res;
  };
  const who = (lines: string[]): string[] => [...new Set(lines.map((l) => l.split(' ')[1] ?? l))].sort();
  const from = (lines: string[]): string[] => [...new Set(lines.map((l) => l.split(' ')[2] ?? l))].sort();

  before(async () => {
    net = makeNodeNet('rules', ['p1', 'p2', 'p3']);
    p1 = net.pods.p1!.ip;
    p2 = net.pods.p2!.ip;
    applier = new IptablesApplier(exec());
    await net.startServers(8080, 5353);
    assert.equal(await ensureRouteLocalnet(exec()), undefined);
    const first = await program(SERVICES, slices());
    assert.equal(first.full, true);
  });
  after(() => net?.cleanup());

  it('spreads ClusterIP traffic over the endpoints, from pods (source kept) and from the node', async () => {
    const lines = await net.ask(net.pods.p3!.ns, 'tcp', '10.43.0.20', 80, 30);
    assert.deepEqual(who(lines), ['p1', 'p2'], lines.join('\n'));
    assert.deepEqual(from(lines), [net.pods.p3!.ip]);
    const fromNode = await net.ask(net.node, 'tcp', '10.43.0.20', 80, 4);
    assert.ok(fromNode.every((l) => l.startsWith('ok ')), fromNode.join('\n'));
  });

  it('serves NodePorts on every node address and 127.0.0.1, masquerading under the Cluster policy', async () => {
    const outside = await net.ask(net.client, 'tcp', NODE_IP, 30080, 10);
    assert.ok(outside.every((l) => l.startsWith('ok ')), outside.join('\n'));
    assert.deepEqual(from(outside), [BRIDGE_IP]);
    for (const addr of ['127.0.0.1', BRIDGE_IP, NODE_IP]) {
      const [l] = await net.ask(net.node, 'tcp', addr, 30080);
      assert.match(l ?? '', /^ok p[12] /, `node to ${addr}:30080`);
    }
    assert.match((await net.ask(net.pods.p3!.ns, 'tcp', NODE_IP, 30080))[0] ?? '', /^ok p[12] /);
  });

  it('refuses connections at once to ports without endpoints; unknown service IPs are unreachable', async () => {
    assert.deepEqual(await net.ask(net.pods.p3!.ns, 'tcp', '10.43.0.21', 80), ['error ECONNREFUSED']);
    assert.deepEqual(await net.ask(net.node, 'tcp', '10.43.0.21', 80), ['error ECONNREFUSED']);
    assert.deepEqual(await net.ask(net.client, 'tcp', NODE_IP, 30081), ['error ECONNREFUSED']);
    assert.deepEqual(await net.ask(net.pods.p3!.ns, 'tcp', '10.43.0.20', 81), ['error ECONNREFUSED'], 'no such service port');
    assert.deepEqual(await net.ask(net.pods.p3!.ns, 'tcp', '10.43.9.9', 80), ['error EHOSTUNREACH']);
    assert.deepEqual(await net.ask(net.node, 'tcp', '10.43.9.9', 80), ['error EHOSTUNREACH']);
  });

  it('programs SCTP ports too (this kernel has no SCTP sockets to try them with)', () => {
    const saved = sh('ip', ['netns', 'exec', net.node, 'iptables-save', '-t', 'nat']);
    assert.match(saved, /-A NAVARCH-SERVICES -d 10\.43\.0\.60\/32 -p sctp -m sctp --dport 9999 .*-j NAVARCH-SVC-/);
    assert.match(saved, /-A NAVARCH-NODEPORTS -p sctp -m sctp --dport 30099 .*-j NAVARCH-EXT-/);
    assert.match(saved, /-p sctp -m sctp .*-j DNAT --to-destination 10\.42\.0\.11:9999/);
  });

  it('keeps a client on one endpoint with ClientIP affinity', async () => {
    const lines = await net.ask(net.pods.p3!.ns, 'tcp', '10.43.0.22', 80, 20);
    assert.ok(lines.every((l) => l.startsWith('ok ')), lines.join('\n'));
    assert.equal(who(lines).length, 1, lines.join('\n'));
  });

  it('masquerades hairpin traffic: a pod reaching itself through its Service', async () => {
    assert.deepEqual(await net.ask(net.pods.p1!.ns, 'tcp', '10.43.0.23', 80, 3), Array(3).fill(`ok p1 ${BRIDGE_IP}`));
  });

  it('externalTrafficPolicy Local: outside traffic to this node\'s endpoints only, with the client\'s address', async () => {
    const outside = await net.ask(net.client, 'tcp', NODE_IP, 30084, 20);
    assert.deepEqual(new Set(outside), new Set([`ok p1 ${CLIENT_IP}`]), outside.join('\n'));
    // Pods going to an external destination are not subject to the policy.
    assert.deepEqual(who(await net.ask(net.pods.p3!.ns, 'tcp', NODE_IP, 30084, 20)), ['p1', 'p2']);
  });

  it('internalTrafficPolicy Local: ClusterIP traffic to this node\'s endpoints only', async () => {
    assert.deepEqual(who(await net.ask(net.pods.p3!.ns, 'tcp', '10.43.0.25', 80, 20)), ['p1']);
  });

  it('serves load balancer ingress IPs and external IPs', async () => {
    for (const ip of ['198.51.100.10', '203.0.113.7']) {
      const lines = await net.ask(net.client, 'tcp', ip, 80, 4);
      assert.ok(lines.every((l) => /^ok p[12] /.test(l)), `${ip}: ${lines.join('\n')}`);
    }
  });

  it('deletes stale UDP conntrack entries when an endpoint goes', async (t) => {
    if (!(await exec().run('conntrack', ['--version'])).ok) {
      t.skip('the conntrack tool is not installed');
      return;
    }
    const p3 = net.pods.p3!.ns;
    assert.deepEqual(await net.ask(p3, 'udp', '10.43.0.53', 53, 1, 40053), [`ok p1 ${net.pods.p3!.ip}`]);
    const before = model;
    await program(SERVICES, slices('p2'));
    // The rules moved to p2, but the flow's conntrack entry still leads to p1 …
    assert.deepEqual(await net.ask(p3, 'udp', '10.43.0.53', 53, 1, 40053), [`ok p1 ${net.pods.p3!.ip}`]);
    const filters = staleUdpFilters(before, model, 'n1');
    assert.deepEqual(filters, [{ origDst: '10.43.0.53', dstNat: p1 }]);
    assert.equal(await new ConntrackCleaner(exec(), () => undefined).clear(filters), 1);
    // … until it is deleted.
    assert.deepEqual(await net.ask(p3, 'udp', '10.43.0.53', 53, 1, 40053), [`ok p2 ${net.pods.p3!.ip}`]);
  });

  it('rewrites only changed chains, skips unchanged syncs, and removes deleted services entirely', async () => {
    const fewer = slices('p2').map((s) => (s.metadata.labels?.['kubernetes.io/service-name'] === 'web' ? { ...s, endpoints: s.endpoints!.slice(0, 1) } : s));
    const changed = await program(SERVICES, fewer);
    assert.equal(changed.full, false);
    assert.ok(changed.writtenChains >= 1 && changed.writtenChains <= 3, `wrote ${changed.writtenChains} chains`);
    assert.equal(changed.deletedChains, 1, 'the endpoint chain of p2');
    assert.deepEqual(who(await net.ask(net.pods.p3!.ns, 'tcp', '10.43.0.20', 80, 10)), ['p1']);
    assert.equal((await program(SERVICES, fewer)).restored, false);

    await program(SERVICES.filter((s) => s.metadata.name !== 'web'), fewer);
    const saved = sh('ip', ['netns', 'exec', net.node, 'iptables-save']);
    assert.ok(!saved.includes(portChain('SVC', 'default/web:http', 'TCP')));
    assert.ok(!saved.includes('default/web:http'));
    assert.ok(!sh('ip', ['-n', net.node, 'route', 'show']).includes('10.43.0.20 '));
    assert.deepEqual(await net.ask(net.pods.p3!.ns, 'tcp', '10.43.0.20', 80), ['error EHOSTUNREACH']);
    assert.deepEqual(await net.ask(net.node, 'tcp', '10.43.0.20', 80), ['error EHOSTUNREACH']);
    assert.ok(p2);
  });

  it('uninstall takes away every chain, jump and route of the proxy', async () => {
    await applier.uninstall();
    await removeServiceRoutes(exec(), OPTS.serviceCIDR);
    assert.doesNotMatch(sh('ip', ['netns', 'exec', net.node, 'iptables-save']), /NAVARCH/);
    assert.doesNotMatch(sh('ip', ['-n', net.node, 'route', 'show']), /10\.43\.|proto 78/);
  });
});
