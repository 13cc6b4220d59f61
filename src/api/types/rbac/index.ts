/**
 * The rbac.authorization.k8s.io group: Roles and ClusterRoles (sets of permissions) and the
 * RoleBindings and ClusterRoleBindings that grant them to users, groups and service accounts.
 * The authorizer reads these objects; this folder declares and validates them.
 */
import type { ResourceDef } from '../../resource.js';
import { clusterrolebindings, rolebindings } from './bindings.js';
import { clusterroles, roles } from './roles.js';

export * from './schema.js';
export * from './validate.js';
export { createdAt } from './created-at.js';
export { roles, clusterroles } from './roles.js';
export { rolebindings, clusterrolebindings, subjectStrings } from './bindings.js';

export const rbacResources: ResourceDef[] = [roles, clusterroles, rolebindings, clusterrolebindings];
