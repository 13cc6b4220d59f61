/**
 * events.k8s.io/v1 Event: the newer shape of Event (regarding/note/reportingController). It is
 * stored as a core/v1 Event under /registry/events/…, so both APIs see the same objects.
 */
import { ObjectMetaSchema, type KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { field, int32, object, string, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { ObjectReferenceSchema } from '../core/common/index.js';
import {
  eventCells, EventSourceSchema, strictValidateEventCreate, strictValidateEventUpdate, type CoreEvent, type ObjectRef,
} from '../core/event/index.js';

export const EventsV1EventSeriesSchema = object('io.k8s.api.events.v1.EventSeries', 'Repeated occurrences of an event, counted instead of recorded one by one.', () => ({
  count: field(int32, 'Number of occurrences so far.', { required: true, proto: 1 }),
  lastObservedTime: field(time, 'When the latest occurrence happened (microsecond precision).', { required: true, proto: 2 }),
}));

export const EventsV1EventSchema = object('io.k8s.api.events.v1.Event', 'A report of something that happened to an object, as newer clients write it.', () => ({
  ...kindFields(),
  metadata: field(ObjectMetaSchema, "Standard object's metadata.", { proto: 1 }),
  eventTime: field(time, 'When the event was first observed (microsecond precision).', { required: true, proto: 2 }),
  series: field(EventsV1EventSeriesSchema, 'Occurrence count when the event repeats.', { proto: 3 }),
  reportingController: field(string, 'Controller that emitted the event, e.g. kubernetes.io/kubelet.', { proto: 4 }),
  reportingInstance: field(string, 'Instance of the controller that emitted it, e.g. kubelet-node-1.', { proto: 5 }),
  action: field(string, 'What was done, or failed to be done, to the object.', { proto: 6 }),
  reason: field(string, 'Short CamelCase reason for the action.', { proto: 7 }),
  regarding: field(ObjectReferenceSchema, 'The object the event is about.', { proto: 8 }),
  related: field(ObjectReferenceSchema, 'A second object involved, if any.', { proto: 9 }),
  note: field(string, 'Human-readable description (at most 1kB).', { proto: 10 }),
  type: field(string, 'Normal or Warning.', { proto: 11 }),
  deprecatedSource: field(EventSourceSchema, 'Legacy source field of core/v1 events.', { proto: 12 }),
  deprecatedFirstTimestamp: field(time, 'Legacy firstTimestamp of core/v1 events.', { proto: 13 }),
  deprecatedLastTimestamp: field(time, 'Legacy lastTimestamp of core/v1 events.', { proto: 14 }),
  deprecatedCount: field(int32, 'Legacy count of core/v1 events.', { proto: 15 }),
}), { gvk: { group: 'events.k8s.io', version: 'v1', kind: 'Event' } });

export interface EventsV1Event extends KObject {
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: ObjectRef;
  related?: ObjectRef;
  note?: string;
  type?: string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}

/** Field pairs [events.k8s.io/v1 name, core/v1 name]. */
const RENAMES: Array<[keyof EventsV1Event & string, keyof CoreEvent & string]> = [
  ['eventTime', 'eventTime'], ['series', 'series'], ['reportingController', 'reportingComponent'],
  ['reportingInstance', 'reportingInstance'], ['action', 'action'], ['reason', 'reason'],
  ['regarding', 'involvedObject'], ['related', 'related'], ['note', 'message'], ['type', 'type'],
  ['deprecatedSource', 'source'], ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'], ['deprecatedCount', 'count'],
];

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** events.k8s.io/v1 shape → core/v1 shape (the stored form). */
export function eventToCore(ev: KObject): CoreEvent {
  const src = ev as EventsV1Event;
  const out: Record<string, unknown> = { apiVersion: 'v1', kind: 'Event', metadata: ev.metadata };
  for (const [from, to] of RENAMES) if (present(src[from])) out[to] = src[from];
  return out as CoreEvent;
}

/** core/v1 shape → events.k8s.io/v1 shape. */
export function eventFromCore(ev: KObject): EventsV1Event {
  const src = ev as CoreEvent;
  const out: Record<string, unknown> = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: ev.metadata };
  for (const [to, from] of RENAMES) if (present(src[from])) out[to] = src[from];
  return out as EventsV1Event;
}

/** Reads a field from either shape, so selectors work on stored or served objects. */
function regarding(o: KObject): ObjectRef {
  return (o as EventsV1Event).regarding ?? (o as CoreEvent).involvedObject ?? {};
}

export const eventsV1: ResourceDef = {
  group: 'events.k8s.io', version: 'v1', kind: 'Event', plural: 'events', singular: 'event',
  namespaced: true, shortNames: ['ev'],
  schema: EventsV1EventSchema,
  generation: false,
  storage: { group: '', version: 'v1', resource: 'events', toStorage: eventToCore, fromStorage: eventFromCore },
  validateCreate: (obj) => strictValidateEventCreate(eventToCore(obj)),
  validateUpdate: (obj, old) => strictValidateEventUpdate(eventToCore(obj), eventToCore(old)),
  table: {
    columns: [
      { name: 'Last Seen', type: 'string', description: 'Time since the event was last seen.', priority: 0 },
      { name: 'Type', type: 'string', description: 'Normal or Warning.', priority: 0 },
      { name: 'Reason', type: 'string', description: 'Short CamelCase reason.', priority: 0 },
      { name: 'Object', type: 'string', description: 'The object the event is about (kind/name).', priority: 0 },
      { name: 'Subobject', type: 'string', description: 'Part of the object the event is about.', priority: 1 },
      { name: 'Source', type: 'string', description: 'Controller (and instance) that reported the event.', priority: 1 },
      { name: 'Message', type: 'string', description: 'Human-readable description.', priority: 0 },
      { name: 'First Seen', type: 'string', description: 'Time since the event was first seen.', priority: 1 },
      { name: 'Count', type: 'string', description: 'How many times the event happened.', priority: 1 },
      { name: 'Name', type: 'string', format: 'name', description: 'Name of the event object.', priority: 1 },
    ],
    cells: (obj, now) => eventCells((obj as CoreEvent).involvedObject ? (obj as CoreEvent) : eventToCore(obj), now),
  },
  selectableFields: {
    'regarding.kind': (o) => regarding(o).kind ?? '',
    'regarding.namespace': (o) => regarding(o).namespace ?? '',
    'regarding.name': (o) => regarding(o).name ?? '',
    'regarding.uid': (o) => regarding(o).uid ?? '',
    'regarding.apiVersion': (o) => regarding(o).apiVersion ?? '',
    'regarding.resourceVersion': (o) => regarding(o).resourceVersion ?? '',
    'regarding.fieldPath': (o) => regarding(o).fieldPath ?? '',
    reason: (o) => (o as EventsV1Event).reason ?? '',
    reportingController: (o) => (o as EventsV1Event).reportingController ?? (o as CoreEvent).reportingComponent ?? '',
    source: (o) => (o as EventsV1Event).deprecatedSource?.component || (o as CoreEvent).source?.component
      || (o as EventsV1Event).reportingController || (o as CoreEvent).reportingComponent || '',
    type: (o) => (o as EventsV1Event).type ?? '',
  },
};
