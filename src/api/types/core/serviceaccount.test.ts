import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { serviceaccounts } from './serviceaccount.js';

test('service accounts from the notes use only declared fields', () => {
  const docs = parseAllDocuments(`
apiVersion: v1
automountServiceAccountToken: true
kind: ServiceAccount
metadata:
  labels: {app.kubernetes.io/component: controller}
  name: ingress-nginx
  namespace: ingress-nginx
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: my-service-account
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::account-id:role/role-name
secrets:
- name: my-token
imagePullSecrets:
- name: regcred
`);
  for (const d of docs) assert.deepEqual(checkStructure(serviceaccounts.schema, d.toJSON() as Record<string, unknown>), { unknown: [], error: undefined });
});

test('SECRETS counts the listed secrets', () => {
  const sa = { metadata: { name: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, secrets: [{ name: 'a' }] } as KObject;
  assert.deepEqual(serviceaccounts.table?.cells(sa, new Date('2024-01-01T00:00:30Z')), [1, '30s']);
  assert.deepEqual(serviceaccounts.shortNames, ['sa']);
});
