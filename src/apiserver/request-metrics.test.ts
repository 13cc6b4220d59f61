import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { metricVerb, RequestMetrics } from './request-metrics.js';
import { parseResourcePath } from './request-info.js';
import { startApiFixture, type ApiFixture } from '../testing/index.js';

const q = (s = '') => new URLSearchParams(s);
const info = (p: string) => parseResourcePath(p)!;

describe('apiserver_request_total', () => {
  it('names verbs as the metric does', () => {
    assert.equal(metricVerb('GET', info('/api/v1/namespaces/a/pods'), q()), 'LIST');
    assert.equal(metricVerb('GET', info('/api/v1/namespaces/a/pods'), q('watch=true')), 'WATCH');
    assert.equal(metricVerb('GET', info('/api/v1/watch/namespaces/a/pods'), q()), 'WATCH');
    assert.equal(metricVerb('GET', info('/api/v1/namespaces/a/pods/x'), q()), 'GET');
    assert.equal(metricVerb('DELETE', info('/api/v1/namespaces/a/pods'), q()), 'DELETECOLLECTION');
    assert.equal(metricVerb('PATCH', info('/apis/apps/v1/namespaces/a/deployments/d'), q(), 'application/apply-patch+yaml'), 'APPLY');
    assert.equal(metricVerb('POST', info('/api/v1/namespaces/a/pods/x/exec'), q()), 'CONNECT');
  });

  it('sums series by label and renders the Prometheus text', () => {
    const m = new RequestMetrics();
    m.add({ verb: 'POST', group: '', version: 'v1', resource: 'pods', subresource: '', scope: 'namespace', code: 201 }, 3);
    m.add({ verb: 'PATCH', group: '', version: 'v1', resource: 'pods', subresource: 'status', scope: 'resource', code: 200 });
    assert.equal(m.total(), 4);
    assert.equal(m.total({ resource: 'pods', verb: 'POST' }), 3);
    assert.match(m.render(), /^apiserver_request_total\{code="201",component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="POST",version="v1"\} 3$/m);
  });

  describe('served on /metrics', () => {
    let fx: ApiFixture;
    before(async () => { fx = await startApiFixture(); });
    after(async () => { await fx.stop(); });

    it('counts what kubectl asked for', async () => {
      // (Not execFileSync: the server runs in this process.)
      const k = async (...args: string[]) => (await promisify(execFile)('kubectl', ['--kubeconfig', fx.server.kubeconfigPath, ...args])).stdout;
      await k('create', 'configmap', 'counted', '--from-literal=a=b');
      await k('get', 'configmap', 'counted');
      const text = await k('get', '--raw', '/metrics');
      assert.match(text, /^apiserver_request_total\{code="201",[^}]*resource="configmaps",scope="namespace",subresource="",verb="POST",version="v1"\} 1$/m);
      assert.match(text, /^apiserver_request_total\{code="200",[^}]*resource="configmaps",scope="resource",subresource="",verb="GET",version="v1"\} \d+$/m);
    });
  });
});
