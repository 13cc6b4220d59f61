/** rbac.authorization.k8s.io/v1 Role and ClusterRole: named sets of permissions. */
import { isPathSegmentName } from '../../meta/names.js';
import type { ResourceDef } from '../../resource.js';
import { createdAtTable } from './created-at.js';
import { ClusterRoleSchema, RBAC_GROUP, RoleSchema } from './schema.js';
import { validateRole, type RoleLike } from './validate.js';

export const roles: ResourceDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'Role', plural: 'roles', singular: 'role',
  namespaced: true,
  schema: RoleSchema,
  nameValidator: isPathSegmentName,
  generation: false,
  validate: (obj) => validateRole(obj as RoleLike, true),
  table: createdAtTable,
};

export const clusterroles: ResourceDef = {
  group: RBAC_GROUP, version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole',
  namespaced: false,
  schema: ClusterRoleSchema,
  nameValidator: isPathSegmentName,
  generation: false,
  validate: (obj) => validateRole(obj as RoleLike, false),
  table: createdAtTable,
};
