import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import { evaluatorFor, type ResourceQuota } from '../../controllers/resourcequota/index.js';
import { checkRequest, QuotaRefusal } from './resource-quota-check.js';

const NOW = Date.now();
const pods = evaluatorFor('', 'pods');
const services = evaluatorFor('', 'services');

function quota(name: string, hard: Record<string, string>, used: Record<string, string>, spec: ResourceQuota['spec'] = {}): ResourceQuota {
  return { metadata: { name, namespace: 'ns', resourceVersion: '5' }, spec: { hard, ...spec }, status: { hard, used } };
}

function pod(name: string, requests?: Record<string, string>, limits?: Record<string, string>): KObject {
  return { metadata: { name, namespace: 'ns' }, spec: { containers: [{ name: 'nginx', resources: { requests, limits } }] } } as KObject;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof QuotaRefusal, String(err));
    return err.message;
  }
  assert.fail('expected a refusal');
}

describe('ResourceQuota admission check', () => {
  const compute = quota('compute-resources', { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '4' }, { 'requests.cpu': '1', 'requests.memory': '512Mi', pods: '1' });

  it('raises the usage of the quotas that count the object', () => {
    const other = quota('objects', { configmaps: '3' }, { configmaps: '0' });
    const out = checkRequest([compute, other], { operation: 'CREATE', obj: pod('p', { cpu: '500m', memory: '512Mi' }) }, pods, NOW);
    assert.deepEqual(out[0].status?.used, { pods: '2', 'requests.cpu': '1500m', 'requests.memory': '1Gi' });
    assert.equal(out[1], other, 'an unrelated quota is untouched');
    assert.deepEqual(compute.status?.used, { 'requests.cpu': '1', 'requests.memory': '512Mi', pods: '1' }, 'the input is not changed');
  });

  it('refuses what would exceed a quota, in Kubernetes words', () => {
    assert.equal(refusal(() => checkRequest([compute], { operation: 'CREATE', obj: pod('p', { cpu: '2', memory: '512Mi' }) }, pods, NOW)),
      'exceeded quota: compute-resources, requested: requests.cpu=2, used: requests.cpu=1, limited: requests.cpu=2');
    assert.equal(refusal(() => checkRequest([compute], { operation: 'CREATE', obj: pod('p', { cpu: '2', memory: '2Gi' }) }, pods, NOW)),
      'exceeded quota: compute-resources, requested: requests.cpu=2,requests.memory=2Gi, used: requests.cpu=1,requests.memory=512Mi, limited: requests.cpu=2,requests.memory=2Gi');
  });

  it('requires every container to set the cpu and memory a quota tracks', () => {
    const limits = quota('compute-resources', { 'limits.cpu': '2', 'limits.memory': '2Gi' }, { 'limits.cpu': '0', 'limits.memory': '0' });
    assert.equal(refusal(() => checkRequest([limits], { operation: 'CREATE', obj: pod('p') }, pods, NOW)),
      'failed quota: compute-resources: must specify limits.cpu for: nginx; limits.memory for: nginx');
  });

  it('refuses while the controller has not computed a usage', () => {
    const fresh = quota('q', { pods: '2', 'requests.cpu': '1' }, { pods: '0' });
    assert.equal(refusal(() => checkRequest([fresh], { operation: 'CREATE', obj: pod('p', { cpu: '1' }) }, pods, NOW)),
      'status unknown for quota: q, resources: pods,requests.cpu');
    const unsynced: ResourceQuota = { metadata: { name: 'new', namespace: 'ns' }, spec: { hard: { pods: '0' } } };
    assert.deepEqual(checkRequest([unsynced], { operation: 'CREATE', obj: pod('p') }, pods, NOW), [unsynced], 'a quota without status does not apply yet');
  });

  it('charges updates only what they add, to quotas that counted the old object', () => {
    const q = quota('svc', { 'services.nodeports': '2', services: '5' }, { 'services.nodeports': '1', services: '1' });
    const old = { metadata: { name: 's', resourceVersion: '7' }, spec: { type: 'NodePort', ports: [{}] } } as KObject;
    const twoPorts = { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{}, {}] } } as KObject;
    const out = checkRequest([q], { operation: 'UPDATE', obj: twoPorts, old }, services, NOW);
    assert.deepEqual(out[0].status?.used, { services: '1', 'services.nodeports': '2' });
    const threePorts = { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{}, {}, {}] } } as KObject;
    assert.equal(refusal(() => checkRequest([q], { operation: 'UPDATE', obj: threePorts, old }, services, NOW)),
      'exceeded quota: svc, requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2');
    const fewer = { metadata: { name: 's' }, spec: { type: 'ClusterIP', ports: [{}] } } as KObject;
    const same = checkRequest([q], { operation: 'UPDATE', obj: fewer, old }, services, NOW);
    assert.equal(same[0], q, 'using less charges nothing');
  });

  it('ignores what the evaluator does not handle and objects no quota counts', () => {
    assert.deepEqual(checkRequest([compute], { operation: 'UPDATE', obj: pod('p'), old: pod('p') }, pods, NOW), [compute]);
    const scoped = quota('be', { pods: '1' }, { pods: '1' }, { scopes: ['BestEffort'] });
    const out = checkRequest([scoped], { operation: 'CREATE', obj: pod('p', { cpu: '1' }) }, pods, NOW);
    assert.equal(out[0], scoped, 'a Burstable pod is not counted by a BestEffort quota');
    assert.equal(refusal(() => checkRequest([scoped], { operation: 'CREATE', obj: pod('p') }, pods, NOW)),
      'exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1');
  });
});
