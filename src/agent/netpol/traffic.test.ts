/**
 * Network policy seen from the packets: a "node" network namespace with a bridge (bridged traffic
 * through iptables, as on a real node) and "pod" namespaces on it, pods and policies in a real API
 * server, and the real enforcer writing the node namespace's filter table. Each case checks real
 * TCP connections and UDP exchanges: answered, or dropped (a timeout, not a refusal). The host's
 * own tables and links are never touched; everything is removed afterwards.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { NetworkPolicySpec } from '../../api/types/networking/index.js';
import { eventually } from '../../testing/index.js';
import { NetworkPolicyEnforcer } from './enforcer.js';
import { iptablesRunner } from './iptables-runner.js';
import { NetnsLab, type Outcome } from './netns-lab.js';
import { TestCluster } from './cluster-fixture.js';

const pid = process.pid;
const skip = process.getuid?.() !== 0 ? 'needs root (network namespaces, iptables)'
  : !existsSync('/proc/sys/net/bridge') ? 'needs br_netfilter' : false;

const TUTORIAL = 'network-policy-tutorial';
const run = (label: string): NetworkPolicySpec['podSelector'] => ({ matchLabels: { run: label } });

describe('network policy enforcement on real traffic', { skip, timeout: 240_000 }, () => {
  const lab = new NetnsLab({ tag: String(pid), subnet: pid % 250 });
  let cluster: TestCluster;
  let enforcer: NetworkPolicyEnforcer;
  const ip = (name: string): string => lab.pod(name).ip;
  const logs: string[] = [];

  /** Waits until the informers hold the API server's state, then applies it. */
  const settle = async (): Promise<void> => {
    await eventually(() => cluster.caughtUp(), 10_000, 'the informers to catch up');
    await enforcer.syncNow();
  };

  const tcp = (from: string, to: string, port = 80): Promise<Outcome> => lab.attempt(lab.pod(from).netns, 'tcp', to, port);

  /** Checks several connections at once; each expectation is the peer address seen, or 'dropped'. */
  const expect = async (cases: Array<[string, Promise<Outcome>, string]>): Promise<void> => {
    const outcomes = await Promise.all(cases.map((c) => c[1]));
    const got = outcomes.map((o) => (o.kind === 'ok' ? o.from : o.kind === 'timeout' ? 'dropped' : `error ${o.message}`));
    assert.deepEqual(Object.fromEntries(cases.map((c, i) => [c[0], got[i]])), Object.fromEntries(cases.map((c) => [c[0], c[2]])));
  };

  before(async () => {
    lab.create();
    for (const name of ['frontend', 'backend', 'database', 'visitor', 'web', 'dns']) lab.addPod(name);
    for (const name of ['frontend', 'backend', 'database', 'visitor']) await lab.serve(lab.pod(name).netns, [80]);
    await lab.serve(lab.pod('web').netns, [8080, 9090]);
    await lab.serve(lab.pod('dns').netns, [53], [53]);
    await lab.serve(lab.outside.netns, [80]);
    // The tutorial reaches pods through Service ClusterIPs: two DNAT rules play kube-proxy's part.
    lab.inNode(['iptables', '-t', 'nat', '-A', 'PREROUTING', '-d', '10.96.0.20', '-p', 'tcp', '--dport', '80', '-j', 'DNAT', '--to-destination', `${ip('database')}:80`]);
    lab.inNode(['iptables', '-t', 'nat', '-A', 'PREROUTING', '-d', '10.96.0.30', '-p', 'tcp', '--dport', '80', '-j', 'DNAT', '--to-destination', `${ip('backend')}:80`]);
    // The pod network's own accept chain, appended as the CNI host rules do, under a DROP policy.
    lab.inNode(['iptables', '-N', 'NAVARCH-FWD-lab']);
    lab.inNode(['iptables', '-A', 'NAVARCH-FWD-lab', '-j', 'ACCEPT']);
    lab.inNode(['iptables', '-A', 'FORWARD', '-j', 'NAVARCH-FWD-lab']);
    lab.inNode(['iptables', '-P', 'FORWARD', 'DROP']);

    cluster = await TestCluster.start();
    await cluster.namespace(TUTORIAL);
    await cluster.namespace('other', { team: 'other' });
    await cluster.namespace('shop');
    await cluster.namespace('kube-system');
    for (const name of ['frontend', 'backend', 'database']) await cluster.pod(TUTORIAL, name, { node: 'lab', ip: ip(name), labels: { run: name } });
    await cluster.pod('other', 'visitor', { node: 'lab', ip: ip('visitor'), labels: { app: 'visitor' } });
    await cluster.pod('shop', 'web', { node: 'lab', ip: ip('web'), labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] });
    await cluster.pod('kube-system', 'dns', {
      node: 'lab', ip: ip('dns'), labels: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }],
    });
    enforcer = new NetworkPolicyEnforcer({
      informers: cluster.informers, nodeName: 'lab', nodeIPs: [lab.nodeIP], podCIDR: lab.podCIDR,
      log: (l) => logs.push(l), iptables: iptablesRunner({ netns: lab.node }), coalesceMs: 50,
    });
    cluster.informers.start();
    await enforcer.start();
  });

  after(async () => {
    await enforcer?.uninstall().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    lab.destroy();
    assert.deepEqual(lab.leftovers(), []);
  });

  it('lets everything through while no policy selects a pod', async () => {
    await settle();
    await expect([
      ['frontend → backend', tcp('frontend', ip('backend')), ip('frontend')],
      ['database → frontend', tcp('database', ip('frontend')), ip('database')],
      ['outside → backend', lab.attempt(lab.outside.netns, 'tcp', ip('backend'), 80), lab.outside.ip],
      ['frontend → outside', tcp('frontend', lab.outside.ip), ip('frontend')],
    ]);
  });

  it('the tutorial: a namespace default deny, then frontend → backend → database only', async () => {
    await cluster.policy(TUTORIAL, 'namespace-default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    await settle();
    await expect([
      ['frontend → backend', tcp('frontend', '10.96.0.30'), 'dropped'],
      ['backend → database', tcp('backend', '10.96.0.20'), 'dropped'],
      ['node → backend (probes)', lab.attempt(lab.node, 'tcp', ip('backend'), 80), lab.gateway],
      ['visitor → backend', tcp('visitor', ip('backend')), 'dropped'],
      ['visitor → web (not selected)', tcp('visitor', ip('web'), 8080), ip('visitor')],
    ]);

    await cluster.policy(TUTORIAL, 'frontend-default', { podSelector: run('frontend'), policyTypes: ['Egress'], egress: [{ to: [{ podSelector: run('backend') }] }] });
    await cluster.policy(TUTORIAL, 'backend-default', {
      podSelector: run('backend'), policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: run('frontend') }] }], egress: [{ to: [{ podSelector: run('database') }] }],
    });
    await cluster.policy(TUTORIAL, 'database-default', { podSelector: run('database'), policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: run('backend') }] }] });
    await settle();
    await expect([
      ['frontend → backend (ClusterIP)', tcp('frontend', '10.96.0.30'), ip('frontend')],
      ['frontend → backend', tcp('frontend', ip('backend')), ip('frontend')],
      ['backend → database (ClusterIP)', tcp('backend', '10.96.0.20'), ip('backend')],
      ['backend → frontend', tcp('backend', ip('frontend')), 'dropped'],
      ['database → frontend', tcp('database', ip('frontend')), 'dropped'],
      ['database → backend', tcp('database', ip('backend')), 'dropped'],
      ['frontend → database', tcp('frontend', ip('database')), 'dropped'],
    ]);

    // An ipBlock on the Service's ClusterIP range does not match: policies see the pod behind it.
    await cluster.applyPolicy(TUTORIAL, 'backend-default', {
      podSelector: run('backend'), policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: run('frontend') }] }], egress: [{ to: [{ ipBlock: { cidr: '10.96.0.20/24' } }] }],
    });
    await settle();
    await expect([
      ['backend → database (ClusterIP)', tcp('backend', '10.96.0.20'), 'dropped'],
      ['frontend → backend', tcp('frontend', '10.96.0.30'), ip('frontend')],
    ]);

    await cluster.deletePolicy(TUTORIAL, 'backend-default');
    await settle();
    await expect([['frontend → backend', tcp('frontend', '10.96.0.30'), 'dropped']]);
  });

  it('default deny ingress: nothing reaches the pods, their own connections and the replies still pass', async () => {
    await cluster.deleteAllPolicies();
    await cluster.policy('shop', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
    await settle();
    await expect([
      ['frontend → web', tcp('frontend', ip('web'), 8080), 'dropped'],
      ['outside → web', lab.attempt(lab.outside.netns, 'tcp', ip('web'), 8080), 'dropped'],
      ['web → frontend (reply comes back)', tcp('web', ip('frontend')), ip('web')],
      ['web → outside (reply comes back)', tcp('web', lab.outside.ip), ip('web')],
      ['node → web', lab.attempt(lab.node, 'tcp', ip('web'), 8080), lab.gateway],
    ]);
  });

  it('namespaceSelector alone, and together with podSelector (both must match)', async () => {
    await cluster.deleteAllPolicies();
    await cluster.policy('shop', 'from-team-other', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'other' } } }] }] });
    await settle();
    await expect([
      ['visitor → web', tcp('visitor', ip('web'), 8080), ip('visitor')],
      ['frontend → web', tcp('frontend', ip('web'), 8080), 'dropped'],
    ]);
    await cluster.applyPolicy('shop', 'from-team-other', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'other' } }, podSelector: { matchLabels: { app: 'nobody' } } }] }],
    });
    await settle();
    await expect([['visitor → web', tcp('visitor', ip('web'), 8080), 'dropped']]);
  });

  it('ipBlock with except, for pods and for addresses outside the cluster', async () => {
    await cluster.deleteAllPolicies();
    await cluster.policy('shop', 'by-address', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ ipBlock: { cidr: lab.podCIDR, except: [`${ip('frontend')}/32`] } }, { ipBlock: { cidr: `${lab.outside.ip}/32` } }] }],
    });
    await settle();
    await expect([
      ['backend → web', tcp('backend', ip('web'), 8080), ip('backend')],
      ['frontend → web (excepted)', tcp('frontend', ip('web'), 8080), 'dropped'],
      ['outside → web', lab.attempt(lab.outside.netns, 'tcp', ip('web'), 8080), lab.outside.ip],
    ]);
  });

  it('a named port resolves to the pod\'s container port; other ports stay closed', async () => {
    await cluster.deleteAllPolicies();
    await cluster.policy('shop', 'http-only', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] });
    await settle();
    await expect([
      ['frontend → web:8080 (http)', tcp('frontend', ip('web'), 8080), ip('frontend')],
      ['frontend → web:9090', tcp('frontend', ip('web'), 9090), 'dropped'],
    ]);
  });

  it('egress deny with DNS allowed (by port, then by namespace and pod), and an external ipBlock', async () => {
    await cluster.deleteAllPolicies();
    await cluster.policy(TUTORIAL, 'dns-only', { podSelector: run('frontend'), policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] });
    await settle();
    await expect([
      ['frontend → dns udp/53', lab.attempt(lab.pod('frontend').netns, 'udp', ip('dns'), 53), ip('frontend')],
      ['frontend → dns tcp/53', tcp('frontend', ip('dns'), 53), 'dropped'],
      ['frontend → backend', tcp('frontend', ip('backend')), 'dropped'],
      ['frontend → outside', tcp('frontend', lab.outside.ip), 'dropped'],
      ['backend → frontend (ingress not isolated)', tcp('backend', ip('frontend')), ip('backend')],
      ['node → frontend', lab.attempt(lab.node, 'tcp', ip('frontend'), 80), lab.gateway],
    ]);
    await cluster.applyPolicy(TUTORIAL, 'dns-only', {
      podSelector: run('frontend'), policyTypes: ['Egress'],
      egress: [
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 'dns' }, { port: 'dns-tcp' }] },
        { to: [{ ipBlock: { cidr: '172.30.0.0/16' } }], ports: [{ port: 80 }] },
      ],
    });
    await settle();
    await expect([
      ['frontend → dns udp/53', lab.attempt(lab.pod('frontend').netns, 'udp', ip('dns'), 53), ip('frontend')],
      ['frontend → dns tcp/53', tcp('frontend', ip('dns'), 53), ip('frontend')],
      ['frontend → outside:80', tcp('frontend', lab.outside.ip), ip('frontend')],
      ['frontend → backend', tcp('frontend', ip('backend')), 'dropped'],
    ]);
  });

  it('applies changes by itself, without being asked', async () => {
    await cluster.deleteAllPolicies();
    await settle();
    await cluster.policy('other', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    await eventually(async () => (await tcp('frontend', ip('visitor'))).kind === 'timeout', 20_000, 'the deny policy to apply');
    await cluster.deletePolicy('other', 'deny');
    await eventually(async () => (await tcp('frontend', ip('visitor'))).kind === 'ok', 20_000, 'the deny policy to go');
  });

  it('uninstall removes every rule: traffic flows again', async () => {
    await cluster.policy('shop', 'deny-again', { podSelector: {}, policyTypes: ['Ingress'] });
    await settle();
    await enforcer.uninstall();
    assert.doesNotMatch(lab.inNode(['iptables-save', '-t', 'filter']), /NAVARCH-NP/);
    await expect([['frontend → web', tcp('frontend', ip('web'), 8080), ip('frontend')]]);
    assert.ok(logs.every((l) => l.startsWith('network policy: rules applied')), logs.join('\n'));
  });
});
