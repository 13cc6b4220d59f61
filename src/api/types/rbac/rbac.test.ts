import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import type { ResourceDef } from '../../resource.js';
import { checkStructure } from '../../schema/structural.js';
import { rbacResources } from './index.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const byKind = new Map(rbacResources.map((r) => [r.kind, r]));

function def(kind: string): ResourceDef {
  const r = byKind.get(kind);
  assert.ok(r, kind);
  return r;
}

function errors(obj: KObject): string[] {
  const r = def(obj.kind ?? '');
  r.defaults?.(obj);
  return (r.validate?.(obj, CTX) ?? []).map(fieldErrorString);
}

// From the user's notes: seeds 001 (Prometheus) and 004 (ingress-nginx).
const NOTES = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prometheus-clusterrole
rules:
- apiGroups: [""]
  resources:
  - nodes
  - nodes/proxy
  - services
  - endpoints
  - pods
  verbs: ["get", "list", "watch"]
- apiGroups:
  - extensions
  resources:
  - ingresses
  verbs: ["get", "list", "watch"]
- nonResourceURLs: ["/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: prometheus-clusterrolebinding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: prometheus
subjects:
- kind: ServiceAccount
  name: prometheus
  namespace: default
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  labels:
    app.kubernetes.io/component: controller
  name: ingress-nginx
  namespace: ingress-nginx
rules:
- apiGroups:
  - ""
  resources:
  - namespaces
  verbs:
  - get
- apiGroups:
  - ""
  resourceNames:
  - ingress-controller-leader
  resources:
  - configmaps
  verbs:
  - get
  - update
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ingress-nginx
  namespace: ingress-nginx
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ingress-nginx
subjects:
- kind: ServiceAccount
  name: ingress-nginx
  namespace: ingress-nginx
`;

test('the RBAC manifests of the notes have no unknown fields and validate', () => {
  for (const d of parseAllDocuments(NOTES)) {
    const doc = d.toJS() as KObject;
    const r = def(doc.kind ?? '');
    assert.deepEqual(checkStructure(r.schema, doc as Record<string, unknown>), { unknown: [], error: undefined }, doc.kind);
    assert.deepEqual(errors(doc), [], doc.kind);
  }
});

function obj(kind: string, fields: Record<string, unknown>, namespace?: string): KObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'x', namespace }, ...fields } as KObject;
}

test('rules need verbs, and resource rules need api groups and resources', () => {
  assert.deepEqual(errors(obj('Role', { rules: [{ resources: ['pods'] }, { verbs: ['get'], apiGroups: [''] }] }, 'default')), [
    'rules[0].verbs: Required value: verbs must contain at least one value',
    'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
    'rules[1].resources: Required value: resource rules must supply at least one resource',
  ]);
  assert.deepEqual(errors(obj('Role', { rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] }, 'default')),
    ['rules[0].nonResourceURLs: Invalid value: []string{"/metrics"}: namespaced rules cannot apply to non-resource URLs']);
  assert.deepEqual(errors(obj('ClusterRole', { aggregationRule: {} })),
    ['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil']);
});

test('role names are path segments, not DNS names', () => {
  assert.deepEqual(def('Role').nameValidator?.('system:controller:Foo_bar'), []);
  assert.deepEqual(def('ClusterRoleBinding').nameValidator?.('a/b'), ["may not contain '/'"]);
  assert.deepEqual(def('RoleBinding').nameValidator?.('..'), ["may not be '..'"]);
});

test('bindings: apiGroups default by subject kind; roleRef and subjects are checked', () => {
  const b = obj('RoleBinding', {
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'ci' }],
  }, 'default');
  assert.deepEqual(errors(b), []);
  assert.deepEqual(b.roleRef, { kind: 'ClusterRole', name: 'view', apiGroup: 'rbac.authorization.k8s.io' });
  assert.deepEqual(b.subjects, [
    { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'ServiceAccount', name: 'ci' },
  ]);
  assert.deepEqual(errors(obj('ClusterRoleBinding', {
    roleRef: { kind: 'Role', name: 'view' },
    subjects: [{ kind: 'ServiceAccount', name: 'ci' }, { kind: 'Robot', name: 'r2' }],
  })), [
    'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    'subjects[0].namespace: Required value',
    'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
  ]);
});

test('roleRef cannot change', () => {
  const old = obj('RoleBinding', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'a' } }, 'default');
  const n = obj('RoleBinding', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } }, 'default');
  assert.deepEqual((def('RoleBinding').validateUpdate?.(n, old, CTX) ?? []).map(fieldErrorString),
    ['roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef']);
  assert.deepEqual(def('RoleBinding').validateUpdate?.(old, old, CTX), []);
});

test('tables: roles show Created At; bindings show Kind/name and, wide, their subjects', () => {
  const role = obj('Role', {}, 'default');
  role.metadata.creationTimestamp = '2024-05-01T11:00:00Z';
  assert.deepEqual(def('Role').table?.columns.map((c) => [c.name, c.type]), [['Created At', 'date']]);
  assert.deepEqual(def('ClusterRole').table?.cells(role, new Date()), ['2024-05-01T11:00:00Z']);
  const b = obj('RoleBinding', {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
    subjects: [{ kind: 'User', name: 'jane' }, { kind: 'User', name: 'bob' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'ops' }],
  }, 'default');
  b.metadata.creationTimestamp = '2024-05-01T11:00:00Z';
  assert.deepEqual(def('RoleBinding').table?.cells(b, new Date('2024-05-01T12:00:00Z')), ['Role/pod-reader', '60m', 'jane, bob', '', 'ops/ci']);
  assert.deepEqual(def('ClusterRoleBinding').table?.columns.map((c) => c.priority), [0, 0, 1, 1, 1]);
});
