import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runConformance } from '../conformance.js';
import { openBackend } from '../open.js';
import { openEtcdBackend, startTestEtcd } from './index.js';

// A real etcd on loopback. Without the etcd binary this file fails (CI installs etcd-server).
const etcd = await startTestEtcd();
after(() => etcd.stop());

runConformance('etcd', () => openEtcdBackend([etcd.endpoint]));

describe('etcd backend', () => {
  it('opens from an etcd:// URL', async () => {
    const b = await openBackend(etcd.url);
    const kv = await b.create(`/registry/open-url-${Date.now()}`, 'v');
    assert.equal(await b.currentRevision(), kv.modRevision);
    await b.close();
  });

  it('fails to open an endpoint nobody serves', async () => {
    await assert.rejects(openEtcdBackend(['127.0.0.1:1']), /Cannot open etcd at 127\.0\.0\.1:1/);
  });
});
