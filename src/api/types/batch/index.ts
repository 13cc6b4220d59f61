/** The batch API group's kinds. */
import type { ResourceDef } from '../../resource.js';

export const batchResources: ResourceDef[] = [];
