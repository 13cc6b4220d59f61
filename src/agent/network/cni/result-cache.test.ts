/** Tests of the attachment cache and of reading host-local leases. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultCache, type CachedAttachment } from './result-cache.js';
import { listLeases } from './ipam-leases.js';

describe('attachment cache and host-local leases', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), `navarch-cni-cache-${process.pid}-`)); });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('keeps attachments per network, sandbox and interface', async () => {
    const cache = new ResultCache(join(dir, 'results'));
    assert.equal(await cache.read('net', 'sb1', 'eth0'), undefined);
    assert.deepEqual(await cache.list('net'), []);
    const a: CachedAttachment = {
      kind: 'NavarchCniAttachment', version: 1, networkName: 'net', sandboxId: 'sb1', ifName: 'eth0', netnsPath: '/x',
      args: 'IgnoreUnknown=1', capabilityArgs: {}, config: { cniVersion: '1.0.0', name: 'net', plugins: [] },
    };
    await cache.write(a);
    await cache.write({ ...a, networkName: 'net-other', config: { ...a.config, name: 'net-other' } });
    await cache.write({ ...a, result: { ips: [] } });
    assert.deepEqual(await cache.read('net', 'sb1', 'eth0'), { ...a, result: { ips: [] } });
    assert.deepEqual((await cache.list('net')).map((x) => x.networkName), ['net']);
    writeFileSync(join(dir, 'results', 'net-broken-eth0.json'), '{');
    assert.equal((await cache.list('net')).length, 1);
    await cache.remove('net', 'sb1', 'eth0');
    await cache.remove('net', 'sb1', 'eth0');
    assert.equal(await cache.read('net', 'sb1', 'eth0'), undefined);
  });

  it('reads host-local leases in both file formats, skipping its bookkeeping files', async () => {
    const d = join(dir, 'ipam', 'net');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, '10.0.0.2'), 'sb1\r\neth0');
    writeFileSync(join(d, '10.0.0.3'), 'sb2');
    writeFileSync(join(d, 'last_reserved_ip.0'), '10.0.0.3');
    writeFileSync(join(d, 'lock'), '');
    const leases = (await listLeases(join(dir, 'ipam'), 'net')).sort((x, y) => x.ip.localeCompare(y.ip));
    assert.deepEqual(leases, [{ ip: '10.0.0.2', containerId: 'sb1', ifName: 'eth0' }, { ip: '10.0.0.3', containerId: 'sb2' }]);
    assert.deepEqual(await listLeases(join(dir, 'ipam'), 'absent'), []);
  });
});
