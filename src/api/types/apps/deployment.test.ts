import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { deployments, type DeploymentLike } from './deployment.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

function deployment(spec: Record<string, unknown>): DeploymentLike {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec } as DeploymentLike;
}

const podTemplate = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };

function errors(obj: KObject): string[] {
  deployments.defaults!(obj);
  return deployments.validate!(obj, ctx).map(fieldErrorString);
}

describe('Deployment defaults', () => {
  it('fills replicas, the rolling update strategy, history and progress deadline', () => {
    const d = deployment({ selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate) });
    deployments.defaults!(d);
    assert.equal(d.spec!.replicas, 1);
    assert.deepEqual(d.spec!.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(d.spec!.revisionHistoryLimit, 10);
    assert.equal(d.spec!.progressDeadlineSeconds, 600);
    assert.equal(d.spec!.template!.spec!.restartPolicy, 'Always');
  });

  it('leaves Recreate without rollingUpdate and keeps what the user set', () => {
    const d = deployment({ replicas: 0, strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate) });
    deployments.defaults!(d);
    assert.equal(d.spec!.replicas, 0);
    assert.deepEqual(d.spec!.strategy, { type: 'Recreate' });
  });
});

describe('Deployment validation', () => {
  it('accepts a valid deployment', () => {
    assert.deepEqual(errors(deployment({ selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate) })), []);
  });

  it('requires a selector, and a nil selector matches no template', () => {
    const errs = errors(deployment({ template: structuredClone(podTemplate) }));
    assert.ok(errs.includes('spec.selector: Required value'), errs.join('\n'));
    assert.ok(errs.includes('spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'));
  });

  it('rejects a template without labels (the seed manifest at 004:3810)', () => {
    const d = parse(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  strategy:
    type: Recreate
  template:
    metadata:
      name: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.17.1
          imagePullPolicy: IfNotPresent
      restartPolicy: Always
`) as KObject;
    d.metadata.namespace = 'default';
    assert.deepEqual(errors(d), ['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`']);
  });

  it('requires restartPolicy Always and no activeDeadlineSeconds', () => {
    const tpl = structuredClone(podTemplate) as Record<string, Record<string, unknown>>;
    tpl.spec.restartPolicy = 'OnFailure';
    tpl.spec.activeDeadlineSeconds = 30;
    const errs = errors(deployment({ selector: { matchLabels: { app: 'web' } }, template: tpl }));
    assert.ok(errs.includes('spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'), errs.join('\n'));
    assert.ok(errs.includes('spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'));
  });

  it('checks the rolling update numbers', () => {
    const zero = errors(deployment({
      selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate),
      strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
    }));
    assert.deepEqual(zero, ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0']);
    const bad = errors(deployment({
      selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate), replicas: -1,
      strategy: { rollingUpdate: { maxSurge: '10', maxUnavailable: '120%' } },
    }));
    assert.deepEqual(bad, [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"10"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]);
  });

  it('forbids rollingUpdate with Recreate and rejects unknown strategy types', () => {
    const d = deployment({ selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate), strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } });
    assert.deepEqual(errors(d), ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
    const e = deployment({ selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate), strategy: { type: 'Canary' } });
    assert.deepEqual(errors(e), [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('rejects an empty selector and a deadline not above minReadySeconds', () => {
    const errs = errors(deployment({ selector: {}, template: structuredClone(podTemplate), minReadySeconds: 700 }));
    assert.deepEqual(errs, [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
  });

  it('makes the selector immutable on update', () => {
    const old = deployment({ selector: { matchLabels: { app: 'web' } }, template: structuredClone(podTemplate) });
    const next = deployment({ selector: { matchLabels: { app: 'web2' } }, template: structuredClone(podTemplate) });
    const errs = deployments.validateUpdate!(next, old, ctx).map(fieldErrorString);
    assert.deepEqual(errs, ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable']);
    assert.deepEqual(deployments.validateUpdate!(structuredClone(old), old, ctx), []);
  });
});

describe('Deployment updates', () => {
  it('bumps the generation on spec or annotation changes only', () => {
    const old = deployment({ replicas: 1 });
    old.metadata.generation = 3;
    const same = structuredClone(old);
    deployments.prepareForUpdate!(same, old);
    assert.equal(same.metadata.generation, 3);
    const annotated = structuredClone(old);
    annotated.metadata.annotations = { note: 'x' };
    deployments.prepareForUpdate!(annotated, old);
    assert.equal(annotated.metadata.generation, 4);
    const scaled = structuredClone(old);
    scaled.spec!.replicas = 2;
    deployments.prepareForUpdate!(scaled, old);
    assert.equal(scaled.metadata.generation, 4);
  });

  it('declares the scale and status subresources, short name and category', () => {
    assert.deepEqual(deployments.subresources?.scale, { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' });
    assert.equal(deployments.subresources?.status, true);
    assert.deepEqual(deployments.shortNames, ['deploy']);
    assert.deepEqual(deployments.categories, ['all']);
  });
});

describe('Deployment table', () => {
  it('prints READY, UP-TO-DATE, AVAILABLE, AGE and the wide columns', () => {
    const d = deployment({
      replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
      template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } },
    });
    d.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
    d.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    assert.deepEqual(deployments.table!.columns.map((c) => [c.name, c.priority]), [
      ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
    ]);
    assert.deepEqual(deployments.table!.cells(d, new Date('2024-01-01T00:05:00Z')), [
      '2/3', 3, 2, '5m', 'web,log', 'nginx:1.27,busybox', 'app=web,tier in (a,b)',
    ]);
  });
});
