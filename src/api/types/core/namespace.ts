/** core/v1 Namespace: a scope for names, and the unit of deletion for everything inside it. */
import { age } from '../../meta/age.js';
import { isDNS1123Label } from '../../meta/names.js';
import { kindFields } from '../../meta/type-fields.js';
import type { KObject } from '../../meta/object-meta.js';
import { enumOf, field, listOf, object, string, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';

export const NamespaceConditionSchema = object('io.k8s.api.core.v1.NamespaceCondition', 'A condition of a namespace.', () => ({
  type: field(string, 'Type of the condition.', { required: true, proto: 1 }),
  status: field(string, 'Status of the condition: True, False or Unknown.', { required: true, proto: 2 }),
  lastTransitionTime: field(time, 'When the condition last changed status.', { proto: 4 }),
  reason: field(string, 'One-word CamelCase reason for the last transition.', { proto: 5 }),
  message: field(string, 'Human-readable details of the last transition.', { proto: 6 }),
}));

export const NamespaceSchema = object('io.k8s.api.core.v1.Namespace', 'A scope for names. Deleting it deletes everything inside.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.core.v1.NamespaceSpec', 'Desired state of a namespace.', () => ({
    finalizers: field(listOf(string), 'Values that must be emptied before the namespace is removed from storage.', { proto: 1, listType: 'atomic' }),
  })), 'Desired state of the namespace.', { proto: 2 }),
  status: field(object('io.k8s.api.core.v1.NamespaceStatus', 'Observed state of a namespace.', () => ({
    phase: field(enumOf('Active', 'Terminating'), 'Active, or Terminating while its contents are being deleted.', { proto: 1 }),
    conditions: field(listOf(NamespaceConditionSchema), 'Latest observations of the namespace state.', {
      proto: 2, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
    }),
  })), 'Observed state of the namespace.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'Namespace' } });

interface NamespaceLike extends KObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string };
}

export const namespaces: ResourceDef = {
  group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace',
  namespaced: false, shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  schema: NamespaceSchema,
  nameValidator: isDNS1123Label,
  subresources: { status: true },
  generation: false,
  defaults(obj) {
    const ns = obj as NamespaceLike;
    ns.spec ??= {};
    ns.spec.finalizers ??= ['kubernetes'];
    ns.status ??= {};
    ns.status.phase ??= 'Active';
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
  },
  prepareForCreate(obj) {
    (obj as NamespaceLike).status = { phase: 'Active' };
  },
  table: {
    columns: [
      { name: 'Status', type: 'string', description: 'The phase of the namespace.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [(obj as NamespaceLike).status?.phase ?? '', age(obj.metadata.creationTimestamp, now)],
  },
  selectableFields: { 'status.phase': (o) => (o as NamespaceLike).status?.phase },
  deletionPending: (obj) => ((obj as NamespaceLike).spec?.finalizers ?? []).length > 0,
  markDeleting(obj) {
    const ns = obj as NamespaceLike;
    ns.status = { ...ns.status, phase: 'Terminating' };
  },
};
