import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PriorityResolver, responsibleFor } from './informer-feed.js';
import type { PodView } from './types.js';

const pc = (name: string, value: number, globalDefault = false) => ({ metadata: { name }, value, globalDefault });

describe('PriorityResolver', () => {
  it('fills spec.priority from priorityClassName, the global default, or leaves it', () => {
    const r = new PriorityResolver();
    const named: PodView = { metadata: { name: 'a' }, spec: { priorityClassName: 'high' } };
    const plain: PodView = { metadata: { name: 'b' }, spec: {} };
    assert.equal(r.view(named).spec?.priority, undefined);
    r.upsert(pc('high', 1000));
    assert.equal(r.view(named).spec?.priority, 1000);
    assert.equal(r.view(named).spec?.preemptionPolicy, 'PreemptLowerPriority');
    assert.equal(r.view(plain), plain);
    r.upsert(pc('default', 7, true));
    assert.equal(r.view(plain).spec?.priority, 7);
    const set: PodView = { metadata: { name: 'c' }, spec: { priority: 3, priorityClassName: 'high' } };
    assert.equal(r.view(set).spec?.priority, 3, 'a priority set by the API wins');
  });
});

describe('responsibleFor', () => {
  it('takes pending pods of this scheduler only', () => {
    assert.equal(responsibleFor({ metadata: { name: 'a' }, spec: {} }, 'default-scheduler'), true);
    assert.equal(responsibleFor({ metadata: { name: 'a' }, spec: { schedulerName: 'x' } }, 'default-scheduler'), false);
    assert.equal(responsibleFor({ metadata: { name: 'a' }, spec: { nodeName: 'n' } }, 'default-scheduler'), false);
    assert.equal(responsibleFor({ metadata: { name: 'a', deletionTimestamp: '2024-01-01T00:00:00Z' }, spec: {} }, 'default-scheduler'), false);
  });
});
