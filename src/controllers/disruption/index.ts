/**
 * Disruption: the controller that keeps each PodDisruptionBudget's status (healthy and expected
 * pods, how many disruptions are allowed now, the DisruptionAllowed condition), which the eviction
 * API and `kubectl drain` consult before taking pods down.
 */
export { DisruptionController, PODDISRUPTIONBUDGETS, type DisruptionControllerOptions } from './disruption-controller.js';
export { DELETION_TIMEOUT_MS, type PodDisruptionBudget, type PdbStatus } from './pdb-status.js';
