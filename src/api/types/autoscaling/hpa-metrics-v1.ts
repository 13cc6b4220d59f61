/**
 * The autoscaling/v1 form of metric specs and statuses (metricName, targetAverageValue, …). v1
 * autoscalers carry the metrics they cannot express in annotations in this form, as Kubernetes
 * does, so that converting between v1 and v2 loses nothing.
 */
import type { LabelSelector } from '../../meta/label-selector.js';
import type { CrossVersionObjectReference, MetricSpec, MetricStatus, Quantity } from './hpa-types.js';

type V1Object = Record<string, unknown>;

/** Builds an object in Go field order, leaving out unset (omitempty) fields. */
function obj(entries: Array<[string, unknown]>): V1Object {
  const out: V1Object = {};
  for (const [k, v] of entries) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

function ref(r: CrossVersionObjectReference | undefined): V1Object {
  return obj([['kind', r?.kind ?? ''], ['name', r?.name ?? ''], ['apiVersion', r?.apiVersion]]);
}

/** v2 MetricSpec → v1 MetricSpec. */
export function metricSpecToV1(m: MetricSpec): V1Object {
  const parts: Array<[string, unknown]> = [['type', m.type ?? '']];
  if (m.object) {
    const t = m.object.target ?? {};
    parts.push(['object', obj([['target', ref(m.object.describedObject)], ['metricName', m.object.metric?.name ?? ''],
      ['targetValue', t.value ?? '0'], ['selector', m.object.metric?.selector], ['averageValue', t.averageValue]])]);
  }
  if (m.pods) {
    parts.push(['pods', obj([['metricName', m.pods.metric?.name ?? ''], ['targetAverageValue', m.pods.target?.averageValue ?? '0'],
      ['selector', m.pods.metric?.selector]])]);
  }
  if (m.resource) {
    const t = m.resource.target ?? {};
    parts.push(['resource', obj([['name', m.resource.name ?? ''], ['targetAverageUtilization', t.averageUtilization], ['targetAverageValue', t.averageValue]])]);
  }
  if (m.containerResource) {
    const t = m.containerResource.target ?? {};
    parts.push(['containerResource', obj([['name', m.containerResource.name ?? ''], ['targetAverageUtilization', t.averageUtilization],
      ['targetAverageValue', t.averageValue], ['container', m.containerResource.container ?? '']])]);
  }
  if (m.external) {
    const t = m.external.target ?? {};
    parts.push(['external', obj([['metricName', m.external.metric?.name ?? ''], ['metricSelector', m.external.metric?.selector],
      ['targetValue', t.value], ['targetAverageValue', t.averageValue]])]);
  }
  return obj(parts);
}

interface V1Spec {
  type?: string;
  object?: { target?: CrossVersionObjectReference; metricName?: string; targetValue?: Quantity; selector?: LabelSelector; averageValue?: Quantity };
  pods?: { metricName?: string; targetAverageValue?: Quantity; selector?: LabelSelector };
  resource?: { name?: string; targetAverageUtilization?: number; targetAverageValue?: Quantity };
  containerResource?: { name?: string; targetAverageUtilization?: number; targetAverageValue?: Quantity; container?: string };
  external?: { metricName?: string; metricSelector?: LabelSelector; targetValue?: Quantity; targetAverageValue?: Quantity };
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** v1 MetricSpec → v2 MetricSpec. */
export function metricSpecFromV1(raw: unknown): MetricSpec {
  const m = (raw ?? {}) as V1Spec;
  const out: MetricSpec = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = {
      describedObject: strip({ kind: o.target?.kind, name: o.target?.name, apiVersion: o.target?.apiVersion }),
      target: strip({ type: o.averageValue === undefined ? 'Value' : 'AverageValue', value: o.targetValue, averageValue: o.averageValue }),
      metric: strip({ name: o.metricName, selector: o.selector }),
    };
  }
  if (m.pods) {
    out.pods = { metric: strip({ name: m.pods.metricName, selector: m.pods.selector }), target: strip({ type: 'AverageValue', averageValue: m.pods.targetAverageValue }) };
  }
  for (const k of ['resource', 'containerResource'] as const) {
    const r = m[k];
    if (!r) continue;
    const target = strip({
      type: r.targetAverageUtilization === undefined ? 'AverageValue' : 'Utilization',
      averageValue: r.targetAverageValue, averageUtilization: r.targetAverageUtilization,
    });
    if (k === 'resource') out.resource = { name: r.name, target };
    else out.containerResource = strip({ name: r.name, target, container: (r as NonNullable<V1Spec['containerResource']>).container });
  }
  if (m.external) {
    const e = m.external;
    out.external = {
      metric: strip({ name: e.metricName, selector: e.metricSelector }),
      target: strip({ type: e.targetValue === undefined ? 'AverageValue' : 'Value', value: e.targetValue, averageValue: e.targetAverageValue }),
    };
  }
  return strip(out);
}

/** v2 MetricStatus → v1 MetricStatus. */
export function metricStatusToV1(m: MetricStatus): V1Object {
  const parts: Array<[string, unknown]> = [['type', m.type ?? '']];
  if (m.object) {
    const c = m.object.current ?? {};
    parts.push(['object', obj([['target', ref(m.object.describedObject)], ['metricName', m.object.metric?.name ?? ''],
      ['currentValue', c.value ?? '0'], ['selector', m.object.metric?.selector], ['averageValue', c.averageValue]])]);
  }
  if (m.pods) {
    parts.push(['pods', obj([['metricName', m.pods.metric?.name ?? ''], ['currentAverageValue', m.pods.current?.averageValue ?? '0'],
      ['selector', m.pods.metric?.selector]])]);
  }
  if (m.resource) {
    const c = m.resource.current ?? {};
    parts.push(['resource', obj([['name', m.resource.name ?? ''], ['currentAverageUtilization', c.averageUtilization], ['currentAverageValue', c.averageValue ?? '0']])]);
  }
  if (m.containerResource) {
    const c = m.containerResource.current ?? {};
    parts.push(['containerResource', obj([['name', m.containerResource.name ?? ''], ['currentAverageUtilization', c.averageUtilization],
      ['currentAverageValue', c.averageValue ?? '0'], ['container', m.containerResource.container ?? '']])]);
  }
  if (m.external) {
    const c = m.external.current ?? {};
    parts.push(['external', obj([['metricName', m.external.metric?.name ?? ''], ['metricSelector', m.external.metric?.selector],
      ['currentValue', c.value ?? '0'], ['currentAverageValue', c.averageValue]])]);
  }
  return obj(parts);
}

interface V1Status {
  type?: string;
  object?: { target?: CrossVersionObjectReference; metricName?: string; currentValue?: Quantity; selector?: LabelSelector; averageValue?: Quantity };
  pods?: { metricName?: string; currentAverageValue?: Quantity; selector?: LabelSelector };
  resource?: { name?: string; currentAverageUtilization?: number; currentAverageValue?: Quantity };
  containerResource?: { name?: string; currentAverageUtilization?: number; currentAverageValue?: Quantity; container?: string };
  external?: { metricName?: string; metricSelector?: LabelSelector; currentValue?: Quantity; currentAverageValue?: Quantity };
}

/** v1 MetricStatus → v2 MetricStatus. */
export function metricStatusFromV1(raw: unknown): MetricStatus {
  const m = (raw ?? {}) as V1Status;
  const out: MetricStatus = { type: m.type };
  if (m.object) {
    const o = m.object;
    out.object = {
      metric: strip({ name: o.metricName, selector: o.selector }),
      current: strip({ value: o.currentValue, averageValue: o.averageValue }),
      describedObject: strip({ kind: o.target?.kind, name: o.target?.name, apiVersion: o.target?.apiVersion }),
    };
  }
  if (m.pods) out.pods = { metric: strip({ name: m.pods.metricName, selector: m.pods.selector }), current: strip({ averageValue: m.pods.currentAverageValue }) };
  if (m.resource) {
    out.resource = { name: m.resource.name, current: strip({ averageValue: m.resource.currentAverageValue, averageUtilization: m.resource.currentAverageUtilization }) };
  }
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = strip({ name: c.name, current: strip({ averageValue: c.currentAverageValue, averageUtilization: c.currentAverageUtilization }), container: c.container });
  }
  if (m.external) {
    const e = m.external;
    out.external = { metric: strip({ name: e.metricName, selector: e.metricSelector }), current: strip({ value: e.currentValue, averageValue: e.currentAverageValue }) };
  }
  return strip(out);
}
