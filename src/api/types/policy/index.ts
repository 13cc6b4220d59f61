/** The policy API group's kinds. */
import type { ResourceDef } from '../../resource.js';

export const policyResources: ResourceDef[] = [];
