import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { NetworkPolicyLike } from '../../api/types/networking/index.js';
import { ClusterSnapshot, policyTypesOf } from './cluster-snapshot.js';
import { compilePodRules } from './compile.js';
import { namespace, pod, policy } from './object-fixture.js';

const NAMESPACES = [namespace('default'), namespace('prod', { team: 'a' }), namespace('dev', { team: 'b' })];

function compile(pods: Pod[], policies: NetworkPolicyLike[], target: string) {
  const snap = new ClusterSnapshot(pods, NAMESPACES, policies);
  const p = pods.find((x) => `${x.metadata.namespace}/${x.metadata.name}` === target);
  assert.ok(p);
  return compilePodRules(snap, p);
}

describe('policyTypesOf', () => {
  it('defaults to Ingress, plus Egress when egress rules exist', () => {
    assert.deepEqual(policyTypesOf(policy('d', 'p', {})), { ingress: true, egress: false });
    assert.deepEqual(policyTypesOf(policy('d', 'p', { egress: [{}] })), { ingress: true, egress: true });
    assert.deepEqual(policyTypesOf(policy('d', 'p', { policyTypes: ['Egress'] })), { ingress: false, egress: true });
    assert.deepEqual(policyTypesOf(policy('d', 'p', { policyTypes: ['Ingress'], egress: [{}] })), { ingress: true, egress: false });
  });
});

describe('compilePodRules', () => {
  const web = pod('default', 'web', '10.42.0.10', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] });
  const api = pod('default', 'api', '10.42.0.11', { labels: { app: 'api' } });
  const other = pod('prod', 'other', '10.42.1.5', { labels: { app: 'api' }, node: 'n2' });
  const devPod = pod('dev', 'tool', '10.42.1.6', { labels: { app: 'tool' }, node: 'n2' });
  const all = [web, api, other, devPod];

  it('leaves a pod no policy selects unisolated', () => {
    assert.deepEqual(compile(all, [policy('default', 'p', { podSelector: { matchLabels: { app: 'none' } } })], 'default/web'), {});
    assert.deepEqual(compile(all, [policy('prod', 'p', {})], 'default/web'), {}, 'policies only select in their namespace');
  });

  it('isolates for ingress with nothing allowed under a default deny', () => {
    assert.deepEqual(compile(all, [policy('default', 'deny', { policyTypes: ['Ingress'] })], 'default/web'), { ingress: [] });
    assert.deepEqual(compile(all, [policy('default', 'deny', { policyTypes: ['Ingress', 'Egress'] })], 'default/web'), { ingress: [], egress: [] });
  });

  it('allows everything for an empty rule', () => {
    assert.deepEqual(compile(all, [policy('default', 'all', { ingress: [{}] })], 'default/web'), { ingress: [{}] });
  });

  it('podSelector peers are pods of the policy namespace, by address', () => {
    const np = policy('default', 'p', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] });
    assert.deepEqual(compile(all, [np], 'default/web'), { ingress: [{ cidr: '10.42.0.11/32' }] });
  });

  it('namespaceSelector peers are every pod of the selected namespaces; with podSelector both must match', () => {
    const nsOnly = policy('default', 'p', { ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } }] }] });
    assert.deepEqual(compile(all, [nsOnly], 'default/web').ingress, [{ cidr: '10.42.1.6/32' }, { cidr: '10.42.1.5/32' }]);
    const both = policy('default', 'p', { ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } }] }] });
    assert.deepEqual(compile(all, [both], 'default/web').ingress, [{ cidr: '10.42.0.11/32' }, { cidr: '10.42.1.5/32' }]);
    const separate = policy('default', 'p', { ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }, { podSelector: { matchLabels: { app: 'api' } } }] }] });
    assert.deepEqual(compile(all, [separate], 'default/web').ingress, [{ cidr: '10.42.1.5/32' }, { cidr: '10.42.0.11/32' }]);
  });

  it('ipBlock is the cidr minus its excepts; IPv6 blocks are left to ip6tables', () => {
    const np = policy('default', 'p', { ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.0.0/17'] } }, { ipBlock: { cidr: 'fd00::/64' } }] }] });
    assert.deepEqual(compile(all, [np], 'default/web').ingress, [{ cidr: '172.17.128.0/17' }]);
  });

  it('ports: protocol defaults to TCP, a protocol alone means all its ports, endPort makes a range, named ports resolve on the pod', () => {
    const np = policy('default', 'p', {
      ingress: [{
        from: [{ podSelector: { matchLabels: { app: 'api' } } }],
        ports: [{ port: 80 }, { protocol: 'UDP' }, { protocol: 'SCTP', port: 9000, endPort: 9010 }, { port: 'http' }, { port: 'http', protocol: 'UDP' }, { port: 'nope' }],
      }],
    });
    assert.deepEqual(compile(all, [np], 'default/web').ingress, [
      { cidr: '10.42.0.11/32', protocol: 'TCP', port: 80 },
      { cidr: '10.42.0.11/32', protocol: 'UDP' },
      { cidr: '10.42.0.11/32', protocol: 'SCTP', port: 9000, endPort: 9010 },
      { cidr: '10.42.0.11/32', protocol: 'TCP', port: 8080 },
    ]);
  });

  it('takes the union of every policy selecting the pod, without duplicates, and ignores rules of a type not listed', () => {
    const a = policy('default', 'a', { ingress: [{ ports: [{ port: 80 }] }] });
    const b = policy('default', 'b', { ingress: [{ ports: [{ port: 80 }, { port: 443 }] }] });
    const egressOnly = policy('default', 'c', { policyTypes: ['Egress'], ingress: [{}], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] });
    assert.deepEqual(compile(all, [a, b, egressOnly], 'default/web'), {
      ingress: [{ protocol: 'TCP', port: 80 }, { protocol: 'TCP', port: 443 }],
      egress: [{ protocol: 'UDP', port: 53 }],
    });
  });

  it('egress named ports resolve on each destination pod, also inside ipBlocks and for any destination', () => {
    const db1 = pod('default', 'db1', '10.42.0.20', { labels: { app: 'db' }, ports: [{ name: 'sql', containerPort: 5432 }] });
    const db2 = pod('prod', 'db2', '10.42.1.20', { labels: { app: 'db' }, ports: [{ name: 'sql', containerPort: 3306 }], node: 'n2' });
    const pods = [...all, db1, db2];
    const toPods = policy('default', 'p', { podSelector: { matchLabels: { app: 'api' } }, egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 'sql' }] }] });
    assert.deepEqual(compile(pods, [toPods], 'default/api').egress, [
      { cidr: '10.42.0.20/32', protocol: 'TCP', port: 5432 },
      { cidr: '10.42.1.20/32', protocol: 'TCP', port: 3306 },
    ]);
    const toBlock = policy('default', 'p', { podSelector: { matchLabels: { app: 'api' } }, egress: [{ to: [{ ipBlock: { cidr: '10.42.1.0/24' } }], ports: [{ port: 'sql' }, { port: 22 }] }] });
    assert.deepEqual(compile(pods, [toBlock], 'default/api').egress, [
      { cidr: '10.42.1.20/32', protocol: 'TCP', port: 3306 },
      { cidr: '10.42.1.0/24', protocol: 'TCP', port: 22 },
    ]);
    const anywhere = policy('default', 'p', { podSelector: { matchLabels: { app: 'api' } }, egress: [{ ports: [{ port: 'sql' }] }] });
    assert.deepEqual(compile(pods, [anywhere], 'default/api').egress, [
      { cidr: '10.42.0.20/32', protocol: 'TCP', port: 5432 },
      { cidr: '10.42.1.20/32', protocol: 'TCP', port: 3306 },
    ]);
  });

  it('pods on the host network, without an address or finished are neither selected peers nor targets', () => {
    const hostNet = pod('default', 'h', '192.168.1.1', { labels: { app: 'api' }, hostNetwork: true });
    const pending = pod('default', 'p0', '', { labels: { app: 'api' } });
    const done = pod('default', 'done', '10.42.0.99', { labels: { app: 'api' }, phase: 'Succeeded' });
    const np = policy('default', 'p', { ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] });
    assert.deepEqual(compile([...all, hostNet, pending, done], [np], 'default/web').ingress, [{ cidr: '10.42.0.11/32' }]);
    const snap = new ClusterSnapshot([hostNet, done], NAMESPACES, [np]);
    assert.deepEqual(snap.pods, []);
  });

  it('a namespace the informer has not seen matches no namespaceSelector', () => {
    const ghost = pod('ghost', 'g', '10.42.0.50');
    const np = policy('default', 'p', { ingress: [{ from: [{ namespaceSelector: {} }] }] });
    const ingress = compile([...all, ghost], [np], 'default/web').ingress ?? [];
    assert.ok(!ingress.some((e) => e.cidr === '10.42.0.50/32'));
    assert.equal(ingress.length, 4);
  });

  it('the tutorial: frontend → backend → database', () => {
    const ns = 'network-policy-tutorial';
    const frontend = pod(ns, 'frontend', '10.42.0.2', { labels: { run: 'frontend' } });
    const backend = pod(ns, 'backend', '10.42.0.3', { labels: { run: 'backend' } });
    const database = pod(ns, 'database', '10.42.0.4', { labels: { run: 'database' } });
    const pods = [frontend, backend, database];
    const policies = [
      policy(ns, 'namespace-default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(ns, 'frontend-default', { podSelector: { matchLabels: { run: 'frontend' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { run: 'backend' } } }] }] }),
      policy(ns, 'backend-default', {
        podSelector: { matchLabels: { run: 'backend' } }, policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { run: 'frontend' } } }] }],
        egress: [{ to: [{ podSelector: { matchLabels: { run: 'database' } } }] }],
      }),
      policy(ns, 'database-default', { podSelector: { matchLabels: { run: 'database' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { run: 'backend' } } }] }] }),
    ];
    const s = new ClusterSnapshot(pods, [namespace(ns)], policies);
    assert.deepEqual(compilePodRules(s, frontend), { ingress: [], egress: [{ cidr: '10.42.0.3/32' }] });
    assert.deepEqual(compilePodRules(s, backend), { ingress: [{ cidr: '10.42.0.2/32' }], egress: [{ cidr: '10.42.0.4/32' }] });
    assert.deepEqual(compilePodRules(s, database), { ingress: [{ cidr: '10.42.0.3/32' }], egress: [] });
  });
});
