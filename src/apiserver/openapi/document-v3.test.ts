import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources, type ResourceDef } from '../../api/index.js';
import { openApiV3Document, openApiV3Index, parseOpenApiV3Key } from './index.js';
import { collectRefs, gadgets, widgets } from './testing.js';

/** Parsed JSON, read freely by the assertions. */
type Obj = Record<string, any>;

const core = builtinResources.filter((r) => r.group === '' && (r.plural === 'namespaces' || r.plural === 'configmaps'));
const resources: ResourceDef[] = [...core, widgets, gadgets];

function doc(group: string, version: string, from: readonly ResourceDef[] = resources): Obj {
  const served = openApiV3Document(from, group, version);
  assert.ok(served, `no document for ${group}/${version}`);
  return JSON.parse(served.json) as Obj;
}

const S = (name: string): string => `#/components/schemas/${name}`;

describe('openApiV3Index', () => {
  it('lists each group/version with the hash of its document', () => {
    const index = JSON.parse(openApiV3Index(resources).json) as Obj;
    assert.deepEqual(Object.keys(index.paths), ['api/v1', 'apis/example.com/v1']);
    const hash = openApiV3Document(resources, '', 'v1')?.hash;
    assert.match(hash ?? '', /^[0-9A-F]{128}$/);
    assert.equal(index.paths['api/v1'].serverRelativeURL, `/openapi/v3/api/v1?hash=${hash}`);
  });

  it('is computed once per resource set', () => {
    assert.equal(openApiV3Index(resources), openApiV3Index(resources));
    assert.equal(openApiV3Document(resources, '', 'v1'), openApiV3Document(resources, '', 'v1'));
    assert.equal(openApiV3Document(resources, 'apps', 'v1'), undefined);
  });

  it('parses document keys', () => {
    assert.deepEqual(parseOpenApiV3Key('api/v1'), { group: '', version: 'v1' });
    assert.deepEqual(parseOpenApiV3Key('/apis/apps/v1'), { group: 'apps', version: 'v1' });
    assert.equal(parseOpenApiV3Key('apis/apps'), undefined);
  });
});

describe('openApiV3Document for core v1', () => {
  const d = doc('', 'v1');

  it('is OpenAPI 3.0 with every namespace and configmap path', () => {
    assert.equal(d.openapi, '3.0.0');
    assert.deepEqual(Object.keys(d.paths).sort(), [
      '/api/v1/',
      '/api/v1/configmaps',
      '/api/v1/namespaces',
      '/api/v1/namespaces/{namespace}/configmaps',
      '/api/v1/namespaces/{namespace}/configmaps/{name}',
      '/api/v1/namespaces/{name}',
      '/api/v1/namespaces/{name}/status',
      '/api/v1/watch/configmaps',
      '/api/v1/watch/namespaces',
      '/api/v1/watch/namespaces/{namespace}/configmaps',
      '/api/v1/watch/namespaces/{namespace}/configmaps/{name}',
      '/api/v1/watch/namespaces/{name}',
    ]);
  });

  it('gives POST, PUT and PATCH the fieldValidation parameter, and PATCH force', () => {
    const item = d.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'];
    const coll = d.paths['/api/v1/namespaces/{namespace}/configmaps'];
    const names = (op: Obj): string[] => op.parameters.map((p: Obj) => p.name);
    for (const op of [coll.post, item.put, item.patch, d.paths['/api/v1/namespaces/{name}/status'].patch]) {
      assert.ok(names(op).includes('fieldValidation'), op.operationId);
      assert.ok(names(op).includes('dryRun'));
      assert.ok(names(op).includes('fieldManager'));
      const fv = op.parameters.find((p: Obj) => p.name === 'fieldValidation');
      assert.deepEqual([fv.in, fv.schema.type], ['query', 'string']);
    }
    assert.ok(names(item.patch).includes('force'));
    assert.deepEqual(names(coll.get), [
      'allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch',
      'sendInitialEvents', 'timeoutSeconds', 'watch',
    ]);
    assert.deepEqual(item.parameters.map((p: Obj) => [p.name, p.in]), [['name', 'path'], ['namespace', 'path'], ['pretty', 'query']]);
    assert.deepEqual(Object.keys(item.patch.requestBody.content).sort(), [
      'application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json',
    ]);
    assert.equal(item.patch.requestBody.content['application/merge-patch+json'].schema.$ref, S('io.k8s.apimachinery.pkg.apis.meta.v1.Patch'));
  });

  it('labels operations with ids, actions and the kind', () => {
    const coll = d.paths['/api/v1/namespaces/{namespace}/configmaps'];
    const item = d.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'];
    const ops = [coll.get, coll.post, coll.delete, item.get, item.put, item.patch, item.delete];
    assert.deepEqual(ops.map((o) => [o.operationId, o['x-kubernetes-action']]), [
      ['listCoreV1NamespacedConfigMap', 'list'], ['createCoreV1NamespacedConfigMap', 'post'],
      ['deleteCoreV1CollectionNamespacedConfigMap', 'deletecollection'], ['readCoreV1NamespacedConfigMap', 'get'],
      ['replaceCoreV1NamespacedConfigMap', 'put'], ['patchCoreV1NamespacedConfigMap', 'patch'], ['deleteCoreV1NamespacedConfigMap', 'delete'],
    ]);
    for (const op of ops) assert.deepEqual(op['x-kubernetes-group-version-kind'], { group: '', kind: 'ConfigMap', version: 'v1' });
    assert.deepEqual(item.get.tags, ['core_v1']);
    assert.equal(d.paths['/api/v1/configmaps'].get.operationId, 'listCoreV1ConfigMapForAllNamespaces');
    assert.equal(d.paths['/api/v1/watch/namespaces/{namespace}/configmaps'].get['x-kubernetes-action'], 'watchlist');
    assert.equal(d.paths['/api/v1/watch/namespaces/{name}'].get.operationId, 'watchCoreV1Namespace');
    assert.equal(d.paths['/api/v1/namespaces/{name}/status'].put.operationId, 'replaceCoreV1NamespaceStatus');
    assert.equal(coll.get.responses['200'].content['application/json'].schema.$ref, S('io.k8s.api.core.v1.ConfigMapList'));
    assert.equal(d.paths['/api/v1/'].get.responses['200'].content['application/json'].schema.$ref, S('io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList'));
  });

  it('describes the kinds with their group/version/kind, lists and metadata', () => {
    const schemas = d.components.schemas;
    const cm = schemas['io.k8s.api.core.v1.ConfigMap'];
    assert.deepEqual(cm['x-kubernetes-group-version-kind'], [{ group: '', kind: 'ConfigMap', version: 'v1' }]);
    assert.equal(cm.type, 'object');
    assert.deepEqual(cm.properties.data, { description: cm.properties.data.description, type: 'object', additionalProperties: { type: 'string' } });
    assert.deepEqual(cm.properties.binaryData.additionalProperties, { type: 'string', format: 'byte' });
    assert.deepEqual(cm.properties.metadata.allOf, [{ $ref: S('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta') }]);
    assert.ok(cm.properties.metadata.description);
    const list = schemas['io.k8s.api.core.v1.ConfigMapList'];
    assert.deepEqual(list.required, ['items']);
    assert.deepEqual(list['x-kubernetes-group-version-kind'], [{ group: '', kind: 'ConfigMapList', version: 'v1' }]);
    assert.deepEqual(list.properties.items.items, { $ref: S('io.k8s.api.core.v1.ConfigMap') });
    assert.deepEqual(list.properties.metadata.allOf, [{ $ref: S('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta') }]);
    const nsStatus = schemas['io.k8s.api.core.v1.NamespaceStatus'];
    assert.deepEqual(nsStatus.properties.phase.enum, ['Active', 'Terminating']);
    const conditions = nsStatus.properties.conditions;
    assert.equal(conditions['x-kubernetes-list-type'], 'map');
    assert.deepEqual(conditions['x-kubernetes-list-map-keys'], ['type']);
    assert.equal(conditions['x-kubernetes-patch-merge-key'], 'type');
    assert.equal(conditions['x-kubernetes-patch-strategy'], 'merge');
    assert.deepEqual(schemas['io.k8s.api.core.v1.NamespaceCondition'].required, ['type', 'status']);
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time'], {
      description: schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time'].description, type: 'string', format: 'date-time',
    });
    assert.equal(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.creationTimestamp.allOf[0].$ref,
      S('io.k8s.apimachinery.pkg.apis.meta.v1.Time'));
    assert.equal(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference']['x-kubernetes-map-type'], 'atomic');
  });

  it('carries the standard types with their group/version/kind lists', () => {
    const schemas = d.components.schemas;
    for (const name of ['ObjectMeta', 'ListMeta', 'Status', 'StatusDetails', 'StatusCause', 'DeleteOptions', 'Preconditions',
      'WatchEvent', 'Patch', 'APIResourceList', 'APIResource']) {
      assert.ok(schemas[`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`], name);
    }
    const gvks = (name: string): string[] =>
      schemas[`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`]['x-kubernetes-group-version-kind'].map((g: Obj) => `${g.group}/${g.version}/${g.kind}`);
    assert.deepEqual(gvks('DeleteOptions'), ['/v1/DeleteOptions', 'example.com/v1/DeleteOptions']);
    assert.deepEqual(gvks('WatchEvent'), ['/v1/WatchEvent', 'example.com/v1/WatchEvent']);
    assert.deepEqual(gvks('Status'), ['/v1/Status']);
    assert.deepEqual(gvks('APIResourceList'), ['/v1/APIResourceList']);
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent'].required, ['type', 'object']);
    assert.equal(schemas['com.example.v1.Widget'], undefined, 'another group/version\'s kind');
  });
});

describe('openApiV3Document for a kind using every construct', () => {
  const d = doc('example.com', 'v1');
  const schemas = d.components.schemas;
  const spec = schemas['com.example.v1.WidgetSpec'].properties;

  it('spells int-or-string, quantity, enums, formats, maps and free-form values as Kubernetes does', () => {
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].oneOf, [{ type: 'integer' }, { type: 'string' }]);
    assert.equal(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format, 'int-or-string');
    assert.equal(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']['x-kubernetes-int-or-string'], true);
    assert.deepEqual(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf, [{ type: 'string' }, { type: 'number' }]);
    assert.deepEqual(schemas['com.example.v1.WidgetProbe'].properties.port.allOf, [{ $ref: S('io.k8s.apimachinery.pkg.util.intstr.IntOrString') }]);
    assert.deepEqual(spec.memory.allOf, [{ $ref: S('io.k8s.apimachinery.pkg.api.resource.Quantity') }]);
    assert.deepEqual(schemas['com.example.v1.WidgetContainer'].properties.limits.additionalProperties, { $ref: S('io.k8s.apimachinery.pkg.api.resource.Quantity') });
    assert.deepEqual({ ...spec.replicas, description: '' }, { type: 'integer', format: 'int32', default: 1, description: '' });
    assert.deepEqual(spec.mode.enum, ['Fast', 'Slow']);
    assert.equal(spec.payload.format, 'byte');
    assert.equal(spec.labels['x-kubernetes-map-type'], 'atomic');
    assert.equal(spec.config['x-kubernetes-preserve-unknown-fields'], true);
    assert.deepEqual([spec.ratio.type, spec.ratio.format], ['number', 'double']);
    assert.equal(spec.tags['x-kubernetes-list-type'], 'set');
    assert.deepEqual(spec.matrix.items, { type: 'array', items: { type: 'integer', format: 'int64' } });
    assert.equal(spec.paused.type, 'boolean');
    assert.equal(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']['x-kubernetes-map-type'], 'atomic');
    assert.deepEqual(schemas['com.example.v1.WidgetSpec'].required, ['containers']);
    assert.equal(schemas['com.example.v1.Gadget']['x-kubernetes-preserve-unknown-fields'], true);
  });

  it('serves the scale subresource with the autoscaling/v1 Scale kind', () => {
    const scale = d.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale'];
    for (const m of ['get', 'put', 'patch']) assert.deepEqual(scale[m]['x-kubernetes-group-version-kind'], { group: 'autoscaling', kind: 'Scale', version: 'v1' });
    assert.equal(scale.get.operationId, 'readExampleComV1NamespacedWidgetScale');
    assert.equal(scale.put.requestBody.content['*/*'].schema.$ref, S('io.k8s.api.autoscaling.v1.Scale'));
    const schema = schemas['io.k8s.api.autoscaling.v1.Scale'];
    assert.deepEqual(schema['x-kubernetes-group-version-kind'], [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
    assert.deepEqual(schemas['io.k8s.api.autoscaling.v1.ScaleStatus'].required, ['replicas']);
    const status = d.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status'];
    assert.deepEqual(status.patch['x-kubernetes-group-version-kind'], { group: 'example.com', kind: 'Widget', version: 'v1' });
  });

  it('publishes only the operations of the verbs a kind serves', () => {
    assert.deepEqual(Object.keys(d.paths['/apis/example.com/v1/gadgets']).sort(), ['get', 'parameters', 'post']);
    assert.deepEqual(Object.keys(d.paths['/apis/example.com/v1/gadgets/{name}']).sort(), ['get', 'parameters']);
    assert.equal(d.paths['/apis/example.com/v1/watch/gadgets'], undefined);
    assert.equal(d.paths['/apis/example.com/v1/gadgets'].get.operationId, 'listExampleComV1Gadget');
  });
});

describe('references', () => {
  it('resolve within each document, for the fixtures and every built-in kind', () => {
    const sets: readonly ResourceDef[][] = [resources, [...builtinResources]];
    for (const set of sets) {
      const gvs = new Set(set.map((r) => `${r.group}|${r.version}`));
      for (const gv of gvs) {
        const [group, version] = gv.split('|');
        const d = doc(group, version, set);
        const refs = collectRefs(d);
        assert.ok(refs.length > 0);
        for (const { path, ref } of refs) {
          assert.ok(ref.startsWith('#/components/schemas/'), `${path}: ${ref}`);
          assert.ok(d.components.schemas[ref.slice('#/components/schemas/'.length)], `${group}/${version} ${path}: ${ref} does not resolve`);
        }
      }
    }
  });
});
