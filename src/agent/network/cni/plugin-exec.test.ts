/** Tests of the CNI plugin protocol (environment, stdin, results, error objects, time limit) against fake plugins, and of plugin lookup. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execPlugin } from './plugin-exec.js';
import { CniPluginError } from './plugin-error.js';
import { findPlugins } from './plugin-finder.js';

describe('running a CNI plugin', () => {
  let dir: string;
  const plugin = (name: string, script: string): string => {
    const p = join(dir, name);
    writeFileSync(p, `#!/bin/sh\n${script}\n`);
    chmodSync(p, 0o755);
    return p;
  };

  before(() => { dir = mkdtempSync(join(tmpdir(), `navarch-cni-exec-${process.pid}-`)); });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('passes the parameters in CNI_* variables and the config on stdin, and parses the result', async () => {
    const bin = plugin('echoer', [
      'cat > "$0.stdin"',
      'printf \'{"cniVersion":"1.0.0","env":"%s|%s|%s|%s|%s|%s"}\' "$CNI_COMMAND" "$CNI_CONTAINERID" "$CNI_NETNS" "$CNI_IFNAME" "$CNI_PATH" "$CNI_ARGS"',
    ].join('\n'));
    const out = await execPlugin({
      binary: bin, command: 'ADD', containerId: 'abc', netns: '/var/run/netns/x', ifName: 'eth0', args: 'IgnoreUnknown=1;K8S_POD_NAME=p',
      path: ['/a', '/b'], config: { cniVersion: '1.0.0', name: 'n', type: 'echoer' },
    });
    assert.deepEqual(out, { cniVersion: '1.0.0', env: 'ADD|abc|/var/run/netns/x|eth0|/a:/b|IgnoreUnknown=1;K8S_POD_NAME=p' });
    assert.deepEqual(JSON.parse(readFileSync(`${bin}.stdin`, 'utf8')), { cniVersion: '1.0.0', name: 'n', type: 'echoer' });
  });

  it('resolves undefined when a plugin prints nothing (DEL)', async () => {
    assert.equal(await execPlugin({ binary: plugin('quiet', 'cat >/dev/null'), command: 'DEL', path: [], config: {} }), undefined);
  });

  it('reports the error object a plugin prints, with the meaning of its code', async () => {
    const bin = plugin('failer', 'cat >/dev/null; echo \'{"cniVersion":"1.0.0","code":7,"msg":"bad subnet","details":"10.0.0.0/33"}\'; exit 1');
    const err = await execPlugin({ binary: bin, command: 'ADD', path: [], config: {} }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof CniPluginError);
    assert.equal(err.code, 7);
    assert.equal(err.message, 'CNI plugin "failer" failed ADD (code 7, invalid network configuration): bad subnet: 10.0.0.0/33');
    assert.equal(err.retryable, false);
  });

  it('falls back to stderr and the exit status for a plugin that dies without an error object', async () => {
    const bin = plugin('crasher', 'echo "panic: nil map" >&2; exit 2');
    await assert.rejects(execPlugin({ binary: bin, command: 'DEL', path: [], config: {} }),
      (e: unknown) => e instanceof CniPluginError && e.message === 'CNI plugin "crasher" failed DEL (exit status 2): panic: nil map');
  });

  it('rejects a result that is not JSON and a plugin that cannot be run', async () => {
    await assert.rejects(execPlugin({ binary: plugin('garbage', 'echo hello'), command: 'ADD', path: [], config: {} }), /not JSON: hello/);
    await assert.rejects(execPlugin({ binary: join(dir, 'absent'), command: 'ADD', path: [], config: {} }), /cannot run .*absent/);
  });

  it('kills a plugin that does not finish in time', async () => {
    const bin = plugin('sleeper', 'exec sleep 30');
    await assert.rejects(execPlugin({ binary: bin, command: 'ADD', path: [], config: {}, timeoutMs: 200 }), /did not finish within 200 ms/);
  });

  it('finds plugins in the first directory that has them, and names the package when one is missing', async () => {
    const d1 = join(dir, 'd1');
    const d2 = join(dir, 'd2');
    mkdirSync(d1);
    mkdirSync(d2);
    for (const [d, n] of [[d1, 'bridge'], [d2, 'bridge'], [d2, 'portmap']] as const) {
      writeFileSync(join(d, n), '#!/bin/sh\n');
      chmodSync(join(d, n), 0o755);
    }
    const found = await findPlugins([join(dir, 'nope'), d1, d2], ['bridge', 'portmap']);
    assert.equal(found.binaries.get('bridge'), join(d1, 'bridge'));
    assert.equal(found.binaries.get('portmap'), join(d2, 'portmap'));
    assert.deepEqual(found.searchPath, [d1, d2]);
    await assert.rejects(findPlugins([d1], ['bridge', 'host-local', 'loopback']),
      /CNI plugins "host-local", "loopback" not found in .*d1; install them with `apt-get install containernetworking-plugins`/);
  });
});
