import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectSchema } from '../../api/index.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import { containers, deployment, inPodSpec, patch, podSpec, rejects, type Json } from './strategic-test-fixtures.js';

describe('strategic merge patch: merging lists of objects', () => {
  it('changes one container image by name and leaves the rest alone', () => {
    const d = patch(inPodSpec({ containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    const [app, sidecar] = containers(d);
    assert.equal(app.name, 'app');
    assert.equal(app.image, 'nginx:1.27');
    assert.deepEqual(app.env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    assert.deepEqual(sidecar, { name: 'sidecar', image: 'busybox' });
  });

  it('adds an env var; without $setElementOrder new items go before the server-only ones, as Kubernetes does', () => {
    const d = patch(inPodSpec({ containers: [{ name: 'app', env: [{ name: 'C', value: '3' }] }] }));
    assert.deepEqual(containers(d)[0].env, [{ name: 'C', value: '3' }, { name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  });

  it('adds an env var where kubectl apply puts it ($setElementOrder)', () => {
    const d = patch(inPodSpec({
      '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }],
      containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }, { name: 'C' }], env: [{ name: 'C', value: '3' }] }],
    }));
    assert.deepEqual(containers(d)[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }]);
  });

  it('updates an env var in place and merges ports keyed by number', () => {
    const d = patch(inPodSpec({ containers: [{ name: 'app', env: [{ name: 'B', value: 'two' }], ports: [{ containerPort: 443, name: 'tls' }] }] }));
    const app = containers(d)[0];
    assert.deepEqual(app.env, [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }]);
    assert.deepEqual(app.ports, [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'tls' }]);
  });

  it('deletes a container removed from the manifest (kubectl apply three-way patch)', () => {
    const d = patch(inPodSpec({
      '$setElementOrder/containers': [{ name: 'app' }],
      containers: [{ $patch: 'delete', name: 'sidecar' }],
    }));
    assert.deepEqual(containers(d).map((c) => c.name), ['app']);
  });

  it('deletes an env var and a port removed from the manifest', () => {
    const d = patch(inPodSpec({
      '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }],
      containers: [{
        name: 'app',
        '$setElementOrder/env': [{ name: 'A' }],
        env: [{ $patch: 'delete', name: 'B' }],
        '$setElementOrder/ports': [{ containerPort: 80 }],
        ports: [{ $patch: 'delete', containerPort: 443 }],
      }],
    }));
    const app = containers(d)[0];
    assert.deepEqual(app.env, [{ name: 'A', value: '1' }]);
    assert.deepEqual(app.ports, [{ containerPort: 80, name: 'http' }]);
    assert.equal(containers(d)[1].name, 'sidecar');
  });

  it('deleting an item that is not there is not an error', () => {
    const d = patch(inPodSpec({ containers: [{ $patch: 'delete', name: 'ghost' }] }));
    assert.deepEqual(containers(d).map((c) => c.name), ['app', 'sidecar']);
  });

  it('reorders with $setElementOrder and keeps a server-only item next to its neighbour', () => {
    const original = deployment();
    (podSpec(original).containers as Json[]).push({ name: 'injected', image: 'proxy' });
    const d = patch(inPodSpec({ '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }] }), original);
    assert.deepEqual(containers(d).map((c) => c.name), ['sidecar', 'app', 'injected']);
  });

  it('adds and removes at once, ordered by $setElementOrder', () => {
    const d = patch(inPodSpec({
      '$setElementOrder/containers': [{ name: 'init' }, { name: 'app' }],
      containers: [{ name: 'init', image: 'alpine' }, { $patch: 'delete', name: 'sidecar' }],
    }));
    assert.deepEqual(containers(d), [{ name: 'init', image: 'alpine' }, containers(deployment())[0]]);
  });

  it('switches a volume source with $retainKeys inside a merge,retainKeys list', () => {
    const d = patch(inPodSpec({
      '$setElementOrder/volumes': [{ name: 'scratch' }],
      volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, emptyDir: null, name: 'scratch' }],
    }));
    assert.deepEqual(podSpec(d).volumes, [{ name: 'scratch', configMap: { name: 'cfg' } }]);
  });
});

describe('strategic merge patch: lists of primitives and plain lists', () => {
  it('unions finalizers', () => {
    const d = patch({ metadata: { finalizers: ['b.example/y', 'c.example/z'] } });
    assert.deepEqual((d.metadata as Json).finalizers, ['a.example/x', 'b.example/y', 'c.example/z']);
  });

  it('removes finalizers with $deleteFromPrimitiveList', () => {
    const d = patch({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/x'] } });
    assert.deepEqual((d.metadata as Json).finalizers, ['b.example/y']);
  });

  it('applies the kubectl apply shape for a changed finalizer list', () => {
    const d = patch({ metadata: {
      '$setElementOrder/finalizers': ['b.example/y', 'c.example/z'],
      '$deleteFromPrimitiveList/finalizers': ['a.example/x'],
      finalizers: ['c.example/z'],
    } });
    assert.deepEqual((d.metadata as Json).finalizers, ['b.example/y', 'c.example/z']);
  });

  it('replaces a list without a patch strategy whole (tolerations, args)', () => {
    const d = patch(inPodSpec({
      tolerations: [{ key: 'gpu', operator: 'Exists' }],
      containers: [{ name: 'app', args: ['-v'] }],
    }));
    assert.deepEqual(podSpec(d).tolerations, [{ key: 'gpu', operator: 'Exists' }]);
    assert.deepEqual(containers(d)[0].args, ['-v']);
  });
});

describe('strategic merge patch: maps and directives', () => {
  it('deletes a label with null and adds another', () => {
    const d = patch({ metadata: { labels: { tier: null, track: 'stable' } } });
    assert.deepEqual((d.metadata as Json).labels, { app: 'web', track: 'stable' });
  });

  it('switches a deployment from RollingUpdate to Recreate with $retainKeys', () => {
    const d = patch({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } });
    assert.deepEqual((d.spec as Json).strategy, { type: 'Recreate' });
  });

  it('$retainKeys alone clears the keys not listed', () => {
    const d = patch({ spec: { strategy: { $retainKeys: ['type'] } } });
    assert.deepEqual((d.spec as Json).strategy, { type: 'RollingUpdate' });
  });

  it('rejects a patch that sets a key missing from $retainKeys', () => {
    rejects({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } }, 400, 'invalid patch format of retainKeys');
    rejects({ spec: { strategy: { $retainKeys: 'type' } } }, 400, 'invalid patch format of retainKeys');
  });

  it('$patch: replace replaces a map', () => {
    const d = patch(inPodSpec({ nodeSelector: { $patch: 'replace', gpu: 'true' } }));
    assert.deepEqual(podSpec(d).nodeSelector, { gpu: 'true' });
  });

  it('$patch: replace replaces a merging list', () => {
    const d = patch(inPodSpec({ containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] }));
    assert.deepEqual(containers(d), [{ name: 'only', image: 'x' }]);
  });

  it('$patch: delete empties a map', () => {
    const d = patch({ metadata: { labels: { $patch: 'delete' } } });
    assert.deepEqual((d.metadata as Json).labels, {});
  });

  it('$patch: merge is the default', () => {
    const d = patch({ metadata: { labels: { $patch: 'merge', track: 'stable' } } });
    assert.deepEqual((d.metadata as Json).labels, { app: 'web', tier: 'front', track: 'stable' });
  });

  it('drops nulls and directives from values the original does not have', () => {
    const d = patch({ metadata: { annotations: { a: 'x', b: null } }, spec: { template: { spec: {
      containers: [{ name: 'new', image: 'redis', env: [{ name: 'X', value: null }, { name: 'Y', $patch: 'delete' }] }],
    } } } });
    assert.deepEqual((d.metadata as Json).annotations, { a: 'x' });
    assert.deepEqual(containers(d)[0], { name: 'new', image: 'redis', env: [{ name: 'X' }] });
  });

  it('merges undeclared and any-valued fields like JSON merge patch', () => {
    const original = deployment();
    (containers(original)[0].env as Json[])[0].valueFrom = { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' }, list: [1, 2] };
    original.extra = { keep: 1, drop: 2, list: [1, 2] };
    const d = patch({
      extra: { drop: null, list: [3], add: { $patch: 'delete' } },
      spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: null }, list: [3] } }] }] } } },
    }, original);
    assert.deepEqual(d.extra, { keep: 1, list: [3] });
    assert.deepEqual((containers(d)[0].env as Json[])[0].valueFrom, { fieldRef: { fieldPath: 'metadata.name' }, list: [3] });
  });

  it('does not change its inputs', () => {
    const original = deployment();
    const p = inPodSpec({
      '$setElementOrder/containers': [{ name: 'app' }],
      containers: [{ $patch: 'delete', name: 'sidecar' }, { name: 'app', env: [{ name: 'A', $patch: 'delete' }] }],
      nodeSelector: { zone: null },
    });
    const before = [JSON.stringify(original), JSON.stringify(p)];
    patch(p, original);
    assert.deepEqual([JSON.stringify(original), JSON.stringify(p)], before);
  });
});

describe('strategic merge patch: the real Deployment schema', () => {
  it('applies kubectl apply and kubectl patch shapes', async (t) => {
    let schema: ObjectSchema | undefined;
    try {
      const apps = await import('../../api/types/apps/index.js');
      schema = apps.appsResources.find((r) => r.kind === 'Deployment')?.schema;
    } catch {
      schema = undefined;
    }
    if (!schema) { t.skip('the apps types are not available'); return; }
    const d = applyStrategicMergePatch(schema, deployment(), {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/x'], labels: { tier: null } },
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null },
        template: { spec: {
          '$setElementOrder/containers': [{ name: 'app' }],
          containers: [
            { name: 'app', image: 'nginx:1.27', '$setElementOrder/env': [{ name: 'B' }, { name: 'A' }], env: [{ name: 'B', value: 'two' }] },
            { name: 'sidecar', $patch: 'delete' },
          ],
          '$setElementOrder/volumes': [{ name: 'scratch' }],
          volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, emptyDir: null, name: 'scratch' }],
          tolerations: [],
        } },
      },
    }) as Json;
    assert.deepEqual((d.metadata as Json).finalizers, ['b.example/y']);
    assert.deepEqual((d.metadata as Json).labels, { app: 'web' });
    assert.deepEqual((d.spec as Json).strategy, { type: 'Recreate' });
    assert.deepEqual(containers(d).map((c) => [c.name, c.image]), [['app', 'nginx:1.27']]);
    assert.deepEqual(containers(d)[0].env, [{ name: 'B', value: 'two' }, { name: 'A', value: '1' }]);
    assert.deepEqual(podSpec(d).volumes, [{ name: 'scratch', configMap: { name: 'cfg' } }]);
    assert.deepEqual(podSpec(d).tolerations, []);
  });
});
