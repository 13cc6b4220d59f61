import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { cronjobs, type CronJobLike } from './cronjob.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

/** The seed manifest at 004:4325, which says batch/v1beta1 (the server rejects that version; the body is fine for batch/v1). */
const SEED = `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: my-cronjob
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: my-container
            image: my-image
            command: ["echo", "Hello, world!"]
          restartPolicy: OnFailure
`;

function seed(): CronJobLike {
  const c = parse(SEED) as CronJobLike;
  c.apiVersion = 'batch/v1';
  c.metadata.namespace = 'default';
  return c;
}

function check(obj: KObject): string[] {
  cronjobs.defaults!(obj);
  return [...cronjobs.validate!(obj, ctx), ...(cronjobs.validateCreate?.(obj, ctx) ?? [])].map(fieldErrorString);
}

describe('CronJob', () => {
  it('decodes the seed manifest and defaults it', () => {
    const c = seed();
    assert.deepEqual(checkStructure(cronjobs.schema, c).unknown, []);
    assert.deepEqual(check(c), []);
    const s = c.spec!;
    assert.equal(s.concurrencyPolicy, 'Allow');
    assert.equal(s.suspend, false);
    assert.equal(s.successfulJobsHistoryLimit, 3);
    assert.equal(s.failedJobsHistoryLimit, 1);
    // Job defaults are not applied inside the template, as in Kubernetes; pod defaults are.
    assert.equal(s.jobTemplate!.spec!.backoffLimit, undefined);
    assert.equal(s.jobTemplate!.spec!.template!.spec!.restartPolicy, 'OnFailure');
  });

  it('reports an invalid schedule in Kubernetes words', () => {
    const c = seed();
    c.spec!.schedule = '*/1 * * * * *';
    assert.deepEqual(check(c), ['spec.schedule: Invalid value: "*/1 * * * * *": expected exactly 5 fields, found 6: [*/1 * * * * *]']);
    const none = seed();
    delete none.spec!.schedule;
    assert.deepEqual(check(none), ['spec.schedule: Required value']);
  });

  it('checks the time zone, the policy, the template selector and the name length', () => {
    const c = seed();
    c.metadata.name = 'x'.repeat(53);
    c.spec!.timeZone = 'Nowhere/Land';
    c.spec!.concurrencyPolicy = 'Sometimes';
    c.spec!.jobTemplate!.spec!.selector = { matchLabels: { a: 'b' } };
    c.spec!.schedule = 'TZ=UTC 0 * * * *';
    assert.deepEqual(check(c), [
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      'spec.timeZone: Invalid value: "Nowhere/Land": unknown time zone Nowhere/Land',
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      `metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`,
    ]);
  });

  it('prints SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE', () => {
    const c = seed();
    cronjobs.defaults!(c);
    c.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
    const now = new Date('2024-01-01T00:30:00Z');
    assert.deepEqual(cronjobs.table!.cells(c, now), ['*/1 * * * *', '<none>', 'False', 0, '<none>', '30m', 'my-container', 'my-image', '<none>']);
    c.spec!.timeZone = 'Asia/Shanghai';
    c.status = { active: [{ name: 'my-cronjob-1' }], lastScheduleTime: '2024-01-01T00:29:00Z' };
    assert.deepEqual(cronjobs.table!.cells(c, now).slice(0, 5), ['*/1 * * * *', 'Asia/Shanghai', 'False', 1, '60s']);
  });

  it('declares its short name, category and status subresource', () => {
    assert.deepEqual(cronjobs.shortNames, ['cj']);
    assert.deepEqual(cronjobs.categories, ['all']);
    assert.equal(cronjobs.subresources?.status, true);
  });
});
