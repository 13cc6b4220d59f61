/** core/v1 Event schema: a report that something happened to an object. */
import { ObjectMetaSchema, type KObject } from '../../../meta/object-meta.js';
import { kindFields } from '../../../meta/type-fields.js';
import { field, int32, object, string, time } from '../../../schema/build.js';
import { ObjectReferenceSchema } from '../common/index.js';

export const EventSourceSchema = object('io.k8s.api.core.v1.EventSource', 'The component (and host) that reported an event.', () => ({
  component: field(string, 'Component that reported the event, e.g. kubelet or default-scheduler.', { proto: 1 }),
  host: field(string, 'Node the reporting component runs on.', { proto: 2 }),
}));

export const CoreEventSeriesSchema = object('io.k8s.api.core.v1.EventSeries', 'Repeated occurrences of an event, counted instead of recorded one by one.', () => ({
  count: field(int32, 'Number of occurrences so far.', { proto: 1 }),
  lastObservedTime: field(time, 'When the latest occurrence happened (microsecond precision).', { proto: 2 }),
}));

export const EventSchema = object('io.k8s.api.core.v1.Event', 'A report of something that happened to an object: a reason, a message and who saw it.', () => ({
  ...kindFields(),
  metadata: field(ObjectMetaSchema, "Standard object's metadata.", { required: true, proto: 1 }),
  involvedObject: field(ObjectReferenceSchema, 'The object the event is about.', { required: true, proto: 2 }),
  reason: field(string, 'Short CamelCase reason, e.g. Scheduled or BackOff.', { proto: 3 }),
  message: field(string, 'Human-readable description.', { proto: 4 }),
  source: field(EventSourceSchema, 'The component that reported the event.', { proto: 5 }),
  firstTimestamp: field(time, 'When the event was first recorded.', { proto: 6 }),
  lastTimestamp: field(time, 'When the event was most recently recorded.', { proto: 7 }),
  count: field(int32, 'How many times the event happened.', { proto: 8 }),
  type: field(string, 'Normal or Warning.', { proto: 9 }),
  eventTime: field(time, 'When the event was first observed (microsecond precision).', { proto: 10 }),
  series: field(CoreEventSeriesSchema, 'Occurrence count when the event repeats.', { proto: 11 }),
  action: field(string, 'What was done, or failed to be done, to the object.', { proto: 12 }),
  related: field(ObjectReferenceSchema, 'A second object involved, if any.', { proto: 13 }),
  reportingComponent: field(string, 'Controller that emitted the event, e.g. kubernetes.io/kubelet.', { proto: 14 }),
  reportingInstance: field(string, 'Instance of the controller that emitted it, e.g. kubelet-node-1.', { proto: 15 }),
}), { gvk: { group: '', version: 'v1', kind: 'Event' } });

export interface ObjectRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** A core/v1 Event (the storage shape of both Event APIs). */
export interface CoreEvent extends KObject {
  involvedObject?: ObjectRef;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  action?: string;
  related?: ObjectRef;
  reportingComponent?: string;
  reportingInstance?: string;
}
