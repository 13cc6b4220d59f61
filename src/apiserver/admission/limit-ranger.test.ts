import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError, type KObject, type ResourceDef } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { Attributes } from './admission.js';
import { LimitRanger, type LimitRangeStores } from './limit-ranger.js';
import type { LimitRange } from './limit-ranger-checks.js';

const RANGE: LimitRange = {
  metadata: { name: 'lr', namespace: 'ns' },
  spec: { limits: [
    { type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' }, max: { cpu: '1' } },
    { type: 'PersistentVolumeClaim', max: { storage: '1Gi' } },
  ] },
};

/** The cache has what `cached` holds; storage has `stored`; storage reads are counted. */
function stores(cached: LimitRange[], stored: LimitRange[]): LimitRangeStores & { reads: number } {
  const s = {
    reads: 0,
    cache: { list: () => cached.map((obj) => ({ key: '', obj, json: '', rev: 1 })) },
    backend: {
      list: async () => {
        s.reads++;
        return { items: stored.map((o) => ({ key: `/registry/core/limitranges/ns/${o.metadata.name ?? ''}`, value: JSON.stringify(o), modRevision: 3, createRevision: 3, version: 1 })), revision: 3, more: false, remaining: 0 };
      },
    },
  };
  return s as unknown as LimitRangeStores & { reads: number };
}

const PODS = { group: '', plural: 'pods' } as ResourceDef;
const PVCS = { group: '', plural: 'persistentvolumeclaims' } as ResourceDef;

function podAttrs(cpuLimit?: string, extra: Partial<Attributes> = {}): Attributes {
  const pod: Pod = {
    metadata: { name: 'web', namespace: 'ns' },
    spec: { containers: [{ name: 'nginx', resources: cpuLimit ? { limits: { cpu: cpuLimit }, requests: { cpu: cpuLimit } } : {} }] },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
  return { operation: 'CREATE', def: PODS, namespace: 'ns', name: 'web', obj: pod, dryRun: false, ...extra };
}

async function refusal(p: Promise<void>): Promise<StatusError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof StatusError, `expected a StatusError, got ${String(err)}`);
  return err;
}

describe('LimitRanger', () => {
  it('defaults new pods, keeps their QoS class true, then checks them', async () => {
    const lr = new LimitRanger(stores([RANGE], []));
    const a = podAttrs();
    await lr.admit(a);
    await lr.validate(a);
    const pod = a.obj as Pod;
    assert.deepEqual(pod.spec?.containers?.[0].resources, { limits: { cpu: '500m' }, requests: { cpu: '250m' } });
    assert.equal(pod.status?.qosClass, 'Burstable');
    const big = podAttrs('2');
    await lr.admit(big);
    const err = await refusal(lr.validate(big));
    assert.equal(err.code, 403);
    assert.equal(err.message, 'pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('leaves pod updates, subresources and objects being deleted alone, but checks claim updates', async () => {
    const lr = new LimitRanger(stores([RANGE], []));
    const old = podAttrs().obj;
    await lr.validate(podAttrs('2', { operation: 'UPDATE', old }));
    await lr.validate(podAttrs('2', { subresource: 'status' }));
    const claim = { metadata: { name: 'data', namespace: 'ns' }, spec: { resources: { requests: { storage: '2Gi' } } } } as KObject;
    const claimAttrs = (extra: Partial<Attributes>): Attributes => ({ operation: 'UPDATE', def: PVCS, namespace: 'ns', name: 'data', obj: claim, dryRun: false, ...extra });
    assert.equal((await refusal(lr.validate(claimAttrs({ old: { metadata: { name: 'data' } } })))).message,
      'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 1Gi, but request is 2Gi');
    await lr.validate(claimAttrs({ old: { metadata: { name: 'data', deletionTimestamp: '2025-01-01T00:00:00Z' } } }));
  });

  it('reads storage while the cache has no LimitRange, reusing the answer for a while', async () => {
    let now = 1000;
    const s = stores([], [RANGE]);
    const lr = new LimitRanger(s, { now: () => now, liveLookupTtlMs: 30_000 });
    await lr.admit(podAttrs());
    await lr.admit(podAttrs());
    assert.equal(s.reads, 1);
    now += 31_000;
    const a = podAttrs();
    await lr.admit(a);
    assert.equal(s.reads, 2);
    assert.equal((a.obj as Pod).metadata.annotations?.['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu request for container nginx; cpu limit for container nginx');
  });
});
