import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { familiarReference, formatReference, normalizeImage, parseReference, withDefaultTag } from './reference.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('image references', () => {
  it('applies Docker Hub defaults', () => {
    assert.deepEqual(parseReference('busybox'), { domain: 'docker.io', path: 'library/busybox' });
    assert.deepEqual(parseReference('busybox:1.36'), { domain: 'docker.io', path: 'library/busybox', tag: '1.36' });
    assert.deepEqual(parseReference('navarch/web:1'), { domain: 'docker.io', path: 'navarch/web', tag: '1' });
    assert.equal(normalizeImage('busybox'), 'docker.io/library/busybox:latest');
    assert.equal(normalizeImage('index.docker.io/library/nginx'), 'docker.io/library/nginx:latest');
  });

  it('recognizes registry hosts by a dot, a port or localhost', () => {
    assert.deepEqual(parseReference('127.0.0.1:5000/busybox:1.36'), { domain: '127.0.0.1:5000', path: 'busybox', tag: '1.36' });
    assert.deepEqual(parseReference('localhost/app'), { domain: 'localhost', path: 'app' });
    assert.deepEqual(parseReference('ghcr.io/o/r/x:v2'), { domain: 'ghcr.io', path: 'o/r/x', tag: 'v2' });
    assert.equal(parseReference('library/busybox').domain, 'docker.io');
  });

  it('reads digests, with or without a tag', () => {
    assert.deepEqual(parseReference(`busybox@${D}`), { domain: 'docker.io', path: 'library/busybox', digest: D });
    assert.deepEqual(parseReference(`busybox:1.36@${D}`), { domain: 'docker.io', path: 'library/busybox', tag: '1.36', digest: D });
    assert.equal(withDefaultTag(parseReference(`busybox@${D}`)).tag, undefined);
    assert.equal(formatReference(parseReference(`busybox@${D}`)), `docker.io/library/busybox@${D}`);
  });

  it('prints the familiar short form', () => {
    assert.equal(familiarReference(parseReference('docker.io/library/busybox:1.36')), 'busybox:1.36');
    assert.equal(familiarReference(parseReference('docker.io/navarch/web:1')), 'navarch/web:1');
    assert.equal(familiarReference(parseReference('127.0.0.1:5000/busybox')), '127.0.0.1:5000/busybox');
  });

  it('rejects what Docker rejects, with its words', () => {
    assert.throws(() => parseReference('BusyBox'), /repository name must be lowercase/);
    assert.throws(() => parseReference('busybox:'), /invalid reference format/);
    assert.throws(() => parseReference('busy box'), /invalid reference format/);
    assert.throws(() => parseReference('busybox@sha256:abc'), /invalid (checksum digest length|digest format)/);
    assert.throws(() => parseReference(''), /couldn't parse image reference "": invalid reference format/);
    assert.throws(() => parseReference(`busybox:${'x'.repeat(129)}`), /invalid reference format/);
  });
});
