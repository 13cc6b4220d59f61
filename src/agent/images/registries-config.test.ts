import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointsFor, parseRegistriesConfig } from './registries-config.js';

describe('registries.yaml', () => {
  it('sends a mirrored registry to its mirrors, then to the registry itself', () => {
    const cfg = parseRegistriesConfig(`
mirrors:
  docker.io:
    endpoint: ["http://127.0.0.1:5000", "mirror.example"]
configs:
  "mirror.example":
    auth: { username: u, password: p }
    tls: { insecure_skip_verify: true }
`);
    const eps = endpointsFor(cfg, 'docker.io');
    assert.deepEqual(eps.map((e) => e.base), ['http://127.0.0.1:5000/v2', 'https://mirror.example/v2', 'https://registry-1.docker.io/v2']);
    assert.deepEqual(eps.map((e) => e.isMirror), [true, true, false]);
    assert.deepEqual(eps[1]!.auth, { username: 'u', password: 'p' });
    assert.equal(eps[1]!.insecureSkipVerify, true);
    assert.equal(eps[0]!.insecureSkipVerify, false);
  });

  it('uses the "*" mirror for other registries and can leave out the registry itself', () => {
    const cfg = parseRegistriesConfig('mirrors:\n  "*":\n    endpoint: ["http://127.0.0.1:5001/"]\ndisableDefaultEndpoint: true\n');
    assert.deepEqual(endpointsFor(cfg, 'quay.io').map((e) => e.base), ['http://127.0.0.1:5001/v2']);
  });

  it('speaks plain HTTP to loopback registries only', () => {
    const cfg = parseRegistriesConfig('');
    assert.deepEqual(endpointsFor(cfg, '127.0.0.1:5000').map((e) => e.base), ['http://127.0.0.1:5000/v2']);
    assert.deepEqual(endpointsFor(cfg, 'localhost:5000').map((e) => e.base), ['http://localhost:5000/v2']);
    assert.deepEqual(endpointsFor(cfg, 'registry.example:5000').map((e) => e.base), ['https://registry.example:5000/v2']);
  });

  it('rejects endpoints that are not http(s) URLs', () => {
    assert.throws(() => parseRegistriesConfig('mirrors:\n  docker.io:\n    endpoint: ["ftp://x"]\n'), /must use http or https/);
  });
});
