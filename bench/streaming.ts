/**
 * Streaming benchmark (issue 7) on this machine's real node (`navarch up` as root, pods under runc):
 *  - exec: the wall time of `kubectl exec POD -- true` (a kubectl process and a runc exec per call),
 *    and the round trip over one open exec stream — a WebSocket v5.channel.k8s.io client (ws, the
 *    admin client certificate) runs `cat` with stdin and times the echo of small writes; p50/p99;
 *  - port-forward: MiB/s of one HTTP download of a 64 MiB file from the pod's busybox httpd through
 *    `kubectl port-forward`, through this bench's own WebSocket client speaking portforward.k8s.io
 *    (v4.channel.k8s.io channels), and over a direct TCP connection to the pod IP, in the same run.
 * Every loop is bounded in count and time. Prints figures only.
 */
import { spawn, execFile } from 'node:child_process';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { loadKubeconfig, type Credentials } from '../src/client/index.js';
import { pct, startRealNode } from './network.js';

const FILE_MIB = 64;
const POD = 'bench';

/** Counts an HTTP/1.x response fed to push(); done once the body has Content-Length bytes. */
class HttpCounter {
  private head = Buffer.alloc(0);
  private length = -1;
  body = 0;
  get done(): boolean { return this.length >= 0 && this.body >= this.length; }
  push(d: Buffer): void {
    if (this.length >= 0) { this.body += d.length; return; }
    this.head = Buffer.concat([this.head, d]);
    const end = this.head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const text = this.head.subarray(0, end).toString('latin1');
    if (!/^HTTP\/1\.\d 200/.test(text)) throw new Error(`Cannot download: ${text.split('\r\n')[0]}`);
    this.length = Number(/content-length:\s*(\d+)/i.exec(text)?.[1] ?? -1);
    if (this.length < 0) throw new Error('Cannot download: no Content-Length');
    this.body = this.head.length - end - 4;
  }
}

const REQUEST = `GET /big HTTP/1.0\r\nHost: pod\r\n\r\n`;

/** Downloads /big over a TCP connection to host:port; MiB/s. */
function tcpDownload(host: string, port: number): Promise<number> {
  return new Promise((ok, fail) => {
    const c = new HttpCounter();
    const t = performance.now();
    const s = connect({ host, port }, () => s.write(REQUEST));
    const timer = setTimeout(() => s.destroy(new Error('download not done after 60 s')), 60_000);
    s.on('data', (d: Buffer) => {
      try { c.push(d); } catch (err) { s.destroy(err as Error); }
      if (c.done) { clearTimeout(timer); s.destroy(); ok(c.body / 2 ** 20 / ((performance.now() - t) / 1000)); }
    });
    s.on('error', (e) => { clearTimeout(timer); fail(e); });
    s.on('close', () => { clearTimeout(timer); if (!c.done) fail(new Error(`connection closed after ${c.body} bytes`)); });
  });
}

function wsUrl(creds: Credentials, path: string): string {
  return `${creds.server.replace(/^http/, 'ws')}${path}`;
}

function openWs(creds: Credentials, path: string, protocol: string): Promise<WebSocket> {
  const ws = new WebSocket(wsUrl(creds, path), [protocol], { ca: creds.ca, cert: creds.cert, key: creds.key, perMessageDeflate: false });
  return new Promise((ok, fail) => {
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`Cannot open ${path}: HTTP ${res.statusCode}`)));
  });
}

/** Downloads /big through the API server's pods/portforward with v4.channel.k8s.io; MiB/s. */
async function wsPortForwardDownload(creds: Credentials, pod: string): Promise<number> {
  const ws = await openWs(creds, `/api/v1/namespaces/default/pods/${pod}/portforward?ports=80`, 'v4.channel.k8s.io');
  try {
    const c = new HttpCounter();
    let skip = 2; // channel 0 first carries the port, 16-bit little-endian
    let errText = '';
    const t = performance.now();
    const result = new Promise<number>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`port-forward download not done after 60 s (${c.body} bytes; ${errText})`)), 60_000);
      ws.on('message', (m: Buffer) => {
        if (m[0] === 1) { errText += m.subarray(1).toString('latin1'); return; }
        if (m[0] !== 0) return;
        let d = m.subarray(1);
        if (skip > 0) { const k = Math.min(skip, d.length); skip -= k; d = d.subarray(k); }
        if (d.length === 0) return;
        try { c.push(d); } catch (err) { clearTimeout(timer); fail(err as Error); return; }
        if (c.done) { clearTimeout(timer); ok(c.body / 2 ** 20 / ((performance.now() - t) / 1000)); }
      });
      ws.once('close', () => { clearTimeout(timer); if (!c.done) fail(new Error(`port-forward closed after ${c.body} bytes: ${errText}`)); });
    });
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(REQUEST)]));
    return await result;
  } finally {
    ws.terminate();
  }
}

/** Round trips over one exec stream running `cat`: each write echoed on stdout. Latencies in ms. */
async function execRoundTrips(creds: Credentials, pod: string, count: number, maxMs: number): Promise<number[]> {
  const ws = await openWs(creds, `/api/v1/namespaces/default/pods/${pod}/exec?container=web&command=cat&stdin=true&stdout=true&stderr=true`, 'v5.channel.k8s.io');
  try {
    let out = '';
    let status = '';
    let waiter: (() => void) | undefined;
    ws.on('message', (m: Buffer) => {
      if (m[0] === 1) { out += m.subarray(1).toString('latin1'); waiter?.(); }
      if (m[0] === 3) status += m.subarray(1).toString('utf8');
    });
    const lat: number[] = [];
    const deadline = performance.now() + maxMs;
    for (let i = 0; i < count && performance.now() < deadline; i++) {
      const line = `ping ${String(i).padStart(6, '0')}\n`;
      out = '';
      const echoed = new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no echo of write ${i} within 5 s`)), 5000);
        waiter = () => { if (out.length >= line.length) { clearTimeout(timer); ok(); } };
      });
      const t = performance.now();
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(line)]));
      await echoed;
      lat.push(performance.now() - t);
      if (out !== line) throw new Error(`Cannot time exec: echoed ${JSON.stringify(out)} for ${JSON.stringify(line)}`);
    }
    // v5: close stdin (channel 255, stream 0); cat ends, the status arrives on channel 3.
    const ended = new Promise<void>((ok) => { ws.once('close', () => ok()); setTimeout(ok, 5000); });
    ws.send(Buffer.from([255, 0]));
    await ended;
    if (!status.includes('"Success"')) throw new Error(`Cannot time exec: cat did not end with Success: ${status || 'no status'}`);
    return lat;
  } finally {
    ws.terminate();
  }
}

function kubectlExecMs(kubeconfig: string, pod: string): Promise<number> {
  const t = performance.now();
  return new Promise((ok, fail) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, 'exec', pod, '-c', 'web', '--', 'true'], { timeout: 30_000 }, (err, _o, stderr) => {
      if (err) fail(new Error(`kubectl exec: ${stderr || err.message}`)); else ok(performance.now() - t);
    });
  });
}

/** `kubectl port-forward pod/POD :80`; resolves with the local port and a stop function. */
function kubectlPortForward(kubeconfig: string, pod: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const p = spawn('kubectl', ['--kubeconfig', kubeconfig, 'port-forward', `pod/${pod}`, '--address', '127.0.0.1', ':80'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async (): Promise<void> => {
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  };
  return new Promise((ok, fail) => {
    let buf = '';
    const timer = setTimeout(() => { void stop(); fail(new Error(`kubectl port-forward: no port after 20 s: ${buf}`)); }, 20_000);
    const on = (d: Buffer): void => {
      buf += d.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) { clearTimeout(timer); ok({ port: Number(m[1]), stop }); }
    };
    p.stdout.on('data', on);
    p.stderr.on('data', on);
    p.once('exit', (code) => { clearTimeout(timer); fail(new Error(`kubectl port-forward exited ${code}: ${buf}`)); });
  });
}

const median = (xs: number[]): number => pct(xs, 50);
const row = (k: string, v: string): void => { process.stdout.write(`${k.padEnd(54)} ${v}\n`); };

export async function runStreamingBench(): Promise<void> {
  const node = await startRealNode('str');
  try {
    const creds = loadKubeconfig(node.kubeconfig);
    const pod = await node.readyPod({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: POD, namespace: 'default' },
      spec: {
        terminationGracePeriodSeconds: 0,
        containers: [{
          name: 'web', image: 'navarch/web:1', ports: [{ containerPort: 80 }],
          command: ['sh', '-c', `mkdir -p /tmp/www && dd if=/dev/zero of=/tmp/www/big bs=1048576 count=${FILE_MIB} 2>/dev/null && exec httpd -f -p 80 -h /tmp/www`],
          readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1 },
        }],
      },
    });
    const podIP = pod.status.podIP;

    const kexec: number[] = [];
    await kubectlExecMs(node.kubeconfig, POD); // warm-up
    const kDeadline = performance.now() + 60_000;
    for (let i = 0; i < 20 && performance.now() < kDeadline; i++) kexec.push(await kubectlExecMs(node.kubeconfig, POD));

    await execRoundTrips(creds, POD, 20, 10_000); // warm-up
    const rtt = await execRoundTrips(creds, POD, 1000, 30_000);

    const direct: number[] = [];
    const viaKubectl: number[] = [];
    const viaWs: number[] = [];
    const pf = await kubectlPortForward(node.kubeconfig, POD);
    try {
      await tcpDownload(podIP, 80); // warm-up (page cache)
      for (let i = 0; i < 3; i++) {
        direct.push(await tcpDownload(podIP, 80));
        viaKubectl.push(await tcpDownload('127.0.0.1', pf.port));
        viaWs.push(await wsPortForwardDownload(creds, POD));
      }
    } finally {
      await pf.stop();
    }

    process.stdout.write(`streaming: navarch up on this machine (real node, runc), kubectl on PATH, node ${process.version}\n`);
    row(`kubectl exec ${POD} -- true (wall time, ${kexec.length} runs)`, `p50 ${median(kexec).toFixed(0)} ms   p99 ${pct(kexec, 99).toFixed(0)} ms`);
    row(`exec stream round trip, v5 WebSocket, cat (${rtt.length})`, `p50 ${median(rtt).toFixed(2)} ms   p99 ${pct(rtt, 99).toFixed(2)} ms   (target p50 ≤ 20 ms)`);
    const mb = (xs: number[]): string => `${median(xs).toFixed(0)} MiB/s   (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
    row(`direct TCP to the pod ${podIP}, ${FILE_MIB} MiB over HTTP`, mb(direct));
    row('kubectl port-forward (WebSocket-tunnelled SPDY)', `${mb(viaKubectl)}   ${(median(viaKubectl) / median(direct) * 100).toFixed(0)}% of direct`);
    row('pods/portforward, v4.channel.k8s.io (ws client)', `${mb(viaWs)}   ${(median(viaWs) / median(direct) * 100).toFixed(0)}% of direct`);
  } finally {
    await node.stop();
  }
}
