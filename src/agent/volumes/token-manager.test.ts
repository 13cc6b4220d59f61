import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Clientset } from '../../client/index.js';
import { TokenManager } from './token-manager.js';

/** A Clientset stand-in answering TokenRequests from a script. */
function fakeClientset(answer: (n: number, body: Record<string, unknown>) => { status: number; body: unknown }) {
  const requests: Array<{ path: string; body: Record<string, unknown> }> = [];
  const cs = {
    resource: () => ({ path: (ns: string, name: string, sub: string) => `/api/v1/namespaces/${ns}/serviceaccounts/${name}/${sub}` }),
    rest: {
      request: async (_method: string, path: string, opts: { body: Record<string, unknown> }) => {
        requests.push({ path, body: opts.body });
        const a = answer(requests.length, opts.body);
        return { status: a.status, headers: {}, text: JSON.stringify(a.body) };
      },
    },
  };
  return { cs: cs as unknown as Clientset, requests };
}

const spec = { namespace: 'ns', serviceAccount: 'sa', expirationSeconds: 3600, pod: { name: 'p', uid: 'u1' } };

describe('token manager', () => {
  it('requests a pod-bound token, caches it, and renews it after 80% of its lifetime', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const { cs, requests } = fakeClientset((n) => ({
      status: 201,
      body: { spec: { expirationSeconds: 3600 }, status: { token: `t${n}`, expirationTimestamp: new Date(now + 3600_000).toISOString() } },
    }));
    const tm = new TokenManager(cs, () => now);
    assert.equal(await tm.token({ ...spec, audiences: ['vault'] }), 't1');
    assert.equal(requests[0]!.path, '/api/v1/namespaces/ns/serviceaccounts/sa/token');
    assert.deepEqual(requests[0]!.body.spec, {
      boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u1' }, audiences: ['vault'], expirationSeconds: 3600,
    });
    now += 30 * 60_000;
    assert.equal(await tm.token({ ...spec, audiences: ['vault'] }), 't1');
    now += 30 * 60_000; // past 80%
    assert.equal(await tm.token({ ...spec, audiences: ['vault'] }), 't2');
    tm.forgetPod('u1');
    assert.equal(await tm.token({ ...spec, audiences: ['vault'] }), 't3');
  });

  it('keeps a still-valid token when renewal fails, and reports a first failure', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    let fail = false;
    const { cs } = fakeClientset(() => fail
      ? { status: 404, body: { kind: 'Status', code: 404, reason: 'NotFound', message: 'serviceaccounts "sa" not found' } }
      : { status: 201, body: { spec: { expirationSeconds: 3600 }, status: { token: 'good', expirationTimestamp: new Date(now + 3600_000).toISOString() } } });
    const tm = new TokenManager(cs, () => now);
    assert.equal(await tm.token(spec), 'good');
    fail = true;
    now += 50 * 60_000;
    assert.equal(await tm.token(spec), 'good');
    now += 20 * 60_000;
    await assert.rejects(tm.token(spec), /expired and refresh failed: serviceaccounts "sa" not found$/);
    await assert.rejects(tm.token({ ...spec, pod: { name: 'q', uid: 'u2' } }), { message: 'failed to fetch token: serviceaccounts "sa" not found' });
  });
});
