/** Event validation (pkg/apis/core/validation/events.go), shared by core/v1 and events.k8s.io/v1. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isQualifiedName } from '../../../meta/names.js';
import type { CoreEvent } from './schema.js';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

/** Checks every event must pass, whichever API wrote it. */
export function legacyValidateEvent(ev: CoreEvent): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const mismatch = (): FieldError => fe.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace');
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(mismatch());
    } else if (ns !== involvedNs) errs.push(mismatch());
    return errs;
  }
  if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch());
  const controller = ev.reportingComponent ?? '';
  if (!controller) errs.push(fe.required('reportingController', ''));
  errs.push(...isQualifiedName(controller).map((m) => fe.invalid('reportingController', controller, m)));
  const instance = ev.reportingInstance ?? '';
  if (!instance) errs.push(fe.required('reportingInstance', ''));
  if (instance.length > REPORTING_INSTANCE_LIMIT) errs.push(fe.invalid('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
  const action = ev.action ?? '';
  if (!action) errs.push(fe.required('action', ''));
  if (action.length > ACTION_LIMIT) errs.push(fe.invalid('action', '', `can have at most ${ACTION_LIMIT} characters`));
  const reason = ev.reason ?? '';
  if (!reason) errs.push(fe.required('reason', ''));
  if (reason.length > REASON_LIMIT) errs.push(fe.invalid('reason', '', `can have at most ${REASON_LIMIT} characters`));
  if ((ev.message ?? '').length > NOTE_LIMIT) errs.push(fe.invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  return errs;
}

function validateSeries(ev: CoreEvent): FieldError[] {
  const errs: FieldError[] = [];
  if (ev.series) {
    if ((ev.series.count ?? 0) < 2) errs.push(fe.invalid('series.count', '', 'should be at least 2'));
    if (!ev.series.lastObservedTime) errs.push(fe.required('series.lastObservedTime', ''));
  }
  return errs;
}

/** The stricter checks for events written through events.k8s.io/v1 (given in core shape). */
export function strictValidateEventCreate(ev: CoreEvent): FieldError[] {
  const errs = [...legacyValidateEvent(ev), ...validateSeries(ev)];
  if (!ev.eventTime) errs.push(fe.required('eventTime', ''));
  if (ev.type !== 'Normal' && ev.type !== 'Warning') errs.push(fe.invalid('type', '', `has invalid value: ${ev.type ?? ''}`));
  if (ev.firstTimestamp) errs.push(fe.invalid('firstTimestamp', '', 'needs to be unset'));
  if (ev.lastTimestamp) errs.push(fe.invalid('lastTimestamp', '', 'needs to be unset'));
  if (ev.count) errs.push(fe.invalid('count', '', 'needs to be unset'));
  if (ev.source?.component || ev.source?.host) errs.push(fe.invalid('source', '', 'needs to be unset'));
  return errs;
}

const IMMUTABLE: Array<[keyof CoreEvent, string]> = [
  ['involvedObject', 'involvedObject'], ['reason', 'reason'], ['message', 'message'], ['source', 'source'],
  ['firstTimestamp', 'firstTimestamp'], ['lastTimestamp', 'lastTimestamp'], ['count', 'count'], ['reason', 'reason'],
  ['type', 'type'], ['eventTime', 'eventTime'], ['action', 'action'], ['related', 'related'],
  ['reportingComponent', 'reportingController'], ['reportingInstance', 'reportingInstance'],
];

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string => JSON.stringify(v === undefined || v === null || v === '' || v === 0 ? null : v);
  return norm(a) === norm(b);
}

/** events.k8s.io/v1 updates may only change the series (and metadata). */
export function strictValidateEventUpdate(ev: CoreEvent, old: CoreEvent): FieldError[] {
  const errs = legacyValidateEvent(ev);
  if (!same(ev.series, old.series)) errs.push(...validateSeries(ev));
  for (const [key, path] of IMMUTABLE) {
    if (!same(ev[key], old[key])) errs.push(fe.invalid(path, ev[key] ?? '', 'field is immutable'));
  }
  return errs;
}
