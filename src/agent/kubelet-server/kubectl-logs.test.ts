/**
 * The real kubectl's `logs` against an in-process API server and a kubelet server on 127.0.0.1:
 * plain, --tail, --previous, -c, the default-container annotation, -f, and the errors it prints.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../../api/types/core/pod/index.js';
import { startLogCluster, until, type LogCluster } from './testing.js';

interface Run { code: number; stdout: string; stderr: string }

/** A versioned kubectl (kubectl.1.27) beside the binary the kubectl on PATH links to. */
function versionedKubectl(version: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, 'kubectl');
    if (!existsSync(p)) continue;
    const versioned = join(dirname(realpathSync(p)), `kubectl.${version}`);
    return existsSync(versioned) ? versioned : undefined;
  }
  return undefined;
}

describe('kubectl logs', () => {
  let c: LogCluster;
  let web: Pod;

  before(async () => {
    c = await startLogCluster();
    web = await c.pod('web', { containers: [{ name: 'app', image: 'busybox' }] }, {
      containerStatuses: [{ name: 'app', containerID: 'runc://web-2', restartCount: 2, state: { running: {} }, lastState: { terminated: { containerID: 'runc://web-1' } } }],
    });
    c.running.add('runc://web-2');
    c.log(web, 'app', 1, ['second run']);
    c.log(web, 'app', 2, ['line 1', 'line 2', 'line 3']);
    const multi = await c.pod('multi', { containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] }, {
      containerStatuses: ['a', 'b'].map((n) => ({ name: n, containerID: `runc://multi-${n}`, restartCount: 0, state: { running: {} } })),
    }, { 'kubectl.kubernetes.io/default-container': 'b' });
    c.log(multi, 'a', 0, ['from a']);
    c.log(multi, 'b', 0, ['from b']);
    await c.pod('waiting', { containers: [{ name: 'app', image: 'busybox' }] }, {
      containerStatuses: [{ name: 'app', restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
    });
  });

  after(async () => { await c?.stop(); });

  function kubectl(...args: string[]): Promise<Run> {
    return kubectlAt('kubectl', ...args);
  }

  function kubectlAt(binary: string, ...args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      execFile(binary, ['--kubeconfig', c.fx.server.kubeconfigPath, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
    });
  }

  it('prints the log, its tail and the previous instance\'s', async () => {
    assert.deepEqual(await kubectl('logs', 'web'), { code: 0, stdout: 'line 1\nline 2\nline 3\n', stderr: '' });
    assert.equal((await kubectl('logs', 'web', '--tail=2')).stdout, 'line 2\nline 3\n');
    assert.equal((await kubectl('logs', 'pod/web', '--previous')).stdout, 'second run\n');
    assert.equal((await kubectl('logs', 'web', '--timestamps', '--tail=1')).stdout, '2024-05-01T10:00:00.000000000Z line 3\n');
  });

  it('works with older and newer kubectl too', async (t) => {
    for (const v of ['1.27', '1.33']) {
      const bin = versionedKubectl(v);
      if (!bin) { t.diagnostic(`kubectl.${v} is not installed`); continue; }
      assert.equal((await kubectlAt(bin, 'logs', 'web', '--tail=1')).stdout, 'line 3\n', v);
      assert.match((await kubectlAt(bin, 'logs', 'waiting')).stderr, /is waiting to start: ContainerCreating/, v);
    }
  });

  it('picks the container named with -c, or the pod\'s default container', async () => {
    assert.equal((await kubectl('logs', 'multi', '-c', 'a')).stdout, 'from a\n');
    assert.equal((await kubectl('logs', 'multi')).stdout, 'from b\n');
    const all = (await kubectl('logs', 'multi', '--all-containers', '--prefix')).stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(all, ['[pod/multi/a] from a', '[pod/multi/b] from b']); // kubectl reads them concurrently
  });

  it('prints the server\'s reasons when there is no log', async () => {
    const waiting = await kubectl('logs', 'waiting');
    assert.equal(waiting.code, 1);
    assert.equal(waiting.stderr.trim(), 'Error from server (BadRequest): container "app" in pod "waiting" is waiting to start: ContainerCreating');
    const prev = await kubectl('logs', 'multi', '-c', 'a', '-p');
    assert.equal(prev.stderr.trim(), 'Error from server (BadRequest): previous terminated container "a" in pod "multi" not found');
    const missing = await kubectl('logs', 'nope');
    assert.equal(missing.stderr.trim(), 'error: error from server (NotFound): pods "nope" not found in namespace "default"');
  });

  it('follows with -f until the container stops', async () => {
    const child = spawn('kubectl', ['--kubeconfig', c.fx.server.kubeconfigPath, 'logs', '-f', 'web', '--tail=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      await until(() => out === 'line 3\n', 'the tail');
      c.log(web, 'app', 2, ['line 4']);
      await until(() => out === 'line 3\nline 4\n', 'the appended line');
    } finally {
      c.running.delete('runc://web-2');
    }
    assert.equal(await exited, 0);
    clearTimeout(killer);
    assert.equal(out, 'line 3\nline 4\n');
  });
});
