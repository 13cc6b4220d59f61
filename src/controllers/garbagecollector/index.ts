/**
 * The garbage collector: deletes objects whose owners are gone and carries out the Orphan and
 * Foreground propagation policies that `kubectl delete --cascade=…` asks for.
 */
export { GarbageCollector, FINALIZER_ORPHAN, FINALIZER_FOREGROUND, type GarbageCollectorOptions } from './garbage-collector.js';
export { ObjectGraph, OWNER_UID_INDEX } from './graph.js';
