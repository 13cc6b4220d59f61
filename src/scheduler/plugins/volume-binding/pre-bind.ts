/**
 * VolumeBinding's PreBind, run by the binder before it binds a pod to its node: for the node
 * chosen, the claims Filter matched to existing volumes are bound to them (the volume's claimRef,
 * as Kubernetes' scheduler does, the PV controller finishing the claim's side) and the claims to be
 * provisioned get the annotation volume.kubernetes.io/selected-node; then it waits, up to the bind
 * timeout, until every one of those claims is bound. The pod is bound only after that, so its node's
 * agent never sees a pod whose volumes do not exist yet.
 *
 * Filter remembers its per-node answer for the pod being scheduled (rememberPodVolumes); PreBind
 * takes the chosen node's.
 */
import type { KObject } from '../../../api/index.js';
import { isConflict, isNotFound, type Clientset, type ResourceClient } from '../../../client/index.js';
import type { PersistentVolumeClaimView, PersistentVolumeView, PodView } from '../../types.js';
import type { PodVolumes } from './volume-binding.js';

export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
/** kube-scheduler's default bind timeout. */
export const DEFAULT_VOLUME_BIND_TIMEOUT_MS = 600_000;
const MAX_POLL_MS = 1000;
const WRITE_ATTEMPTS = 5;

const decisions = new WeakMap<PodView, Map<string, PodVolumes>>();

/** Filter's answer for this pod on this node (kept while the pod object lives). */
export function rememberPodVolumes(pod: PodView, node: string, volumes: PodVolumes): void {
  let m = decisions.get(pod);
  if (!m) decisions.set(pod, (m = new Map()));
  m.set(node, volumes);
}

/** Takes (and forgets) what Filter found for the pod on the node. */
export function takePodVolumes(pod: PodView, node: string): PodVolumes | undefined {
  const m = decisions.get(pod);
  decisions.delete(pod);
  return m?.get(node);
}

export interface BindPodVolumesOptions {
  /** Give up waiting for the claims to be bound after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Aborts the wait (the scheduler is stopping). */
  signal?: AbortSignal;
}

type Claim = PersistentVolumeClaimView & KObject;
type Volume = PersistentVolumeView & KObject;

const claimName = (c: KObject): string => `${c.metadata.namespace ?? 'default'}/${c.metadata.name ?? ''}`;

/** Binds the pod's unbound claims for the node and waits for them; throws (with the reason) when that fails. */
export async function bindPodVolumes(cs: Clientset, pod: PodView, node: string, opts: BindPodVolumesOptions = {}): Promise<void> {
  const plan = takePodVolumes(pod, node);
  if (!plan || (plan.staticBindings.length === 0 && plan.dynamicProvisions.length === 0)) return;
  const pvs = cs.resource<Volume>(PVS);
  const pvcs = cs.resource<Claim>(PVCS);
  for (const { pvc, pv } of plan.staticBindings) await bindVolume(pvs, pv, pvc);
  for (const pvc of plan.dynamicProvisions) await selectNode(pvcs, pvc, node);
  const podGone = async (): Promise<boolean> => {
    const md = pod.metadata;
    try {
      const cur = await cs.resource(PODS).namespace(md.namespace ?? 'default').get(md.name ?? '');
      return cur.metadata.uid !== md.uid || !!cur.metadata.deletionTimestamp;
    } catch (err) {
      if (isNotFound(err)) return true;
      throw err;
    }
  };
  await waitForBound(pvs, pvcs, plan, podGone, opts);
}

/** Points the volume's claimRef at the claim (the PV controller then binds the claim). */
async function bindVolume(pvs: ResourceClient<Volume>, chosen: PersistentVolumeView, pvc: PersistentVolumeClaimView): Promise<void> {
  const name = chosen.metadata.name ?? '';
  for (let i = 0; ; i++) {
    const pv = await pvs.get(name);
    const ref = pv.spec?.claimRef;
    if (ref && ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && ref.uid === pvc.metadata.uid) return;
    if (ref && (ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace || (ref.uid && ref.uid !== pvc.metadata.uid))) {
      throw new Error(`persistentvolume "${name}" was bound to another claim`);
    }
    const annotations = { ...pv.metadata.annotations };
    if (!ref) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    const claimRef = {
      kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid,
      apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion,
    };
    try {
      await pvs.update({ ...pv, metadata: { ...pv.metadata, annotations }, spec: { ...pv.spec, claimRef } });
      return;
    } catch (err) {
      if (!isConflict(err) || i + 1 >= WRITE_ATTEMPTS) throw err;
    }
  }
}

/** Tells the provisioner where the claim's volume is wanted. */
async function selectNode(pvcs: ResourceClient<Claim>, chosen: PersistentVolumeClaimView, node: string): Promise<void> {
  const client = pvcs.namespace(chosen.metadata.namespace ?? 'default');
  for (let i = 0; ; i++) {
    const c = await client.get(chosen.metadata.name ?? '');
    if (c.metadata.uid !== chosen.metadata.uid) throw new Error(`persistentvolumeclaim "${claimName(c)}" was deleted`);
    if (c.spec?.volumeName || c.metadata.annotations?.[ANN_SELECTED_NODE] === node) return;
    try {
      await client.update({ ...c, metadata: { ...c.metadata, annotations: { ...c.metadata.annotations, [ANN_SELECTED_NODE]: node } } });
      return;
    } catch (err) {
      if (!isConflict(err) || i + 1 >= WRITE_ATTEMPTS) throw err;
    }
  }
}

/** Has the claim been bound, volume side included? Throws when it never will be. */
async function claimBound(pvs: ResourceClient<Volume>, pvcs: ResourceClient<Claim>, want: PersistentVolumeClaimView, provisioned: boolean): Promise<boolean> {
  let c: Claim;
  try {
    c = await pvcs.namespace(want.metadata.namespace ?? 'default').get(want.metadata.name ?? '');
  } catch (err) {
    if (isNotFound(err)) throw new Error(`persistentvolumeclaim "${claimName(want)}" was deleted`);
    throw err;
  }
  if (c.metadata.uid !== want.metadata.uid) throw new Error(`persistentvolumeclaim "${claimName(want)}" was deleted`);
  const volumeName = c.spec?.volumeName;
  if (!volumeName || c.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) {
    if (provisioned && c.metadata.annotations?.[ANN_SELECTED_NODE] === undefined) {
      throw new Error(`provisioning failed for PVC "${c.metadata.name ?? ''}"`);
    }
    return false;
  }
  try {
    const pv = await pvs.get(volumeName);
    return pv.spec?.claimRef?.uid === c.metadata.uid;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void { clearTimeout(t); signal?.removeEventListener('abort', done); resolve(); }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function waitForBound(
  pvs: ResourceClient<Volume>, pvcs: ResourceClient<Claim>, plan: PodVolumes, podGone: () => Promise<boolean>, opts: BindPodVolumesOptions,
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_VOLUME_BIND_TIMEOUT_MS);
  const waiting = [
    ...plan.staticBindings.map((b) => ({ pvc: b.pvc, provisioned: false })),
    ...plan.dynamicProvisions.map((pvc) => ({ pvc, provisioned: true })),
  ];
  let pause = 50;
  for (;;) {
    if (opts.signal?.aborted) throw new Error('the scheduler is stopping');
    const still = [];
    for (const w of waiting) if (!(await claimBound(pvs, pvcs, w.pvc, w.provisioned))) still.push(w);
    if (still.length === 0) return;
    waiting.splice(0, waiting.length, ...still);
    if (Date.now() >= deadline) throw new Error('timed out waiting for the condition');
    if (await podGone()) throw new Error('the pod was deleted');
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())), opts.signal);
    pause = Math.min(pause * 2, MAX_POLL_MS);
  }
}
