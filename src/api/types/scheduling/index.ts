/**
 * The scheduling.k8s.io group: PriorityClasses, the named priorities pods ask for, which order the
 * scheduling queue and decide preemption. The two system classes are created at server start.
 */
import type { ResourceDef } from '../../resource.js';
import { priorityclasses } from './priority-class.js';

export * from './priority-class.js';

export const schedulingResources: ResourceDef[] = [priorityclasses];
