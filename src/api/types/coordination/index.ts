/**
 * The coordination.k8s.io group: Leases, the locks behind leader election of controllers and the
 * heartbeats of nodes (kube-node-lease).
 */
import type { ResourceDef } from '../../resource.js';
import { leases } from './lease.js';

export * from './lease.js';

export const coordinationResources: ResourceDef[] = [leases];
