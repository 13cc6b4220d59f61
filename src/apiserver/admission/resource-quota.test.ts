import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError, type KObject, type ResourceDef } from '../../api/index.js';
import type { ResourceQuota } from '../../controllers/resourcequota/index.js';
import type { Attributes } from './admission.js';
import type { QuotaAccess } from './resource-quota-access.js';
import { ResourceQuotaAdmission } from './resource-quota.js';

/** Quotas in memory with resourceVersions; the "cache" can be frozen to lag behind storage. */
class FakeAccess implements QuotaAccess {
  stored = new Map<string, ResourceQuota>();
  rev = 10;
  frozen?: ResourceQuota[];
  writes = 0;

  put(q: ResourceQuota): void {
    this.stored.set(q.metadata.name ?? '', { ...structuredClone(q), metadata: { ...q.metadata, namespace: 'ns', resourceVersion: String(++this.rev) } });
  }

  cached(): ResourceQuota[] { return this.frozen ?? [...this.stored.values()].map((q) => structuredClone(q)); }
  async live(): Promise<ResourceQuota[]> { return [...this.stored.values()].map((q) => structuredClone(q)); }
  async fresh(_ns: string, name: string): Promise<ResourceQuota | undefined> {
    const q = this.stored.get(name);
    return q && structuredClone(q);
  }
  async updateStatus(q: ResourceQuota): Promise<ResourceQuota> {
    await new Promise((r) => setImmediate(r));
    const cur = this.stored.get(q.metadata.name ?? '');
    if (!cur || cur.metadata.resourceVersion !== q.metadata.resourceVersion) {
      throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on resourcequotas "${q.metadata.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    this.writes++;
    this.put({ ...cur, status: q.status });
    return structuredClone(this.stored.get(q.metadata.name ?? '') as ResourceQuota);
  }
  used(name: string): Record<string, string | number> | undefined { return this.stored.get(name)?.status?.used; }
}

const PODS = { group: '', plural: 'pods', namespaced: true } as ResourceDef;
const CONFIGMAPS = { group: '', plural: 'configmaps', namespaced: true } as ResourceDef;

function attrs(name: string, obj: Partial<KObject> = {}, extra: Partial<Attributes> = {}): Attributes {
  const o = { metadata: { name, namespace: 'ns' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] }, ...obj } as KObject;
  return { operation: 'CREATE', def: PODS, namespace: 'ns', name, obj: o, dryRun: false, ...extra };
}

function setup(hard: Record<string, string>, used: Record<string, string>): { access: FakeAccess; plugin: ResourceQuotaAdmission } {
  const access = new FakeAccess();
  access.put({ metadata: { name: 'q' }, spec: { hard }, status: { hard, used } });
  return { access, plugin: new ResourceQuotaAdmission(access, { log: () => undefined }) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('ResourceQuotaAdmission', () => {
  it('charges the quota before the write and refuses with 403 once it is full', async () => {
    const { access, plugin } = setup({ pods: '2', 'requests.cpu': '4' }, { pods: '1', 'requests.cpu': '1' });
    const a = attrs('web');
    await plugin.validate(a);
    plugin.committed(a);
    assert.deepEqual(access.used('q'), { pods: '2', 'requests.cpu': '2' });
    const err = await plugin.validate(attrs('web2')).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof StatusError);
    assert.equal(err.code, 403);
    assert.equal(err.reason, 'Forbidden');
    assert.equal(err.message, 'pods "web2" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    assert.deepEqual(err.details, { name: 'web2', group: undefined, kind: 'pods' });
  });

  it('lets only one of two simultaneous creates take the last slot', async () => {
    const { access, plugin } = setup({ pods: '1' }, { pods: '0' });
    const results = await Promise.allSettled([plugin.validate(attrs('a')), plugin.validate(attrs('b'))]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.deepEqual(access.used('q'), { pods: '1' });
  });

  it('redoes the check on the fresh quota when its write conflicts', async () => {
    const { access, plugin } = setup({ pods: '3' }, { pods: '0' });
    // A stale cache: another server already charged the quota twice.
    access.frozen = [structuredClone(access.stored.get('q') as ResourceQuota)];
    const cur = access.stored.get('q') as ResourceQuota;
    access.put({ ...cur, status: { hard: { pods: '3' }, used: { pods: '2' } } });
    await plugin.validate(attrs('a'));
    assert.deepEqual(access.used('q'), { pods: '3' });
    await assert.rejects(plugin.validate(attrs('b')), /exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3/,
      'the write it made itself is newer than the stale cache');
  });

  it('checks dry runs without charging, and ignores subresources, deletes and other namespaces', async () => {
    const { access, plugin } = setup({ pods: '1', configmaps: '0' }, { pods: '0', configmaps: '0' });
    await plugin.validate(attrs('a', {}, { dryRun: true }));
    plugin.abort(attrs('a', {}, { dryRun: true }));
    assert.equal(access.writes, 0);
    await plugin.validate(attrs('a', {}, { subresource: 'status', operation: 'UPDATE' }));
    await plugin.validate(attrs('a', {}, { operation: 'DELETE' }));
    await assert.rejects(plugin.validate(attrs('cm', {}, { def: CONFIGMAPS })),
      /configmaps "cm" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=0, limited: configmaps=0/);
    assert.equal(access.writes, 0);
  });

  it('gives the charge back when the write fails after admission', async () => {
    const { access, plugin } = setup({ pods: '5', 'requests.cpu': '10' }, { pods: '1', 'requests.cpu': '1' });
    const a = attrs('dup');
    await plugin.validate(a);
    assert.deepEqual(access.used('q'), { pods: '2', 'requests.cpu': '2' });
    plugin.abort(a);
    await settle();
    assert.deepEqual(access.used('q'), { pods: '1', 'requests.cpu': '1' });
    plugin.abort(a);
    await settle();
    assert.deepEqual(access.used('q'), { pods: '1', 'requests.cpu': '1' }, 'a charge is given back once');
  });

  it('reads storage while the cache has no quota for the namespace', async () => {
    const { access, plugin } = setup({ pods: '0' }, { pods: '0' });
    access.frozen = [];
    await assert.rejects(plugin.validate(attrs('a')), /exceeded quota/);
  });
});
