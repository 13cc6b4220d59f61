/**
 * The real kubectl (1.32 on PATH, which speaks WebSocket, and 1.27, which speaks SPDY) driving exec,
 * attach, cp and port-forward through the API server and the kubelet server into real runc containers.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { relayCounter } from '../../agent/kubelet-server/index.js';
import { activePodStreams } from './pod-stream.js';
import { startStreamCluster, type StreamCluster } from './pod-stream-cluster.js';

interface Run { code: number; stdout: Buffer; stderr: string }

function versionedKubectl(version: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, 'kubectl');
    if (!existsSync(p)) continue;
    const v = join(dirname(realpathSync(p)), `kubectl.${version}`);
    return existsSync(v) ? v : undefined;
  }
  return undefined;
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function httpGet(port: number, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('kubectl exec, attach, cp and port-forward', { timeout: 300_000 }, () => {
  let c: StreamCluster;
  const work = mkdtempSync(join(tmpdir(), `navarch-kubectl-streams-${process.pid}-`));
  const kubectl127 = versionedKubectl('1.27');
  const children = new Set<ChildProcess>();

  before(async () => {
    c = await startStreamCluster();
    await c.pod('box', [{ name: 'main', command: ['sh', '-c', 'mkdir -p /srv && head -c 300000 /dev/urandom > /srv/blob && echo hello-80 > /srv/index.html && exec httpd -f -p 80 -h /srv'] }]);
    await c.pod('two', [
      { name: 'a', command: ['sh', '-c', 'mkdir -p /w && echo from-8081 > /w/index.html && exec httpd -f -p 8081 -h /w'] },
      { name: 'b', command: ['sh', '-c', 'i=0; while [ ! -e /tmp/stop ]; do i=$((i+1)); echo tick $i; echo tock $i >&2; sleep 0.2; done; echo bye'] },
    ]);
  });

  after(async () => {
    for (const ch of children) ch.kill('SIGKILL');
    await c?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  function kubectl(args: string[], opts: { bin?: string; input?: Buffer | string } = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = execFile(opts.bin ?? 'kubectl', ['--kubeconfig', c.fx.server.kubeconfigPath, ...args],
        { timeout: 60_000, encoding: 'buffer', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
          resolve({ code, stdout, stderr: stderr.toString() });
        });
      if (opts.input !== undefined) child.stdin!.end(opts.input);
      else child.stdin!.end();
    });
  }

  for (const [label, bin] of [['1.32 (WebSocket)', undefined], ['1.27 (SPDY)', kubectl127]] as Array<[string, string | undefined]>) {
    describe(`kubectl ${label}`, () => {
      it('runs a command and passes its output on byte for byte', async (t) => {
        if (label.startsWith('1.27') && !bin) { t.skip('kubectl.1.27 is not installed'); return; }
        const r = await kubectl(['exec', 'box', '--', 'sh', '-c', 'echo out; echo err >&2; cat /srv/blob'], { bin });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, 'err\n');
        const blob = await kubectl(['exec', 'box', '--', 'cat', '/srv/blob'], { bin });
        assert.equal(blob.stdout.length, 300000);
        assert.equal(sha(r.stdout), sha(Buffer.concat([Buffer.from('out\n'), blob.stdout])));
      });

      it('passes stdin with -i and reports the exit code', async (t) => {
        if (label.startsWith('1.27') && !bin) { t.skip('kubectl.1.27 is not installed'); return; }
        const input = randomBytes(200_000);
        const r = await kubectl(['exec', '-i', 'box', '--', 'sh', '-c', 'cat; exit 3'], { bin, input });
        assert.equal(r.code, 3);
        assert.equal(r.stderr, 'command terminated with exit code 3\n');
        assert.equal(sha(r.stdout), sha(input));
      });

      it('copies files both ways with kubectl cp', async (t) => {
        if (label.startsWith('1.27') && !bin) { t.skip('kubectl.1.27 is not installed'); return; }
        const local = join(work, `up-${label.slice(0, 4)}`);
        const data = randomBytes(150_000);
        writeFileSync(local, data);
        const up = await kubectl(['cp', local, 'default/box:/tmp/copied'], { bin });
        assert.equal(up.code, 0, up.stderr);
        const back = join(work, `down-${label.slice(0, 4)}`);
        const down = await kubectl(['cp', 'default/box:/tmp/copied', back], { bin });
        assert.equal(down.code, 0, down.stderr);
        assert.equal(sha(readFileSync(back)), sha(data));
      });

      it('forwards two ports with HTTP through them', async (t) => {
        if (label.startsWith('1.27') && !bin) { t.skip('kubectl.1.27 is not installed'); return; }
        const pf = spawn(bin ?? 'kubectl', ['--kubeconfig', c.fx.server.kubeconfigPath, 'port-forward', 'pod/box', ':80'], { stdio: ['ignore', 'pipe', 'pipe'] });
        const pf2 = spawn(bin ?? 'kubectl', ['--kubeconfig', c.fx.server.kubeconfigPath, 'port-forward', 'pod/two', ':8081', ':8082'], { stdio: ['ignore', 'pipe', 'pipe'] });
        children.add(pf).add(pf2);
        let out = '';
        let out2 = '';
        let err2 = '';
        let err1 = '';
        pf.stderr.on('data', (d: Buffer) => { err1 += d.toString(); });
        pf.stdout.on('data', (d: Buffer) => { out += d.toString(); });
        pf2.stdout.on('data', (d: Buffer) => { out2 += d.toString(); });
        pf2.stderr.on('data', (d: Buffer) => { err2 += d.toString(); });
        try {
          await until(() => /127\.0\.0\.1:(\d+) -> 80/.test(out), 'port-forward to listen');
          await until(() => /127\.0\.0\.1:(\d+) -> 8082/.test(out2), 'the second port-forward to listen');
          const port = Number(/127\.0\.0\.1:(\d+) -> 80/.exec(out)![1]);
          const a = Number(/127\.0\.0\.1:(\d+) -> 8081/.exec(out2)![1]);
          const b = Number(/127\.0\.0\.1:(\d+) -> 8082/.exec(out2)![1]);
          const blob = (await kubectl(['exec', 'box', '--', 'cat', '/srv/blob'], { bin })).stdout;
          const [index, big, other] = await Promise.all([httpGet(port, '/index.html'), httpGet(port, '/blob'), httpGet(a, '/index.html')])
            .catch((err: Error) => { throw new Error(`${err.message}; kubectl said: ${err1} ${err2}`); });
          assert.deepEqual([index.status, index.body.toString()], [200, 'hello-80\n']);
          assert.equal(big.status, 200);
          assert.equal(sha(big.body), sha(blob));
          assert.deepEqual([other.status, other.body.toString()], [200, 'from-8081\n']);
          // Nothing listens on 8082 in the pod: the connection fails and kubectl says why.
          await httpGet(b, '/').catch(() => undefined);
          await until(() => /error forwarding port 8082 to pod/.test(err2), 'the forwarding error');
          assert.match(err2, /connect: connection refused/);
        } finally {
          pf.kill('SIGKILL');
          pf2.kill('SIGKILL');
        }
        await until(() => c.kubelet.activeStreams === 0 && relayCounter.relays === 0 && activePodStreams() === 0, 'port-forward streams to end');
      });
    });
  }

  it('attaches to a container\'s output until it stops', async () => {
    const child = spawn('kubectl', ['--kubeconfig', c.fx.server.kubeconfigPath, 'attach', 'two', '-c', 'b'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await until(() => /tick \d+\n/.test(out) && /tock \d+\n/.test(err), 'attached output');
    const stop = await kubectl(['exec', 'two', '-c', 'b', '--', 'touch', '/tmp/stop']);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(await exited, 0);
    assert.match(out, /bye\n$/);
  });

  it('runs a terminal with -it under a pseudo-terminal, at the client\'s size', async () => {
    // runc sizes the container's console just after starting the command: the script waits for it.
    const inPod = 'for i in 1 2 3 4 5 6 7 8 9 10; do s=\\$(stty size 2>/dev/null); [ -n \\"\\$s\\" ] && break; sleep 0.1; done; tty; echo \\$s; exit 4';
    const cmd = `stty cols 91 rows 37; kubectl --kubeconfig ${c.fx.server.kubeconfigPath} exec -it box -- sh -c "${inPod}"`;
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      children.add(child);
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (code) => { clearTimeout(killer); resolve({ code, out }); });
    });
    assert.match(r.out, /\/dev\/pts\/\d+\r\n37 91\r\n/);
    assert.match(r.out, /command terminated with exit code 4/);
    assert.equal(r.code, 4);
  });

  it('answers before the upgrade as Kubernetes does', async () => {
    const missing = await kubectl(['exec', 'two', '-c', 'nope', '--', 'true']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /container nope is not valid for pod two/);
    const which = await kubectl(['exec', 'nothere', '--', 'true']);
    assert.match(which.stderr, /pods "nothere" not found/);
  });

  it('kills the command and closes everything when the client goes away', async () => {
    const child = spawn('kubectl', ['--kubeconfig', c.fx.server.kubeconfigPath, 'exec', 'box', '--', 'sh', '-c', 'echo started; exec sleep 300'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    await until(() => out === 'started\n', 'the command to start');
    assert.equal(c.kubelet.activeStreams, 1);
    child.kill('SIGKILL');
    await until(() => c.kubelet.activeStreams === 0 && activePodStreams() === 0, 'the session to end');
    const ps = await kubectl(['exec', 'box', '--', 'ps']);
    assert.doesNotMatch(ps.stdout.toString(), /sleep 300/);
  });
});
