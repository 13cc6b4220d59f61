/**
 * pods/ephemeralcontainers on an in-process API server, over HTTPS with the client: GET answers the
 * pod, PATCH (kubectl debug's strategic merge patch) and PUT add containers, and nothing else of the
 * pod changes through it; removals, changes, invalid containers and unknown kinds are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KObject } from '../../api/index.js';
import type { ResourceClient } from '../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';

let fx: ApiFixture;
before(async () => { fx = await startApiFixture(); });
after(async () => { await fx.stop(); });

interface Pod extends KObject {
  spec?: { containers?: Array<Record<string, unknown>>; ephemeralContainers?: Array<Record<string, unknown>>; activeDeadlineSeconds?: number };
}

const pods = (): ResourceClient<Pod> => fx.clientset.resource<Pod>({ group: '', version: 'v1', resource: 'pods' }).namespace('default');
const path = (name: string): string => `/api/v1/namespaces/default/pods/${name}/ephemeralcontainers`;

async function raw(method: string, p: string, body?: unknown, contentType?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fx.clientset.rest.request(method, p, body === undefined ? {} : { body, contentType });
  return { status: res.status, json: JSON.parse(res.text) as Record<string, unknown> };
}

async function newPod(name: string): Promise<Pod> {
  return pods().create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
}

const debugger1 = { name: 'debugger', image: 'busybox', targetContainerName: 'c', stdin: true, tty: true };

describe('pods/ephemeralcontainers', () => {
  it('GET answers the pod', async () => {
    await newPod('get-me');
    const r = await raw('GET', path('get-me'));
    assert.equal(r.status, 200);
    assert.equal(r.json.kind, 'Pod');
    assert.equal((r.json.metadata as { name: string }).name, 'get-me');
  });

  it('a strategic merge patch adds a container, defaulted, and drops other changes', async () => {
    await newPod('patched');
    const out = await pods().patch('patched', 'strategic', {
      metadata: { labels: { app: 'changed' } },
      spec: { ephemeralContainers: [debugger1], activeDeadlineSeconds: 5 },
    }, { subresource: 'ephemeralcontainers' });
    assert.equal(out.kind, 'Pod');
    const got = await pods().get('patched');
    assert.equal(got.metadata.labels?.app, 'x');
    assert.equal(got.spec?.activeDeadlineSeconds, undefined);
    const ec = got.spec?.ephemeralContainers ?? [];
    assert.equal(ec.length, 1);
    assert.equal(ec[0].name, 'debugger');
    assert.equal(ec[0].targetContainerName, 'c');
    assert.equal(ec[0].terminationMessagePolicy, 'File');
    assert.equal(ec[0].imagePullPolicy, 'Always');
  });

  it('a second container may be added; an existing one may not be changed or removed', async () => {
    await pods().patch('patched', 'strategic', { spec: { ephemeralContainers: [{ name: 'second', image: 'busybox' }] } }, { subresource: 'ephemeralcontainers' });
    assert.deepEqual((await pods().get('patched')).spec?.ephemeralContainers?.map((c) => c.name).sort(), ['debugger', 'second']);
    const changed = await raw('PATCH', path('patched'), { spec: { ephemeralContainers: [{ name: 'second', image: 'alpine' }] } }, 'application/strategic-merge-patch+json');
    assert.equal(changed.status, 422);
    assert.match(String(changed.json.message), /^Pod "patched" is invalid: spec\.ephemeralContainers: Forbidden: existing ephemeral containers "second" may not be changed\n/);
    const removed = await raw('PATCH', path('patched'), { spec: { ephemeralContainers: null } }, 'application/merge-patch+json');
    assert.equal(removed.status, 422);
    assert.match(String(removed.json.message), /existing ephemeral containers "debugger" may not be removed/);
  });

  it('a JSON patch and a server-side apply add containers too; a patch naming an old resourceVersion conflicts', async () => {
    const pod = await newPod('forms');
    const jp = await raw('PATCH', path('forms'), [{ op: 'add', path: '/spec/ephemeralContainers', value: [{ name: 'j', image: 'busybox' }] }], 'application/json-patch+json');
    assert.equal(jp.status, 200, JSON.stringify(jp.json));
    const applied = await raw('PATCH', `${path('forms')}?fieldManager=tester`, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'forms' }, spec: { ephemeralContainers: [{ name: 'a', image: 'busybox' }] },
    }, 'application/apply-patch+yaml');
    assert.equal(applied.status, 200, JSON.stringify(applied.json));
    const got = await pods().get('forms');
    assert.deepEqual(got.spec?.ephemeralContainers?.map((c) => c.name).sort(), ['a', 'j']);
    assert.equal(got.spec?.containers?.length, 1, 'the apply did not touch the containers');
    const stale = await raw('PATCH', path('forms'), { metadata: { resourceVersion: pod.metadata.resourceVersion }, spec: { ephemeralContainers: [{ name: 's', image: 'busybox' }] } },
      'application/strategic-merge-patch+json');
    assert.equal(stale.status, 409);
  });

  it('PUT of the pod with a new container adds it; ephemeral containers are refused on a plain pod update', async () => {
    const pod = await newPod('put-me');
    pod.spec!.ephemeralContainers = [{ ...debugger1, command: ['sh'] }];
    const r = await raw('PUT', path('put-me'), pod, 'application/json');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((await pods().get('put-me')).spec?.ephemeralContainers?.length, 1);
    const plain = await pods().get('put-me');
    plain.spec!.ephemeralContainers = [...plain.spec!.ephemeralContainers!, { name: 'other', image: 'busybox' }];
    await assert.rejects(pods().update(plain), /pod updates may not change fields other than/);
  });

  it('refuses invalid containers, unknown kinds, names taken and missing pods', async () => {
    await newPod('bad');
    const ports = await raw('PATCH', path('bad'), { spec: { ephemeralContainers: [{ name: 'd', image: 'busybox', ports: [{ containerPort: 80 }] }] } }, 'application/strategic-merge-patch+json');
    assert.equal(ports.status, 422);
    assert.match(String(ports.json.message), /spec\.ephemeralContainers\[0\]\.ports: Forbidden: cannot be set for an Ephemeral Container/);
    const dup = await raw('PATCH', path('bad'), { spec: { ephemeralContainers: [{ name: 'c', image: 'busybox' }] } }, 'application/strategic-merge-patch+json');
    assert.equal(dup.status, 422);
    assert.match(String(dup.json.message), /spec\.ephemeralContainers\[0\]\.name: Duplicate value: "c"/);
    const kind = await raw('PUT', path('bad'), { apiVersion: 'v1', kind: 'EphemeralContainers', metadata: { name: 'bad' }, ephemeralContainers: [] }, 'application/json');
    assert.equal(kind.status, 400);
    assert.equal(kind.json.message, 'no kind "EphemeralContainers" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"');
    const missing = await raw('PATCH', path('nope'), { spec: { ephemeralContainers: [debugger1] } }, 'application/strategic-merge-patch+json');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.message, 'pods "nope" not found');
    assert.equal((await pods().get('bad')).spec?.ephemeralContainers, undefined);
  });
});
