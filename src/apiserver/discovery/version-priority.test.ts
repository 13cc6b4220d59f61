import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareGroups, compareVersions } from './index.js';

describe('compareVersions', () => {
  it('orders GA before beta before alpha, higher first, other strings last', () => {
    const versions = ['v1alpha1', 'foo', 'v1', 'v2beta1', 'v1beta2', 'v2', 'v1beta1', 'v10', 'bar', 'v2alpha3'];
    assert.deepEqual([...versions].sort(compareVersions), [
      'v10', 'v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v2alpha3', 'v1alpha1', 'bar', 'foo',
    ]);
  });
});

describe('compareGroups', () => {
  it('puts built-in groups in kube-apiserver order and others after by name', () => {
    const groups = ['zeta.example.com', 'rbac.authorization.k8s.io', 'apps', 'alpha.example.com', 'batch', 'apiregistration.k8s.io'];
    assert.deepEqual([...groups].sort(compareGroups), [
      'apiregistration.k8s.io', 'apps', 'batch', 'rbac.authorization.k8s.io', 'alpha.example.com', 'zeta.example.com',
    ]);
  });
});
