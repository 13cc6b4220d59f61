/**
 * API machinery semantics over HTTP against an in-process server (memory store): names, uids,
 * optimistic concurrency, generation, status and scale subresources, finalizers and graceful
 * deletion, dry run, paging, watches with selectors, allocation conflicts and namespace lifecycle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RestClient, WatchEventLine } from '../client/index.js';
import { startApiFixture, type ApiFixture } from '../testing/index.js';

type Obj = { metadata: Record<string, unknown>; spec?: Record<string, unknown>; status?: Record<string, unknown>; [k: string]: unknown };

let t: ApiFixture;
let c: RestClient;

before(async () => {
  t = await startApiFixture();
  c = t.clientset.rest;
});
after(async () => { await t.stop(); });

async function call(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; obj: Obj }> {
  const r = await c.request(method, path, { body, contentType });
  return { status: r.status, obj: JSON.parse(r.text) as Obj };
}

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const PODS = '/api/v1/namespaces/default/pods';
const CMS = '/api/v1/namespaces/default/configmaps';

function deployment(name: string, replicas = 1): unknown {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  };
}

describe('API semantics', () => {
  it('generateName, uid and creationTimestamp are set by the server', async () => {
    const r = await call('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
    assert.equal(r.status, 201);
    assert.match(String(r.obj.metadata.name), /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.match(String(r.obj.metadata.uid), /^[0-9a-f-]{36}$/);
    assert.match(String(r.obj.metadata.creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('an update with a stale resourceVersion is a 409 Conflict', async () => {
    const created = await call('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'occ' }, data: { a: '1' } });
    const first = await call('PUT', `${CMS}/occ`, { ...created.obj, data: { a: '2' } });
    assert.equal(first.status, 200);
    assert.notEqual(first.obj.metadata.resourceVersion, created.obj.metadata.resourceVersion);
    const stale = await call('PUT', `${CMS}/occ`, { ...created.obj, data: { a: '3' } });
    assert.equal(stale.status, 409);
    assert.equal((stale.obj as unknown as { message: string }).message,
      'Operation cannot be fulfilled on configmaps "occ": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('generation follows spec changes; status and scale are subresources', async () => {
    const d = await call('POST', DEPLOY, deployment('gen'));
    assert.equal(d.obj.metadata.generation, 1);
    const labelled = await call('PATCH', `${DEPLOY}/gen`, { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json');
    assert.equal(labelled.obj.metadata.generation, 1);
    const scaled = await call('PATCH', `${DEPLOY}/gen/scale`, { spec: { replicas: 4 } }, 'application/merge-patch+json');
    assert.equal(scaled.obj.kind, 'Scale');
    assert.deepEqual(scaled.obj.spec, { replicas: 4 });
    assert.equal((scaled.obj.status as { selector: string }).selector, 'app=gen');
    const after = await call('GET', `${DEPLOY}/gen`);
    assert.equal(after.obj.metadata.generation, 2);
    // Status written through the main resource is ignored; through /status it sticks.
    const ignored = await call('PUT', `${DEPLOY}/gen`, { ...after.obj, status: { replicas: 9 } });
    assert.equal(ignored.obj.status?.replicas, undefined);
    const st = await call('PUT', `${DEPLOY}/gen/status`, { ...ignored.obj, spec: { ...ignored.obj.spec, replicas: 1 }, status: { replicas: 4, observedGeneration: 2 } });
    assert.equal(st.obj.status?.replicas, 4);
    assert.equal(st.obj.spec?.replicas, 4);
  });

  it('finalizers hold a deleted object until they are removed', async () => {
    await call('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
    const del = await call('DELETE', `${CMS}/fin`);
    assert.equal(del.status, 200);
    const held = await call('GET', `${CMS}/fin`);
    assert.ok(held.obj.metadata.deletionTimestamp);
    await call('PATCH', `${CMS}/fin`, { metadata: { finalizers: null } }, 'application/merge-patch+json');
    assert.equal((await call('GET', `${CMS}/fin`)).status, 404);
  });

  it('a scheduled pod is deleted gracefully; grace 0 removes it', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'graceful' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } };
    assert.equal((await call('POST', PODS, pod)).status, 201);
    const del = await call('DELETE', `${PODS}/graceful`);
    assert.equal(del.obj.kind, 'Pod');
    assert.equal(del.obj.metadata.deletionGracePeriodSeconds, 30);
    assert.equal((await call('GET', `${PODS}/graceful`)).status, 200);
    await call('DELETE', `${PODS}/graceful?gracePeriodSeconds=0`);
    assert.equal((await call('GET', `${PODS}/graceful`)).status, 404);
  });

  it('pods/binding places a pod once and marks it scheduled', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'tobind' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    await call('POST', PODS, pod);
    const bind = (node: string) => call('POST', `${PODS}/tobind/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'tobind' }, target: { apiVersion: 'v1', kind: 'Node', name: node } });
    assert.equal((await bind('node-1')).status, 201);
    const got = await call('GET', `${PODS}/tobind`);
    assert.equal(got.obj.spec?.nodeName, 'node-1');
    const conds = (got.obj.status as { conditions: Array<{ type: string; status: string }> }).conditions;
    assert.deepEqual(conds.filter((c) => c.type === 'PodScheduled').map((c) => c.status), ['True']);
    const again = await bind('node-2');
    assert.equal(again.status, 409);
    assert.match((again.obj as unknown as { message: string }).message, /pod tobind is already assigned to node "node-1"/);
  });

  it('pods get their priority and the default NoExecute tolerations on create', async () => {
    const pod = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } });
    const plain = await call('POST', PODS, pod('prio-plain'));
    assert.equal(plain.obj.spec?.priority, 0);
    assert.equal(plain.obj.spec?.preemptionPolicy, 'PreemptLowerPriority');
    assert.deepEqual((plain.obj.spec?.tolerations as Array<{ key: string; tolerationSeconds: number }>).map((t) => `${t.key}:${t.tolerationSeconds}`),
      ['node.kubernetes.io/not-ready:300', 'node.kubernetes.io/unreachable:300']);
    const critical = await call('POST', PODS, pod('prio-critical', { priorityClassName: 'system-node-critical' }));
    assert.equal(critical.obj.spec?.priority, 2000001000);
    const missing = await call('POST', PODS, pod('prio-missing', { priorityClassName: 'nope' }));
    assert.equal(missing.status, 403);
    assert.equal((missing.obj as unknown as { message: string }).message, 'pods "prio-missing" is forbidden: no PriorityClass with name nope was found');
  });

  it('dryRun=All validates and answers without storing', async () => {
    const r = await call('POST', `${CMS}?dryRun=All`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } });
    assert.equal(r.status, 201);
    assert.equal((await call('GET', `${CMS}/dry`)).status, 404);
    await call('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry-exists' } });
    const again = await call('POST', `${CMS}?dryRun=All`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry-exists' } });
    assert.equal(again.status, 409);
  });

  it('limit and continue page through a consistent list', async () => {
    for (let i = 0; i < 7; i++) await call('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `page-${i}`, labels: { paged: 'yes' } } });
    const names: string[] = [];
    let cont = '';
    let first = true;
    for (;;) {
      const r = await call('GET', `${CMS}?labelSelector=paged%3Dyes&limit=3${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      for (const item of r.obj.items as Obj[]) names.push(String(item.metadata.name));
      if (first) {
        first = false;
        await call('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'page-late', labels: { paged: 'yes' } } });
      }
      cont = String((r.obj.metadata as { continue?: string }).continue ?? '');
      if (!cont) break;
    }
    assert.deepEqual(names, Array.from({ length: 7 }, (_, i) => `page-${i}`));
  });

  it('watches deliver changes in order, and selection changes as ADDED/DELETED', async () => {
    const list = await call('GET', CMS);
    const rv = String(list.obj.metadata.resourceVersion);
    const events: WatchEventLine[] = [];
    const stop = c.watch(`${CMS}?watch=true&resourceVersion=${rv}&labelSelector=watched%3Dyes`, (e) => events.push(e));
    try {
      await call('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w', labels: { watched: 'yes' } } });
      await call('PATCH', `${CMS}/w`, { data: { a: '1' } }, 'application/merge-patch+json');
      await call('PATCH', `${CMS}/w`, { metadata: { labels: { watched: 'no' } } }, 'application/merge-patch+json');
      await call('PATCH', `${CMS}/w`, { metadata: { labels: { watched: 'yes' } } }, 'application/merge-patch+json');
      await call('DELETE', `${CMS}/w`);
      const deadline = Date.now() + 5000;
      while (events.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED', 'ADDED', 'DELETED']);
      const rvs = events.map((e) => Number((e.object.metadata as { resourceVersion: string }).resourceVersion));
      assert.deepEqual(rvs, [...rvs].sort((a, b) => a - b));
    } finally {
      stop();
    }
  });

  it('deletecollection removes what the selector picks', async () => {
    const r = await call('DELETE', `${CMS}?labelSelector=paged%3Dyes`);
    assert.equal(r.status, 200);
    assert.equal((r.obj.items as unknown[]).length, 8);
    const left = await call('GET', `${CMS}?labelSelector=paged%3Dyes`);
    assert.equal((left.obj.items as unknown[]).length, 0);
  });

  it('cluster IPs and node ports are allocated, and conflicts are refused', async () => {
    const svc = (name: string, extra: Record<string, unknown>) => ({
      apiVersion: 'v1', kind: 'Service', metadata: { name },
      spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30007 }], selector: { app: name }, ...extra },
    });
    const a = await call('POST', '/api/v1/namespaces/default/services', svc('np-a', {}));
    assert.equal(a.status, 201);
    assert.match(String(a.obj.spec?.clusterIP), /^10\.43\.\d+\.\d+$/);
    const b = await call('POST', '/api/v1/namespaces/default/services', svc('np-b', {}));
    assert.equal(b.status, 422);
    assert.match((b.obj as unknown as { message: string }).message, /spec\.ports\[0\]\.nodePort: Invalid value: 30007: provided port is already allocated/);
    const ip = await call('POST', '/api/v1/namespaces/default/services', svc('np-c', { type: 'ClusterIP', ports: [{ port: 80 }], clusterIP: '10.43.0.1' }));
    assert.equal(ip.status, 422);
    assert.match((ip.obj as unknown as { message: string }).message, /failed to allocate IP 10\.43\.0\.1: provided IP is already allocated/);
  });

  it('objects cannot be created in a namespace that does not exist', async () => {
    const r = await call('POST', '/api/v1/namespaces/nowhere/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    assert.equal(r.status, 404);
    assert.equal((r.obj as unknown as { message: string }).message, 'namespaces "nowhere" not found');
  });

  it('the default namespace cannot be deleted', async () => {
    const r = await call('DELETE', '/api/v1/namespaces/default');
    assert.equal(r.status, 403);
  });
});
