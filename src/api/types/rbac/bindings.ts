/** rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding: roles granted to users, groups and service accounts. */
import { age } from '../../meta/age.js';
import { isPathSegmentName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import type { ResourceDef, TableDef } from '../../resource.js';
import { ClusterRoleBindingSchema, RBAC_GROUP, RoleBindingSchema } from './schema.js';
import { defaultBinding, validateBinding, validateBindingUpdate, type BindingLike, type Subject } from './validate.js';

/** Users, groups and service accounts ("namespace/name") named by the subjects. */
export function subjectStrings(subjects: Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const out = { users: [] as string[], groups: [] as string[], serviceAccounts: [] as string[] };
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') out.serviceAccounts.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
    else if (s.kind === 'User') out.users.push(s.name ?? '');
    else if (s.kind === 'Group') out.groups.push(s.name ?? '');
  }
  return out;
}

function bindingTable(what: string): TableDef {
  return {
    columns: [
      { name: 'Role', type: 'string', description: 'The role granted, as Kind/name.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'Users', type: 'string', description: `Users in the ${what}.`, priority: 1 },
      { name: 'Groups', type: 'string', description: `Groups in the ${what}.`, priority: 1 },
      { name: 'ServiceAccounts', type: 'string', description: `Service accounts in the ${what}.`, priority: 1 },
    ],
    cells: (obj: KObject, now: Date) => {
      const b = obj as BindingLike;
      const s = subjectStrings(b.subjects);
      return [
        `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, age(obj.metadata.creationTimestamp, now),
        s.users.join(', '), s.groups.join(', '), s.serviceAccounts.join(', '),
      ];
    },
  };
}

export const rolebindings: ResourceDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding',
  namespaced: true,
  schema: RoleBindingSchema,
  nameValidator: isPathSegmentName,
  generation: false,
  defaults: (obj) => defaultBinding(obj as BindingLike),
  validate: (obj) => validateBinding(obj as BindingLike, true),
  validateUpdate: (obj, old) => validateBindingUpdate(obj as BindingLike, old as BindingLike),
  table: bindingTable('roleBinding'),
};

export const clusterrolebindings: ResourceDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding',
  namespaced: false,
  schema: ClusterRoleBindingSchema,
  nameValidator: isPathSegmentName,
  generation: false,
  defaults: (obj) => defaultBinding(obj as BindingLike),
  validate: (obj) => validateBinding(obj as BindingLike, false),
  validateUpdate: (obj, old) => validateBindingUpdate(obj as BindingLike, old as BindingLike),
  table: bindingTable('clusterRoleBinding'),
};
