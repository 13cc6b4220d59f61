/**
 * Several real nodes (issue 8, part 4): `navarch server` in this host's network namespace on a bridge
 * the test makes, and two `navarch agent`s, each inside a network namespace of its own on a veth into
 * that bridge: one L2 segment. A third agent sits on a second bridge, reached through this host as a
 * router (host-gw cannot reach it: the VXLAN overlay does). Agents are started with nsenter --net, not
 * `ip netns exec`, which would remount /sys and hide the cgroup hierarchies runc needs. Images come
 * from the local test registry through a relay on the bridge address.
 * With the real kubectl: pods on all nodes, logs and exec on agent nodes (kubelet serving certificates
 * the server signed), a pod on node A reaching a pod IP, a ClusterIP and a DNS name whose only endpoint
 * is on node B, a NodePort on node A's address served by a pod on B, a pod on node C over VXLAN, and a
 * NetworkPolicy on node B denying a pod of node A while admitting another. Everything made here —
 * namespaces, links, processes, containers, data dirs — is removed afterwards, even on failure.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRegistry, type TestRegistry } from '../../src/agent/images/index.js';
import { eventually, NAVARCH_BIN } from './harness.js';
import { collect, lockRealNode, must, run, startRelay, stopChild, until, waitForLine } from './multinode-lab.js';

const SUFFIX = process.pid % 10000;
const SEG = `198.18.${process.pid % 250}`;
const SERVER_IP = `${SEG}.1`;
const CIDR_OCTET = 120 + (process.pid % 20);
const CLUSTER_CIDR = `10.${CIDR_OCTET}.0.0/16`;
const BRIDGE = `nvmsw${SUFFIX}`;
/** The second segment, routed through this host. */
const SEG2 = `198.19.${process.pid % 250}`;
const BRIDGE2 = `nvmsx${SUFFIX}`;

interface HostNode { name: string; ns: string; ip: string; hostVeth: string; bridge: string; dataDir: string; child?: ChildProcess; output: string }

describe('several nodes: agents in their own network namespaces join a server', { timeout: 900_000 }, () => {
  let unlock: (() => void) | undefined;
  let reg: TestRegistry | undefined;
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
  let serverDir = '';
  let server: ChildProcess | undefined;
  const serverLog = { output: '' };
  let kubeconfig = '';
  const nodes: HostNode[] = ['a', 'b', 'c'].map((x, i) => ({
    name: `mn-${x}-${SUFFIX}`, ns: `nvm-${process.pid}-${x}`, ip: x === 'c' ? `${SEG2}.2` : `${SEG}.${i + 2}`, hostVeth: `nvmv${x}${SUFFIX}`,
    bridge: x === 'c' ? BRIDGE2 : BRIDGE, dataDir: '', output: '',
  }));
  const [A, B, C] = nodes as [HostNode, HostNode, HostNode];

  const kubectl = (args: string[], input?: string) => run('kubectl', ['--kubeconfig', kubeconfig, ...args], 60_000, input);
  const k = async (...args: string[]): Promise<string> => {
    const r = await kubectl(args);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  };
  const apply = async (yaml: string): Promise<void> => {
    const r = await kubectl(['apply', '-f', '-'], yaml);
    assert.equal(r.code, 0, r.stderr);
  };
  const podIP = async (name: string): Promise<string> => (await k('get', 'pod', name, '-o', 'jsonpath={.status.podIP}')).trim();
  const waitReady = (name: string) => eventually(async () => {
    const r = await kubectl(['get', 'pod', name, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
    return r.code === 0 && r.stdout.trim() === 'True';
  }, 120_000, `pod ${name} to be Ready`);
  /**
   * An HTTP GET from inside a pod (busybox nc, 2 s limit; the static busybox's wget crashes resolving
   * names): the body of a 200 answer, or undefined when the connection failed or the answer was not 200.
   */
  const getFrom = async (pod: string, host: string, port = 80): Promise<string | undefined> => {
    const r = await kubectl(['exec', pod, '--', 'sh', '-c', `printf 'GET / HTTP/1.0\\r\\nHost: ${host}\\r\\n\\r\\n' | nc -w 2 ${host} ${port}`]);
    if (r.code !== 0 || !/^HTTP\/1\.[01] 200 /.test(r.stdout)) return undefined;
    const at = r.stdout.indexOf('\r\n\r\n');
    return at < 0 ? undefined : r.stdout.slice(at + 4);
  };
  const podYaml = (name: string, node: HostNode, labels: Record<string, string>, command: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
spec:
  nodeName: ${node.name}
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: busybox:1.36
    command: [/bin/sh, -c, ${JSON.stringify(command)}]
`;
  const WEB = 'mkdir -p /www && hostname > /www/index.html && echo serving on $(hostname) && exec httpd -f -p 80 -h /www';

  before(async () => {
    unlock = await lockRealNode();
    // The segment: a bridge here (the server's address) and a veth into each node's namespace.
    for (const [bridge, address] of [[BRIDGE, `${SERVER_IP}/24`], [BRIDGE2, `${SEG2}.1/24`]] as const) {
      await must('ip', ['link', 'add', bridge, 'type', 'bridge']);
      await must('ip', ['addr', 'add', address, 'dev', bridge]);
      await must('ip', ['link', 'set', bridge, 'up']);
    }
    for (const n of nodes) {
      await must('ip', ['netns', 'add', n.ns]);
      await must('ip', ['-n', n.ns, 'link', 'set', 'lo', 'up']);
      await must('ip', ['link', 'add', n.hostVeth, 'type', 'veth', 'peer', 'name', `${n.hostVeth}p`]);
      await must('ip', ['link', 'set', `${n.hostVeth}p`, 'netns', n.ns]);
      await must('ip', ['-n', n.ns, 'link', 'set', `${n.hostVeth}p`, 'name', 'eth0']);
      await must('ip', ['-n', n.ns, 'addr', 'add', `${n.ip}/24`, 'dev', 'eth0']);
      await must('ip', ['-n', n.ns, 'link', 'set', 'eth0', 'up']);
      await must('ip', ['link', 'set', n.hostVeth, 'master', n.bridge]);
      await must('ip', ['link', 'set', n.hostVeth, 'up']);
      // The other segment through this host (no default route: nothing leaves the namespaces made here).
      const [other, gw] = n === C ? [`${SEG}.0/24`, `${SEG2}.1`] : [`${SEG2}.0/24`, SERVER_IP];
      await must('ip', ['-n', n.ns, 'route', 'add', other, 'via', gw]);
    }
    const forwarding = readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
    assert.equal(forwarding, '1', 'this host must forward IPv4 (net.ipv4.ip_forward=1) to route between the test\'s two segments');
    reg = await startTestRegistry();
    const [regHost, regPort] = reg.address.split(':') as [string, string];
    relay = await startRelay(SERVER_IP, { host: regHost, port: Number(regPort) });
    const mirror = `http://${SERVER_IP}:${relay.port}`;
    const registriesYaml = `mirrors:\n  docker.io:\n    endpoint: ["${mirror}"]\n  "*":\n    endpoint: ["${mirror}"]\ndisableDefaultEndpoint: true\n`;

    serverDir = mkdtempSync(join(tmpdir(), 'navarch-e2e-mn-server-'));
    server = spawn(process.execPath, [NAVARCH_BIN, 'server', '--data-dir', serverDir, '--bind-address', SERVER_IP, '--https-port', '0', '--cluster-cidr', CLUSTER_CIDR],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    collect(server, serverLog);
    const url = (await waitForLine(server, /listening on (https:\/\/\S+)/, serverLog, 30_000, 'navarch server'))[1]!;
    kubeconfig = join(serverDir, 'kubeconfig.yaml');
    const token = readFileSync(join(serverDir, 'node-token'), 'utf8').trim();

    // One agent after the other: each picks a free pod CIDR when it registers.
    for (const n of nodes) {
      n.dataDir = mkdtempSync(join(tmpdir(), `navarch-e2e-mn-${n.name}-`));
      writeFileSync(join(n.dataDir, 'registries.yaml'), registriesYaml);
      n.child = spawn('nsenter', [`--net=/var/run/netns/${n.ns}`, process.execPath, NAVARCH_BIN, 'agent', '--server', url, '--token', token,
        '--data-dir', n.dataDir, '--node-name', n.name, '--node-ip', n.ip, '--cni-bridge', `nvmc${SUFFIX}`, '--cluster-cidr', CLUSTER_CIDR],
      { stdio: ['ignore', 'ignore', 'pipe'] });
      collect(n.child, n);
      await waitForLine(n.child, /joined https:/, n, 60_000, `navarch agent ${n.name}`);
    }
    await eventually(async () => {
      const out = await k('get', 'nodes', '--no-headers');
      return nodes.every((n) => new RegExp(`^${n.name}\\s+Ready\\s`, 'm').test(out));
    }, 60_000, 'both nodes Ready');
  });

  after(async () => {
    const problems: string[] = [];
    for (const n of nodes) await stopChild(n.child);
    for (const n of nodes) {
      if (!n.dataDir) continue;
      // Containers outlive agents: killall inside the node's namespace removes them and its network.
      const r = await run('nsenter', [`--net=/var/run/netns/${n.ns}`, process.execPath, NAVARCH_BIN, 'killall', '--data-dir', n.dataDir], 120_000);
      if (r.code !== 0) problems.push(`killall ${n.name}: ${r.stderr}`);
    }
    await stopChild(server);
    await relay?.close();
    await reg?.stop();
    for (const n of nodes) {
      await run('ip', ['netns', 'del', n.ns]);
      await run('ip', ['link', 'del', n.hostVeth]);
      if (n.dataDir) rmSync(n.dataDir, { recursive: true, force: true });
    }
    await run('ip', ['link', 'del', BRIDGE]);
    await run('ip', ['link', 'del', BRIDGE2]);
    if (serverDir) rmSync(serverDir, { recursive: true, force: true });
    unlock?.();
    if (problems.length > 0) process.stderr.write(`multinode clean-up: ${problems.join('\n')}\n`);
  });

  it('gives each node its own pod CIDR; nodes of one segment route to each other directly, others through VXLAN', async () => {
    const cidrs = await Promise.all(nodes.map(async (n) => (await k('get', 'node', n.name, '-o', 'jsonpath={.spec.podCIDR}')).trim()));
    for (const c of cidrs) assert.match(c, new RegExp(`^10\\.${CIDR_OCTET}\\.\\d+\\.0/24$`));
    assert.equal(new Set(cidrs).size, 3, cidrs.join(' '));
    const [cidrA, cidrB, cidrC] = cidrs as [string, string, string];
    const vtep = (cidr: string): string => cidr.replace(/\/24$/, '');
    const expected: Array<[HostNode, string[]]> = [
      [A, [`${cidrB} via ${B.ip} dev eth0`, `${cidrC} via ${vtep(cidrC)} dev navarch.1`]],
      [B, [`${cidrA} via ${A.ip} dev eth0`, `${cidrC} via ${vtep(cidrC)} dev navarch.1`]],
      [C, [`${cidrA} via ${vtep(cidrA)} dev navarch.1`, `${cidrB} via ${vtep(cidrB)} dev navarch.1`]],
    ];
    for (const [n, want] of expected) {
      const routes = await until(async () => {
        const out = await must('ip', ['-n', n.ns, '-4', '-o', 'route', 'show', 'proto', '79']);
        return want.every((w) => out.includes(w)) ? out : undefined;
      }, 10_000, `the routes on ${n.name}: ${want.join(', ')}`);
      assert.equal(routes.trim().split('\n').length, 2, routes);
    }
  });

  it('runs pods on both nodes; a pod on A reaches a pod IP on B; logs and exec reach agent nodes', async () => {
    await apply(podYaml('web-b', B, { app: 'web-b' }, WEB));
    await apply(podYaml('client-a', A, { role: 'client' }, 'echo hello from client-a; exec sleep 3600'));
    await apply(podYaml('trusted-a', A, { role: 'client', access: 'granted' }, 'exec sleep 3600'));
    for (const p of ['web-b', 'client-a', 'trusted-a']) await waitReady(p);
    const wide = await k('get', 'pods', '-o', 'wide', '--no-headers');
    assert.match(wide, new RegExp(`^web-b\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.${CIDR_OCTET}\\.\\d+\\.\\d+\\s+${B.name}\\s`, 'm'));
    assert.match(wide, new RegExp(`^client-a\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.${CIDR_OCTET}\\.\\d+\\.\\d+\\s+${A.name}\\s`, 'm'));

    // Logs and exec go through the API server to the agents' kubelet APIs (serving certificates the server signed).
    assert.match(await k('logs', 'client-a'), /^hello from client-a$/m);
    assert.match(await k('logs', 'web-b'), /^serving on web-b$/m);
    assert.equal((await k('exec', 'web-b', '--', 'cat', '/www/index.html')).trim(), 'web-b');
    const ip = await podIP('web-b');
    const body = await until(() => getFrom('client-a', ip), 15_000, 'client-a to reach web-b by pod IP');
    assert.equal(body.trim(), 'web-b');
  });

  it('a ClusterIP and its DNS name whose only endpoint is on node B, from a pod on node A; a NodePort on A\'s address', async () => {
    await apply(`apiVersion: v1
kind: Service
metadata: {name: web-b}
spec:
  type: NodePort
  selector: {app: web-b}
  ports: [{port: 8080, targetPort: 80}]
`);
    const clusterIP = (await k('get', 'svc', 'web-b', '-o', 'jsonpath={.spec.clusterIP}')).trim();
    const nodePort = Number((await k('get', 'svc', 'web-b', '-o', 'jsonpath={.spec.ports[0].nodePort}')).trim());
    assert.ok(nodePort >= 30000 && nodePort <= 32767, String(nodePort));
    const eps = await until(async () => {
      const out = (await k('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web-b', '-o', 'jsonpath={.items[*].endpoints[*].nodeName}')).trim();
      return out || undefined;
    }, 15_000, 'the endpoint of web-b');
    assert.equal(eps, B.name);

    const viaClusterIP = await until(() => getFrom('client-a', clusterIP, 8080), 15_000, 'client-a to reach the ClusterIP');
    assert.equal(viaClusterIP.trim(), 'web-b');
    const viaDns = await until(() => getFrom('client-a', 'web-b.default.svc.cluster.local', 8080), 15_000, 'client-a to reach web-b by name');
    assert.equal(viaDns.trim(), 'web-b');

    // From this host (outside the cluster) to node A's address: node A forwards to the pod on node B.
    const viaNodePort = await until(async () => {
      const res = await fetch(`http://${A.ip}:${nodePort}/`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
      return res?.ok ? res.text() : undefined;
    }, 15_000, 'the NodePort on node A');
    assert.equal(viaNodePort.trim(), 'web-b');
  });

  it('a pod on node A reaches a pod on node C behind a router, through the VXLAN overlay', async () => {
    await apply(podYaml('web-c', C, { app: 'web-c' }, WEB));
    await waitReady('web-c');
    const ip = await podIP('web-c');
    const body = await until(() => getFrom('client-a', ip), 15_000, 'client-a to reach web-c by pod IP');
    assert.equal(body.trim(), 'web-c');
    // And the other way round, to a ClusterIP whose only endpoint is on node B.
    const clusterIP = (await k('get', 'svc', 'web-b', '-o', 'jsonpath={.spec.clusterIP}')).trim();
    const back = await until(async () => (await kubectl(['exec', 'web-c', '--', 'sh', '-c',
      `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${clusterIP} 8080`])).stdout.split('\r\n\r\n')[1], 15_000, 'web-c to reach web-b\'s ClusterIP');
    assert.equal(back.trim(), 'web-b');
  });

  it('a NetworkPolicy on node B denies a pod of node A and admits the one it allows', async () => {
    const ip = await podIP('web-b');
    assert.equal((await until(() => getFrom('client-a', ip), 15_000, 'reachable before the policy')).trim(), 'web-b');
    await apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-b-from-granted}
spec:
  podSelector: {matchLabels: {app: web-b}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchLabels: {access: granted}}
    ports: [{protocol: TCP, port: 80}]
`);
    await eventually(async () => (await getFrom('client-a', ip)) === undefined, 15_000, 'client-a to be denied');
    // Denied every time, not just once; the allowed pod and the ClusterIP path for it still work.
    for (let i = 0; i < 3; i++) assert.equal(await getFrom('client-a', ip), undefined);
    assert.equal((await getFrom('trusted-a', ip))?.trim(), 'web-b');
    const clusterIP = (await k('get', 'svc', 'web-b', '-o', 'jsonpath={.spec.clusterIP}')).trim();
    assert.equal((await getFrom('trusted-a', clusterIP, 8080))?.trim(), 'web-b');
    assert.equal(await getFrom('client-a', clusterIP, 8080), undefined);

    await k('delete', 'networkpolicy', 'web-b-from-granted');
    const back = await until(() => getFrom('client-a', ip), 15_000, 'client-a admitted again');
    assert.equal(back.trim(), 'web-b');
  });

  it('removes a node\'s route on the other node when the node goes away', async () => {
    const cidrB = (await k('get', 'node', B.name, '-o', 'jsonpath={.spec.podCIDR}')).trim();
    await stopChild(B.child);
    // The agent's own stop removed the routes it held.
    assert.equal((await must('ip', ['-n', B.ns, '-4', 'route', 'show', 'proto', '79'])).trim(), '');
    await k('delete', 'node', B.name, '--wait=false');
    await eventually(async () => !(await must('ip', ['-n', A.ns, '-4', 'route', 'show', 'proto', '79'])).includes(cidrB), 15_000, `node A to drop the route to ${cidrB}`);
  });
});
