import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources, field, listOf, object, string, type ResourceDef } from '../../../api/index.js';
import { compare } from './compare.js';
import { merge } from './merge.js';
import { pathString } from './path-element.js';
import { removeItems } from './remove.js';
import { toFieldSet } from './to-field-set.js';
import { nodeOf, rootNode } from './type-node.js';
import { validateValue } from './validate.js';

function def(kind: string): ResourceDef {
  const d = builtinResources.find((r) => r.kind === kind && r.version === 'v1');
  if (!d) throw new Error(`no ${kind}`);
  return d;
}

const deployNode = rootNode(def('Deployment').schema);
const podNode = rootNode(def('Pod').schema);

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
  },
};

describe('field sets from the schema', () => {
  it('keys map-list items, owns atomic structs whole and lists struct fields only through their contents', () => {
    const s = toFieldSet(deployment, deployNode);
    assert.deepEqual(s.toFieldsV1(), {
      'f:apiVersion': {}, 'f:kind': {},
      'f:metadata': { 'f:labels': { 'f:app': {} }, 'f:name': {} },
      'f:spec': {
        'f:replicas': {}, 'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {}, 'f:image': {}, 'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
  });

  it('keys set-list items by value and owns atomic lists whole', () => {
    const pod = {
      metadata: { finalizers: ['a', 'b'], ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u1' }] },
      spec: { containers: [{ name: 'c', command: ['sh', '-c'] }], tolerations: [{ key: 'k' }] },
    };
    const paths = toFieldSet(pod, podNode).paths().map(pathString);
    for (const p of ['.metadata.finalizers[="a"]', '.metadata.finalizers[="b"]', '.metadata.ownerReferences[uid="u1"]',
      '.spec.tolerations', '.spec.containers[name="c"].command']) assert.ok(paths.includes(p), `${p} missing from ${paths.join(' ')}`);
    assert.ok(!paths.some((p) => p.startsWith('.metadata.ownerReferences[uid="u1"].')), 'owner references are atomic');
    assert.ok(!paths.some((p) => p.startsWith('.spec.tolerations[')));
  });
});

describe('compare', () => {
  it('reports added, modified and removed fields, matching list items by key', () => {
    const next = structuredClone(deployment) as typeof deployment & { spec: { paused?: boolean } };
    next.spec.replicas = 3;
    next.spec.paused = true;
    next.spec.template.spec.containers = [{ name: 'nginx', image: 'nginx:2', ports: [] }];
    delete (next.metadata as { labels?: unknown }).labels;
    const c = compare(deployment, next, deployNode);
    assert.deepEqual(c.modified.paths().map(pathString), ['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
    assert.deepEqual(c.added.paths().map(pathString), ['.spec.paused']);
    assert.deepEqual(c.removed.paths().map(pathString), [
      '.metadata.labels', '.metadata.labels.app',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"]',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].containerPort',
    ]);
  });
});

describe('merge', () => {
  const node = nodeOf(listOf(object('T', 't', () => ({ name: field(string, 'n'), v: field(string, 'v') }))),
    field(listOf(string), 'l', { listType: 'map', listMapKeys: ['name'] }));

  it('keeps live-only items in place and puts configured items in the configuration order', () => {
    const live = [{ name: 'a', v: '1' }, { name: 'x', v: 'live' }, { name: 'b', v: '2' }];
    const config = [{ name: 'b', v: '20' }, { name: 'a' }, { name: 'c', v: '3' }];
    assert.deepEqual(merge(live, config, node), [
      { name: 'x', v: 'live' }, { name: 'b', v: '20' }, { name: 'a', v: '1' }, { name: 'c', v: '3' },
    ]);
  });

  it('lets the configuration win on scalars and replaces atomic values whole', () => {
    const live = { spec: { replicas: 1, selector: { matchLabels: { a: '1', b: '2' } }, paused: true } };
    const out = merge(live, { spec: { replicas: 5, selector: { matchLabels: { a: '1' } } } }, deployNode);
    assert.deepEqual(out, { spec: { replicas: 5, selector: { matchLabels: { a: '1' } }, paused: true } });
  });

  it('refuses duplicated keys in the configuration', () => {
    assert.throws(() => merge([], [{ name: 'a' }, { name: 'a' }], node), /duplicate entries for key \[name="a"\]/);
  });
});

describe('removal', () => {
  it('drops fields and whole list items, leaving null where a struct empties', () => {
    const s = toFieldSet({ spec: { replicas: 2 } }, deployNode);
    const out = removeItems(structuredClone(deployment), s, deployNode) as typeof deployment;
    assert.equal((out.spec as { replicas?: number }).replicas, undefined);
    assert.deepEqual(out.spec.selector, deployment.spec.selector);
    const labels = toFieldSet({ metadata: { labels: { app: 'web' } } }, deployNode);
    assert.equal((removeItems(structuredClone(deployment), labels, deployNode) as typeof deployment).metadata.labels, null);
  });
});

describe('validation of applied configurations', () => {
  it('names undeclared fields and wrong scalar types with their paths', () => {
    const bad = structuredClone(deployment) as unknown as { spec: Record<string, unknown> & { template: { spec: { containers: Array<Record<string, unknown>> } } } };
    bad.spec.template.spec.containers[0].imagee = 'x';
    assert.deepEqual(validateValue(bad, deployNode), ['.spec.template.spec.containers[name="nginx"].imagee: field not declared in schema']);
    bad.spec.template.spec.containers[0] = { name: 'nginx' };
    bad.spec.replicas = 'three';
    assert.deepEqual(validateValue(bad, deployNode), ['.spec.replicas: expected numeric (int or float), got string']);
    const noKey = { spec: { containers: [{ image: 'x' }] } };
    assert.deepEqual(validateValue(noKey, podNode), [
      '.spec.containers: element 0: associative list with keys has an element that omits all key fields ["name"] (and doesn\'t have default values for any key fields)',
    ]);
  });
});
