import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import type { ResourceDef } from '../../resource.js';
import { controllerrevisions } from './controllerrevision.js';
import { daemonsets, TEMPLATE_GENERATION_ANNOTATION } from './daemonset.js';
import { replicasets } from './replicaset.js';
import { statefulsets } from './statefulset.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };
const now = new Date('2024-01-01T01:00:00Z');

function make(kind: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec, ...extra };
}

function tpl(labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...spec } };
}

function check(def: ResourceDef, obj: KObject): string[] {
  def.defaults?.(obj);
  return (def.validate?.(obj, ctx) ?? []).map(fieldErrorString);
}

describe('ReplicaSet', () => {
  it('defaults replicas and validates like a deployment', () => {
    const rs = make('ReplicaSet', { selector: { matchLabels: { app: 'web' } }, template: tpl() });
    assert.deepEqual(check(replicasets, rs), []);
    assert.equal((rs.spec as { replicas: number }).replicas, 1);
    const bad = make('ReplicaSet', { selector: { matchLabels: { app: 'x' } }, template: tpl(), minReadySeconds: -5 });
    assert.deepEqual(check(replicasets, bad), [
      'spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('prints DESIRED, CURRENT, READY and the selector', () => {
    const rs = make('ReplicaSet', { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tpl() }, { status: { replicas: 3, readyReplicas: 1 } });
    assert.deepEqual(replicasets.table!.cells(rs, now), [3, 3, 1, '60m', 'web', 'nginx:1.27', 'app=web']);
    assert.equal(replicasets.selectableFields!['status.replicas'](rs), '3');
  });
});

describe('DaemonSet', () => {
  it('defaults the rolling update to maxUnavailable 1 and maxSurge 0', () => {
    const ds = make('DaemonSet', { selector: { matchLabels: { app: 'web' } }, template: tpl() });
    assert.deepEqual(check(daemonsets, ds), []);
    const spec = ds.spec as Record<string, unknown>;
    assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(spec.revisionHistoryLimit, 10);
  });

  it('rejects maxSurge together with maxUnavailable (the seed manifest at 004:4038)', () => {
    const ds = make('DaemonSet', {
      selector: { matchLabels: { app: 'my-app' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
      template: tpl({ app: 'my-app' }),
    });
    assert.deepEqual(check(daemonsets, ds), [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    ]);
  });

  it('reports a missing selector only as a template mismatch, as Kubernetes does', () => {
    assert.deepEqual(check(daemonsets, make('DaemonSet', { template: tpl() })), [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('tracks the template generation in an annotation', () => {
    const ds = make('DaemonSet', { selector: { matchLabels: { app: 'web' } }, template: tpl() });
    ds.metadata.generation = 1;
    daemonsets.prepareForCreate!(ds);
    assert.equal(ds.metadata.annotations![TEMPLATE_GENERATION_ANNOTATION], '1');
    const changed = structuredClone(ds);
    (changed.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image = 'nginx:1.28';
    daemonsets.prepareForUpdate!(changed, ds);
    assert.equal(changed.metadata.annotations![TEMPLATE_GENERATION_ANNOTATION], '2');
    assert.equal(changed.metadata.generation, 2);
  });

  it('prints the node selector column', () => {
    const ds = make('DaemonSet', { selector: { matchLabels: { app: 'web' } }, template: tpl({ app: 'web' }, { nodeSelector: { zone: 'a', disk: 'ssd' } }) },
      { status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 } });
    assert.deepEqual(daemonsets.table!.cells(ds, now), [2, 2, 1, 2, 1, 'disk=ssd,zone=a', '60m', 'web', 'nginx:1.27', 'app=web']);
  });
});

describe('StatefulSet', () => {
  it('defaults policy, strategy, retention and claim templates', () => {
    const sts = make('StatefulSet', {
      selector: { matchLabels: { app: 'web' } }, serviceName: 'web', template: tpl(),
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    });
    assert.deepEqual(check(statefulsets, sts), []);
    const spec = sts.spec as Record<string, unknown>;
    assert.equal(spec.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.equal(spec.replicas, 1);
    const claim = (spec.volumeClaimTemplates as Array<Record<string, Record<string, unknown>>>)[0];
    assert.equal(claim.kind as unknown, 'PersistentVolumeClaim');
    assert.equal(claim.spec.volumeMode, 'Filesystem');
    assert.deepEqual(claim.status, { phase: 'Pending' });
  });

  it('validates strategy, policy and selector with Kubernetes wording', () => {
    const sts = make('StatefulSet', {
      selector: { matchLabels: {} }, template: tpl(), podManagementPolicy: 'Random',
      updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 2 } }, ordinals: { start: -1 },
    });
    assert.deepEqual(check(statefulsets, sts), [
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
      "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:2, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
      'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
    ]);
  });

  it('forbids changes outside the mutable spec fields', () => {
    const old = make('StatefulSet', { replicas: 1, serviceName: 'a', selector: { matchLabels: { app: 'web' } }, template: tpl() });
    const scaled = structuredClone(old);
    (scaled.spec as Record<string, unknown>).replicas = 5;
    assert.deepEqual(statefulsets.validateUpdate!(scaled, old, ctx), []);
    const renamed = structuredClone(old);
    (renamed.spec as Record<string, unknown>).serviceName = 'b';
    assert.deepEqual(statefulsets.validateUpdate!(renamed, old, ctx).map(fieldErrorString), [
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('uses DNS labels for names and prints READY', () => {
    assert.ok(statefulsets.nameValidator!('web.v1').length > 0);
    const sts = make('StatefulSet', { replicas: 3, template: tpl() }, { status: { readyReplicas: 2 } });
    assert.deepEqual(statefulsets.table!.cells(sts, now), ['2/3', '60m', 'web', 'nginx:1.27']);
  });
});

describe('ControllerRevision', () => {
  it('requires data, keeps it immutable and prints the controller', () => {
    const cr: KObject = {
      apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 2,
      metadata: { name: 'web-5d4f', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] },
    };
    assert.deepEqual(controllerrevisions.validate!(cr, ctx).map(fieldErrorString), ['data: Required value: data is mandatory']);
    cr.data = { a: 1 };
    const next = { ...cr, data: { a: 2 } };
    assert.deepEqual(controllerrevisions.validateUpdate!(next, cr, ctx).map(fieldErrorString), [
      'data: Invalid value: runtime.RawExtension{Raw:[]uint8{0x7b, 0x22, 0x61, 0x22, 0x3a, 0x32, 0x7d}, Object:runtime.Object(nil)}: field is immutable',
    ]);
    assert.deepEqual(controllerrevisions.table!.cells(cr, now), ['statefulset.apps/web', 2, '60m']);
  });
});
