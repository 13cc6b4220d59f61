/**
 * The events.k8s.io API group: Event in its newer shape. Its objects are core/v1 Events in storage,
 * so the group declares a storage conversion rather than its own store.
 */
import type { ResourceDef } from '../../resource.js';
import { eventsV1 } from './event.js';

export { eventsV1, EventsV1EventSchema, eventToCore, eventFromCore } from './event.js';
export type { EventsV1Event } from './event.js';

export const eventsResources: ResourceDef[] = [eventsV1];
