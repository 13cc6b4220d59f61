import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePki } from '../../pki/index.js';
import { cacertsHandler, caHash, ensureNodeToken, fetchTrustedCA, parseNodeToken } from './node-token.js';

describe('node token', () => {
  it('parses K10 tokens and bare secrets', () => {
    const h = 'a'.repeat(64);
    assert.deepEqual(parseNodeToken(`K10${h}::server:s3cret\n`), { caHash: h, secret: 's3cret', raw: `K10${h}::server:s3cret` });
    assert.deepEqual(parseNodeToken('plain'), { secret: 'plain', raw: 'plain' });
  });

  it('writes the token once, registers it and its secret, and replaces it when the CA changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'navarch-token-'));
    try {
      const added: Array<[string, string]> = [];
      const api = { pki: { caCert: 'CA-ONE' }, addToken: (t: string, u: { name: string }) => { added.push([t, u.name]); } };
      const t1 = ensureNodeToken(dir, api);
      assert.match(t1, new RegExp(`^K10${caHash('CA-ONE')}::server:[0-9a-f]{32}$`));
      assert.equal(readFileSync(join(dir, 'node-token'), 'utf8'), `${t1}\n`);
      assert.equal(ensureNodeToken(dir, api), t1);
      assert.deepEqual(added.slice(0, 2), [[t1, 'system:node:agent'], [parseNodeToken(t1).secret, 'system:node:agent']]);
      const t2 = ensureNodeToken(dir, { ...api, pki: { caCert: 'CA-TWO' } });
      assert.notEqual(t2, t1);
      assert.equal(parseNodeToken(t2).caHash, caHash('CA-TWO'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('trusts the CA from /cacerts only when it matches the hash in the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'navarch-token-'));
    const pki = await loadOrCreatePki(dir, { ips: ['127.0.0.1'] });
    const handler = cacertsHandler(pki.caCert);
    const server = createServer({ cert: pki.servingCert, key: pki.servingKey }, (req, res) => {
      if (req.url === '/cacerts') handler({ res });
      else { res.writeHead(404); res.end(); }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const good = parseNodeToken(`K10${caHash(pki.caCert)}::server:x`);
      assert.equal(await fetchTrustedCA(url, good), pki.caCert);
      const bad = parseNodeToken(`K10${'0'.repeat(64)}::server:x`);
      await assert.rejects(fetchTrustedCA(url, bad), /does not match the hash in the token/);
      await assert.rejects(fetchTrustedCA(url, parseNodeToken('bare')), /carries no CA hash/);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
