/** The autoscaling API group's kinds. */
import type { ResourceDef } from '../../resource.js';

export const autoscalingResources: ResourceDef[] = [];
