import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources, StatusError, type KObject, type ManagedFieldsEntry } from '../../../api/index.js';
import { applyObject, trackUpdate } from './field-manager.js';
import { LAST_APPLIED_ANNOTATION } from './last-applied.js';
import { managedFieldsScope } from './registry-hook.js';

const deploymentDef = builtinResources.find((r) => r.kind === 'Deployment' && r.group === 'apps');
if (!deploymentDef) throw new Error('no Deployment');
let tick = 0;
const scope = { ...managedFieldsScope(deploymentDef, undefined), now: () => `2024-01-01T00:00:${String(tick++).padStart(2, '0')}Z` };

function config(replicas?: number, extra: Record<string, string> = {}): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  };
  if (replicas !== undefined) spec.replicas = replicas;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web', ...extra } }, spec };
}

/** What the store would hold: the applied object with server-owned metadata. */
function stored(obj: KObject): KObject {
  return { ...obj, metadata: { ...obj.metadata, uid: 'uid-1', resourceVersion: '5', namespace: 'default' } };
}

function managers(obj: KObject): string[] {
  return (obj.metadata.managedFields ?? []).map((e: ManagedFieldsEntry) => `${e.manager}/${e.operation}`);
}

function entry(obj: KObject, manager: string): ManagedFieldsEntry {
  const e = (obj.metadata.managedFields ?? []).find((x) => x.manager === manager);
  assert.ok(e, `no entry for ${manager} in ${JSON.stringify(obj.metadata.managedFields)}`);
  return e;
}

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  assert.fail('expected a StatusError');
}

describe('server-side apply', () => {
  it('creates with one Apply entry owning exactly the applied fields', () => {
    const obj = applyObject(scope, undefined, config(2), 'kubectl', false);
    assert.deepEqual(managers(obj), ['kubectl/Apply']);
    const e = entry(obj, 'kubectl');
    assert.equal(e.apiVersion, 'apps/v1');
    assert.equal(e.fieldsType, 'FieldsV1');
    assert.deepEqual((e.fieldsV1 as { 'f:spec': Record<string, unknown> })['f:spec']['f:replicas'], {});
  });

  it('conflicts on a field another manager owns, and takes it with force', () => {
    const live = stored(applyObject(scope, undefined, config(2), 'kubectl', false));
    const err = statusOf(() => applyObject(scope, live, config(3), 'other', false));
    assert.equal(err.code, 409);
    assert.equal(err.reason, 'Conflict');
    assert.equal(err.message, 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    assert.deepEqual(err.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' }]);
    const forced = applyObject(scope, live, config(3), 'other', true);
    assert.equal((forced.spec as { replicas: number }).replicas, 3);
    assert.ok(!JSON.stringify(entry(forced, 'kubectl').fieldsV1).includes('f:replicas'));
    assert.ok(JSON.stringify(entry(forced, 'other').fieldsV1).includes('f:replicas'));
  });

  it('shares ownership when a second manager applies the same value', () => {
    const live = stored(applyObject(scope, undefined, config(2), 'kubectl', false));
    const shared = applyObject(scope, live, config(2), 'other', false);
    assert.ok(JSON.stringify(entry(shared, 'kubectl').fieldsV1).includes('f:replicas'));
    assert.ok(JSON.stringify(entry(shared, 'other').fieldsV1).includes('f:replicas'));
  });

  it('removes what its manager stops applying, unless another manager owns it', () => {
    const live = stored(applyObject(scope, undefined, config(2, { tier: 'a' }), 'kubectl', false));
    const dropped = applyObject(scope, live, config(2), 'kubectl', false);
    assert.deepEqual(dropped.metadata.labels, { app: 'web' });
    const withOther = stored(applyObject(scope, live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { tier: 'a' } } }, 'other', false));
    const kept = applyObject(scope, withOther, config(2), 'kubectl', false);
    assert.deepEqual(kept.metadata.labels, { app: 'web', tier: 'a' });
  });

  it('words several conflicts per manager, managers sorted', () => {
    let live = stored(applyObject(scope, undefined, config(2), 'b-mgr', false));
    live = stored(applyObject(scope, live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web', x: '1' } } }, 'a-mgr', false));
    const want = config(4, { x: '2' });
    const err = statusOf(() => applyObject(scope, live, want, 'c-mgr', false));
    assert.equal(err.message, 'Apply failed with 2 conflicts: conflicts with "a-mgr":\n- .metadata.labels.x\nconflicts with "b-mgr":\n- .spec.replicas');
  });

  it('names Update managers with their API version', () => {
    const created: KObject = stored(config(2) as KObject);
    delete created.metadata.uid;
    trackUpdate(scope, undefined, created, 'kubectl-create');
    const live = stored(created);
    const err = statusOf(() => applyObject(scope, live, config(5), 'kubectl', false));
    assert.equal(err.message, 'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas');
  });

  it('rejects a configuration of another kind or carrying managedFields, and undeclared fields', () => {
    assert.equal(statusOf(() => applyObject(scope, undefined, { ...config(1), kind: 'ReplicaSet' }, 'm', false)).message,
      'invalid object type: apps/v1, Kind=ReplicaSet');
    const withMf = config(1);
    (withMf.metadata as Record<string, unknown>).managedFields = [];
    assert.equal(statusOf(() => applyObject(scope, undefined, withMf, 'm', false)).message, 'metadata.managedFields must be nil');
    const unknown = { ...config(1), spec: { replicas: 1, foo: 1 } };
    const e = statusOf(() => applyObject(scope, undefined, unknown, 'm', false));
    assert.equal(e.code, 500);
    assert.equal(e.message, 'failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema');
  });

  it('lets kubectl take fields covered by its last-applied annotation, and keeps the annotation current', () => {
    const csa = config(2) as KObject;
    csa.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(config(2)) };
    trackUpdate(scope, undefined, csa, 'kubectl-client-side-apply');
    const live = stored(csa);
    assert.equal(statusOf(() => applyObject(scope, live, config(4), 'other', false)).code, 409);
    const applied = applyObject(scope, live, config(4), 'kubectl', false);
    assert.equal((applied.spec as { replicas: number }).replicas, 4);
    const ann = JSON.parse(applied.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '{}') as { spec: { replicas: number } };
    assert.equal(ann.spec.replicas, 4);
  });

  it('hands existing fields to before-first-apply on the first apply to an untracked object', () => {
    const live = stored(config(2) as KObject);
    const err = statusOf(() => applyObject(scope, live, config(3), 'kubectl', false));
    assert.equal(err.message, 'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  });
});

describe('update tracking', () => {
  it('records the creator, including defaulted fields, and marks parents that are new', () => {
    const obj = config(2) as KObject;
    (obj.spec as Record<string, unknown>).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } };
    trackUpdate(scope, undefined, obj, 'kubectl-create');
    const e = entry(obj, 'kubectl-create');
    assert.equal(e.operation, 'Update');
    assert.deepEqual((e.fieldsV1 as Record<string, Record<string, unknown>>)['f:spec']['f:strategy'],
      { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} });
    assert.deepEqual((e.fieldsV1 as Record<string, Record<string, unknown>>)['f:metadata'], { 'f:labels': { '.': {}, 'f:app': {} } });
  });

  it('moves changed fields to the updater and leaves managedFields alone when nothing changes', () => {
    const live = stored(applyObject(scope, undefined, config(2), 'kubectl', false));
    const same = structuredClone(live);
    trackUpdate(scope, live, same, 'kubectl-edit');
    assert.deepEqual(same.metadata.managedFields, live.metadata.managedFields);
    const edited = structuredClone(live);
    (edited.spec as { replicas: number }).replicas = 7;
    delete edited.metadata.managedFields;
    trackUpdate(scope, live, edited, 'kubectl-edit');
    assert.deepEqual(managers(edited), ['kubectl/Apply', 'kubectl-edit/Update']);
    assert.ok(!JSON.stringify(entry(edited, 'kubectl').fieldsV1).includes('f:replicas'));
    assert.deepEqual(entry(edited, 'kubectl-edit').fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  });

  it('drops managedFields on request ([{}]) and then stops tracking until the next apply', () => {
    const live = stored(applyObject(scope, undefined, config(2), 'kubectl', false));
    const reset = structuredClone(live);
    reset.metadata.managedFields = [{}];
    trackUpdate(scope, live, reset, 'x');
    assert.equal(reset.metadata.managedFields, undefined);
    const later = structuredClone(reset);
    (later.spec as { replicas: number }).replicas = 9;
    trackUpdate(scope, stored(reset), later, 'x');
    assert.equal(later.metadata.managedFields, undefined);
  });

  it('does not give the main resource status fields, and records the status subresource', () => {
    const live = stored(applyObject(scope, undefined, config(2), 'kubectl', false));
    const withStatus = { ...structuredClone(live), status: { replicas: 2 } };
    const statusScope = { ...managedFieldsScope(deploymentDef, 'status'), now: scope.now };
    trackUpdate(statusScope, live, withStatus, 'controller');
    const e = entry(withStatus, 'controller');
    assert.equal(e.subresource, 'status');
    assert.deepEqual(e.fieldsV1, { 'f:status': { '.': {}, 'f:replicas': {} } });
    const main = { ...structuredClone(live), status: { replicas: 3 } };
    trackUpdate(scope, live, main, 'someone');
    assert.deepEqual(managers(main), ['kubectl/Apply']);
  });

  it('keeps at most ten Update managers, folding the oldest into ancient-changes', () => {
    let obj = stored(applyObject(scope, undefined, config(2), 'kubectl', false));
    for (let i = 0; i < 12; i++) {
      const next = structuredClone(obj);
      delete next.metadata.managedFields;
      next.metadata.labels = { ...next.metadata.labels, [`l${i}`]: 'x' };
      trackUpdate(scope, obj, next, `writer-${String(i).padStart(2, '0')}`);
      obj = next;
    }
    const names = managers(obj);
    assert.equal(names.filter((n) => n.endsWith('/Update')).length, 10);
    assert.ok(names.includes('ancient-changes/Update'));
    assert.ok(!names.includes('writer-00/Update'));
  });
});
