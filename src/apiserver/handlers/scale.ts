/** The scale subresource: a Scale (autoscaling/v1) view of a workload's replicas. */
import { badRequest, type KObject, type LabelSelector, type ScaleDef } from '../../api/index.js';
import { fromLabelSelector, selectorString } from '../selectors/index.js';

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** The Scale's status.selector: the workload's selector in Kubernetes' string form, keys in order. */
function scaleSelector(obj: KObject, s: ScaleDef): string {
  let sel: LabelSelector | undefined;
  if (s.labelSelectorPath) {
    const at = getPath(obj, s.labelSelectorPath);
    // A custom resource's labelSelectorPath names a string already in selector form.
    if (typeof at === 'string') return at;
    sel = at as LabelSelector | undefined;
  }
  else if (s.mapSelectorPath) {
    const map = getPath(obj, s.mapSelectorPath) as Record<string, string> | undefined;
    if (map) sel = { matchLabels: map };
  }
  if (!sel) return '';
  const reqs = fromLabelSelector(sel).map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i)).map((e) => e.r);
  return selectorString(reqs);
}

export function toScale(obj: KObject, s: ScaleDef): KObject {
  const m = obj.metadata;
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: (getPath(obj, s.specReplicasPath) as number | undefined) ?? 0 },
    status: { replicas: (getPath(obj, s.statusReplicasPath) as number | undefined) ?? 0, selector: scaleSelector(obj, s) },
  };
}

/** Applies a Scale's spec.replicas to the workload; returns the workload. */
export function fromScale(obj: KObject, scale: Record<string, unknown>, s: ScaleDef): KObject {
  const spec = scale.spec as Record<string, unknown> | undefined;
  const replicas = spec?.replicas;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas))) {
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  const meta = scale.metadata as { resourceVersion?: string } | undefined;
  if (meta?.resourceVersion) obj.metadata.resourceVersion = meta.resourceVersion;
  setPath(obj as Record<string, unknown>, s.specReplicasPath, replicas ?? 0);
  return obj;
}
