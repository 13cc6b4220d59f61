/**
 * Test support for the network policy tests (root only): a throwaway "node" network namespace
 * holding a bridge with bridged traffic passing iptables, "pod" namespaces on veths to it, and an
 * "outside" namespace routed through the node; TCP/UDP servers in a namespace that answer with the
 * address they saw, and a one-shot client telling an answer from a timeout (a dropped packet) and
 * from a refusal. Everything is named after the test's process id, bounded in time, and removed by
 * destroy() even when half made.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';

function sh(args: string[]): string {
  return execFileSync(args[0] as string, args.slice(1), { timeout: 10_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function trySh(args: string[]): boolean {
  try { sh(args); return true; } catch { return false; }
}

/** Answers every TCP connection and UDP datagram with the peer's address; exits by itself after 10 minutes. */
const SERVER = `const net=require('net'),dg=require('dgram');let n=0;const want=process.argv[1].split(',').filter(Boolean).length+process.argv[2].split(',').filter(Boolean).length;`
  + `const up=()=>{if(++n===want)console.log('ready')};`
  + `for(const p of process.argv[1].split(',').filter(Boolean)){net.createServer(c=>{c.on('error',()=>{});c.end(c.remoteAddress+'\\n')}).listen(Number(p),'0.0.0.0',up)}`
  + `for(const p of process.argv[2].split(',').filter(Boolean)){const s=dg.createSocket('udp4');s.on('message',(m,r)=>s.send(r.address+'\\n',r.port,r.address));s.bind(Number(p),'0.0.0.0',up)}`
  + `setTimeout(()=>process.exit(0),600000);`;

/** One attempt: prints "ok <reply>", "timeout" or "error <message>"; gives up after argv[4] ms. */
const CLIENT = `const [proto,host,port,ms]=process.argv.slice(1);const done=(s)=>{process.stdout.write(s);process.exit(0)};`
  + `setTimeout(()=>done('timeout'),Number(ms));`
  + `if(proto==='tcp'){const c=require('net').connect(Number(port),host);let d='';c.on('data',b=>d+=b);c.on('end',()=>done('ok '+d.trim()));c.on('error',e=>done('error '+e.code))}`
  + `else{const s=require('dgram').createSocket('udp4');s.on('message',m=>done('ok '+String(m).trim()));s.on('error',e=>done('error '+e.code));s.send('q',Number(port),host)}`;

export type Outcome = { kind: 'ok'; from: string } | { kind: 'timeout' } | { kind: 'error'; message: string };

export interface LabPod { name: string; netns: string; ip: string }

export interface NetnsLabOptions {
  /** Unique per test run; names of namespaces and links are made from it. */
  tag: string;
  /** Third octet of the lab's pod subnet 10.77.<n>.0/24 (different per test file). */
  subnet: number;
}

export class NetnsLab {
  readonly node: string;
  readonly podCIDR: string;
  readonly gateway: string;
  /** The node's address on the link to the outside namespace. */
  readonly nodeIP: string;
  readonly outside: LabPod;
  readonly pods = new Map<string, LabPod>();
  private readonly namespaces: string[] = [];
  private readonly servers: ChildProcess[] = [];
  private nextHost = 10;

  constructor(private readonly o: NetnsLabOptions) {
    this.node = `np${o.tag}-node`;
    this.podCIDR = `10.77.${o.subnet}.0/24`;
    this.gateway = `10.77.${o.subnet}.1`;
    this.nodeIP = `172.30.${o.subnet}.1`;
    this.outside = { name: 'outside', netns: `np${o.tag}-out`, ip: `172.30.${o.subnet}.2` };
  }

  /** Makes the node namespace (bridge, forwarding, bridged traffic through iptables) and the outside one. */
  create(): void {
    this.addNetns(this.node);
    const n = ['ip', 'netns', 'exec', this.node];
    sh([...n, 'ip', 'link', 'set', 'lo', 'up']);
    sh([...n, 'ip', 'link', 'add', 'br0', 'type', 'bridge']);
    sh([...n, 'ip', 'addr', 'add', `${this.gateway}/24`, 'dev', 'br0']);
    sh([...n, 'ip', 'link', 'set', 'br0', 'up']);
    sh([...n, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    sh([...n, 'sysctl', '-qw', 'net.bridge.bridge-nf-call-iptables=1']);
    this.addNetns(this.outside.netns);
    sh([...n, 'ip', 'link', 'add', 'vout', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', this.outside.netns]);
    sh([...n, 'ip', 'addr', 'add', `${this.nodeIP}/30`, 'dev', 'vout']);
    sh([...n, 'ip', 'link', 'set', 'vout', 'up']);
    this.configurePeer(this.outside.netns, `${this.outside.ip}/30`, this.nodeIP);
  }

  /** A pod namespace on the bridge with the next free address. */
  addPod(name: string): LabPod {
    const pod: LabPod = { name, netns: `np${this.o.tag}-${name}`, ip: `10.77.${this.o.subnet}.${this.nextHost++}` };
    this.addNetns(pod.netns);
    const n = ['ip', 'netns', 'exec', this.node];
    const hostEnd = `v${this.pods.size}`;
    sh([...n, 'ip', 'link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', pod.netns]);
    sh([...n, 'ip', 'link', 'set', hostEnd, 'master', 'br0']);
    sh([...n, 'ip', 'link', 'set', hostEnd, 'up']);
    this.configurePeer(pod.netns, `${pod.ip}/24`, this.gateway);
    this.pods.set(name, pod);
    return pod;
  }

  pod(name: string): LabPod {
    const p = this.pods.get(name);
    if (!p) throw new Error(`no lab pod ${name}`);
    return p;
  }

  /** Starts a server in a namespace on the given TCP and UDP ports. */
  async serve(netns: string, tcp: number[], udp: number[] = []): Promise<void> {
    const proc = spawn('ip', ['netns', 'exec', netns, process.execPath, '-e', SERVER, tcp.join(','), udp.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.servers.push(proc);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`server in ${netns} did not start: ${err}`)), 10_000);
      proc.stdout!.on('data', (b: Buffer) => { out += b.toString(); if (out.includes('ready')) { clearTimeout(timer); resolve(); } });
      proc.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
      proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server in ${netns} exited (${code}): ${err}`)); });
    });
  }

  /** One connection (tcp) or datagram (udp) from a namespace; a dropped one ends as a timeout after timeoutMs. */
  attempt(fromNetns: string, proto: 'tcp' | 'udp', host: string, port: number, timeoutMs = 1500): Promise<Outcome> {
    return new Promise((resolve) => {
      execFile('ip', ['netns', 'exec', fromNetns, process.execPath, '-e', CLIENT, proto, host, String(port), String(timeoutMs)],
        { timeout: timeoutMs + 8000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
          const out = stdout.trim();
          if (out.startsWith('ok ')) resolve({ kind: 'ok', from: out.slice(3) });
          else if (out === 'timeout') resolve({ kind: 'timeout' });
          else resolve({ kind: 'error', message: out || stderr.trim() || (error?.message ?? 'no output') });
        });
    });
  }

  /** Runs a command in the node namespace. */
  inNode(args: string[]): string {
    return sh(['ip', 'netns', 'exec', this.node, ...args]);
  }

  /** Removes servers and every namespace (their links go with them); safe to call on a half-made lab. */
  destroy(): void {
    for (const s of this.servers) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
    for (const ns of [...this.namespaces].reverse()) trySh(['ip', 'netns', 'del', ns]);
  }

  /** Namespaces this lab made that still exist (for the clean-up check). */
  leftovers(): string[] {
    const listed = sh(['ip', 'netns', 'list']).split('\n').map((l) => l.split(' ')[0]);
    return this.namespaces.filter((ns) => listed.includes(ns));
  }

  private addNetns(name: string): void {
    this.namespaces.push(name);
    sh(['ip', 'netns', 'add', name]);
  }

  private configurePeer(netns: string, cidr: string, via: string): void {
    const p = ['ip', 'netns', 'exec', netns];
    sh([...p, 'ip', 'link', 'set', 'lo', 'up']);
    sh([...p, 'ip', 'addr', 'add', cidr, 'dev', 'eth0']);
    sh([...p, 'ip', 'link', 'set', 'eth0', 'up']);
    sh([...p, 'ip', 'route', 'add', 'default', 'via', via]);
  }
}
