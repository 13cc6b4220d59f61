/** References from one core object to another, shared by pods, services, volumes and events. */
import { field, object, string } from '../../../schema/build.js';

export const ObjectReferenceSchema = object('io.k8s.api.core.v1.ObjectReference', 'Points at another object by kind, namespace and name, optionally pinned to a uid, resourceVersion or a field inside it.', () => ({
  kind: field(string, 'Kind of the object pointed at.', { proto: 1 }),
  namespace: field(string, 'Namespace of the object pointed at.', { proto: 2 }),
  name: field(string, 'Name of the object pointed at.', { proto: 3 }),
  uid: field(string, 'UID of the object pointed at.', { proto: 4 }),
  apiVersion: field(string, 'API version of the object pointed at.', { proto: 5 }),
  resourceVersion: field(string, 'The resourceVersion of the object this reference was taken from, if any.', { proto: 6 }),
  fieldPath: field(string, 'When the reference is to part of the object, a path into it such as spec.containers{web}.',
    { proto: 7 }),
}), { atomic: true });

export const LocalObjectReferenceSchema = object('io.k8s.api.core.v1.LocalObjectReference', 'Names another object in the same namespace.', () => ({
  name: field(string, 'Name of the object in the same namespace (may be empty only for backward compatibility).', { proto: 1 }),
}), { atomic: true });

export const TypedLocalObjectReferenceSchema = object('io.k8s.api.core.v1.TypedLocalObjectReference', 'Points at an object of any group in the same namespace by group, kind and name.', () => ({
  apiGroup: field(string, 'API group of the object; empty means the core group.', { proto: 1 }),
  kind: field(string, 'Kind of the object pointed at.', { required: true, proto: 2 }),
  name: field(string, 'Name of the object pointed at.', { required: true, proto: 3 }),
}), { atomic: true });

export const TypedObjectReferenceSchema = object('io.k8s.api.core.v1.TypedObjectReference', 'Points at an object of any group by group, kind, name and optionally namespace.', () => ({
  apiGroup: field(string, 'API group of the object; empty means the core group.', { proto: 1 }),
  kind: field(string, 'Kind of the object pointed at.', { required: true, proto: 2 }),
  name: field(string, 'Name of the object pointed at.', { required: true, proto: 3 }),
  namespace: field(string, 'Namespace of the object; another namespace needs a ReferenceGrant there to allow it.', { proto: 4 }),
}));

export const SecretReferenceSchema = object('io.k8s.api.core.v1.SecretReference', 'Names a Secret, possibly in another namespace.', () => ({
  name: field(string, 'Name of the Secret.', { proto: 1 }),
  namespace: field(string, 'Namespace of the Secret.', { proto: 2 }),
}), { atomic: true });
