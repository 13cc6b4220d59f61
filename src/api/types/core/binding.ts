/**
 * core/v1 Binding: binds a pod to a node, POSTed to /namespaces/<ns>/bindings (metadata.name names
 * the pod) or to pods/<name>/binding. Create-only, never stored: the API server turns it into the
 * pod's spec.nodeName. This file declares the kind (schema for protobuf, OpenAPI and explain) and
 * Kubernetes' validation of it.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { field, object } from '../../schema/build.js';
import { ObjectReferenceSchema } from './common/index.js';

export const BindingSchema = object('io.k8s.api.core.v1.Binding', 'Binds a pod to a node: target names the node. Deprecated in favour of the pods/binding subresource.', () => ({
  ...kindFields(),
  target: field(ObjectReferenceSchema, 'The node to bind to (kind Node or empty, and its name).', { required: true, proto: 2 }),
}), { gvk: { group: '', version: 'v1', kind: 'Binding' } });

export interface BindingLike extends KObject { target?: { kind?: string; name?: string } }

/** ValidatePodBinding: the target kind is Node (or empty) and the node is named. */
export function validateBinding(b: BindingLike): FieldError[] {
  const errs: FieldError[] = [];
  const kind = b.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(fe.notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!b.target?.name) errs.push(fe.required('target.name', ''));
  return errs;
}

/**
 * What a Binding that reached the generic store is told: the store cannot bind (the handler of
 * pods/binding does), so it refuses rather than keep a Binding object nobody reads.
 */
export const BINDING_NOT_STORED = 'navarch binds pods only through POST pods/<name>/binding; a Binding is never stored';

export const bindings: ResourceDef = {
  group: '', version: 'v1', kind: 'Binding', plural: 'bindings', singular: 'binding',
  namespaced: true,
  verbs: ['create'],
  schema: BindingSchema,
  generation: false,
  validate: (obj) => validateBinding(obj as BindingLike),
  validateCreate: () => [fe.forbidden('metadata.name', BINDING_NOT_STORED)],
};
