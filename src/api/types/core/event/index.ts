/** core/v1 Event: the ResourceDef for /api/v1/events (also the storage of events.k8s.io/v1). */
import { humanDuration } from '../../../meta/age.js';
import type { KObject } from '../../../meta/object-meta.js';
import type { ResourceDef, TableDef } from '../../../resource.js';
import { EventSchema, type CoreEvent } from './schema.js';
import { legacyValidateEvent } from './validation.js';

export { EventSchema, EventSourceSchema, CoreEventSeriesSchema } from './schema.js';
export type { CoreEvent, ObjectRef } from './schema.js';
export { legacyValidateEvent, strictValidateEventCreate, strictValidateEventUpdate } from './validation.js';

function since(ts: string | null | undefined, now: Date): string | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : humanDuration(now.getTime() - t);
}

/** Row cells of printers.go printEvent, for an event in core/v1 shape. */
export function eventCells(ev: CoreEvent, now: Date): unknown[] {
  const first = since(ev.firstTimestamp, now) ?? since(ev.eventTime, now) ?? '<unknown>';
  let last = since(ev.lastTimestamp, now) ?? first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = since(ev.series.lastObservedTime, now) ?? '<unknown>';
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  const source = instance ? `${component}, ${instance}` : component;
  return [last, ev.type ?? '', ev.reason ?? '', target, ev.involvedObject?.fieldPath ?? '', source, (ev.message ?? '').trim(), first, count, ev.metadata.name ?? ''];
}

/**
 * Events have no leading NAME column: the name is the last, wide-only column (format "name").
 * The server must not prepend its own NAME column for this table.
 */
export const eventTable: TableDef = {
  columns: [
    { name: 'Last Seen', type: 'string', description: 'Time since the event was last seen.', priority: 0 },
    { name: 'Type', type: 'string', description: 'Normal or Warning.', priority: 0 },
    { name: 'Reason', type: 'string', description: 'Short CamelCase reason.', priority: 0 },
    { name: 'Object', type: 'string', description: 'The object the event is about (kind/name).', priority: 0 },
    { name: 'Subobject', type: 'string', description: 'Part of the object the event is about, e.g. spec.containers{web}.', priority: 1 },
    { name: 'Source', type: 'string', description: 'Component (and host) that reported the event.', priority: 1 },
    { name: 'Message', type: 'string', description: 'Human-readable description.', priority: 0 },
    { name: 'First Seen', type: 'string', description: 'Time since the event was first seen.', priority: 1 },
    { name: 'Count', type: 'string', description: 'How many times the event happened.', priority: 1 },
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the event object.', priority: 1 },
  ],
  cells: (obj, now) => eventCells(obj as CoreEvent, now),
};

const ref = (o: KObject): NonNullable<CoreEvent['involvedObject']> => (o as CoreEvent).involvedObject ?? {};

export const coreEventSelectableFields: NonNullable<ResourceDef['selectableFields']> = {
  'involvedObject.kind': (o) => ref(o).kind ?? '',
  'involvedObject.namespace': (o) => ref(o).namespace ?? '',
  'involvedObject.name': (o) => ref(o).name ?? '',
  'involvedObject.uid': (o) => ref(o).uid ?? '',
  'involvedObject.apiVersion': (o) => ref(o).apiVersion ?? '',
  'involvedObject.resourceVersion': (o) => ref(o).resourceVersion ?? '',
  'involvedObject.fieldPath': (o) => ref(o).fieldPath ?? '',
  reason: (o) => (o as CoreEvent).reason ?? '',
  reportingComponent: (o) => (o as CoreEvent).reportingComponent ?? '',
  source: (o) => (o as CoreEvent).source?.component || (o as CoreEvent).reportingComponent || '',
  type: (o) => (o as CoreEvent).type ?? '',
};

export const events: ResourceDef = {
  group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event',
  namespaced: true, shortNames: ['ev'],
  schema: EventSchema,
  generation: false,
  validate: (obj) => legacyValidateEvent(obj as CoreEvent),
  table: eventTable,
  selectableFields: coreEventSelectableFields,
};
