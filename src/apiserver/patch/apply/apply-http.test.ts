/** Server-side apply over HTTP against an in-process server: the PATCH handler and the store's bookkeeping. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ManagedFieldsEntry } from '../../../api/index.js';
import { startApiFixture, type ApiFixture } from '../../../testing/index.js';

type Obj = { metadata: { name?: string; labels?: Record<string, string>; managedFields?: ManagedFieldsEntry[]; [k: string]: unknown }; spec?: Record<string, unknown>; [k: string]: unknown };

let t: ApiFixture;
before(async () => { t = await startApiFixture(); });
after(async () => { await t.stop(); });

const CMS = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const APPLY = 'application/apply-patch+yaml';

async function call(method: string, path: string, body?: string | object, contentType?: string): Promise<{ status: number; obj: Obj }> {
  const r = await t.clientset.rest.request(method, path, typeof body === 'string' ? { rawBody: body, contentType } : { body, contentType });
  return { status: r.status, obj: JSON.parse(r.text) as Obj };
}

const mgrs = (o: Obj): string[] => (o.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}`);

describe('server-side apply over HTTP', () => {
  it('creates from YAML with 201, then answers 200, and a no-op leaves the object alone', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  a: "1"\n';
    const created = await call('PATCH', `${CMS}/c1?fieldManager=tool`, yaml, APPLY);
    assert.equal(created.status, 201);
    assert.deepEqual(mgrs(created.obj), ['tool/Apply']);
    const again = await call('PATCH', `${CMS}/c1?fieldManager=tool`, yaml, APPLY);
    assert.equal(again.status, 200);
    assert.equal(again.obj.metadata.resourceVersion, created.obj.metadata.resourceVersion);
  });

  it('requires fieldManager and refuses force on other patch types', async () => {
    const r = await call('PATCH', `${CMS}/c1`, '{}', APPLY);
    assert.equal(r.status, 422);
    assert.equal((r.obj as unknown as { message: string }).message,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const m = await call('PATCH', `${CMS}/c1?force=true`, { data: { b: '2' } }, 'application/merge-patch+json');
    assert.equal((m.obj as unknown as { message: string }).message,
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  });

  it('answers 409 with the conflicting manager, and force=true takes the field', async () => {
    const dep = (replicas: number): object => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd1' },
      spec: { replicas, selector: { matchLabels: { app: 'd1' } }, template: { metadata: { labels: { app: 'd1' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    assert.equal((await call('POST', `${DEPLOY}?fieldManager=kubectl-create`, dep(1))).status, 201);
    const c = await call('PATCH', `${DEPLOY}/d1?fieldManager=mine`, JSON.stringify(dep(2)), APPLY);
    assert.equal(c.status, 409);
    assert.equal((c.obj as unknown as { message: string }).message,
      'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas');
    const f = await call('PATCH', `${DEPLOY}/d1?fieldManager=mine&force=true`, JSON.stringify(dep(2)), APPLY);
    assert.equal(f.status, 200);
    assert.equal(f.obj.spec?.replicas, 2);
    assert.deepEqual(mgrs(f.obj), ['mine/Apply', 'kubectl-create/Update']);
  });

  it('records the patcher of a merge patch, named after the User-Agent without fieldManager', async () => {
    const r = await t.clientset.rest.request('PATCH', `${CMS}/c1`, { body: { data: { b: '2' } }, contentType: 'application/merge-patch+json' });
    assert.equal(r.status, 200);
    // The test client sends no User-Agent: Kubernetes then records "unknown".
    assert.deepEqual(mgrs(JSON.parse(r.text) as Obj), ['tool/Apply', 'unknown/Update']);
  });

  it('applies replicas through the scale subresource', async () => {
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'd1' }, spec: { replicas: 5 } };
    const r = await call('PATCH', `${DEPLOY}/d1/scale?fieldManager=scaler&force=true`, JSON.stringify(scale), APPLY);
    assert.equal(r.status, 200);
    assert.equal(r.obj.kind, 'Scale');
    const d = await call('GET', `${DEPLOY}/d1`);
    assert.equal(d.obj.spec?.replicas, 5);
    const e = (d.obj.metadata.managedFields ?? []).find((x) => x.manager === 'scaler');
    assert.equal(e?.subresource, 'scale');
    assert.deepEqual(e?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  });

  it('rejects duplicated keys under strict field validation', async () => {
    const r = await call('PATCH', `${CMS}/c1?fieldManager=tool&fieldValidation=Strict`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  a: "1"\n  a: "2"\n', APPLY);
    assert.equal(r.status, 400);
    assert.equal((r.obj as unknown as { message: string }).message,
      'error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key "a" already set in map');
  });
});
