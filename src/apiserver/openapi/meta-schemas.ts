/**
 * The apimachinery types every group/version's OpenAPI document carries beside its kinds: Status
 * (and its details and causes), DeleteOptions and Preconditions, WatchEvent, Patch, and
 * APIResourceList/APIResource. Declared with the schema language like any kind.
 */
import {
  anyValue, boolean, field, int32, int64, ListMetaSchema, listOf, object, string,
} from '../../api/index.js';

const typeFields = () => ({
  apiVersion: field(string, 'Versioned schema of this representation, e.g. "v1".'),
  kind: field(string, 'Kind of object this is, in CamelCase.'),
});

export const StatusCauseSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause',
  'One reason an operation failed, possibly tied to a field.', () => ({
    reason: field(string, 'Machine-readable cause, such as FieldValueInvalid.', { proto: 1 }),
    message: field(string, 'Human-readable explanation of the cause.', { proto: 2 }),
    field: field(string, 'Path of the field that caused the failure, e.g. "spec.containers[0].name".', { proto: 3 }),
  }));

export const StatusDetailsSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails',
  'Extra data about a failure: the object it concerns and the individual causes.', () => ({
    name: field(string, 'Name of the object the status concerns.', { proto: 1 }),
    group: field(string, 'API group of the object the status concerns.', { proto: 2 }),
    kind: field(string, 'Kind (or resource) of the object the status concerns.', { proto: 3 }),
    uid: field(string, 'UID of the object the status concerns.', { proto: 6 }),
    causes: field(listOf(StatusCauseSchema), 'The individual reasons for the failure.', { proto: 4, listType: 'atomic' }),
    retryAfterSeconds: field(int32, 'Seconds to wait before retrying, when the operation may be retried.', { proto: 5 }),
  }));

export const StatusSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  'Result of an operation that does not return an object, and of every failure.', () => ({
    ...typeFields(),
    metadata: field(ListMetaSchema, 'List metadata; usually empty.', { proto: 1 }),
    status: field(string, '"Success" or "Failure".', { proto: 2 }),
    message: field(string, 'Human-readable description of the result.', { proto: 3 }),
    reason: field(string, 'Machine-readable CamelCase reason for a failure, such as NotFound.', { proto: 4 }),
    details: field(StatusDetailsSchema, 'Extra data depending on the reason.', { proto: 5 }),
    code: field(int32, 'HTTP status code of the result.', { proto: 6 }),
  }));

export const PreconditionsSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions',
  'Conditions the object must meet for a deletion to proceed.', () => ({
    uid: field(string, 'The UID the object must have.', { proto: 1 }),
    resourceVersion: field(string, 'The resourceVersion the object must have.', { proto: 2 }),
  }));

export const DeleteOptionsSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'Options of a delete request.', () => ({
    ...typeFields(),
    gracePeriodSeconds: field(int64, 'Seconds before the object is removed; 0 removes it at once. Absent: the kind\'s default.', { proto: 1 }),
    preconditions: field(PreconditionsSchema, 'Conditions that must hold, else the request fails with 409 Conflict.', { proto: 2 }),
    orphanDependents: field(boolean, 'Deprecated in favour of propagationPolicy: whether dependents are orphaned.', { proto: 3 }),
    propagationPolicy: field(string, 'What happens to dependents: Orphan, Background or Foreground.', { proto: 4 }),
    dryRun: field(listOf(string), 'When "All", every stage runs but nothing is persisted.', { proto: 5, listType: 'atomic' }),
    ignoreStoreReadErrorWithClusterBreakingPotential: field(boolean,
      'Delete an object that cannot be read from storage (e.g. undecryptable). Dangerous.', { proto: 6 }),
  }));

export const WatchEventSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
  'One event of a watch stream.', () => ({
    type: field(string, 'ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.', { required: true, proto: 1 }),
    object: field(anyValue, 'The object after the change (for ERROR, a Status).', { required: true, proto: 2 }),
  }));

export const PatchSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  'A patch body: JSON patch, merge patch, strategic merge patch or an apply configuration.', () => ({}));

export const APIResourceSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.APIResource',
  'A resource served in a group/version, as discovery lists it.', () => ({
    name: field(string, 'Plural name of the resource, with "/subresource" for subresources.', { required: true, proto: 1 }),
    singularName: field(string, 'Singular name of the resource.', { required: true, proto: 6 }),
    namespaced: field(boolean, 'Whether objects of the resource live in namespaces.', { required: true, proto: 2 }),
    group: field(string, 'Group of the kind when it differs from the list\'s (e.g. Scale).', { proto: 8 }),
    version: field(string, 'Version of the kind when it differs from the list\'s.', { proto: 9 }),
    kind: field(string, 'Kind served by the resource.', { required: true, proto: 3 }),
    verbs: field(listOf(string), 'Verbs the resource supports: get, list, watch, create, update, patch, delete, deletecollection.', { required: true, proto: 4 }),
    shortNames: field(listOf(string), 'Short aliases clients accept for the resource.', { proto: 5, listType: 'atomic' }),
    categories: field(listOf(string), 'Groupings the resource belongs to, such as "all".', { proto: 7, listType: 'atomic' }),
    storageVersionHash: field(string, 'Opaque hash of the version the resource is stored as.', { proto: 10 }),
  }));

export const APIResourceListSchema = object('io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList',
  'The resources served in one group/version.', () => ({
    ...typeFields(),
    groupVersion: field(string, 'The group/version the list describes.', { required: true, proto: 1 }),
    resources: field(listOf(APIResourceSchema), 'The resources and their subresources.', { required: true, proto: 2, listType: 'atomic' }),
  }));
