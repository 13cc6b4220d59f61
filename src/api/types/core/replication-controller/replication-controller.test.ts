import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import { checkStructure } from '../../../schema/structural.js';
import { replicationcontrollers, type ReplicationControllerLike } from './replication-controller.js';
import { ReplicationControllerSchema } from './schema.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const errors = (rc: ReplicationControllerLike): string[] => (replicationcontrollers.validate?.(rc, CTX) ?? []).map(fieldErrorString);

function rc(spec: Record<string, unknown>): ReplicationControllerLike {
  return { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web' }, spec } as ReplicationControllerLike;
}

const TEMPLATE = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };

test('the documentation\'s nginx controller decodes, defaults and validates', () => {
  const doc = parse(`
apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`) as ReplicationControllerLike;
  assert.deepEqual(checkStructure(ReplicationControllerSchema, doc as Record<string, unknown>), { unknown: [], error: undefined });
  replicationcontrollers.defaults?.(doc);
  assert.deepEqual(errors(doc), []);
  assert.deepEqual(doc.metadata.labels, { app: 'nginx' });
  const c = (doc.spec?.template?.spec as { containers: Array<Record<string, unknown>>; restartPolicy: string });
  assert.equal(c.restartPolicy, 'Always');
  assert.equal(c.containers[0].imagePullPolicy, 'Always');
});

test('selector, object labels and replicas default from the template, but never overwrite', () => {
  const a = rc({ template: structuredClone(TEMPLATE) });
  replicationcontrollers.defaults?.(a);
  assert.deepEqual([a.spec?.selector, a.metadata.labels, a.spec?.replicas], [{ app: 'nginx' }, { app: 'nginx' }, 1]);
  const b = rc({ replicas: 0, selector: { tier: 'x' }, template: structuredClone(TEMPLATE) });
  b.metadata.labels = { own: 'yes' };
  replicationcontrollers.defaults?.(b);
  assert.deepEqual([b.spec?.selector, b.metadata.labels, b.spec?.replicas], [{ tier: 'x' }, { own: 'yes' }, 0]);
});

test('Kubernetes\' errors: empty selector, negative counts, missing template, selector not matching, restart policy', () => {
  assert.deepEqual(errors(rc({ replicas: -1, minReadySeconds: -2 })), [
    'spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0',
    'spec.selector: Required value',
    'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    'spec.template: Required value',
  ]);
  const t = structuredClone(TEMPLATE) as Record<string, unknown> & { spec: Record<string, unknown> };
  t.spec.restartPolicy = 'Never';
  const mismatched = rc({ replicas: 1, selector: { app: 'web' }, template: t });
  replicationcontrollers.defaults?.(mismatched);
  assert.deepEqual(errors(mismatched), [
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ]);
});

test('writes get no warning; scale (with the map selector) and status subresources', () => {
  assert.equal(replicationcontrollers.warnings, undefined);
  assert.deepEqual(replicationcontrollers.subresources?.scale, { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', mapSelectorPath: 'spec.selector' });
  assert.equal(replicationcontrollers.subresources?.status, true);
  assert.deepEqual([replicationcontrollers.shortNames, replicationcontrollers.categories], [['rc'], ['all']]);
});

test('table: DESIRED CURRENT READY AGE, and wide CONTAINERS IMAGES SELECTOR', () => {
  const o = rc({ replicas: 3, selector: { app: 'nginx', tier: 'fe' }, template: TEMPLATE });
  o.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  (o as ReplicationControllerLike).status = { replicas: 2, readyReplicas: 1 };
  assert.deepEqual(replicationcontrollers.table?.columns.map((c) => [c.name, c.priority]), [
    ['Desired', 0], ['Current', 0], ['Ready', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
  ]);
  assert.deepEqual(replicationcontrollers.table?.cells(o, new Date('2024-01-01T00:00:30Z')), [3, 2, 1, '30s', 'nginx', 'nginx', 'app=nginx,tier=fe']);
});
