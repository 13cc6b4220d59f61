/** The rbac API group's kinds. */
import type { ResourceDef } from '../../resource.js';

export const rbacResources: ResourceDef[] = [];
