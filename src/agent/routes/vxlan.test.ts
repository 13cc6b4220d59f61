/**
 * The VXLAN overlay between two "nodes" in different subnets joined by a router (network namespaces
 * made for the test, removed after even on failure), each with a "pod" namespace behind it: PodRoutes
 * on each node routes the other's pod CIDR through navarch.1, and a TCP connection from one pod
 * reaches the other with its own source address. Stopping removes the device.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { EventHandler } from '../../client/index.js';
import { PodRoutes } from './pod-routes.js';
import type { NodeRouteView } from './route-plan.js';
import { vtepAddress, vtepMac } from './vxlan.js';

const P = `nvvx-${process.pid}`;
const NS = { r: `${P}-r`, n1: `${P}-n1`, n2: `${P}-n2`, p1: `${P}-p1`, p2: `${P}-p2` };
const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
const inNs = (ns: string, ...cmd: string[]): string => execFileSync('ip', ['netns', 'exec', ns, ...cmd], { encoding: 'utf8', timeout: 10_000 });

/** A veth between two namespaces with an address on each end. */
function wire(a: string, aName: string, aAddr: string, b: string, bName: string, bAddr: string): void {
  ip('-n', a, 'link', 'add', aName, 'type', 'veth', 'peer', 'name', bName, 'netns', b);
  ip('-n', a, 'addr', 'add', aAddr, 'dev', aName);
  ip('-n', b, 'addr', 'add', bAddr, 'dev', bName);
  ip('-n', a, 'link', 'set', aName, 'up');
  ip('-n', b, 'link', 'set', bName, 'up');
}

const SERVER = "require('net').createServer(c=>c.end('from '+c.remoteAddress+'\\n')).listen(8080,'0.0.0.0',()=>console.log('ready'));setTimeout(()=>process.exit(0),60000)";
const CLIENT = "const c=require('net').connect(8080,process.argv[1]);let d='';c.setTimeout(2000,()=>{console.log('TIMEOUT');process.exit(1)});c.on('data',b=>d+=b);c.on('end',()=>{process.stdout.write(d);process.exit(0)});c.on('error',e=>{console.log(e.code);process.exit(1)})";

function connect(fromNs: string, to: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('ip', ['netns', 'exec', fromNs, process.execPath, '-e', CLIENT, to], { timeout: 5000, killSignal: 'SIGKILL' }, (_e, stdout) => resolve(stdout.trim()));
  });
}

function nodes(): { store: { list(): NodeRouteView[] }; addEventHandler(h: EventHandler<NodeRouteView>): { remove(): void } } {
  const list: NodeRouteView[] = [
    { metadata: { name: 'n1' }, spec: { podCIDR: '10.77.1.0/24' }, status: { addresses: [{ type: 'InternalIP', address: '198.51.100.2' }] } },
    { metadata: { name: 'n2' }, spec: { podCIDR: '10.77.2.0/24' }, status: { addresses: [{ type: 'InternalIP', address: '203.0.113.2' }] } },
  ];
  return { store: { list: () => list }, addEventHandler: () => ({ remove: () => undefined }) };
}

describe('VTEP names', () => {
  it('derives the VTEP MAC from the node address and the VTEP address from the pod CIDR', () => {
    assert.equal(vtepMac('198.51.100.2'), '0a:58:c6:33:64:02');
    assert.equal(vtepAddress('10.42.3.0/24'), '10.42.3.0');
    assert.throws(() => vtepAddress('fd00::/64'), /not an IPv4 CIDR/);
  });
});

describe('VXLAN overlay between nodes in different subnets', { skip: process.getuid?.() !== 0 ? 'needs root' : false }, () => {
  let server: ChildProcess | undefined;

  before(async () => {
    for (const ns of Object.values(NS)) {
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    wire(NS.r, 'r1', '198.51.100.1/24', NS.n1, 'eth0', '198.51.100.2/24');
    wire(NS.r, 'r2', '203.0.113.1/24', NS.n2, 'eth0', '203.0.113.2/24');
    ip('-n', NS.n1, 'route', 'add', 'default', 'via', '198.51.100.1');
    ip('-n', NS.n2, 'route', 'add', 'default', 'via', '203.0.113.1');
    wire(NS.n1, 'pod0', '10.77.1.1/24', NS.p1, 'eth0', '10.77.1.5/24');
    wire(NS.n2, 'pod0', '10.77.2.1/24', NS.p2, 'eth0', '10.77.2.5/24');
    ip('-n', NS.p1, 'route', 'add', 'default', 'via', '10.77.1.1');
    ip('-n', NS.p2, 'route', 'add', 'default', 'via', '10.77.2.1');
    for (const ns of [NS.r, NS.n1, NS.n2]) inNs(ns, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward');
    server = spawn('ip', ['netns', 'exec', NS.p2, process.execPath, '-e', SERVER], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the pod server did not start')), 10_000);
      server?.stdout?.once('data', () => { clearTimeout(t); resolve(); });
    });
  });

  after(() => {
    server?.kill('SIGKILL');
    for (const ns of Object.values(NS)) {
      try { ip('netns', 'del', ns); } catch { /* not made */ }
    }
  });

  it('routes the other node\'s pods through navarch.1 and pods talk with their own addresses', async () => {
    // Without routes the pod network of the other node is not reachable (the router knows no pod CIDRs).
    assert.notEqual(await connect(NS.p1, '10.77.2.5'), 'from 10.77.1.5');
    const logs: string[] = [];
    const r1 = new PodRoutes({ nodes: nodes(), nodeName: 'n1', nodeIP: '198.51.100.2', podCIDR: '10.77.1.0/24', netns: NS.n1, resyncMs: 0, log: (l) => logs.push(l) });
    const r2 = new PodRoutes({ nodes: nodes(), nodeName: 'n2', nodeIP: '203.0.113.2', podCIDR: '10.77.2.0/24', netns: NS.n2, resyncMs: 0, log: (l) => logs.push(l) });
    await r1.start();
    await r2.start();
    try {
      assert.deepEqual(r1.routes, [{ cidr: '10.77.2.0/24', via: '10.77.2.0', node: 'n2', dev: 'navarch.1' }], logs.join('\n'));
      assert.match(ip('-n', NS.n1, '-4', 'route', 'show', 'proto', '79'), /^10\.77\.2\.0\/24 via 10\.77\.2\.0 dev navarch\.1 .*onlink/m);
      const link = ip('-n', NS.n1, '-d', 'link', 'show', 'navarch.1');
      assert.match(link, new RegExp(`link/ether ${vtepMac('198.51.100.2')}`));
      assert.match(link, /vxlan id 1 local 198\.51\.100\.2 .*dstport 8472/);
      assert.match(ip('-n', NS.n1, 'neigh', 'show', 'dev', 'navarch.1'), new RegExp(`${vtepAddress('10.77.2.0/24')} lladdr ${vtepMac('203.0.113.2')} PERMANENT`));
      assert.equal(await connect(NS.p1, '10.77.2.5'), 'from 10.77.1.5');
      // A second sync changes nothing and keeps traffic flowing.
      await r1.sync();
      assert.equal(await connect(NS.p1, '10.77.2.5'), 'from 10.77.1.5');
    } finally {
      await r1.stop();
      await r2.stop();
    }
    assert.equal(ip('-n', NS.n1, '-4', 'route', 'show', 'proto', '79').trim(), '');
    assert.throws(() => execFileSync('ip', ['-n', NS.n1, 'link', 'show', 'navarch.1'], { stdio: 'pipe' }));
    assert.notEqual(await connect(NS.p1, '10.77.2.5'), 'from 10.77.1.5');
  });
});
