import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResolvConfNameservers, upstreamsFromResolvConf } from './resolv-conf.js';

const CONF = `# generated
search example.internal
nameserver 10.255.255.53
nameserver 127.0.0.53 ; systemd-resolved
nameserver   fd00::53
options edns0 trust-ad
;nameserver 192.0.2.9
`;

test('nameservers are read in order, comments skipped', () => {
  assert.deepEqual(parseResolvConfNameservers(CONF), ['10.255.255.53', '127.0.0.53', 'fd00::53']);
  assert.deepEqual(parseResolvConfNameservers(''), []);
});

test('loopback resolvers stay upstreams unless they are this server itself', () => {
  assert.deepEqual(upstreamsFromResolvConf(CONF, [{ address: '10.43.0.10', port: 53 }]).map((u) => u.address), ['10.255.255.53', '127.0.0.53', 'fd00::53']);
  assert.deepEqual(upstreamsFromResolvConf(CONF, [{ address: '127.0.0.53', port: 53 }]).map((u) => u.address), ['10.255.255.53', 'fd00::53']);
  assert.deepEqual(upstreamsFromResolvConf(CONF, [{ address: '0.0.0.0', port: 53 }]).map((u) => u.address), ['10.255.255.53', 'fd00::53']);
  assert.deepEqual(upstreamsFromResolvConf(CONF, [{ address: '127.0.0.53', port: 5353 }]).length, 3, 'another port is not this server');
  assert.deepEqual(upstreamsFromResolvConf('nameserver 10.43.0.10\n', [{ address: '10.43.0.10', port: 53 }]), []);
});
