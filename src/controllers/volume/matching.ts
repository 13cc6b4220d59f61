/**
 * Which PersistentVolume a claim may bind to, as the PV controller decides it: a volume pre-bound
 * to the claim wins; otherwise the smallest Available volume of the claim's class whose capacity,
 * access modes (a superset, preferring the fewest extra modes), volume mode and labels fit. For a
 * WaitForFirstConsumer claim without a selected node only pre-bound volumes count: the scheduler
 * picks the rest.
 */
import { compareQuantities } from '../../api/index.js';
import { selectorMatches } from '../replicaset/index.js';
import { claimClass, isVolumeBoundToClaim, volumeClass, type PersistentVolume, type PersistentVolumeClaim } from './objects.js';

function requested(c: PersistentVolumeClaim): string | number {
  return c.spec?.resources?.requests?.storage ?? 0;
}

function capacity(v: PersistentVolume): string | number {
  return v.spec?.capacity?.storage ?? 0;
}

function volumeModeOf(mode: string | undefined): string {
  return mode || 'Filesystem';
}

export function accessModesFit(c: PersistentVolumeClaim, v: PersistentVolume): boolean {
  const have = v.spec?.accessModes ?? [];
  return (c.spec?.accessModes ?? []).every((m) => have.includes(m));
}

/**
 * Why a volume the claim names (spec.volumeName) cannot serve it, in Kubernetes' words, or
 * undefined when it can.
 */
export function volumeMismatch(v: PersistentVolume, c: PersistentVolumeClaim): string | undefined {
  if (v.metadata.deletionTimestamp) return `the volume is marked for deletion "${v.metadata.name ?? ''}"`;
  if (compareQuantities(capacity(v), requested(c)) < 0) return 'requested PV is too small';
  if (volumeClass(v) !== claimClass(c)) return 'storageClassName does not match';
  if (volumeModeOf(v.spec?.volumeMode) !== volumeModeOf(c.spec?.volumeMode)) return 'incompatible volumeMode';
  if (!accessModesFit(c, v)) return 'incompatible accessMode';
  return undefined;
}

/** The volume the claim should bind to, or undefined. */
export function findBestMatch(c: PersistentVolumeClaim, volumes: Iterable<PersistentVolume>, delayBinding: boolean): PersistentVolume | undefined {
  const want = requested(c);
  const cls = claimClass(c);
  const sel = c.spec?.selector;
  let best: PersistentVolume | undefined;
  for (const v of volumes) {
    if (v.spec?.claimRef && !isVolumeBoundToClaim(v, c)) continue;
    if (compareQuantities(capacity(v), want) < 0) continue;
    if (volumeModeOf(v.spec?.volumeMode) !== volumeModeOf(c.spec?.volumeMode)) continue;
    if (v.metadata.deletionTimestamp) continue;
    if (!accessModesFit(c, v)) continue;
    if (isVolumeBoundToClaim(v, c)) return v;
    if (delayBinding) continue;
    if (v.status?.phase !== 'Available') continue;
    if (sel && !selectorMatches(sel, v.metadata.labels)) continue;
    if (volumeClass(v) !== cls) continue;
    if (!best || better(v, best)) best = v;
  }
  return best;
}

/** Fewer access modes first (the tightest fit), then smaller capacity, then name for a stable choice. */
function better(a: PersistentVolume, b: PersistentVolume): boolean {
  const ma = a.spec?.accessModes?.length ?? 0;
  const mb = b.spec?.accessModes?.length ?? 0;
  if (ma !== mb) return ma < mb;
  const d = compareQuantities(capacity(a), capacity(b));
  if (d !== 0) return d < 0;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '');
}
