import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32, CHAIN, endpointChain, isProxyChain, portChain } from './chain-names.js';

describe('chain names', () => {
  it('encodes base32 as RFC 4648 does', () => {
    const enc = (s: string): string => base32(new TextEncoder().encode(s));
    assert.equal(enc(''), '');
    assert.equal(enc('f'), 'MY');
    assert.equal(enc('fo'), 'MZXQ');
    assert.equal(enc('foo'), 'MZXW6');
    assert.equal(enc('foob'), 'MZXW6YQ');
    assert.equal(enc('fooba'), 'MZXW6YTB');
    assert.equal(enc('foobar'), 'MZXW6YTBOI');
  });

  it('names a port chain by the port identity and protocol, within 28 characters', () => {
    const a = portChain('SVC', 'default/web:http', 'TCP');
    assert.match(a, /^NAVARCH-SVC-[A-Z2-7]{16}$/);
    assert.ok(a.length <= 28);
    assert.equal(portChain('SVC', 'default/web:http', 'TCP'), a);
    assert.notEqual(portChain('SVC', 'default/web:http', 'UDP'), a);
    assert.notEqual(portChain('SVC', 'default/web:https', 'TCP'), a);
    // The kinds share the hash, as kube-proxy's do.
    assert.equal(portChain('EXT', 'default/web:http', 'TCP').slice(-16), a.slice(-16));
    const sep = endpointChain('default/web:http', 'TCP', '10.42.0.5:8080');
    assert.match(sep, /^NAVARCH-SEP-[A-Z2-7]{16}$/);
    assert.notEqual(endpointChain('default/web:http', 'TCP', '10.42.0.6:8080'), sep);
  });

  it('owns only its own chains, not the pod network\'s', () => {
    assert.ok(isProxyChain(CHAIN.services));
    assert.ok(isProxyChain(CHAIN.localnet));
    assert.ok(isProxyChain(portChain('FW', 'a/b', 'TCP')));
    assert.ok(isProxyChain(endpointChain('a/b', 'TCP', '1.2.3.4:5')));
    assert.ok(!isProxyChain('NAVARCH-MASQ-578e9885bac9'));
    assert.ok(!isProxyChain('NAVARCH-FWD-578e9885bac9'));
    assert.ok(!isProxyChain('KUBE-SERVICES'));
    assert.ok(!isProxyChain('NAVARCH-SVC-short'));
  });
});
