/**
 * Test support for the real pod network tests: network namespaces, a peer namespace outside the
 * cluster on a veth, tiny TCP servers and clients run inside namespaces (each reply is the address
 * the server saw the client come from), ping, and removal of portmap's shared chains when a test
 * created them. Everything bounded in time.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export function sh(file: string, args: string[], timeoutMs = 10_000): string {
  return execFileSync(file, args, { timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function trySh(file: string, args: string[], timeoutMs = 10_000): boolean {
  try {
    sh(file, args, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export const netnsPath = (name: string): string => `/var/run/netns/${name}`;

/** Answers each connection with the client's address, then closes; exits by itself after 30 s. */
const SERVER = `const net=require('net');const s=net.createServer(c=>c.end(c.remoteAddress+'\\n'));`
  + `s.listen(Number(process.argv[1]),'0.0.0.0',()=>console.log('ready'));setTimeout(()=>process.exit(0),30000);`;

/** Prints the server's reply; exits 1 on error or after 3 s. */
const CLIENT = `const net=require('net');let d='';const c=net.connect(Number(process.argv[2]),process.argv[1]);`
  + `c.on('data',b=>d+=b);c.on('end',()=>{process.stdout.write(d);process.exit(0)});c.on('error',e=>{console.error(e.message);process.exit(1)});`
  + `setTimeout(()=>{console.error('timeout');process.exit(1)},3000);`;

export interface EchoServer { proc: ChildProcess; stop(): void }

export async function startAddressServer(ns: string, port: number): Promise<EchoServer> {
  const proc = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', SERVER, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = (): void => { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL'); };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`server in ${ns} did not start`)); }, 10_000);
    let out = '';
    let err = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready')) { clearTimeout(timer); resolve(); }
    });
    proc.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server in ${ns} exited (${code}): ${err}`)); });
  });
  return { proc, stop };
}

/** Connects from inside `ns` and returns the server's reply (the address it saw), retrying a few times. */
export async function askFromNetns(ns: string, host: string, port: number): Promise<string> {
  let last = '';
  for (let i = 0; i < 3; i++) {
    const r = await new Promise<{ ok: boolean; out: string; err: string }>((resolve) => {
      execFile('ip', ['netns', 'exec', ns, process.execPath, '-e', CLIENT, host, String(port)], { timeout: 8000 },
        (error, stdout, stderr) => resolve({ ok: !error, out: stdout, err: stderr }));
    });
    if (r.ok) return r.out.trim();
    last = r.err.trim();
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`no reply from ${host}:${port} in ${ns}: ${last}`);
}

/** Connects from the host (this process) and returns the reply; retries while the listener starts. */
export async function askFromHost(host: string, port: number): Promise<string> {
  let last = '';
  for (let i = 0; i < 10; i++) {
    try {
      return await new Promise<string>((resolve, reject) => {
        const c = connect(port, host);
        let d = '';
        const timer = setTimeout(() => { c.destroy(); reject(new Error('timeout')); }, 3000);
        c.on('data', (b) => { d += b.toString(); });
        c.on('end', () => { clearTimeout(timer); resolve(d.trim()); });
        c.on('error', (e) => { clearTimeout(timer); reject(e); });
      });
    } catch (err) {
      last = (err as Error).message;
      await new Promise((res) => setTimeout(res, 200));
    }
  }
  throw new Error(`no reply from ${host}:${port}: ${last}`);
}

/** One echo request, from the host (ns undefined) or from inside a namespace; a few attempts. */
export function ping(ns: string | undefined, ip: string): boolean {
  const cmd = ['busybox', 'ping', '-c1', '-W1', ip];
  for (let i = 0; i < 3; i++) {
    if (ns === undefined ? trySh(cmd[0]!, cmd.slice(1)) : trySh('ip', ['netns', 'exec', ns, ...cmd])) return true;
  }
  return false;
}

const SHARED_JUMPS: Array<[string, string[]]> = [
  ['PREROUTING', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'CNI-HOSTPORT-DNAT']],
  ['OUTPUT', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'CNI-HOSTPORT-DNAT']],
  ['POSTROUTING', ['-m', 'comment', '--comment', 'CNI portfwd requiring masquerade', '-j', 'CNI-HOSTPORT-MASQ']],
];

export function sharedPortmapChainsExist(): boolean {
  return trySh('iptables', ['-w', '5', '-t', 'nat', '-n', '-L', 'CNI-HOSTPORT-DNAT']);
}

/** Removes the chains portmap shares between networks, if nothing uses them any more. */
export function removeSharedPortmapChainsIfUnused(): void {
  if (!sharedPortmapChainsExist()) return;
  const rules = sh('iptables', ['-w', '5', '-t', 'nat', '-S', 'CNI-HOSTPORT-DNAT']).split('\n').filter((l) => l.startsWith('-A'));
  if (rules.length > 0) return;
  for (const [parent, rule] of SHARED_JUMPS) {
    for (let i = 0; i < 5 && trySh('iptables', ['-w', '5', '-t', 'nat', '-D', parent, ...rule]); i++);
  }
  for (const c of ['CNI-HOSTPORT-DNAT', 'CNI-HOSTPORT-MASQ', 'CNI-HOSTPORT-SETMARK']) {
    trySh('iptables', ['-w', '5', '-t', 'nat', '-F', c]);
    trySh('iptables', ['-w', '5', '-t', 'nat', '-X', c]);
  }
}
