/** ObjectMeta, ListMeta, OwnerReference and ManagedFieldsEntry: the metadata every object carries. */
import { field, int64, listOf, object, string, stringMap, time, anyValue, enumOf, boolean } from '../schema/build.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  selfLink?: string;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  selfLink?: string;
}

/** Any stored API object. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export const OwnerReferenceSchema = object(
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
  'Names an object that owns this one; when every owner is gone the garbage collector deletes it.',
  () => ({
    apiVersion: field(string, 'API version of the owner.', { required: true, proto: 5 }),
    kind: field(string, 'Kind of the owner.', { required: true, proto: 1 }),
    name: field(string, 'Name of the owner.', { required: true, proto: 3 }),
    uid: field(string, 'UID of the owner.', { required: true, proto: 4 }),
    controller: field(boolean, 'True when the owner is the managing controller; at most one owner may say so.', { proto: 6 }),
    blockOwnerDeletion: field(boolean, 'With foreground deletion, the owner is not removed until this object is.', { proto: 7 }),
  }),
  { atomic: true },
);

export const ManagedFieldsEntrySchema = object(
  'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry',
  'Which fields one manager owns, recorded by server-side apply and by updates.',
  () => ({
    manager: field(string, 'Name of the workflow that manages these fields.', { proto: 1 }),
    operation: field(enumOf('Apply', 'Update'), 'Operation that set these fields: Apply or Update.', { proto: 2 }),
    apiVersion: field(string, 'API version the field set is expressed in.', { proto: 3 }),
    time: field(time, 'When these fields were last changed by this manager.', { proto: 4 }),
    fieldsType: field(string, 'Format of fieldsV1; always "FieldsV1".', { proto: 6 }),
    fieldsV1: field(anyValue, 'The set of fields, as a trie of field paths.', { proto: 7 }),
    subresource: field(string, 'Subresource the fields were set through, if any.', { proto: 8 }),
  }),
);

export const ObjectMetaSchema = object(
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  'Metadata every persisted object has: name, namespace, labels, annotations, owners and bookkeeping.',
  () => ({
    name: field(string, 'Unique name within the namespace (or the cluster for cluster-scoped kinds). Cannot be changed.', { proto: 1 }),
    generateName: field(string, 'Prefix from which the server makes a unique name when name is empty.', { proto: 2 }),
    namespace: field(string, 'Namespace the object lives in; empty means "default" for namespaced kinds. Cannot be changed.', { proto: 3 }),
    selfLink: field(string, 'Deprecated and never set.', { proto: 4 }),
    uid: field(string, 'Unique identity given by the server at creation; never reused.', { proto: 5 }),
    resourceVersion: field(string, 'Opaque version of the object, used for optimistic concurrency and watches.', { proto: 6 }),
    generation: field(int64, 'Sequence number of changes to the desired state, set by the server.', { proto: 7 }),
    creationTimestamp: field(time, 'When the object was created, set by the server.', { proto: 8 }),
    deletionTimestamp: field(time, 'When the object will be removed; set when deletion is requested and finalizers or a grace period delay it.', { proto: 9 }),
    deletionGracePeriodSeconds: field(int64, 'Seconds allowed for graceful termination before removal.', { proto: 10 }),
    labels: field(stringMap, 'Key/value pairs used to organise and select objects.', { proto: 11 }),
    annotations: field(stringMap, 'Key/value pairs of arbitrary non-identifying metadata for tools.', { proto: 12 }),
    ownerReferences: field(listOf(OwnerReferenceSchema), 'Objects this one depends on; when all are deleted it is collected.', {
      proto: 13, mergeKey: 'uid', patchStrategy: 'merge', listType: 'map', listMapKeys: ['uid'],
    }),
    finalizers: field(listOf(string), 'Keys that must be removed before the object is deleted from storage.', {
      proto: 14, patchStrategy: 'merge', listType: 'set',
    }),
    managedFields: field(listOf(ManagedFieldsEntrySchema), 'Field ownership, maintained by the server for server-side apply.', { proto: 17 }),
  }),
);

export const ListMetaSchema = object(
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta',
  'Metadata of a list: its resourceVersion and the continue token of a paged list.',
  () => ({
    selfLink: field(string, 'Deprecated and never set.', { proto: 1 }),
    resourceVersion: field(string, 'Version of the store the list was read at.', { proto: 2 }),
    continue: field(string, 'Token to fetch the next page, when the list was limited.', { proto: 3 }),
    remainingItemCount: field(int64, 'Number of items after this page, when known.', { proto: 4 }),
  }),
);
