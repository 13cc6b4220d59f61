/** Tests of reading pod addresses and the gateway out of CNI results. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { podStatusFromResult } from './result.js';

describe('reading a CNI result', () => {
  it('takes the addresses of the interface inside the sandbox', () => {
    const result = {
      cniVersion: '1.0.0',
      interfaces: [
        { name: 'cni0', mac: 'aa:aa:aa:aa:aa:aa' },
        { name: 'veth1', mac: 'bb:bb:bb:bb:bb:bb' },
        { name: 'eth0', mac: 'cc:cc:cc:cc:cc:cc', sandbox: '/var/run/netns/x' },
      ],
      ips: [{ interface: 2, address: '10.42.0.5/24', gateway: '10.42.0.1' }, { interface: 0, address: '10.42.0.1/24' }],
    };
    assert.deepEqual(podStatusFromResult(result, 'eth0'), { ips: ['10.42.0.5'], gateway: '10.42.0.1', interfaceName: 'eth0' });
  });

  it('accepts addresses without interface indexes (0.4.0-style) and rejects results without any', () => {
    assert.deepEqual(podStatusFromResult({ ips: [{ version: '4', address: '10.1.0.9/16' }] }, 'eth0'), { ips: ['10.1.0.9'], interfaceName: 'eth0' });
    assert.throws(() => podStatusFromResult({ ips: [] }, 'eth0'), /no address for eth0/);
    assert.throws(() => podStatusFromResult(undefined, 'eth0'), /no result/);
  });
});
