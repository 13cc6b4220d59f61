import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPONENT_STATUS_DEPRECATION, componentStatusCells, componentStatusList, componentstatuses, CONTROL_PLANE_COMPONENTS,
} from './component-status.js';

test('the list the server answers: Healthy "ok" per component, or Unhealthy with the error', () => {
  const list = componentStatusList([
    { name: 'scheduler', healthy: true },
    { name: 'controller-manager', healthy: false, error: 'Get "https://127.0.0.1:10257/healthz": dial tcp 127.0.0.1:10257: connect: connection refused' },
    { name: 'etcd-0', healthy: true },
  ]);
  assert.equal(list.kind, 'ComponentStatusList');
  assert.deepEqual(list.items[0], {
    kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name: 'scheduler', creationTimestamp: null },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  });
  assert.deepEqual(list.items.map(componentStatusCells), [
    ['Healthy', 'ok', ''],
    ['Unhealthy', '', 'Get "https://127.0.0.1:10257/healthz": dial tcp 127.0.0.1:10257: connect: connection refused'],
    ['Healthy', 'ok', ''],
  ]);
  assert.deepEqual(componentStatusCells({ metadata: { name: 'x' } }), ['Unknown', '', '']);
});

test('read-only, cluster-scoped, cs, deprecated since 1.19; the names Kubernetes reports', () => {
  assert.deepEqual([componentstatuses.verbs, componentstatuses.namespaced, componentstatuses.shortNames], [['get', 'list'], false, ['cs']]);
  assert.deepEqual(componentstatuses.table?.columns.map((c) => c.name), ['Status', 'Message', 'Error']);
  assert.equal(COMPONENT_STATUS_DEPRECATION, 'v1 ComponentStatus is deprecated in v1.19+');
  assert.deepEqual(CONTROL_PLANE_COMPONENTS, ['scheduler', 'controller-manager', 'etcd-0']);
});
