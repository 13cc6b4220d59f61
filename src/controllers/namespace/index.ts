/**
 * The namespace controller: deleting a namespace moves it to Terminating; this controller deletes
 * everything in it, reports progress in the namespace's conditions, and then finalizes it.
 */
export { NamespaceController, NAMESPACES, FINALIZER_KUBERNETES, type Namespace, type NamespaceControllerOptions } from './namespace-controller.js';
export { updateConditions, failingConditions, type NamespaceCondition, type DeletionReport } from './conditions.js';
