import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources, type ResourceDef } from '../../api/index.js';
import { openApiV2 } from './index.js';
import { collectRefs, gadgets, widgets } from './testing.js';

/** Parsed JSON, read freely by the assertions. */
type Obj = Record<string, any>;

const core = builtinResources.filter((r) => r.group === '' && (r.plural === 'namespaces' || r.plural === 'configmaps'));
const resources: ResourceDef[] = [...core, widgets, gadgets];

describe('openApiV2', () => {
  const served = openApiV2(resources);
  const d = JSON.parse(served.json) as Obj;

  it('is a Swagger 2.0 document computed once per resource set', () => {
    assert.equal(d.swagger, '2.0');
    assert.equal(openApiV2(resources), served);
    assert.equal(served.etag, `"${served.hash}"`);
  });

  it('has every group/version\'s paths with body parameters and fieldValidation', () => {
    const item = d.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'];
    assert.deepEqual(item.patch.consumes, [
      'application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json',
    ]);
    const names = (op: Obj): string[] => op.parameters.map((p: Obj) => p.name);
    assert.deepEqual(names(item.patch), ['body', 'dryRun', 'fieldManager', 'fieldValidation', 'force']);
    assert.deepEqual(names(d.paths['/api/v1/namespaces'].post), ['body', 'dryRun', 'fieldManager', 'fieldValidation']);
    const fv = item.put.parameters.find((p: Obj) => p.name === 'fieldValidation');
    assert.deepEqual([fv.in, fv.type, fv.uniqueItems], ['query', 'string', true]);
    assert.equal(item.put.parameters[0].schema.$ref, '#/definitions/io.k8s.api.core.v1.ConfigMap');
    assert.equal(item.get.responses['200'].schema.$ref, '#/definitions/io.k8s.api.core.v1.ConfigMap');
    assert.deepEqual(item.get['x-kubernetes-group-version-kind'], { group: '', kind: 'ConfigMap', version: 'v1' });
    assert.ok(d.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale']);
    assert.equal(d.paths['/apis/example.com/v1/'].get.operationId, 'getExampleComV1APIResources');
    assert.deepEqual(d.paths['/apis/example.com/v1/widgets'].get.tags, ['exampleCom_v1']);
  });

  it('spells int-or-string and quantity as strings, refs with their description beside', () => {
    const defs = d.definitions;
    assert.deepEqual({ ...defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], description: '' }, { description: '', type: 'string', format: 'int-or-string' });
    assert.deepEqual({ ...defs['io.k8s.apimachinery.pkg.api.resource.Quantity'], description: '' }, { description: '', type: 'string' });
    const meta = defs['io.k8s.api.core.v1.ConfigMap'].properties.metadata;
    assert.equal(meta.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    assert.ok(meta.description);
    assert.equal(meta.allOf, undefined);
    assert.deepEqual(defs['com.example.v1.Widget']['x-kubernetes-group-version-kind'], [{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
    assert.deepEqual(defs['io.k8s.api.core.v1.NamespaceList']['x-kubernetes-group-version-kind'], [{ group: '', kind: 'NamespaceList', version: 'v1' }]);
    assert.equal(defs['com.example.v1.WidgetSpec'].properties.containers['x-kubernetes-patch-merge-key'], 'name');
  });

  it('resolves every reference, for the fixtures and every built-in kind', () => {
    for (const set of [resources, [...builtinResources]]) {
      const doc = JSON.parse(openApiV2(set).json) as Obj;
      for (const { path, ref } of collectRefs(doc)) {
        assert.ok(ref.startsWith('#/definitions/'), `${path}: ${ref}`);
        assert.ok(doc.definitions[ref.slice('#/definitions/'.length)], `${path}: ${ref} does not resolve`);
      }
    }
  });
});
