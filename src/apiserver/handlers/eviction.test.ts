/**
 * The eviction subresource, called as the dispatcher would call it, on an in-process API server
 * (objects are made and read over HTTPS with the client).
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { KObject } from '../../api/index.js';
import type { ResourceClient } from '../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';
import { envelope, WireWriter } from '../codec/protobuf/wire-writer.js';
import { sendStatus, toStatusError } from '../respond.js';
import type { HandlerCtx } from './context.js';
import { handleEviction } from './eviction.js';

let fx: ApiFixture;
before(async () => { fx = await startApiFixture(); });
after(async () => { await fx.stop(); });

interface Pdb extends KObject { spec?: Record<string, unknown>; status?: Record<string, unknown> & { conditions?: Array<Record<string, unknown>> } }
interface Pod extends KObject { status?: { phase?: string; conditions?: Array<Record<string, unknown>> } }

const pods = (): ResourceClient<Pod> => fx.clientset.resource<Pod>({ group: '', version: 'v1', resource: 'pods' }).namespace('default');
const pdbs = (): ResourceClient<Pdb> => fx.clientset.resource<Pdb>({ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' }).namespace('default');

interface Answer { code: number; body: Record<string, unknown>; headers: Record<string, string> }

/** POSTs a body to pods/<name>/eviction through the handler, as the server would. */
async function evict(name: string, body: unknown, o: { query?: string; contentType?: string } = {}): Promise<Answer> {
  const registry = fx.server.registry;
  const def = registry.index.lookup('', 'v1', 'pods');
  assert.ok(def);
  const payload = body instanceof Uint8Array ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
  const req = Object.assign(Readable.from([payload]), {
    method: 'POST', headers: { 'content-type': o.contentType ?? 'application/json', 'content-length': String(payload.length) },
  }) as unknown as IncomingMessage;
  const out: Answer = { code: 0, body: {}, headers: {} };
  const fake = {
    headersSent: false,
    setHeader(k: string, v: string) { out.headers[k.toLowerCase()] = String(v); },
    writeHead(code: number, h: Record<string, string>) {
      out.code = code;
      for (const [k, v] of Object.entries(h)) out.headers[k.toLowerCase()] = String(v);
      fake.headersSent = true;
    },
    end(text: string) { out.body = JSON.parse(text) as Record<string, unknown>; },
  };
  const res = fake as unknown as ServerResponse;
  const ctx: HandlerCtx = {
    req, res, rep: { kind: 'json' }, query: new URLSearchParams(o.query ?? ''), warnings: [],
    info: { group: '', version: 'v1', namespace: 'default', resource: 'pods', name, subresource: 'eviction', rest: [], watchPath: false },
    def, registry, closed: new Promise(() => undefined), scope: { def, loc: registry.index.storageOf(def), namespace: 'default' },
  };
  try {
    await handleEviction(ctx);
  } catch (err) {
    sendStatus(res, toStatusError(err));
  }
  return out;
}

const eviction = (name: string, deleteOptions?: Record<string, unknown>, apiVersion = 'policy/v1') => ({ apiVersion, kind: 'Eviction', metadata: { name, namespace: 'default' }, ...(deleteOptions ? { deleteOptions } : {}) });

async function addPod(name: string, app: string, phase = 'Running', ready = true): Promise<void> {
  await pods().create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } } as Pod);
  await pods().patch(name, 'merge', { status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } }, { subresource: 'status' });
}

/** A PDB with the status the disruption controller would have written. */
async function addPdb(name: string, spec: Record<string, unknown>, status: { current: number; desired: number; allowed: number; observed?: number }): Promise<void> {
  const created = await pdbs().create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec } as Pdb);
  await pdbs().updateStatus({
    ...created, status: {
      observedGeneration: status.observed ?? 1, currentHealthy: status.current, desiredHealthy: status.desired, disruptionsAllowed: status.allowed, expectedPods: status.current,
      conditions: [{ type: 'DisruptionAllowed', status: status.allowed > 0 ? 'True' : 'False', reason: status.allowed > 0 ? 'SufficientPods' : 'InsufficientPods', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    },
  });
}

const success = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
const terminating = async (name: string): Promise<boolean> => !!(await pods().get(name)).metadata.deletionTimestamp;

describe('pods/eviction', () => {
  it('deletes a pod no budget covers, marking it DisruptionTarget', async () => {
    await addPod('free', 'free');
    const r = await evict('free', eviction('free'));
    assert.deepEqual([r.code, r.body], [201, success]);
    const pod = await pods().get('free');
    assert.ok(pod.metadata.deletionTimestamp);
    const c = pod.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
    assert.deepEqual([c?.status, c?.reason, c?.message], ['True', 'EvictionByEvictionAPI', 'Eviction API: evicting']);
  });

  it('refuses with 429 when the budget allows no disruption, and uses it up when it allows one', async () => {
    await addPod('web-1', 'web');
    await addPod('web-2', 'web');
    await addPdb('web', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }, { current: 2, desired: 2, allowed: 0 });
    const r = await evict('web-1', eviction('web-1'));
    assert.equal(r.code, 429);
    assert.deepEqual(r.body, {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 429, reason: 'TooManyRequests',
      message: 'Cannot evict pod as it would violate the pod\'s disruption budget.',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 2 currently' }] },
    });
    assert.equal(r.headers['retry-after'], undefined);
    assert.equal(await terminating('web-1'), false);

    const pdb = await pdbs().get('web');
    await pdbs().updateStatus({ ...pdb, status: { ...pdb.status, currentHealthy: 3, disruptionsAllowed: 1 } });
    assert.deepEqual((await evict('web-1', eviction('web-1'))).body, success);
    assert.equal(await terminating('web-1'), true);
    const st = (await pdbs().get('web')).status;
    assert.equal(st?.disruptionsAllowed, 0);
    assert.deepEqual(Object.keys(st?.disruptedPods as object), ['web-1']);
    assert.deepEqual([st?.conditions?.[0]?.status, st?.conditions?.[0]?.reason], ['False', 'InsufficientPods']);
    assert.equal((await evict('web-2', eviction('web-2'))).code, 429);
  });

  it('asks to retry while the budget\'s status is older than its spec', async () => {
    await addPod('gen-1', 'gen');
    await addPdb('gen', { maxUnavailable: 1, selector: { matchLabels: { app: 'gen' } } }, { current: 3, desired: 2, allowed: 1, observed: 0 });
    const r = await evict('gen-1', eviction('gen-1'));
    assert.equal(r.code, 429);
    assert.deepEqual(r.body.details, { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget gen is still being processed by the server.' }], retryAfterSeconds: 10 });
    assert.equal(r.headers['retry-after'], '10');
  });

  it('answers 500 when two budgets cover the pod; ignores budgets with an empty selector', async () => {
    await addPod('two-1', 'two');
    await addPdb('two-a', { minAvailable: 1, selector: { matchLabels: { app: 'two' } } }, { current: 5, desired: 1, allowed: 4 });
    await addPdb('two-b', { maxUnavailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['two'] }] } }, { current: 5, desired: 4, allowed: 1 });
    const r = await evict('two-1', eviction('two-1'));
    assert.deepEqual([r.code, r.body], [500, {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500,
      message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    }]);
    await addPod('all-1', 'all');
    await addPdb('everything', { minAvailable: 5, selector: {} }, { current: 0, desired: 5, allowed: 0 });
    assert.equal((await evict('all-1', eviction('all-1'))).code, 201, 'an empty selector covers nothing for eviction');
  });

  it('evicts finished and pending pods, and unready pods when the budget is met or says AlwaysAllow', async () => {
    for (const [name, phase, ready] of [['db-done', 'Succeeded', false], ['db-pending', 'Pending', false], ['db-ready', 'Running', true], ['db-sick', 'Running', false]] as const) {
      await addPod(name, 'db', phase, ready);
    }
    await addPdb('db', { minAvailable: 1, selector: { matchLabels: { app: 'db' } } }, { current: 1, desired: 1, allowed: 0 });
    assert.equal((await evict('db-done', eviction('db-done'))).code, 201);
    assert.equal((await evict('db-pending', eviction('db-pending'))).code, 201);
    assert.equal((await evict('db-ready', eviction('db-ready'))).code, 429);
    assert.equal((await evict('db-sick', eviction('db-sick'))).code, 201, 'unready, and the budget is met');
    assert.equal((await pdbs().get('db')).status?.disruptionsAllowed, 0);
    assert.equal((await pdbs().get('db')).status?.disruptedPods, undefined, 'the budget was not used');

    await addPod('q-ready', 'q');
    await addPod('q-sick', 'q', 'Running', false);
    await addPdb('q', { minAvailable: 2, selector: { matchLabels: { app: 'q' } } }, { current: 1, desired: 2, allowed: 0 });
    assert.equal((await evict('q-sick', eviction('q-sick'))).code, 429, 'IfHealthyBudget: the budget is not met');
    const q = await pdbs().get('q');
    await pdbs().update({ ...q, spec: { ...q.spec, unhealthyPodEvictionPolicy: 'AlwaysAllow' } });
    const q2 = await pdbs().get('q');
    await pdbs().updateStatus({ ...q2, status: { ...q2.status, observedGeneration: q2.metadata.generation } });
    assert.equal((await evict('q-sick', eviction('q-sick'))).code, 201);
  });

  it('honours dry run, v1beta1 and protobuf bodies, and checks the request', async () => {
    await addPod('dry', 'dry');
    assert.equal((await evict('dry', eviction('dry'), { query: 'dryRun=All' })).code, 201);
    assert.equal(await terminating('dry'), false);
    assert.equal((await evict('dry', eviction('dry', { dryRun: ['All'] }, 'policy/v1beta1'))).code, 201);
    assert.equal(await terminating('dry'), false);

    const bad = await evict('dry', eviction('other'));
    assert.deepEqual([bad.code, bad.body.message], [400, 'name in URL does not match name in Eviction object']);
    const missing = await evict('nope', eviction('nope'));
    assert.deepEqual([missing.code, missing.body.message], [404, 'pods "nope" not found']);
    const stale = await evict('dry', eviction('dry', { preconditions: { uid: 'not-the-uid' } }));
    assert.equal(stale.code, 409);
    assert.match(String(stale.body.message), /the UID in the precondition \(not-the-uid\) does not match the UID in record/);

    // kubectl's typed clients send protobuf: Eviction{metadata{name, namespace}, deleteOptions{gracePeriodSeconds: 0}}.
    const pb = envelope('policy/v1', 'Eviction', new WireWriter()
      .message(1, new WireWriter().string(1, 'dry').string(3, 'default'))
      .message(2, new WireWriter().int(1, 0)));
    assert.equal((await evict('dry', pb, { contentType: 'application/vnd.kubernetes.protobuf' })).code, 201);
    await assert.rejects(pods().get('dry'), /not found/, 'gracePeriodSeconds 0 deletes at once');
  });
});
