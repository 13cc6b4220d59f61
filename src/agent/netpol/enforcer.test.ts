/**
 * NetworkPolicyEnforcer against a real API server and a real filter table — in a network namespace
 * of its own, so the host's rules are never touched: start-up clean-up of an earlier run's chains,
 * informer changes reaching the table, no rewrite when nothing changed, repair of a table changed
 * behind its back, stop() keeping the rules and uninstall() removing them.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { eventually } from '../../testing/index.js';
import { NetworkPolicyEnforcer } from './enforcer.js';
import { iptablesRunner, type IptablesRunner } from './iptables-runner.js';
import { TestCluster } from './cluster-fixture.js';

const pid = process.pid;
const NETNS = `npe${pid}`;
const skip = process.getuid?.() !== 0 ? 'needs root (network namespaces, iptables)' : false;

const inNs = (args: string[]): string => execFileSync('ip', ['netns', 'exec', NETNS, ...args], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
const chain = (name: string): string[] => {
  try {
    return inNs(['iptables', '-S', name]).split('\n').filter((l) => l.startsWith('-A '));
  } catch {
    return ['<missing>'];
  }
};
const filterChains = (): string[] => inNs(['iptables-save', '-t', 'filter']).split('\n').filter((l) => l.startsWith(':')).map((l) => l.slice(1).split(' ')[0] ?? '');

describe('NetworkPolicyEnforcer', { skip }, () => {
  let cluster: TestCluster;
  let enforcer: NetworkPolicyEnforcer;
  let restores = 0;
  const logs: string[] = [];

  before(async () => {
    execFileSync('ip', ['netns', 'add', NETNS]);
    // What an earlier run and the pod network left: a stale pod chain with its dispatch, the pod
    // network's accept chain, and a chain of someone else's.
    execFileSync('ip', ['netns', 'exec', NETNS, 'iptables-restore', '--noflush'], {
      input: [
        '*filter', ':NAVARCH-NP-FORWARD - [0:0]', ':NAVARCH-NP-I-10.1.1.1 - [0:0]', ':NAVARCH-FWD-test - [0:0]', ':OTHER - [0:0]',
        '-A FORWARD -j OTHER', '-A FORWARD -j NAVARCH-FWD-test', '-A FORWARD -j NAVARCH-NP-FORWARD',
        '-A NAVARCH-NP-FORWARD -d 10.1.1.1/32 -j NAVARCH-NP-I-10.1.1.1', '-A NAVARCH-NP-I-10.1.1.1 -j DROP',
        '-A NAVARCH-FWD-test -j ACCEPT', '-A OTHER -s 192.0.2.1/32 -j DROP', 'COMMIT', '',
      ].join('\n'),
    });
    cluster = await TestCluster.start();
    const real = iptablesRunner({ netns: NETNS });
    const counting: IptablesRunner = { saveFilter: () => real.saveFilter(), restore: async (t) => { restores++; await real.restore(t); } };
    enforcer = new NetworkPolicyEnforcer({
      informers: cluster.informers, nodeName: 'n1', nodeIPs: ['192.168.50.1'], podCIDR: '10.77.200.0/24',
      log: (l) => logs.push(l), iptables: counting, coalesceMs: 50,
    });
  });

  after(async () => {
    await enforcer?.stop().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    try { execFileSync('ip', ['netns', 'del', NETNS]); } catch { /* not made */ }
  });

  it('replaces an earlier run\'s chains at start and puts its jump first in FORWARD', async () => {
    cluster.informers.start();
    await enforcer.start();
    assert.deepEqual(chain('FORWARD'), [
      '-A FORWARD -m comment --comment "navarch network policy" -j NAVARCH-NP-FORWARD',
      '-A FORWARD -j OTHER',
      '-A FORWARD -j NAVARCH-FWD-test',
    ]);
    assert.deepEqual(chain('NAVARCH-NP-FORWARD'), ['-A NAVARCH-NP-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN']);
    assert.ok(!filterChains().includes('NAVARCH-NP-I-10.1.1.1'));
    assert.deepEqual(chain('OTHER'), ['-A OTHER -s 192.0.2.1/32 -j DROP']);
  });

  it('follows policies, pods and labels through the informers', async () => {
    await cluster.namespace('shop');
    await cluster.pod('shop', 'web', { node: 'n1', ip: '10.77.200.10', labels: { app: 'web' } });
    await cluster.pod('shop', 'client', { node: 'n2', ip: '10.77.201.5', labels: { role: 'client' } });
    await cluster.policy('shop', 'web-from-clients', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }],
    });
    const allowed = '-A NAVARCH-NP-I-10.77.200.10 -s 10.77.201.5/32 -p tcp -m tcp --dport 80 -j RETURN';
    await eventually(() => chain('NAVARCH-NP-I-10.77.200.10').includes(allowed), 10_000, 'the ingress chain of shop/web');
    assert.deepEqual(chain('NAVARCH-NP-I-10.77.200.10'), [
      '-A NAVARCH-NP-I-10.77.200.10 -s 10.77.200.10/32 -j RETURN',
      '-A NAVARCH-NP-I-10.77.200.10 -s 192.168.50.1/32 -j RETURN',
      '-A NAVARCH-NP-I-10.77.200.10 -s 10.77.200.1/32 -j RETURN',
      allowed,
      '-A NAVARCH-NP-I-10.77.200.10 -m comment --comment "navarch network policy: deny ingress to shop/web" -j DROP',
    ]);
    // Pods on other nodes are peers, never policed here.
    assert.ok(!filterChains().includes('NAVARCH-NP-I-10.77.201.5'));

    await cluster.setPodLabels('shop', 'client', { role: 'visitor' });
    await eventually(() => !chain('NAVARCH-NP-I-10.77.200.10').includes(allowed), 10_000, 'the client\'s rule to go');

    await cluster.deletePolicy('shop', 'web-from-clients');
    await eventually(() => !filterChains().includes('NAVARCH-NP-I-10.77.200.10'), 10_000, 'the chain of shop/web to go');
  });

  it('does not rewrite the table when nothing it reads changed', async () => {
    await cluster.policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    await eventually(() => filterChains().includes('NAVARCH-NP-I-10.77.200.10'), 10_000, 'the deny policy');
    await enforcer.syncNow();
    const before = restores;
    await enforcer.syncNow();
    await cluster.pods.namespace('shop').patch('web', 'merge', { metadata: { annotations: { touched: 'yes' } } });
    // Give the coalesced re-sync the annotation triggered time to run (it must find nothing to do).
    await new Promise((r) => setTimeout(r, 500));
    await enforcer.syncNow();
    assert.equal(restores, before);
  });

  it('repairs its chains and jump when something else changed them', async () => {
    const wanted = chain('NAVARCH-NP-I-10.77.200.10');
    inNs(['iptables', '-F', 'NAVARCH-NP-I-10.77.200.10']);
    inNs(['iptables', '-D', 'FORWARD', '-m', 'comment', '--comment', 'navarch network policy', '-j', 'NAVARCH-NP-FORWARD']);
    inNs(['iptables', '-A', 'FORWARD', '-m', 'comment', '--comment', 'navarch network policy', '-j', 'NAVARCH-NP-FORWARD']);
    await enforcer.syncNow();
    assert.deepEqual(chain('NAVARCH-NP-I-10.77.200.10'), wanted);
    assert.equal(chain('FORWARD')[0], '-A FORWARD -m comment --comment "navarch network policy" -j NAVARCH-NP-FORWARD');
    assert.equal(chain('FORWARD').length, 3);
  });

  it('keeps the rules when stopped and removes all of them, and only them, on uninstall', async () => {
    await enforcer.stop();
    assert.ok(filterChains().includes('NAVARCH-NP-I-10.77.200.10'));
    await enforcer.uninstall();
    assert.deepEqual(chain('FORWARD'), ['-A FORWARD -j OTHER', '-A FORWARD -j NAVARCH-FWD-test']);
    assert.deepEqual(filterChains().filter((c) => c.startsWith('NAVARCH-NP')), []);
    assert.deepEqual(chain('OTHER'), ['-A OTHER -s 192.0.2.1/32 -j DROP']);
    assert.ok(logs.some((l) => l.startsWith('network policy: rules applied')), logs.join('\n'));
  });
});
