import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore } from './image-store.js';
import { ImagePullError } from './pull-error.js';

const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * A registry made here on 127.0.0.1 that wants a bearer token (as Docker Hub does) from its own
 * token service, which wants basic credentials; its one layer is served with the wrong content.
 */
function fakeRegistry(): { server: Server; requests: string[] } {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha('x')] } }));
  const layer = Buffer.from('not what the digest says');
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha('the real layer'), size: layer.length }],
  }));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.pathname === '/token' ? url.search : ''}`);
    if (url.pathname === '/token') {
      const ok = req.headers.authorization === `Basic ${Buffer.from('alice:secret').toString('base64')}`;
      if (!ok || url.searchParams.get('scope') !== 'repository:team/app:pull') { res.writeHead(401).end(); return; }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'tok', expires_in: 300 }));
      return;
    }
    if (req.headers.authorization !== 'Bearer tok') {
      const { port } = server.address() as { port: number };
      res.writeHead(401, {
        'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="fake",scope="repository:team/app:pull"`,
        'Content-Type': 'application/json',
      }).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    if (url.pathname === '/v2/team/app/manifests/1') {
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
    } else if (url.pathname === `/v2/team/app/blobs/${sha(config)}`) {
      res.writeHead(200).end(config);
    } else if (url.pathname === `/v2/team/app/blobs/${sha('the real layer')}`) {
      res.writeHead(200).end(layer);
    } else {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    }
  });
  return { server, requests };
}

describe('registry client', () => {
  let fake: ReturnType<typeof fakeRegistry>;
  let host = '';
  let dir = '';
  before(async () => {
    fake = fakeRegistry();
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(fake.server.address() as { port: number }).port}`;
    dir = mkdtempSync(join(tmpdir(), 'navarch-client-'));
  });
  after(() => {
    fake.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a bearer challenge with the pull secret and refuses a blob whose digest does not match', async () => {
    const store = new ImageStore({ root: join(dir, 'a'), registries: { mirrors: {}, configs: {}, disableDefaultEndpoint: false } });
    await store.init();
    const creds = (h: string) => (h === host ? { username: 'alice', password: 'secret' } : undefined);
    const err = await store.pull(`${host}/team/app:1`, creds).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ImagePullError, String(err));
    assert.match(err.message, new RegExp(`^failed to pull and unpack image "${host}/team/app:1": failed commit on ref "layer-sha256:[0-9a-f]{64}": `));
    assert.match(err.message, /failed size validation|unexpected commit digest/);
    assert.ok(fake.requests.includes('GET /token?service=fake&scope=repository%3Ateam%2Fapp%3Apull'), fake.requests.join('\n'));
    assert.equal(store.find(`${host}/team/app:1`), undefined, 'nothing is recorded for a failed pull');
    assert.deepEqual(await store.layers.listLayers(), []);
  });

  it('reports denied access when the token service refuses', async () => {
    const store = new ImageStore({ root: join(dir, 'b'), registries: { mirrors: {}, configs: {}, disableDefaultEndpoint: false } });
    await store.init();
    const err = await store.pull(`${host}/team/app:1`).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ImagePullError);
    assert.equal(err.code, 'Unknown');
    assert.match(err.message, /failed to resolve reference ".*": failed to fetch anonymous token: unexpected status from GET request to .*: 401 Unauthorized/);
  });
});
