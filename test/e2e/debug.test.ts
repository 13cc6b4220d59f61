/**
 * kubectl debug and attach with stdin on a real node (`navarch up`, runc, images from a local
 * registry), with kubectl 1.32 (WebSocket) and 1.27 (SPDY): an ephemeral container targeting a
 * container sees its processes (without -it, and with -it under a pseudo-terminal); a copy made with
 * --copy-to --share-processes has containers that see each other's processes; `kubectl run -i --rm`
 * sends its stdin to the container and deletes the pod afterwards, and `run -it --rm` gets a shell on
 * a console.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { startTestRegistry, type TestRegistry } from '../../src/agent/images/index.js';
import { eventually, startCluster, type Cluster } from './harness.js';

interface PodView {
  spec?: { shareProcessNamespace?: boolean; containers?: Array<{ name: string }>; ephemeralContainers?: Array<{ name: string; targetContainerName?: string }> };
  status?: {
    phase?: string;
    conditions?: Array<{ type: string; status: string }>;
    ephemeralContainerStatuses?: Array<{ name: string; state: { running?: object; terminated?: { exitCode: number; reason?: string } } }>;
  };
}

const SUFFIX = process.pid % 10000;
const CIDR_OCTET = 130 + (process.pid % 30);

function versionedKubectl(version: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, 'kubectl');
    if (!existsSync(p)) continue;
    const v = join(dirname(realpathSync(p)), `kubectl.${version}`);
    return existsSync(v) ? v : undefined;
  }
  return undefined;
}

const CLIENTS: Array<{ label: string; bin: string | undefined; tag: string }> = [
  { label: 'kubectl 1.32', bin: 'kubectl', tag: '132' },
  { label: 'kubectl 1.27', bin: versionedKubectl('1.27'), tag: '127' },
];

describe('kubectl debug and attach stdin on a real node', { timeout: 600_000 }, () => {
  let reg: TestRegistry;
  let c: Cluster;
  const children = new Set<ChildProcess>();

  const pod = async (name: string): Promise<PodView | undefined> => {
    const r = await c.kubectl(['get', 'pod', name, '-o', 'json']);
    return r.code === 0 ? JSON.parse(r.stdout) as PodView : undefined;
  };
  const waitPod = async (name: string, what: string, pred: (p: PodView) => boolean, timeoutMs = 60_000): Promise<PodView> =>
    (await eventually(async () => { const p = await pod(name); return p && pred(p) ? p : undefined; }, timeoutMs, `${name}: ${what}`))!;
  const ready = (name: string) => waitPod(name, 'Ready', (p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false);

  /** Runs a shell command line under `script` (a pseudo-terminal for kubectl -it). */
  const underPty = (cmd: string, o: { typeAfter?: RegExp; input?: string } = {}, timeoutMs = 90_000): Promise<{ code: number | null; out: string }> => new Promise((resolve) => {
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let typed = false;
    child.stdin.on('error', () => undefined);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Typed once kubectl is attached; stdin stays open (its end would be the terminal's ^D).
      if (o.typeAfter && o.input !== undefined && !typed && o.typeAfter.test(out)) { typed = true; child.stdin.write(o.input); }
    });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => { clearTimeout(killer); children.delete(child); resolve({ code, out }); });
  });

  before(async () => {
    reg = await startTestRegistry();
    c = await startCluster('sqlite', {
      command: 'up',
      extraArgs: ['--cluster-cidr', `10.${CIDR_OCTET}.0.0/16`, '--cni-bridge', `nvd${SUFFIX}`, '--node-name', 'node-debug', '--kubelet-port', '0'],
      files: { 'registries.yaml': reg.mirrorYAML() },
    });
    await eventually(async () => (await c.k('get', 'nodes', '--no-headers')).includes(' Ready'), 30_000, 'the node to be Ready');
    const r = await c.kubectl(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: Pod
metadata:
  name: x
  labels:
    app: x
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: c
      image: busybox
      command: ["sleep", "7777"]
`,
    });
    assert.equal(r.code, 0, r.stderr);
    await ready('x');
  });

  after(async () => {
    for (const ch of children) ch.kill('SIGKILL');
    await c?.stop();
    await reg?.stop();
  });

  for (const client of CLIENTS) {
    describe(client.label, { skip: client.bin ? false : `${client.label} is not installed` }, () => {
      const bin = client.bin ?? 'kubectl';
      const kc = (args: string[], input?: string) => c.kubectl(args, { kubectlBin: bin, ...(input !== undefined ? { input } : {}) });

      it('debug --target without -it: the ephemeral container sees the target\'s processes', async () => {
        const name = `dbg${client.tag}`;
        const r = await kc(['debug', 'pod/x', '--image=busybox', '--target=c', `--container=${name}`, '--', 'sh', '-c', 'ps -o pid,args']);
        assert.equal(r.code, 0, r.stderr);
        const p = await waitPod('x', `${name} terminated`, (v) => v.status?.ephemeralContainerStatuses?.find((s) => s.name === name)?.state.terminated !== undefined);
        assert.equal(p.status?.ephemeralContainerStatuses?.find((s) => s.name === name)?.state.terminated?.exitCode, 0);
        assert.equal(p.spec?.ephemeralContainers?.find((e) => e.name === name)?.targetContainerName, 'c');
        const logs = await kc(['logs', 'x', '-c', name]);
        assert.match(logs.stdout, /^\s*1 sleep 7777$/m, logs.stdout);
        assert.equal(p.status?.phase, 'Running');
        const events = await c.k('get', 'events', '--field-selector', `involvedObject.name=x,involvedObject.fieldPath=spec.ephemeralContainers{${name}}`,
          '-o', 'custom-columns=REASON:.reason,MESSAGE:.message', '--no-headers');
        assert.match(events, new RegExp(`Created\\s+Created container:? ${name}`));
        assert.match(events, new RegExp(`Started\\s+Started container ${name}`));
      });

      it('debug -it --target under a pseudo-terminal: the attached session shows the target\'s processes', async () => {
        const name = `dbgit${client.tag}`;
        const r = await underPty(`${bin} --kubeconfig ${c.kubeconfig} debug -it pod/x --image=busybox --target=c --container=${name} -- sh -c 'sleep 2; ps -o pid,args'`);
        assert.match(r.out, /Targeting container "c"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\./);
        assert.match(r.out, /If you don't see a command prompt, try pressing enter\./, 'kubectl attached (it did not fall back to the logs)');
        assert.match(r.out, /^\s*1 sleep 7777\r?$/m, r.out);
        assert.equal(r.code, 0, r.out);
        await waitPod('x', `${name} terminated`, (v) => v.status?.ephemeralContainerStatuses?.find((s) => s.name === name)?.state.terminated !== undefined);
      });

      it('debug --copy-to --share-processes: the copy\'s containers see each other\'s processes', async () => {
        const copy = `x-copy${client.tag}`;
        const r = await kc(['debug', 'pod/x', `--copy-to=${copy}`, '--share-processes', '--image=busybox', '--container=dbg', '--', 'sleep', '3600']);
        assert.equal(r.code, 0, r.stderr);
        const p = await ready(copy);
        assert.equal(p.spec?.shareProcessNamespace, true);
        assert.deepEqual(p.spec?.containers?.map((x) => x.name), ['c', 'dbg']);
        const fromDbg = await kc(['exec', copy, '-c', 'dbg', '--', 'ps', '-o', 'pid,args']);
        assert.equal(fromDbg.code, 0, fromDbg.stderr);
        assert.match(fromDbg.stdout, /sleep 7777/);
        assert.match(fromDbg.stdout, /sleep 3600/);
        const fromC = await kc(['exec', copy, '-c', 'c', '--', 'ps', '-o', 'pid,args']);
        assert.match(fromC.stdout, /sleep 3600/);
        assert.doesNotMatch(fromC.stdout, /^\s*1 sleep/m, 'PID 1 is the pod\'s, not a container\'s');
        const alone = await kc(['exec', 'x', '-c', 'c', '--', 'ps', '-o', 'pid,args']);
        assert.doesNotMatch(alone.stdout, /sleep 3600/, 'the original pod shares nothing');
        assert.equal((await kc(['delete', 'pod', copy, '--grace-period=1'])).code, 0);
      });

      it('run -it --rm under a pseudo-terminal: an interactive shell on a console, then the pod is deleted', async () => {
        const name = `tt${client.tag}`;
        const r = await underPty(`${bin} --kubeconfig ${c.kubeconfig} run -it --rm --restart=Never --image=alpine ${name} -- sh`,
          { typeAfter: /If you don't see a command prompt, try pressing enter\./, input: 'echo "sum=$((40+2))"; tty; exit 3\r' });
        assert.match(r.out, /^sum=42\r$/m, r.out);
        assert.match(r.out, /^\/dev\/pts\/0\r$/m);
        assert.match(r.out, new RegExp(`pod "${name}" deleted`));
        assert.match(r.out, /pod default\/\S+ terminated \(Error\)/);
        await eventually(async () => (await c.kubectl(['get', 'pod', name])).code !== 0, 30_000, `${name} to be gone`);
      });

      it('run -i --rm: stdin reaches the container, which ends with it; the pod is deleted', async () => {
        const name = `t${client.tag}`;
        const r = await kc(['run', '-i', '--rm', '--restart=Never', '--image=alpine', name, '--', 'sh', '-c', 'cat; echo done'], 'hello through stdin\nsecond line\n');
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, `hello through stdin\nsecond line\ndone\npod "${name}" deleted\n`);
        await eventually(async () => (await c.kubectl(['get', 'pod', name])).code !== 0, 30_000, `${name} to be gone`);
      });
    });
  }
});
