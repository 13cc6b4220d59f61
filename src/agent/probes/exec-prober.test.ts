import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execProbe } from './exec-prober.js';
import type { ExecFn } from './types.js';

function fakeExec(r: { exitCode?: number; stdout?: string | Buffer; stderr?: string; timedOut?: boolean } | Error) {
  const calls: Array<{ id: string; cmd: string[]; timeoutMs: number }> = [];
  const exec: ExecFn = async (id, cmd, timeoutMs) => {
    calls.push({ id, cmd, timeoutMs });
    if (r instanceof Error) throw r;
    return {
      exitCode: r.exitCode ?? 0,
      stdout: Buffer.isBuffer(r.stdout) ? r.stdout : Buffer.from(r.stdout ?? ''),
      stderr: Buffer.from(r.stderr ?? ''),
      timedOut: r.timedOut ?? false,
    };
  };
  return { exec, calls };
}

describe('execProbe', () => {
  it('succeeds on exit 0 with stdout then stderr as output, and passes the timeout', async () => {
    const f = fakeExec({ stdout: 'out\n', stderr: 'err\n' });
    assert.deepEqual(await execProbe(f.exec, 'c1', ['cat', '/tmp/healthy'], 1000), { result: 'success', output: 'out\nerr\n' });
    assert.deepEqual(f.calls, [{ id: 'c1', cmd: ['cat', '/tmp/healthy'], timeoutMs: 1000 }]);
  });

  it('fails on a non-zero exit', async () => {
    const f = fakeExec({ exitCode: 1, stderr: 'cat: can\'t open \'/tmp/healthy\': No such file or directory\n' });
    assert.deepEqual(await execProbe(f.exec, 'c1', ['cat', '/tmp/healthy'], 1000),
      { result: 'failure', output: 'cat: can\'t open \'/tmp/healthy\': No such file or directory\n' });
  });

  it('keeps at most 10 KiB of output', async () => {
    const f = fakeExec({ stdout: Buffer.alloc(11 * 1024, 'x') });
    const r = await execProbe(f.exec, 'c1', ['big'], 1000);
    assert.equal(r.output.length, 10 * 1024);
  });

  it('fails with the CRI client\'s words when the command runs past the timeout', async () => {
    const f = fakeExec({ exitCode: 137, timedOut: true });
    assert.deepEqual(await execProbe(f.exec, 'c1', ['sh', '-c', 'sleep 10'], 1000),
      { result: 'failure', output: 'command timed out: "sh -c sleep 10" timed out after 1s' });
  });

  it('is unknown, with the error, when the exec cannot be carried out', async () => {
    const f = fakeExec(new Error('Cannot exec in container c1: it is exited'));
    assert.deepEqual(await execProbe(f.exec, 'c1', ['true'], 1000),
      { result: 'unknown', output: '', error: 'Cannot exec in container c1: it is exited' });
  });
});
