/**
 * The policy API group's kinds: PodDisruptionBudgets, which bound how many pods of an application
 * voluntary disruptions (evictions, node drains) may take down at once.
 */
import type { ResourceDef } from '../../resource.js';
import { poddisruptionbudgets } from './pdb.js';

export const policyResources: ResourceDef[] = [poddisruptionbudgets];

export { PodDisruptionBudgetSchema } from './pdb.js';
