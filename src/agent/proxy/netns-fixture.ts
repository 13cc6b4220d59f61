/**
 * Test support for the proxy's host tests: a "node" network namespace with the pod bridge cni0
 * (10.42.0.1/24), "pod" namespaces on veths into it, and a "client" namespace outside the cluster
 * on an uplink (node 192.0.2.1, client 192.0.2.2). Pods run a tiny server answering TCP and UDP
 * with "<pod> <address the request came from>"; clients make a bounded number of attempts and
 * report each as "ok <reply>" or "error <code>". Everything lives in namespaces named after the
 * test and process id, and cleanup() deletes them all.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';

export const NODE_IP = '192.0.2.1';
export const CLIENT_IP = '192.0.2.2';
export const BRIDGE_IP = '10.42.0.1';

/** Serves TCP and UDP on the given ports; exits by itself after 120 s. */
const SERVER = `const net=require('net'),dgram=require('dgram');const id=process.argv[1];`
  + `const t=net.createServer(c=>c.end(id+' '+c.remoteAddress+'\\n'));t.listen(Number(process.argv[2]),'0.0.0.0');`
  + `const u=dgram.createSocket('udp4');u.on('message',(m,r)=>u.send(id+' '+r.address+'\\n',r.port,r.address));`
  + `u.bind(Number(process.argv[3]),'0.0.0.0',()=>console.log('ready'));setTimeout(()=>process.exit(0),120000);`;

/** Makes `count` attempts one after another, each bounded to 2 s; prints one line per attempt. */
const CLIENT = `const net=require('net'),dgram=require('dgram');const [proto,host,port,count,src]=process.argv.slice(1);`
  + `const one=()=>new Promise(res=>{let done=false;const fin=s=>{if(!done){done=true;clearTimeout(t);res(s)}};`
  + `const t=setTimeout(()=>{fin('error TIMEOUT');try{k.destroy?k.destroy():k.close()}catch{}},2000);let k;`
  + `if(proto==='tcp'){let d='';k=net.connect(Number(port),host);k.on('data',b=>d+=b);k.on('end',()=>fin('ok '+d.trim()));k.on('error',e=>fin('error '+e.code))}`
  + `else{k=dgram.createSocket({type:'udp4',reuseAddr:true});k.on('message',m=>{fin('ok '+String(m).trim());k.close()});k.on('error',e=>fin('error '+e.code));`
  + `const send=()=>k.send('q',Number(port),host);if(src)k.bind(Number(src),send);else send()}});`
  + `(async()=>{for(let i=0;i<Number(count);i++)console.log(await one());process.exit(0)})();`;

export function sh(file: string, args: string[]): string {
  return execFileSync(file, args, { timeout: 20_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function trySh(file: string, args: string[]): boolean {
  try {
    sh(file, args);
    return true;
  } catch {
    return false;
  }
}

export interface Pod { ns: string; ip: string }

export interface NodeNet {
  node: string;
  client: string;
  pods: Record<string, Pod>;
  /** Starts each pod's server (TCP on tcpPort, UDP on udpPort). */
  startServers(tcpPort: number, udpPort: number): Promise<void>;
  /** Attempts from inside a namespace; one line per attempt. */
  ask(fromNs: string, proto: 'tcp' | 'udp', host: string, port: number, count?: number, srcPort?: number): Promise<string[]>;
  cleanup(): void;
}

export function makeNodeNet(tag: string, podNames: string[]): NodeNet {
  const prefix = `nvpx-${process.pid}-${tag}`;
  const node = `${prefix}-node`;
  const client = `${prefix}-client`;
  const pods: Record<string, Pod> = {};
  const servers: ChildProcess[] = [];
  const made: string[] = [];
  const cleanup = (): void => {
    for (const s of servers) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
    for (const ns of made.reverse()) trySh('ip', ['netns', 'del', ns]);
  };
  try {
    const add = (ns: string): void => {
      sh('ip', ['netns', 'add', ns]);
      made.push(ns);
      sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    };
    add(node);
    sh('ip', ['-n', node, 'link', 'add', 'cni0', 'type', 'bridge']);
    sh('ip', ['-n', node, 'addr', 'add', `${BRIDGE_IP}/24`, 'dev', 'cni0']);
    sh('ip', ['-n', node, 'link', 'set', 'cni0', 'up']);
    sh('ip', ['netns', 'exec', node, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward; '
      + 'if [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]; then echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables; fi']);
    podNames.forEach((name, i) => {
      const ns = `${prefix}-${name}`;
      const ip = `10.42.0.${11 + i}`;
      add(ns);
      sh('ip', ['-n', node, 'link', 'add', `veth${i}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
      sh('ip', ['-n', node, 'link', 'set', `veth${i}`, 'master', 'cni0', 'up']);
      // As the pod network's bridge plugin does (hairpinMode), so a pod can reach itself via a Service.
      sh('ip', ['-n', node, 'link', 'set', `veth${i}`, 'type', 'bridge_slave', 'hairpin', 'on']);
      sh('ip', ['-n', ns, 'addr', 'add', `${ip}/24`, 'dev', 'eth0']);
      sh('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
      sh('ip', ['-n', ns, 'route', 'add', 'default', 'via', BRIDGE_IP]);
      pods[name] = { ns, ip };
    });
    add(client);
    sh('ip', ['-n', node, 'link', 'add', 'up0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', client]);
    sh('ip', ['-n', node, 'addr', 'add', `${NODE_IP}/24`, 'dev', 'up0']);
    sh('ip', ['-n', node, 'link', 'set', 'up0', 'up']);
    sh('ip', ['-n', client, 'addr', 'add', `${CLIENT_IP}/24`, 'dev', 'eth0']);
    sh('ip', ['-n', client, 'link', 'set', 'eth0', 'up']);
    sh('ip', ['-n', client, 'route', 'add', 'default', 'via', NODE_IP]);
  } catch (err) {
    cleanup();
    throw err;
  }

  return {
    node, client, pods, cleanup,
    async startServers(tcpPort, udpPort) {
      await Promise.all(Object.entries(pods).map(([name, pod]) => new Promise<void>((resolve, reject) => {
        const proc = spawn('ip', ['netns', 'exec', pod.ns, process.execPath, '-e', SERVER, name, String(tcpPort), String(udpPort)], { stdio: ['ignore', 'pipe', 'pipe'] });
        servers.push(proc);
        let err = '';
        const timer = setTimeout(() => reject(new Error(`server in ${pod.ns} did not start`)), 15_000);
        proc.stdout!.on('data', (b: Buffer) => { if (b.toString().includes('ready')) { clearTimeout(timer); resolve(); } });
        proc.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
        proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server in ${pod.ns} exited (${code}): ${err}`)); });
      })));
    },
    ask(fromNs, proto, host, port, count = 1, srcPort) {
      return new Promise((resolve, reject) => {
        const args = ['netns', 'exec', fromNs, process.execPath, '-e', CLIENT, proto, host, String(port), String(count), ...(srcPort ? [String(srcPort)] : [])];
        execFile('ip', args, { timeout: 10_000 + count * 2500 }, (error, stdout, stderr) => {
          if (error) reject(new Error(`client in ${fromNs} failed: ${stderr || error.message}`));
          else resolve(stdout.trim().split('\n'));
        });
      });
    },
  };
}
