/** The events API group's kinds. */
import type { ResourceDef } from '../../resource.js';

export const eventsResources: ResourceDef[] = [];
