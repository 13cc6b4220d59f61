import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarDirectory, writeDockerSave, writeOciLayout, type BuiltImage } from '../agent/images/index.js';
import { humanSize, imagesTable, runImages, tabulate } from './images.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => { out.push(t); }, err: (t: string) => { err.push(t); } }, out: () => out.join(''), err: () => err.join('') };
}

describe('navarch images', () => {
  let dir: string;
  let dataDir: string;
  let busybox: BuiltImage;
  let web: BuiltImage;
  const run = async (...argv: string[]) => {
    const c = capture();
    const code = await runImages([...argv, '--data-dir', dataDir], c.io);
    return { code, out: c.out(), err: c.err() };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), `navarch-cli-images-${process.pid}-`));
    dataDir = join(dir, 'data');
    [busybox] = writeDockerSave(join(dir, 'save'), [{ names: ['busybox:latest'], layers: [{ 'bin/busybox': 'bb' }] }]);
    tarDirectory(join(dir, 'save'), join(dir, 'busybox.tar'));
    [web] = writeOciLayout(join(dir, 'oci'), [{ names: ['docker.io/navarch/web:1', 'docker.io/navarch/web:latest'], layers: [{ 'www/index.html': 'hi' }] }], { multiPlatform: true });
    tarDirectory(join(dir, 'oci'), join(dir, 'web.tar'));
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('lists nothing before anything is imported', async () => {
    assert.deepEqual(await run('ls'), { code: 0, out: `${'IMAGE'.padEnd(20)}${'TAG'.padEnd(20)}${'IMAGE ID'.padEnd(20)}SIZE\n`, err: '' });
  });

  it('imports a docker save tar and an OCI layout tar, saying what it loaded', async () => {
    const r = await run('import', join(dir, 'busybox.tar'), join(dir, 'web.tar'));
    assert.deepEqual(r, {
      code: 0, err: '',
      out: 'Loaded image: docker.io/library/busybox:latest\nLoaded image: docker.io/navarch/web:1\nLoaded image: docker.io/navarch/web:latest\n',
    });
  });

  it('lists the images as crictl images does', async () => {
    const r = await run('ls');
    const lines = r.out.split('\n');
    assert.equal(lines[0], `${'IMAGE'.padEnd(28)}${'TAG'.padEnd(20)}${'IMAGE ID'.padEnd(20)}SIZE`);
    const row = (image: string, tag: string, id: string) => new RegExp(`^${image.padEnd(28)}${tag.padEnd(20)}${id.slice(7, 20).padEnd(20)}\\d+(\\.\\d+)?kB$`);
    assert.match(lines[1]!, row('docker.io/library/busybox', 'latest', busybox.id));
    assert.match(lines[2]!, row('docker.io/navarch/web', '1', web.id));
    assert.match(lines[3]!, row('docker.io/navarch/web', 'latest', web.id));
    assert.equal(lines.length, 5);
  });

  it('refuses to remove an image a container of the node uses, and removes the others', async () => {
    const cid = 'ab'.repeat(32);
    const cdir = join(dataDir, 'agent', 'runtime', 'containers', cid);
    mkdirSync(cdir, { recursive: true });
    writeFileSync(join(cdir, 'container.json'), JSON.stringify({
      id: cid, name: 'web', image: { ref: 'navarch/web:1', id: web.id },
      labels: { 'io.kubernetes.pod.name': 'web-1', 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.container.name': 'web' },
    }));
    const refused = await run('rm', 'navarch/web:latest', busybox.id.slice(7, 20), 'nope:1');
    assert.equal(refused.code, 1);
    assert.equal(refused.out, 'Deleted: docker.io/library/busybox:latest\n');
    assert.equal(refused.err, `Cannot remove image "navarch/web:latest": container ${cid.slice(0, 13)} (pod default/web-1, container web) uses it; delete its pod first\n`
      + 'no such image nope:1\nunable to remove the image(s)\n');
    assert.match((await run('ls')).out, /navarch\/web/);

    rmSync(cdir, { recursive: true, force: true });
    assert.deepEqual(await run('rm', 'navarch/web:1'), { code: 0, out: 'Deleted: docker.io/navarch/web:1\nDeleted: docker.io/navarch/web:latest\n', err: '' });
    assert.equal((await run('ls')).out.split('\n').length, 2, 'only the header is left');
  });

  it('explains its usage', async () => {
    const r = await run('frobnicate');
    assert.equal(r.code, 2);
    assert.match(r.err, /^navarch: unknown images command "frobnicate"\n\nUsage:\n  navarch images import/);
  });
});

describe('crictl-style formatting', () => {
  it('writes sizes as Docker does with three significant digits', () => {
    assert.deepEqual([512, 1000, 10_752, 772_000, 2_160_000, 1_500_000_000, 999_999].map(humanSize),
      ['512B', '1kB', '10.8kB', '772kB', '2.16MB', '1.5GB', '1e+03kB']);
  });

  it('pads columns as Go’s tabwriter (minimum 20, padding 3) and shows untagged images', () => {
    assert.equal(tabulate([['a', 'b', 'c'], ['a-name-longer-than-twenty', 'x', 'y']]),
      `${'a'.padEnd(28)}${'b'.padEnd(20)}c\na-name-longer-than-twenty   ${'x'.padEnd(20)}y\n`);
    const base = { manifestDigest: '', layers: [], size: 2_160_000, config: {}, platform: { os: 'linux', architecture: 'amd64' }, pulledAt: '' };
    const text = imagesTable([
      { ...base, id: `sha256:${'1'.repeat(64)}`, repoTags: [], repoDigests: [] },
      { ...base, id: `sha256:${'2'.repeat(64)}`, repoTags: [], repoDigests: [`docker.io/library/x@sha256:${'3'.repeat(64)}`] },
    ]);
    assert.equal(text.split('\n').slice(1).join('\n'),
      `${'<none>'.padEnd(22)}${'<none>'.padEnd(20)}${'1'.repeat(13).padEnd(20)}2.16MB\n`
      + `${'docker.io/library/x'.padEnd(22)}${'<none>'.padEnd(20)}${'2'.repeat(13).padEnd(20)}2.16MB\n`);
  });
});
