/**
 * The REST operations of one resource as Kubernetes publishes them, independent of dialect: the
 * collection and item paths (namespaced, and across namespaces for namespaced kinds), the
 * deprecated /watch/ paths, and the status and scale subresources; each operation with its
 * operationId, x-kubernetes-action, group/version/kind, query parameters, body and responses.
 */
import { ALL_VERBS, type ResourceDef, type Verb } from '../../api/index.js';
import type { GVK } from './json.js';
import { listSchemaOf } from './list-schema.js';
import { StatusSchema, WatchEventSchema } from './meta-schemas.js';
import { groupVersionPrefix, operationGroup, operationVersion } from './names.js';
import {
  DELETE_COLLECTION_PARAMS, DELETE_PARAMS, LIST_PARAMS, PATCH_PARAMS, WRITE_PARAMS, type ParamName, type PathParam,
} from './parameters.js';
import { ScaleSchema } from './scale-schema.js';

export type Action = 'list' | 'post' | 'deletecollection' | 'get' | 'put' | 'patch' | 'delete' | 'watch' | 'watchlist';
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec { code: '200' | '201' | '202'; description: string; schema: string }

export interface OperationSpec {
  method: Method;
  operationId: string;
  description: string;
  action?: Action;
  gvk?: GVK;
  query: readonly ParamName[];
  /** Request body: a whole object (schema name), a patch, or DeleteOptions. */
  body?: { kind: 'object'; schema: string } | { kind: 'patch' } | { kind: 'delete' };
  responses: ResponseSpec[];
  /** Lists and watches also answer in the streaming media types. */
  streaming?: boolean;
}

export interface PathSpec {
  path: string;
  params: PathParam[];
  /** Query parameters shared by every operation of the path. */
  query: readonly ParamName[];
  operations: OperationSpec[];
}

const ok = (schema: string): ResponseSpec => ({ code: '200', description: 'OK', schema });
const created = (schema: string): ResponseSpec => ({ code: '201', description: 'Created', schema });
const accepted = (schema: string): ResponseSpec => ({ code: '202', description: 'Accepted', schema });

/** Every path of a resource, in a stable order. */
export function resourcePaths(def: ResourceDef): PathSpec[] {
  const verbs = new Set<Verb>(def.verbs ?? ALL_VERBS);
  const has = (v: Verb): boolean => verbs.has(v);
  const prefix = groupVersionPrefix(def.group, def.version);
  const G = `${operationGroup(def.group)}${operationVersion(def.version)}`;
  /** listCoreV1NamespacedPod, deleteCoreV1CollectionNamespacedPod, listCoreV1PodForAllNamespaces… */
  const id = (verb: string, suffix = '', opts: { collection?: boolean; allNamespaces?: boolean } = {}): string =>
    `${verb}${G}${opts.collection ? 'Collection' : ''}${def.namespaced && !opts.allNamespaces ? 'Namespaced' : ''}${def.kind}${suffix}`;
  const gvk: GVK = { group: def.group, kind: def.kind, version: def.version };
  const kind = def.schema.name;
  const list = listSchemaOf(def.schema, def.kind).name;
  const nsParam: PathParam[] = def.namespaced ? [{ name: 'namespace', description: 'The namespace of the objects.' }] : [];
  const nameParam: PathParam = { name: 'name', description: `Name of the ${def.kind}.` };
  const scope = def.namespaced ? '/namespaces/{namespace}' : '';
  const out: PathSpec[] = [];

  const collection: OperationSpec[] = [];
  if (has('list')) collection.push({
    method: 'get', operationId: id('list'), description: `List or watch objects of kind ${def.kind}.`, action: 'list', gvk,
    query: LIST_PARAMS, responses: [ok(list)], streaming: true,
  });
  if (has('create')) collection.push({
    method: 'post', operationId: id('create'), description: `Create a ${def.kind}.`, action: 'post', gvk,
    query: WRITE_PARAMS, body: { kind: 'object', schema: kind }, responses: [ok(kind), created(kind), accepted(kind)],
  });
  if (has('deletecollection')) collection.push({
    method: 'delete', operationId: id('delete', '', { collection: true }), description: `Delete a collection of ${def.kind} objects.`,
    action: 'deletecollection', gvk, query: DELETE_COLLECTION_PARAMS, body: { kind: 'delete' }, responses: [ok(StatusSchema.name)],
  });
  if (collection.length) out.push({ path: `${prefix}${scope}/${def.plural}`, params: nsParam, query: ['pretty'], operations: collection });

  const item: OperationSpec[] = [];
  if (has('get')) item.push({
    method: 'get', operationId: id('read'), description: `Read the named ${def.kind}.`, action: 'get', gvk, query: [], responses: [ok(kind)],
  });
  if (has('update')) item.push({
    method: 'put', operationId: id('replace'), description: `Replace the named ${def.kind}.`, action: 'put', gvk,
    query: WRITE_PARAMS, body: { kind: 'object', schema: kind }, responses: [ok(kind), created(kind)],
  });
  if (has('patch')) item.push({
    method: 'patch', operationId: id('patch'), description: `Partially update the named ${def.kind}.`, action: 'patch', gvk,
    query: PATCH_PARAMS, body: { kind: 'patch' }, responses: [ok(kind), created(kind)],
  });
  if (has('delete')) item.push({
    method: 'delete', operationId: id('delete'), description: `Delete a ${def.kind}.`, action: 'delete', gvk,
    query: DELETE_PARAMS, body: { kind: 'delete' }, responses: [ok(StatusSchema.name), accepted(StatusSchema.name)],
  });
  const itemParams = [nameParam, ...nsParam];
  if (item.length) out.push({ path: `${prefix}${scope}/${def.plural}/{name}`, params: itemParams, query: ['pretty'], operations: item });

  const subresource = (sub: 'status' | 'scale', schema: string, subGvk: GVK): void => {
    const Sub = sub === 'status' ? 'Status' : 'Scale';
    out.push({
      path: `${prefix}${scope}/${def.plural}/{name}/${sub}`, params: itemParams, query: ['pretty'], operations: [
        { method: 'get', operationId: id('read', Sub), description: `Read the ${sub} of the named ${def.kind}.`, action: 'get', gvk: subGvk, query: [], responses: [ok(schema)] },
        {
          method: 'put', operationId: id('replace', Sub), description: `Replace the ${sub} of the named ${def.kind}.`, action: 'put', gvk: subGvk,
          query: WRITE_PARAMS, body: { kind: 'object', schema }, responses: [ok(schema), created(schema)],
        },
        {
          method: 'patch', operationId: id('patch', Sub), description: `Partially update the ${sub} of the named ${def.kind}.`, action: 'patch',
          gvk: subGvk, query: PATCH_PARAMS, body: { kind: 'patch' }, responses: [ok(schema), created(schema)],
        },
      ],
    });
  };
  if (def.subresources?.status) subresource('status', kind, gvk);
  if (def.subresources?.scale) subresource('scale', ScaleSchema.name, { group: 'autoscaling', kind: 'Scale', version: 'v1' });

  if (has('list') && def.namespaced) out.push({
    path: `${prefix}/${def.plural}`, params: [], query: [...LIST_PARAMS, 'pretty'], operations: [{
      method: 'get', operationId: id('list', 'ForAllNamespaces', { allNamespaces: true }), description: `List or watch objects of kind ${def.kind} in every namespace.`,
      action: 'list', gvk, query: [], responses: [ok(list)], streaming: true,
    }],
  });
  if (has('watch')) {
    const watchPrefix = `${prefix}/watch${scope}/${def.plural}`;
    const watchOp = (operationId: string, description: string, action: Action): OperationSpec[] => [{
      method: 'get', operationId, description, action, gvk, query: [], responses: [ok(WatchEventSchema.name)], streaming: true,
    }];
    const deprecated = 'Deprecated: use the watch parameter of a list operation';
    out.push({
      path: watchPrefix, params: nsParam, query: [...LIST_PARAMS, 'pretty'],
      operations: watchOp(id('watch', 'List'), `Watch changes to a list of ${def.kind}. ${deprecated}.`, 'watchlist'),
    });
    out.push({
      path: `${watchPrefix}/{name}`, params: itemParams, query: [...LIST_PARAMS, 'pretty'],
      operations: watchOp(id('watch'), `Watch changes to one ${def.kind}. ${deprecated}, with a fieldSelector on metadata.name.`, 'watch'),
    });
    if (def.namespaced) out.push({
      path: `${prefix}/watch/${def.plural}`, params: [], query: [...LIST_PARAMS, 'pretty'],
      operations: watchOp(id('watch', 'ListForAllNamespaces', { allNamespaces: true }), `Watch changes to a list of ${def.kind} in every namespace. ${deprecated}.`, 'watchlist'),
    });
  }
  return out;
}

/** "/api/v1/" or "/apis/apps/v1/": the group/version's resource list. */
export function groupVersionRootPath(group: string, version: string): PathSpec {
  return {
    path: `${groupVersionPrefix(group, version)}/`, params: [], query: [],
    operations: [{
      method: 'get', operationId: `get${operationGroup(group)}${operationVersion(version)}APIResources`,
      description: 'Get the resources of this group/version.', query: [], responses: [ok('io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList')],
    }],
  };
}
