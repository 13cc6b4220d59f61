import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { ingressclasses, IngressClassSchema } from './ingress-class.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

function ic(spec: unknown): KObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec } as KObject;
}

function errors(obj: KObject): string[] {
  return (ingressclasses.validate?.(obj, CTX) ?? []).map(fieldErrorString);
}

test('a complete IngressClass has no unknown fields; parameters scope defaults to Cluster', () => {
  const obj = ic({ controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } });
  assert.deepEqual(checkStructure(IngressClassSchema, obj as unknown as Record<string, unknown>), { unknown: [], error: undefined });
  ingressclasses.defaults?.(obj);
  assert.equal((obj.spec as { parameters: { scope: string } }).parameters.scope, 'Cluster');
  assert.deepEqual(errors(obj), []);
});

test('the IngressClass of the notes (ingress-nginx) validates', () => {
  const obj = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }, spec: { controller: 'k8s.io/ingress-nginx' } } as KObject;
  assert.deepEqual(checkStructure(IngressClassSchema, obj as unknown as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(errors(obj), []);
});

test('controller is required, domain-prefixed and immutable', () => {
  assert.deepEqual(errors(ic({})), ['spec.controller: Required value']);
  assert.deepEqual(errors(ic({ controller: 'nginx' })),
    ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']);
  assert.deepEqual((ingressclasses.validateUpdate?.(ic({ controller: 'a.io/x' }), ic({ controller: 'k8s.io/ingress-nginx' }), CTX) ?? []).map(fieldErrorString),
    ['spec.controller: Invalid value: "a.io/x": field is immutable']);
});

test('namespace-scoped parameters need a namespace; cluster-scoped ones may not have one', () => {
  assert.deepEqual(errors(ic({ controller: 'a.io/x', parameters: { kind: 'P', name: 'p', scope: 'Namespace' } })),
    ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"]);
  assert.deepEqual(errors(ic({ controller: 'a.io/x', parameters: { kind: 'P', name: 'p', scope: 'Cluster', namespace: 'x' } })),
    ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"]);
});

test('table cells: controller and parameters', () => {
  const obj = ic({ controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'lb' } });
  obj.metadata.creationTimestamp = '2024-05-01T10:00:00Z';
  assert.deepEqual(ingressclasses.table?.cells(obj, new Date('2024-05-01T12:00:00Z')),
    ['k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/lb', '120m']);
  assert.deepEqual(ingressclasses.table?.cells(ic({ controller: 'a.io/x' }), new Date()), ['a.io/x', '<none>', '<unknown>']);
});
