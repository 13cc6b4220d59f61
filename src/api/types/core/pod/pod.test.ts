import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../meta/object-meta.js';
import { pods } from './pod.js';
import { podtemplates } from './pod-template.js';
import { podQOSClass } from './qos.js';
import type { Pod } from './types.js';

function newPod(spec: Record<string, unknown>, labels: Record<string, string> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels }, spec } as Pod;
}

describe('Pod resource', () => {
  it('declares the kind as Kubernetes serves it', () => {
    assert.equal(pods.plural, 'pods');
    assert.deepEqual(pods.shortNames, ['po']);
    assert.deepEqual(pods.categories, ['all']);
    assert.deepEqual(pods.subresources, { status: true });
    assert.equal(pods.generation, false);
    assert.equal(podtemplates.plural, 'podtemplates');
    assert.equal(podtemplates.schema.gvk?.kind, 'PodTemplate');
  });

  it('starts a new pod Pending with its QoS class, even before defaulting', () => {
    const p = newPod({ containers: [{ name: 'a', image: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }] });
    p.status = { phase: 'Running' };
    pods.prepareForCreate!(p as KObject);
    assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('marks gated pods and turns matchLabelKeys into selector conditions', () => {
    const p = newPod({
      containers: [{ name: 'a', image: 'a' }],
      schedulingGates: [{ name: 'example.com/wait' }],
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['version'] },
      ] } },
    }, { app: 'web', version: 'v2' });
    pods.prepareForCreate!(p as KObject);
    const cond = p.status!.conditions![0];
    assert.equal(cond.type, 'PodScheduled');
    assert.equal(cond.status, 'False');
    assert.equal(cond.reason, 'SchedulingGated');
    assert.equal(cond.message, 'Scheduling is blocked due to non-empty scheduling gates');
    const term = p.spec!.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution![0];
    assert.deepEqual(term.labelSelector!.matchExpressions, [{ key: 'version', operator: 'In', values: ['v2'] }]);
  });

  it('classifies QoS', () => {
    assert.equal(podQOSClass({ containers: [{ name: 'a' }] }), 'BestEffort');
    assert.equal(podQOSClass({ containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }] }), 'Burstable');
    assert.equal(podQOSClass({ containers: [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
      { name: 'b', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } } }] }), 'Burstable');
    assert.equal(podQOSClass({ containers: [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }] }), 'Guaranteed');
  });

  it('offers the field selectors Kubernetes offers', () => {
    const p = newPod({ nodeName: 'n1', restartPolicy: 'Never', schedulerName: 'default-scheduler', serviceAccountName: 'default' });
    p.status = { phase: 'Running', podIPs: [{ ip: '10.42.0.9' }], nominatedNodeName: '' };
    const f = pods.selectableFields!;
    assert.deepEqual(Object.keys(f).sort(), [
      'spec.hostNetwork', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName',
      'status.nominatedNodeName', 'status.phase', 'status.podIP', 'status.podIPs',
    ]);
    assert.equal(f['spec.nodeName'](p as KObject), 'n1');
    assert.equal(f['spec.hostNetwork'](p as KObject), 'false');
    assert.equal(f['status.phase'](p as KObject), 'Running');
    assert.equal(f['status.podIP'](p as KObject), '10.42.0.9');
  });

  it('defaults and validates pod templates', () => {
    const t = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't', namespace: 'default' }, template: { spec: { containers: [{ name: 'a', image: 'a' }] } } };
    podtemplates.defaults!(t as KObject);
    assert.deepEqual(podtemplates.validate!(t as KObject, { serviceCIDRs: [], nodePortRange: [30000, 32767] }), []);
    delete (t.template.spec.containers[0] as { image?: string }).image;
    assert.deepEqual(podtemplates.validate!(t as KObject, { serviceCIDRs: [], nodePortRange: [30000, 32767] }).map((e) => `${e.field}: ${e.message}`), [
      'template.spec.containers[0].image: Required value',
    ]);
  });
});
