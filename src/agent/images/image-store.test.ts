import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore } from './image-store.js';
import { ImagePullError } from './pull-error.js';
import { parseRegistriesConfig } from './registries-config.js';
import { freePort, startTestRegistry, type TestRegistry } from './registry-fixture.js';

describe('image store against a local registry', () => {
  let reg: TestRegistry;
  let dir: string;
  let store: ImageStore;
  before(async () => {
    reg = await startTestRegistry();
    dir = mkdtempSync(join(tmpdir(), 'navarch-images-'));
    store = new ImageStore({ root: join(dir, 'images'), registries: parseRegistriesConfig(reg.mirrorYAML()) });
    await store.init();
  });
  after(async () => {
    await reg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('pulls busybox:1.36 through the docker.io mirror, choosing linux/amd64 from the index', async () => {
    const img = await store.pull('busybox:1.36');
    assert.deepEqual(img.repoTags, ['docker.io/library/busybox:1.36']);
    assert.match(img.repoDigests[0]!, /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
    assert.notEqual(img.manifestDigest, img.repoDigests[0]!.split('@')[1], 'the index digest is the repo digest');
    assert.equal(img.platform.architecture, 'amd64');
    assert.deepEqual(img.config.Cmd, ['sh']);
    const [root] = store.layerDirs(img);
    assert.ok(existsSync(join(root!, 'bin', 'busybox')));
    assert.match(readFileSync(join(root!, 'etc', 'passwd'), 'utf8'), /^root:x:0:0:/);
    assert.equal(store.find('busybox:1.36')?.id, img.id);
    assert.equal(store.find('docker.io/library/busybox:1.36')?.id, img.id);
    assert.equal(store.find(img.repoDigests[0]!.replace('docker.io/library/', ''))?.id, img.id);
    assert.equal(store.find(img.id)?.id, img.id);
    assert.equal(store.find('busybox:latest'), undefined);
  });

  it('pulls a Docker schema 2 image whose base layer is already stored, and keeps its records across restarts', async () => {
    const web = await store.pull('navarch/web:1');
    assert.equal(web.layers.length, 2);
    assert.deepEqual(web.config.Cmd, ['httpd', '-f', '-v', '-p', '80', '-h', '/www']);
    assert.equal((await store.layers.listLayers()).length, 2, 'the busybox layer is shared');
    const again = new ImageStore({ root: join(dir, 'images'), registries: reg.mirrorConfig() });
    await again.init();
    assert.deepEqual(again.list().map((i) => i.repoTags[0]).sort(), ['docker.io/library/busybox:1.36', 'docker.io/navarch/web:1']);
  });

  it('says "not found" as containerd does, with the NotFound code', async () => {
    const err = await store.pull('busybox:nope').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ImagePullError);
    assert.equal(err.code, 'NotFound');
    assert.equal(err.criMessage, 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/busybox:nope": '
      + 'failed to resolve reference "docker.io/library/busybox:nope": docker.io/library/busybox:nope: not found');
  });

  it('names the refused connection when the registry is down', async () => {
    const port = await freePort();
    const s = new ImageStore({ root: join(dir, 'down'), registries: parseRegistriesConfig(`mirrors:\n  docker.io:\n    endpoint: ["http://127.0.0.1:${port}"]\ndisableDefaultEndpoint: true\n`) });
    await s.init();
    const err = await s.pull('busybox:1.36').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ImagePullError);
    assert.match(err.message, new RegExp(`failed to do request: Get "http://127\\.0\\.0\\.1:${port}/v2/library/busybox/manifests/1\\.36": dial tcp 127\\.0\\.0\\.1:${port}: connect: connection refused$`));
  });

  it('removes names, then prunes content nothing refers to', async () => {
    await store.pull('busybox:latest');
    assert.deepEqual(store.find('busybox:latest')?.repoTags.sort(), ['docker.io/library/busybox:1.36', 'docker.io/library/busybox:latest']);
    assert.equal(await store.remove('busybox:1.36'), true);
    assert.ok(store.find('busybox:latest'), 'the other tag keeps the image');
    const web = store.find('navarch/web:1')!;
    assert.equal(await store.remove(web.id), true);
    assert.deepEqual(await store.prune(), { layers: 1, blobs: 2 });
    assert.equal((await store.layers.listLayers()).length, 1);
    assert.equal(await store.remove('navarch/web:1'), false);
  });
});
