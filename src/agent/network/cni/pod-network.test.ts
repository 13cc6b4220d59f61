/**
 * PodNetwork against the real plugins, as root: two pods on a test bridge with their own network
 * name and CIDR, connectivity, masquerading, hostPorts, teardown (also with the namespace gone), gc
 * after a restart, and a host left exactly as it was found.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PodNetwork, type PodNetworkOptions, type PodNetworkRequest } from '../index.js';
import {
  askFromHost, askFromNetns, netnsPath, ping, removeSharedPortmapChainsIfUnused, sh, sharedPortmapChainsExist,
  startAddressServer, trySh, type EchoServer,
} from './host-fixture.js';
import { chainNames } from './host-rules.js';

const pid = process.pid;
const tag = pid % 10000;
const third = 20 + (pid % 200);
const NET = `nvtest-${pid}`;
const BRIDGE = `nvt${tag}`;
const POD_CIDR = `10.250.${third}.0/24`;
const CLUSTER_CIDR = '10.250.0.0/16';
const GATEWAY = `10.250.${third}.1`;
const EXT_HOST_IP = `10.251.${third}.1`;
const EXT_PEER_IP = `10.251.${third}.2`;
const HOST_PORT = 20000 + tag;
const NS = [1, 2, 3, 4, 5].map((i) => `nvtest-${pid}-${i}`);
const [NS_A, NS_B, NS_C, NS_D, NS_EXT] = NS as [string, string, string, string, string];

const skip = process.getuid?.() !== 0 ? 'needs root'
  : !existsSync('/usr/lib/cni/bridge') && !existsSync('/opt/cni/bin/bridge') ? 'needs the CNI plugins (containernetworking-plugins)' : false;

const req = (n: string, ns: string, extra: Partial<PodNetworkRequest> = {}): PodNetworkRequest => ({
  sandboxId: `sb${pid}${n}`, netnsPath: netnsPath(ns), name: `pod-${n}`, namespace: 'default', uid: `uid-${n}`, ...extra,
});

describe('PodNetwork with the real CNI plugins', { skip }, () => {
  let dataDir: string;
  let opts: PodNetworkOptions;
  let net: PodNetwork;
  let sharedChainsBefore = true;
  const servers: EchoServer[] = [];
  const ips: Record<string, string> = {};
  const leases = (): string[] => {
    const d = join(dataDir, 'cni', 'ipam', NET);
    return existsSync(d) ? readdirSync(d).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f)) : [];
  };
  const natRules = (): string => sh('iptables-save', ['-t', 'nat']);
  const allRules = (): string => sh('iptables-save', []);

  before(async () => {
    sharedChainsBefore = sharedPortmapChainsExist();
    dataDir = mkdtempSync(join(tmpdir(), `navarch-cni-${pid}-`));
    for (const ns of NS) sh('ip', ['netns', 'add', ns]);
    // A peer outside the cluster CIDR: a namespace on a veth from the host.
    sh('ip', ['link', 'add', `nvx${tag}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', NS_EXT]);
    sh('ip', ['addr', 'add', `${EXT_HOST_IP}/30`, 'dev', `nvx${tag}`]);
    sh('ip', ['link', 'set', `nvx${tag}`, 'up']);
    sh('ip', ['netns', 'exec', NS_EXT, 'ip', 'addr', 'add', `${EXT_PEER_IP}/30`, 'dev', 'eth0']);
    sh('ip', ['netns', 'exec', NS_EXT, 'ip', 'link', 'set', 'eth0', 'up']);
    opts = { dataDir, podCIDR: POD_CIDR, clusterCIDR: CLUSTER_CIDR, bridge: BRIDGE, networkName: NET };
    net = new PodNetwork(opts);
  });

  after(async () => {
    for (const s of servers) s.stop();
    try {
      const again = new PodNetwork(opts);
      await again.init();
      await again.gc(new Set());
      await again.uninstall();
    } catch { /* reported by the tests */ }
    for (const ns of NS) trySh('ip', ['netns', 'del', ns]);
    trySh('ip', ['link', 'del', `nvx${tag}`]);
    trySh('ip', ['link', 'del', BRIDGE]);
    if (!sharedChainsBefore) removeSharedPortmapChainsIfUnused();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('init writes the configuration list and prepares the host', async () => {
    await net.init();
    const list = JSON.parse(readFileSync(net.conflistPath, 'utf8')) as { name: string; cniVersion: string; plugins: Array<{ type: string }> };
    assert.equal(list.name, NET);
    assert.equal(list.cniVersion, '1.0.0');
    assert.deepEqual(list.plugins.map((p) => p.type), ['bridge', 'portmap']);
    assert.equal(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim(), '1');
    assert.match(natRules(), new RegExp(`navarch pod network ${NET}: masquerade`));
    assert.match(sh('ip', ['-4', 'route', 'show', 'exact', CLUSTER_CIDR]), /^unreachable 10\.250\.0\.0\/16/);
    await net.init(); // again: nothing doubles
    assert.equal(natRules().split('\n').filter((l) => l.includes(`navarch pod network ${NET}`)).length, 1);
  });

  it('gives each pod an address in the pod CIDR behind the bridge as gateway, and lo up', async () => {
    // At once, as pod workers do: the first ADDs race to create the bridge.
    const [a, b] = await Promise.all([
      net.setUp(req('a', NS_A, { portMappings: [{ hostPort: HOST_PORT, containerPort: 8080, protocol: 'TCP' }] })),
      net.setUp(req('b', NS_B)),
    ]);
    for (const s of [a, b]) {
      assert.equal(s.ips.length, 1);
      assert.match(s.ips[0]!, new RegExp(`^10\\.250\\.${third}\\.\\d+$`));
      assert.equal(s.gateway, GATEWAY);
      assert.equal(s.interfaceName, 'eth0');
    }
    assert.notEqual(a.ips[0], b.ips[0]);
    ips.a = a.ips[0]!;
    ips.b = b.ips[0]!;
    assert.match(sh('ip', ['-4', '-o', 'addr', 'show', 'dev', BRIDGE]), new RegExp(`inet ${GATEWAY.replace(/\./g, '\\.')}/24`));
    assert.match(sh('ip', ['netns', 'exec', NS_A, 'ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']), new RegExp(`inet ${ips.a}/24`));
    assert.match(sh('ip', ['netns', 'exec', NS_A, 'ip', 'route', 'show', 'default']), new RegExp(`via ${GATEWAY}`));
    assert.match(sh('ip', ['netns', 'exec', NS_A, 'ip', 'link', 'show', 'lo']), /[<,]UP[,>]/);
    assert.deepEqual(await net.status(req('a', NS_A).sandboxId), a);
    assert.deepEqual(leases().sort(), [ips.a, ips.b].sort());
  });

  it('lets the host reach the pods and the pods reach each other', () => {
    assert.ok(ping(undefined, ips.a!), 'host → a');
    assert.ok(ping(undefined, ips.b!), 'host → b');
    assert.ok(ping(NS_A, ips.b!), 'a → b');
    assert.ok(ping(NS_B, ips.a!), 'b → a');
  });

  it('keeps pod addresses between pods and masquerades traffic leaving the cluster CIDR', async () => {
    servers.push(await startAddressServer(NS_B, 9000));
    assert.equal(await askFromNetns(NS_A, ips.b!, 9000), ips.a);
    servers.push(await startAddressServer(NS_EXT, 9000));
    assert.equal(await askFromNetns(NS_A, EXT_PEER_IP, 9000), EXT_HOST_IP);
  });

  it('forwards a hostPort on 127.0.0.1 to the pod, and back to the pod itself (hairpin)', async () => {
    servers.push(await startAddressServer(NS_A, 8080));
    // Traffic from the host's loopback is SNATed to the bridge's address so the pod can answer.
    assert.equal(await askFromHost('127.0.0.1', HOST_PORT), GATEWAY);
    // Hairpin: the pod reaches itself through its own hostPort on the bridge's address.
    assert.equal(await askFromNetns(NS_A, GATEWAY, HOST_PORT), GATEWAY);
  });

  it('tearDown releases the address and the interface, and can be repeated', async () => {
    await net.tearDown(req('b', NS_B));
    assert.deepEqual(leases(), [ips.a]);
    assert.doesNotMatch(sh('ip', ['netns', 'exec', NS_B, 'ip', '-o', 'link']), /eth0/);
    assert.equal(await net.status(req('b', NS_B).sandboxId), undefined);
    await net.tearDown(req('b', NS_B));
    await net.tearDown(req('never', NS_B));
    assert.deepEqual(leases(), [ips.a]);
  });

  it('tearDown works from the cached attachment once the namespace is gone', async () => {
    const c = req('c', NS_C, { portMappings: [{ hostPort: HOST_PORT + 1, containerPort: 80, protocol: 'UDP' }] });
    const s = await net.setUp(c);
    assert.ok(leases().includes(s.ips[0]!));
    assert.match(natRules(), new RegExp(`id: \\\\"${c.sandboxId}\\\\"`));
    sh('ip', ['netns', 'del', NS_C]);
    await net.tearDown({ ...c, portMappings: undefined });
    assert.ok(!leases().includes(s.ips[0]!));
    assert.doesNotMatch(natRules(), new RegExp(c.sandboxId));
  });

  it('gc releases what sandboxes that no longer exist still hold, after an agent restart', async () => {
    const d = await net.setUp(req('d', NS_D));
    // An address leased to a sandbox the agent never recorded (a crash between ADD and the cache).
    const ghostIp = `10.250.${third}.200`;
    writeFileSync(join(dataDir, 'cni', 'ipam', NET, ghostIp), `ghost${pid}\r\neth0`);
    const restarted = new PodNetwork(opts);
    await restarted.init();
    await restarted.gc(new Set([req('a', NS_A).sandboxId]));
    assert.deepEqual(leases(), [ips.a]);
    assert.ok(!leases().includes(d.ips[0]!));
    assert.doesNotMatch(sh('ip', ['netns', 'exec', NS_D, 'ip', '-o', 'link']), /eth0/);
    assert.ok(ping(undefined, ips.a!), 'the live pod keeps its network');
  });

  it('undoes a half-done ADD and reports the failing plugin\'s error', async () => {
    const before = leases();
    const bad = req('f', NS_D, { portMappings: [{ hostPort: 70000, containerPort: 80, protocol: 'TCP' }] });
    await assert.rejects(net.setUp(bad), /^Error: Cannot set up the network of pod default\/pod-f: CNI plugin "portmap" failed ADD.*: .*70000/);
    assert.deepEqual(leases(), before, 'the address the bridge plugin took is released');
    assert.equal(await net.status(bad.sandboxId), undefined);
    assert.doesNotMatch(sh('ip', ['netns', 'exec', NS_D, 'ip', '-o', 'link']), /eth0/);
  });

  it('refuses a path that is not a network namespace, and use before init', async () => {
    const notNs = join(dataDir, 'not-a-netns');
    writeFileSync(notNs, '');
    await assert.rejects(net.setUp({ ...req('e', NS_A), netnsPath: notNs }),
      /^Error: Cannot set up the network of pod default\/pod-e: .*not-a-netns is not a network namespace$/);
    await assert.rejects(new PodNetwork(opts).setUp(req('e', NS_A)), /init\(\) has not run/);
    assert.throws(() => new PodNetwork({ ...opts, podCIDR: '10.99.0.0/24' }), /not inside the cluster CIDR 10\.250\.0\.0\/16/);
  });

  it('leaves nothing behind once pods are torn down and the network uninstalled', async () => {
    await net.tearDown(req('a', NS_A));
    assert.deepEqual(leases(), []);
    await net.uninstall();
    assert.ok(!existsSync(`/sys/class/net/${BRIDGE}`), 'bridge removed');
    const rules = allRules();
    assert.doesNotMatch(rules, new RegExp(NET), 'no rule names the network');
    assert.doesNotMatch(rules, new RegExp(`sb${pid}`), 'no rule names a sandbox');
    for (const chain of Object.values(chainNames(NET))) assert.ok(!rules.includes(chain), `${chain} removed`);
    assert.equal(sh('ip', ['-4', 'route', 'show', 'exact', CLUSTER_CIDR]).trim(), '');
    assert.ok(!existsSync(net.conflistPath));
  });
});
