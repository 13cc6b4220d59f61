import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { canonicalIp, normalizeAltNames, requiredServingNames } from './names.js';

describe('canonicalIp', () => {
  it('compresses and lower-cases IPv6, drops brackets and zones, keeps IPv4', () => {
    assert.equal(canonicalIp('0:0:0:0:0:0:0:1'), '::1');
    assert.equal(canonicalIp('[FE80:0::1%eth0]'), 'fe80::1');
    assert.equal(canonicalIp('10.43.0.1'), '10.43.0.1');
  });

  it('rejects text that is not an address', () => {
    assert.throws(() => canonicalIp('10.43.0'), /Cannot use "10.43.0" as an IP address/);
  });
});

describe('normalizeAltNames', () => {
  it('moves IPs given as host names, drops unspecified addresses and duplicates', () => {
    const names = normalizeAltNames(['Example.TEST.', 'example.test', '192.168.1.5', ''], ['0.0.0.0', '::', '::1', '0::1']);
    assert.deepEqual(names, { dnsNames: ['example.test'], ips: ['::1', '192.168.1.5'] });
  });

  it('rejects malformed host names', () => {
    assert.throws(() => normalizeAltNames(['bad name'], []), /Cannot use "bad name" as a DNS name/);
  });
});

describe('requiredServingNames', () => {
  it('includes the in-cluster names, this host, loopback and the extras', () => {
    const names = requiredServingNames(['api.example.test'], ['10.43.0.1']);
    for (const dns of ['localhost', 'kubernetes.default.svc.cluster.local', hostname().toLowerCase(), 'api.example.test']) {
      assert.ok(names.dnsNames.includes(dns), dns);
    }
    assert.deepEqual(names.ips, ['127.0.0.1', '::1', '10.43.0.1']);
  });
});
