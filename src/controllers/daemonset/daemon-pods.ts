/**
 * Daemon pods as the DaemonSet controller makes them: the template with the tolerations Kubernetes
 * gives every daemon pod (not-ready and unreachable NoExecute with no time limit; disk-, memory- and
 * pid-pressure and unschedulable NoSchedule; network-unavailable NoSchedule for hostNetwork pods),
 * the labels `pod-template-generation` and `controller-revision-hash`, and a required node affinity
 * `matchFields metadata.name In [node]` that pins the pod to its node for the scheduler to bind.
 * A pod's node is its spec.nodeName, or before binding the node that affinity names.
 */
import type { KObject } from '../../api/index.js';
import type { AffinityView, TolerationView } from '../../scheduler/index.js';
import { CONTROLLER_REVISION_HASH_LABEL, newControllerRef, type PodTemplate } from '../history/index.js';
import {
  DAEMONSET_KIND, TEMPLATE_GENERATION_ANNOTATION, TEMPLATE_GENERATION_LABEL, type DaemonPod, type DaemonPodSpec, type DaemonSet,
} from './types.js';

const NO_EXECUTE = 'NoExecute';
const NO_SCHEDULE = 'NoSchedule';

/** The tolerations added to every daemon pod, in Kubernetes' order. */
export function daemonTolerations(hostNetwork: boolean): TolerationView[] {
  const t: TolerationView[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: NO_EXECUTE },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: NO_EXECUTE },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: NO_SCHEDULE },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: NO_SCHEDULE },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: NO_SCHEDULE },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: NO_SCHEDULE },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: NO_SCHEDULE });
  return t;
}

/** Same key, operator, value and effect (Toleration.MatchToleration). */
function sameToleration(a: TolerationView, b: TolerationView): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** AddOrUpdateDaemonPodTolerations: each daemon toleration replaces a matching one or is appended. */
export function addDaemonTolerations(spec: DaemonPodSpec): void {
  const list = [...(spec.tolerations ?? [])];
  for (const t of daemonTolerations(spec.hostNetwork === true)) {
    const i = list.findIndex((x) => sameToleration(x, t));
    if (i >= 0) list[i] = t; else list.push(t);
  }
  spec.tolerations = list;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: required node affinity reduced to exactly this node. */
export function pinToNode(affinity: AffinityView | undefined, nodeName: string): AffinityView {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  const a: AffinityView = structuredClone(affinity ?? {});
  a.nodeAffinity = { ...a.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required };
  return a;
}

/** GetTargetNodeName: spec.nodeName, else the single metadata.name In value of the required node affinity. */
export function targetNodeName(pod: DaemonPod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const e of term.matchFields ?? []) {
      if (e.key === 'metadata.name' && e.operator === 'In') return e.values?.length === 1 ? e.values[0] : undefined;
    }
  }
  return undefined;
}

/** The DaemonSet's template generation (from its annotation), if it parses. */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** IsPodUpdated: the pod carries the current hash, or the current template generation. */
export function isPodUpdated(pod: KObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const generationMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation);
  return (hash.length > 0 && labels[CONTROLLER_REVISION_HASH_LABEL] === hash) || generationMatches;
}

/** CreatePodTemplate: the template with daemon tolerations and the generation and hash labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplate & { spec: DaemonPodSpec } {
  const t = structuredClone(ds.spec?.template ?? {});
  const spec = (t.spec ?? {}) as DaemonPodSpec;
  addDaemonTolerations(spec);
  const labels = { ...t.metadata?.labels };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  return { metadata: { ...t.metadata, labels }, spec };
}

/** GetPodFromTemplate plus the node pin: the pod to create for one node. */
export function newDaemonPod(ds: DaemonSet, template: PodTemplate & { spec: DaemonPodSpec }, nodeName: string): DaemonPod {
  const meta = template.metadata ?? {};
  const spec = structuredClone(template.spec);
  spec.affinity = pinToNode(spec.affinity, nodeName);
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name ?? ''}-`, namespace: ds.metadata.namespace,
      labels: { ...meta.labels },
      annotations: meta.annotations ? { ...meta.annotations } : undefined,
      finalizers: meta.finalizers ? [...meta.finalizers] : undefined,
      ownerReferences: [newControllerRef(ds, DAEMONSET_KIND)],
    },
    spec,
  };
}
