import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApiFixture } from '../../testing/index.js';
import { isNodeLocalDnsService, kubeDnsBootstrapObject, kubeDnsService } from './kube-dns-service.js';

test('the kube-dns Service is accepted by the API server with its cluster IP and the three ports', async () => {
  const fx = await startApiFixture();
  try {
    const x = kubeDnsBootstrapObject('10.43.0.10');
    const created = await fx.clientset.resource({ group: x.group, version: x.version, resource: x.resource }).namespace('kube-system').create(x.obj);
    const spec = (created as unknown as ReturnType<typeof kubeDnsService>).spec!;
    assert.equal(spec.clusterIP, '10.43.0.10');
    assert.deepEqual(spec.ports?.map((p) => `${p.name} ${p.port}/${p.protocol}`), ['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    assert.equal(spec.selector, undefined);
    assert.equal(created.metadata.labels?.['k8s-app'], 'kube-dns');
    assert.ok(isNodeLocalDnsService(created));
    assert.ok(!isNodeLocalDnsService({ metadata: { name: 'kube-dns', namespace: 'default' } }));
  } finally {
    await fx.stop();
  }
});
