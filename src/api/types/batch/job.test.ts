import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { jobs, type JobLike } from './job.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };
const UID = '0c1a2b3c-0000-4000-8000-000000000001';

/** Runs the create path as the server does: defaults, uid, prepareForCreate, validate. */
function create(obj: KObject): string[] {
  jobs.defaults!(obj);
  obj.metadata.uid = UID;
  jobs.prepareForCreate!(obj);
  return jobs.validate!(obj, ctx).map(fieldErrorString);
}

function job(spec: Record<string, unknown>): JobLike {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec } as JobLike;
}

const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34', command: ['perl', '-e', 'print 1'] }] } };

describe('Job defaults and the generated selector', () => {
  it('fills counts, modes and the selector and labels of a new job', () => {
    const j = job({ template: structuredClone(template) });
    assert.deepEqual(create(j), []);
    const s = j.spec!;
    assert.equal(s.completions, 1);
    assert.equal(s.parallelism, 1);
    assert.equal(s.backoffLimit, 6);
    assert.equal(s.completionMode, 'NonIndexed');
    assert.equal(s.suspend, false);
    assert.equal(s.manualSelector, false);
    assert.equal(s.podReplacementPolicy, 'TerminatingOrFailed');
    assert.deepEqual(s.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
    const expectedLabels = {
      'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': UID, 'batch.kubernetes.io/controller-uid': UID,
    };
    assert.deepEqual(s.template!.metadata!.labels, expectedLabels);
    assert.deepEqual(j.metadata.labels, expectedLabels);
  });

  it('keeps only parallelism when completions is unset but parallelism is', () => {
    const j = job({ parallelism: 3, template: structuredClone(template) });
    jobs.defaults!(j);
    assert.equal(j.spec!.completions, undefined);
    assert.equal(j.spec!.parallelism, 3);
  });

  it('copies template labels to an unlabelled job and uses Failed with a pod failure policy', () => {
    const j = job({
      template: { metadata: { labels: { app: 'batch' } }, spec: template.spec },
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    });
    jobs.defaults!(j);
    assert.deepEqual(j.metadata.labels, { app: 'batch' });
    assert.equal(j.spec!.podReplacementPolicy, 'Failed');
    assert.equal(j.spec!.podFailurePolicy!.rules![0].onPodConditions![0].status, 'True');
  });

  it('leaves a manual selector alone', () => {
    const j = job({ manualSelector: true, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: template.spec } });
    assert.deepEqual(create(j), []);
    assert.deepEqual(j.spec!.selector, { matchLabels: { app: 'x' } });
    assert.deepEqual(j.spec!.template!.metadata!.labels, { app: 'x' });
  });
});

describe('Job validation', () => {
  it('requires restartPolicy OnFailure or Never (the seed manifest at 004:4280 leaves it to default)', () => {
    const j = parse(`apiVersion: batch/v1
kind: Job
metadata:
  name: my-job
spec:
  template:
    spec:
      containers:
      - name: my-container
        image: my-image:tag
  backoffLimit: 3
`) as KObject;
    j.metadata.namespace = 'default';
    assert.deepEqual(checkStructure(jobs.schema, j).unknown, []);
    assert.deepEqual(create(j), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    const always = job({ template: { spec: { ...template.spec, restartPolicy: 'Sometimes' } } });
    assert.ok(create(always).includes('spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"'));
  });

  it('checks counts, modes and the pod failure policy', () => {
    const j = job({
      parallelism: -1, completionMode: 'Indexed', backoffLimitPerIndex: 1, template: { spec: { ...template.spec, restartPolicy: 'OnFailure' } },
      podFailurePolicy: { rules: [{ action: 'Restart', onExitCodes: { operator: 'In', values: [3, 0, 1] } }] },
    });
    const errs = create(j);
    assert.deepEqual(errs, [
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Required value: when completion mode is Indexed',
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Restart": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 0, 1}: must be ordered',
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it('rejects a selector that was not generated', () => {
    const j = job({ selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'other' } }, template: structuredClone(template) });
    const errs = create(j);
    assert.ok(errs.includes('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"batch.kubernetes.io/controller-uid":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated'), errs.join('\n'));
    assert.ok(errs.some((e) => e.startsWith('spec.template.metadata.labels: Invalid value: map[string]string{')));
  });
});

describe('Job updates', () => {
  function created(): JobLike {
    const j = job({ template: structuredClone(template) });
    create(j);
    j.metadata.generation = 1;
    return j;
  }

  it('keeps the template and selector immutable, but allows parallelism changes', () => {
    const old = created();
    const scaled = structuredClone(old);
    scaled.spec!.parallelism = 4;
    assert.deepEqual(jobs.validateUpdate!(scaled, old, ctx), []);
    jobs.prepareForUpdate!(scaled, old);
    assert.equal(scaled.metadata.generation, 2);
    const edited = structuredClone(old);
    edited.spec!.template!.spec!.containers![0].image = 'perl:5.36';
    edited.spec!.completions = 2;
    assert.deepEqual(jobs.validateUpdate!(edited, old, ctx).map(fieldErrorString), [
      'spec.completions: Invalid value: 2: field is immutable',
      'spec.template: Invalid value: core.PodTemplateSpec{…}: field is immutable',
    ]);
  });

  it('lets a suspended job that never started change its node selector', () => {
    const old = created();
    old.spec!.suspend = true;
    const moved = structuredClone(old);
    moved.spec!.template!.spec!.nodeSelector = { zone: 'b' };
    assert.deepEqual(jobs.validateUpdate!(moved, old, ctx), []);
  });
});

describe('Job table', () => {
  it('prints STATUS, COMPLETIONS, DURATION', () => {
    const now = new Date('2024-01-01T00:10:00Z');
    const j = job({ completions: 3, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } }, template: structuredClone(template) });
    j.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
    j.status = { startTime: '2024-01-01T00:00:05Z', succeeded: 1 };
    assert.deepEqual(jobs.table!.cells(j, now), ['Running', '1/3', '9m55s', '10m', 'pi', 'perl:5.34', `batch.kubernetes.io/controller-uid=${UID}`]);
    j.status = { startTime: '2024-01-01T00:00:05Z', completionTime: '2024-01-01T00:00:50Z', succeeded: 3, conditions: [{ type: 'Complete', status: 'True' }] };
    assert.deepEqual(jobs.table!.cells(j, now).slice(0, 3), ['Complete', '3/3', '45s']);
    const open = job({ parallelism: 2, template: structuredClone(template) });
    assert.deepEqual(jobs.table!.cells(open, now).slice(0, 3), ['Running', '0/1 of 2', '']);
    assert.equal(jobs.selectableFields!['status.successful'](j), '3');
  });
});
