import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerTar, tarDirectory, writeDockerSave, writeOciLayout } from './archive-fixture.js';
import { ImageStore } from './image-store.js';
import { emptyRegistriesConfig } from './registries-config.js';

const amd64 = { os: 'linux', architecture: 'amd64' };

describe('importing image archives', () => {
  let dir: string;
  let n = 0;
  const fresh = async (): Promise<ImageStore> => {
    const s = new ImageStore({ root: join(dir, `store-${n++}`), registries: emptyRegistriesConfig(), platform: amd64 });
    await s.init();
    return s;
  };
  const work = (name: string): string => {
    const p = join(dir, `${name}-${n++}`);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const leftovers = (s: ImageStore): string[] => readdirSync(join(s.root, 'layers')).filter((f) => f.startsWith('.'));

  before(() => { dir = mkdtempSync(join(tmpdir(), `navarch-import-${process.pid}-`)); });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('imports an OCI layout tar as docker save of Docker 25 writes it, taking linux/amd64 from a multi-platform index', async () => {
    const store = await fresh();
    const layout = work('oci');
    const [built] = writeOciLayout(layout, [{ names: ['docker.io/library/app:1'], layers: [{ 'bin/app': 'app v1\n' }], cmd: ['/bin/app'] }],
      { multiPlatform: true, dockerManifest: true });
    const archive = join(dir, 'app.tar');
    tarDirectory(layout, archive);

    const [img, ...rest] = await store.importArchive(archive);
    assert.equal(rest.length, 0);
    assert.equal(img!.id, built!.id);
    assert.deepEqual(img!.repoTags, ['docker.io/library/app:1']);
    assert.deepEqual(img!.repoDigests, [`docker.io/library/app@${built!.topDigest}`]);
    assert.equal(img!.manifestDigest, built!.manifestDigest, 'the amd64 manifest, not the index');
    assert.deepEqual(img!.platform, amd64);
    assert.deepEqual(img!.config.Cmd, ['/bin/app']);
    const [root] = store.layerDirs(img!);
    assert.equal(readFileSync(join(root!, 'bin', 'app'), 'utf8'), 'app v1\n');
    assert.equal(store.find('app:1')?.id, img!.id);
    assert.ok(existsSync(store.layers.blobPath(img!.id)), 'the config blob is stored');
    assert.deepEqual(leftovers(store), [], 'the staging folder is gone');
  });

  it('imports an OCI layout directory: gzipped layers shared by two images, a registry with a port, an unnamed image', async () => {
    const store = await fresh();
    const layout = work('oci-dir');
    const base = { 'etc/os-release': 'ID=test\n' };
    const built = writeOciLayout(layout, [
      { names: ['127.0.0.1:5000/team/web:2'], layers: [base, { 'www/index.html': 'hi\n' }] },
      { names: ['127.0.0.1:5000/team/job:2'], layers: [base, { 'job.sh': 'echo job\n' }] },
      { names: [], layers: [{ 'lonely': 'x' }] },
    ], { gzip: true });
    const imgs = await store.importArchive(layout);
    assert.deepEqual(imgs.map((i) => i.repoTags), [['127.0.0.1:5000/team/web:2'], ['127.0.0.1:5000/team/job:2'], []]);
    assert.equal(imgs[0]!.layers[0]!.diffID, imgs[1]!.layers[0]!.diffID);
    assert.equal((await store.layers.listLayers()).length, 4, 'the shared base is unpacked once');
    assert.equal(store.find('127.0.0.1:5000/team/web:2')?.layers[1]?.digest, built[0]!.layerDigests[1]);
    assert.equal(store.find(built[2]!.id)?.id, built[2]!.id, 'an image without a name is kept, known by its id');
    assert.ok(existsSync(join(layout, 'index.json')), "the user's directory is left as it was");
  });

  it('imports a gzipped docker save archive, normalizing RepoTags and following a linked shared layer', async () => {
    const store = await fresh();
    const save = work('docker');
    const base = { 'bin/sh': '#!fake\n' };
    const built = writeDockerSave(save, [
      { names: ['busybox:latest', 'example.com/tools/bb:1.0'], layers: [base] },
      { names: ['navarch/web:1'], layers: [base, { 'www/index.html': '<h1>hi</h1>\n' }] },
    ], { gzip: true });
    const archive = join(dir, 'save.tar.gz');
    tarDirectory(save, archive, { gzip: true });

    const imgs = await store.importArchive(archive);
    assert.deepEqual(imgs.map((i) => i.repoTags), [
      ['docker.io/library/busybox:latest', 'example.com/tools/bb:1.0'],
      ['docker.io/navarch/web:1'],
    ]);
    assert.deepEqual(imgs.map((i) => i.repoDigests), [[], []], 'docker save carries no repo digests');
    assert.equal(imgs[1]!.id, built[1]!.id);
    assert.equal(imgs[1]!.layers[0]!.mediaType, 'application/vnd.docker.image.rootfs.diff.tar.gzip');
    assert.equal(readFileSync(join(store.layerDirs(imgs[1]!)[1]!, 'www', 'index.html'), 'utf8'), '<h1>hi</h1>\n');
    assert.equal(store.find('busybox')?.id, built[0]!.id);
    assert.deepEqual(leftovers(store), []);
  });

  it('rejects a blob whose content does not match its digest, naming it, and records nothing', async () => {
    const store = await fresh();
    const layout = work('bad');
    const [built] = writeOciLayout(layout, [{ names: ['docker.io/library/bad:1'], layers: [{ f: 'good' }] }]);
    const blob = join(layout, 'blobs', 'sha256', built!.layerDigests[0]!.slice(7));
    writeFileSync(blob, Buffer.concat([readFileSync(blob), Buffer.from('tampered')]));
    const archive = join(dir, 'bad.tar');
    tarDirectory(layout, archive);
    await assert.rejects(store.importArchive(archive), (err: Error) => {
      assert.match(err.message, new RegExp(`^Cannot import ${archive}: layer blobs/sha256/${built!.layerDigests[0]!.slice(7)} does not match its digest: its content is sha256:[0-9a-f]{64}$`));
      return true;
    });
    assert.deepEqual(store.list(), []);
    assert.deepEqual(leftovers(store), []);
    assert.deepEqual(await store.prune(), { layers: 0, blobs: 1 }, 'the config stored before the failure is no longer pinned');
  });

  it('rejects a docker save layer whose content is not the diffID its config names', async () => {
    const store = await fresh();
    const save = work('bad-docker');
    writeDockerSave(save, [{ names: ['x:1'], layers: [{ a: '1' }] }]);
    const folder = readdirSync(save).find((f) => /^[0-9a-f]{64}$/.test(f))!;
    writeFileSync(join(save, folder, 'layer.tar'), layerTar({ a: '2' }));
    await assert.rejects(store.importArchive(save), /^Error: Cannot import .*: failed to extract layer sha256:[0-9a-f]{64}: Cannot unpack layer sha256:[0-9a-f]{64}: its content is sha256:[0-9a-f]{64}, the image config says sha256:/);
    assert.deepEqual(store.list(), []);
  });

  it('says which platforms an archive has when none is the node’s, and what is not an archive', async () => {
    const store = await fresh();
    const layout = work('arm');
    writeOciLayout(layout, [{ names: ['docker.io/library/arm:1'], layers: [{ a: '1' }], architecture: 'arm64' }]);
    await assert.rejects(store.importArchive(layout), { message: `Cannot import ${layout}: no image in it is for linux/amd64 (it has linux/arm64)` });
    const junk = join(dir, 'junk.tar');
    writeFileSync(junk, 'this is not a tar file at all'.repeat(40));
    await assert.rejects(store.importArchive(junk), /^Error: Cannot import .*junk\.tar: it is not a readable tar archive: a header checksum does not match$/);
    const empty = work('empty');
    await assert.rejects(store.importArchive(empty), {
      message: `Cannot import ${empty}: it is neither an OCI image layout (no index.json) nor a docker save archive (no manifest.json)`,
    });
    await assert.rejects(store.importArchive(join(dir, 'missing.tar')), { message: `Cannot import ${join(dir, 'missing.tar')}: no such file or directory` });
  });

  it('moves a tag to a newly imported image and keeps the old one untagged', async () => {
    const store = await fresh();
    const a = work('v1');
    const b = work('v2');
    const [one] = writeDockerSave(a, [{ names: ['app:latest'], layers: [{ v: '1' }] }]);
    const [two] = writeDockerSave(b, [{ names: ['app:latest'], layers: [{ v: '2' }] }]);
    await store.importArchive(a);
    await store.importArchive(b);
    assert.equal(store.find('app')?.id, two!.id);
    assert.deepEqual(store.find(one!.id)?.repoTags, [], 'dangling, as Docker keeps it');
  });

  it('is seen by another ImageStore on the same folder (a running agent) without a restart, and no write is lost', async () => {
    const agent = await fresh();
    const cli = new ImageStore({ root: agent.root, registries: emptyRegistriesConfig(), platform: amd64 });
    await cli.init();
    assert.equal(agent.find('seen:1'), undefined);
    const a = work('seen');
    writeDockerSave(a, [{ names: ['seen:1'], layers: [{ s: '1' }] }]);
    await cli.importArchive(a);
    assert.ok(agent.find('seen:1'), 'the agent sees the import at its next lookup');
    const b = work('seen2');
    writeDockerSave(b, [{ names: ['other:1'], layers: [{ o: '1' }] }]);
    await agent.importArchive(b);
    assert.deepEqual(cli.list().map((i) => i.repoTags[0]).sort(), ['docker.io/library/other:1', 'docker.io/library/seen:1']);
    assert.equal(await cli.remove('seen:1'), true);
    assert.equal(agent.find('seen:1'), undefined);
  });

  it('does not prune content pinned for an image still being stored', async () => {
    const store = await fresh();
    const a = work('pin');
    const [img] = writeDockerSave(a, [{ names: ['pin:1'], layers: [{ p: '1' }] }]);
    await store.importArchive(a);
    await store.remove(img!.id);
    const release = store.layers.pin([img!.diffIDs[0]!, img!.layerDigests[0]!]);
    try {
      assert.deepEqual(await store.prune(), { layers: 0, blobs: 1 }, 'only the config goes');
      assert.ok(existsSync(join(store.root, 'pins', `${process.pid}.json`)), 'pins are visible to other processes');
    } finally {
      release();
    }
    assert.deepEqual(await store.prune(), { layers: 1, blobs: 1 });
    assert.ok(!existsSync(join(store.root, 'pins', `${process.pid}.json`)));
  });
});
