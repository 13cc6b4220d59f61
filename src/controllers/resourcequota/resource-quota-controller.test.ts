/** The ResourceQuota controller on an in-process API server (no quota admission: usage comes from the controller alone). */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { KObject } from '../../api/index.js';
import type { ResourceClient } from '../../client/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { RESOURCEQUOTAS, ResourceQuotaController, type ResourceQuota } from './index.js';

const core = (resource: string) => ({ group: '', version: 'v1', resource });

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [new ResourceQuotaController(cs, inf, { log: () => undefined, settleMs: 0 })]);
});
after(async () => { await f.stop(); });

let nsCount = 0;
async function namespace(): Promise<string> {
  const name = `rq-${process.pid}-${nsCount++}`;
  await f.clientset.resource(core('namespaces')).create({ metadata: { name } });
  return name;
}

const quotas = (ns: string): ResourceClient<ResourceQuota> => f.clientset.resource<ResourceQuota>(RESOURCEQUOTAS).namespace(ns);

async function waitForStatus(ns: string, name: string, want: { hard?: Record<string, string>; used: Record<string, string> }): Promise<void> {
  let last: ResourceQuota['status'];
  try {
    await eventually(async () => {
      last = (await quotas(ns).get(name)).status;
      return isDeepStrictEqual(last?.used, want.used) && (!want.hard || isDeepStrictEqual(last?.hard, want.hard));
    }, 10_000, `${ns}/${name} status ${JSON.stringify(want)}`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen ${JSON.stringify(last)}`);
  }
}

function pod(name: string, cpu?: string, extra: object = {}): KObject {
  const resources = cpu ? { requests: { cpu, memory: '128Mi' }, limits: { cpu, memory: '256Mi' } } : {};
  return { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', resources }] }, ...extra } as KObject;
}

describe('ResourceQuotaController', () => {
  it('mirrors spec.hard and computes the usage of every tracked name', async () => {
    const ns = await namespace();
    const pods = f.clientset.resource(core('pods')).namespace(ns);
    await pods.create(pod('a', '500m'));
    await pods.create(pod('b', '1'));
    await pods.create(pod('c'));
    await f.clientset.resource(core('configmaps')).namespace(ns).create({ metadata: { name: 'cm' }, data: {} } as KObject);
    await f.clientset.resource(core('services')).namespace(ns).create({ metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, name: 'a' }, { port: 81, name: 'b' }] } } as KObject);
    await f.clientset.resource(core('persistentvolumeclaims')).namespace(ns).create({
      metadata: { name: 'data' }, spec: { storageClassName: 'gold', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    } as KObject);
    const hard = {
      pods: '10', 'requests.cpu': '4', 'limits.memory': '2Gi', configmaps: '5', 'services.nodeports': '4', services: '3', secrets: '2',
      'requests.storage': '10Gi', 'gold.storageclass.storage.k8s.io/requests.storage': '5Gi', 'count/pods': '20', 'resourcequotas': '2',
    };
    await quotas(ns).create({ metadata: { name: 'all' }, spec: { hard } });
    await waitForStatus(ns, 'all', {
      hard: { ...hard },
      used: {
        configmaps: '1', 'count/pods': '3', 'gold.storageclass.storage.k8s.io/requests.storage': '1Gi', 'limits.memory': '512Mi', pods: '3',
        'requests.cpu': '1500m', 'requests.storage': '1Gi', resourcequotas: '1', secrets: '0', services: '1', 'services.nodeports': '2',
      },
    });
    const described = await f.k('describe', 'quota', 'all', '-n', ns);
    assert.match(described, /requests\.cpu\s+1500m\s+4\n/);
    assert.match(described, /limits\.memory\s+512Mi\s+2Gi\n/);
  });

  it('recalculates when pods end or go away, and when the spec changes', async () => {
    const ns = await namespace();
    const pods = f.clientset.resource(core('pods')).namespace(ns);
    await pods.create(pod('a', '1'));
    await pods.create(pod('b', '1', { metadata: { name: 'b', finalizers: ['example.com/hold'] } }));
    await quotas(ns).create({ metadata: { name: 'q' }, spec: { hard: { pods: '5', 'requests.cpu': '5' } } });
    await waitForStatus(ns, 'q', { used: { pods: '2', 'requests.cpu': '2' } });
    await pods.patch('a', 'merge', { status: { phase: 'Succeeded' } }, { subresource: 'status' });
    await waitForStatus(ns, 'q', { used: { pods: '1', 'requests.cpu': '1' } });
    // Deleted with no grace period left but kept by a finalizer: it no longer counts.
    await pods.delete('b', { gracePeriodSeconds: 0 });
    await waitForStatus(ns, 'q', { used: { pods: '0', 'requests.cpu': '0' } });
    await pods.patch('b', 'merge', { metadata: { finalizers: null } });
    const latest = await quotas(ns).get('q');
    await quotas(ns).update({ ...latest, spec: { hard: { pods: '5', 'requests.cpu': '5', 'limits.cpu': '8' } } });
    await waitForStatus(ns, 'q', { hard: { 'limits.cpu': '8', pods: '5', 'requests.cpu': '5' }, used: { 'limits.cpu': '0', pods: '0', 'requests.cpu': '0' } });
  });

  it('counts only the pods that match the quota scopes', async () => {
    const ns = await namespace();
    const pods = f.clientset.resource(core('pods')).namespace(ns);
    await pods.create(pod('best'));
    await pods.create(pod('burst', '1'));
    await pods.create(pod('deadline', undefined, { spec: { activeDeadlineSeconds: 60, containers: [{ name: 'c', image: 'busybox' }] } }));
    await quotas(ns).create({ metadata: { name: 'best-effort' }, spec: { hard: { pods: '5' }, scopes: ['BestEffort', 'NotTerminating'] } });
    await quotas(ns).create({ metadata: { name: 'terminating' }, spec: { hard: { pods: '5' }, scopes: ['Terminating'] } });
    await waitForStatus(ns, 'best-effort', { used: { pods: '1' } });
    await waitForStatus(ns, 'terminating', { used: { pods: '1' } });
  });

  it('counts any served kind named as count/<resource>.<group>', async () => {
    const ns = await namespace();
    await f.k('create', 'deployment', 'd1', '--image=busybox', '-n', ns);
    await quotas(ns).create({ metadata: { name: 'objects' }, spec: { hard: { 'count/deployments.apps': '3', 'count/widgets.example.com': '1' } } });
    await waitForStatus(ns, 'objects', { used: { 'count/deployments.apps': '1', 'count/widgets.example.com': '0' } });
    await f.k('create', 'deployment', 'd2', '--image=busybox', '-n', ns);
    await waitForStatus(ns, 'objects', { used: { 'count/deployments.apps': '2', 'count/widgets.example.com': '0' } });
    await f.k('delete', 'deployment', 'd1', '-n', ns, '--wait=false');
    await waitForStatus(ns, 'objects', { used: { 'count/deployments.apps': '1', 'count/widgets.example.com': '0' } });
  });
});
