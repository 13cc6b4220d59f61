/**
 * The Deployment controller: rolling updates and Recreate over ReplicaSets, revisions, history and
 * the status `kubectl rollout` reads.
 */
export { DeploymentController, DEPLOYMENTS, type DeploymentControllerOptions } from './deployment-controller.js';
export { computeHash, safeEncode, fnv32a } from './hash.js';
export { HASH_LABEL, REVISION, type Deployment } from './util.js';
