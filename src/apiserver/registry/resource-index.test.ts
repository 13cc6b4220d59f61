import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinResources, type ResourceDef } from '../../api/index.js';
import { ResourceIndex } from './resource-index.js';

const pods = builtinResources.find((r) => r.plural === 'pods' && r.group === '') as ResourceDef;
const widget: ResourceDef = { ...pods, group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', singular: 'widget' };

test('dynamic resources come and go; the resources array changes identity; built-ins are never hidden', () => {
  const index = new ResourceIndex(builtinResources);
  const before = index.resources;
  let changes = 0;
  index.onChange(() => { changes++; });
  index.setDynamic('widgets.example.com', [widget, { ...widget, group: '', kind: 'Pod', plural: 'pods', singular: 'pod' }]);
  assert.notEqual(index.resources, before);
  assert.equal(index.lookup('example.com', 'v1', 'widgets'), widget);
  assert.equal(index.byApiVersionKind('example.com/v1', 'Widget'), widget);
  assert.equal(index.lookup('', 'v1', 'pods'), pods);
  assert.deepEqual(index.dynamicOf('widgets.example.com').length, 2);
  index.setDynamic('widgets.example.com', []);
  assert.equal(index.lookup('example.com', 'v1', 'widgets'), undefined);
  assert.equal(index.resources.length, before.length);
  index.setDynamic('nothing', []);
  assert.equal(changes, 2);
});
