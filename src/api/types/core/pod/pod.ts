/** core/v1 Pod: the kind's ResourceDef — defaults, validation, create/update preparation, table, field selectors. */
import type { KObject } from '../../../meta/object-meta.js';
import type { ResourceDef } from '../../../resource.js';
import { defaultPod } from './defaults.js';
import { PodSchema } from './pod-schema.js';
import { podQOSClass } from './qos.js';
import { podTable } from './table.js';
import { validatePod, validatePodCreateOnly, validatePodUpdate } from './validate-pod.js';
import { entry, isObj, list } from './validate-helpers.js';
import type { Pod, PodAffinityTerm } from './types.js';

function nowRFC3339(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** matchLabelKeys / mismatchLabelKeys of affinity terms become In / NotIn conditions on the pod's labels. */
function applyLabelKeys(term: PodAffinityTerm, labels: Record<string, string>): void {
  if (!isObj(term.labelSelector)) return;
  const sel = term.labelSelector;
  for (const [keys, operator] of [[term.matchLabelKeys, 'In'], [term.mismatchLabelKeys, 'NotIn']] as const) {
    for (const key of list(keys)) {
      if (!(key in labels)) continue;
      sel.matchExpressions = [...list(sel.matchExpressions), { key, operator, values: [labels[key]] }];
    }
  }
}

function mutatePodAffinity(pod: Pod): void {
  const labels = pod.metadata.labels ?? {};
  const affinity = pod.spec?.affinity;
  if (!isObj(affinity)) return;
  for (const rules of [affinity.podAffinity, affinity.podAntiAffinity]) {
    if (!isObj(rules)) continue;
    for (const w of list(rules.preferredDuringSchedulingIgnoredDuringExecution)) {
      if (isObj(w) && isObj(w.podAffinityTerm)) applyLabelKeys(w.podAffinityTerm, labels);
    }
    for (const t of list(rules.requiredDuringSchedulingIgnoredDuringExecution)) {
      if (isObj(t)) applyLabelKeys(t, labels);
    }
  }
}

/** podStrategy.PrepareForCreate: a new pod is Pending with its QoS class; gated pods say so. */
export function preparePodForCreate(obj: KObject): void {
  const pod = obj as Pod;
  // The server defaults after this; Kubernetes defaults first, and the QoS class depends on it.
  defaultPod(pod);
  const spec = entry(pod.spec);
  pod.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
  if (list(spec.schedulingGates).length > 0) {
    pod.status.conditions = [{
      type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: nowRFC3339(),
      reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
    }];
  }
  mutatePodAffinity(pod);
}

export const pods: ResourceDef = {
  group: '', version: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod',
  namespaced: true, shortNames: ['po'], categories: ['all'],
  schema: PodSchema,
  subresources: { status: true },
  generation: false,
  defaults: (obj) => defaultPod(obj as Pod),
  validate: (obj) => validatePod(obj as Pod),
  validateCreate: (obj) => validatePodCreateOnly(obj as Pod),
  validateUpdate: (obj, old) => validatePodUpdate(obj as Pod, old as Pod),
  prepareForCreate: preparePodForCreate,
  gracePeriod: podGracePeriod,
  returnDeletedObject: true,
  table: podTable,
  selectableFields: {
    'spec.nodeName': (o) => entry((o as Pod).spec).nodeName ?? '',
    'spec.restartPolicy': (o) => entry((o as Pod).spec).restartPolicy ?? '',
    'spec.schedulerName': (o) => entry((o as Pod).spec).schedulerName ?? '',
    'spec.serviceAccountName': (o) => entry((o as Pod).spec).serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(entry((o as Pod).spec).hostNetwork === true),
    'status.phase': (o) => entry((o as Pod).status).phase ?? '',
    'status.podIP': (o) => entry(list(entry((o as Pod).status).podIPs)[0]).ip ?? '',
    'status.podIPs': (o) => entry(list(entry((o as Pod).status).podIPs)[0]).ip ?? '',
    'status.nominatedNodeName': (o) => entry((o as Pod).status).nominatedNodeName ?? '',
  },
};

/**
 * How long a deleted pod may take to stop: the requested period, else the pod's
 * terminationGracePeriodSeconds, else 30 — and 0 for pods never scheduled or already finished.
 */
export function podGracePeriod(obj: KObject, requested: number | undefined): number {
  const pod = obj as Pod;
  const spec = entry(pod.spec);
  const status = entry(pod.status);
  if (!spec.nodeName) return 0;
  if (status.phase === 'Failed' || status.phase === 'Succeeded') return 0;
  const period = requested ?? (typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30);
  return period < 0 ? 1 : period;
}
