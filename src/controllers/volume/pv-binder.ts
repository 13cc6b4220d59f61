/**
 * The PersistentVolume controller ("persistentvolume-controller"): binds claims to volumes and
 * keeps both sides' phases, as Kubernetes' PV controller does. One work queue holds claim keys
 * ("claim:<ns>/<name>") and volume keys ("volume:<name>"). A claim change syncs the claim and, when
 * it goes away, its volume; a volume change syncs the volume and the claim it points at, and when
 * a volume is free, every unbound claim that could take it (there is no periodic resync to find
 * them); a class change syncs every unbound claim.
 */
import { type Clientset, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, EventRecorder, type ReconcileResult } from '../runtime/index.js';
import { syncClaim } from './claim-sync.js';
import {
  claimClass, claimKey, claimRefKey, PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES, STORAGE_CLASSES,
  type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './objects.js';
import { syncVolume } from './volume-sync.js';
import { VolumeWriter } from './writes.js';

export interface PersistentVolumeBinderOptions {
  workers?: number;
  log?: (line: string) => void;
}

/** Volumes by the claim (namespace/name) their claimRef names. */
export const CLAIM_REF_INDEX = 'claimRef';
const claimRefIndex = (v: PersistentVolume): string[] => (v.spec?.claimRef ? [claimRefKey(v.spec.claimRef)] : []);

const CLAIM = 'claim:';
const VOLUME = 'volume:';

export class PersistentVolumeBinder {
  readonly controller: Controller;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly classes: Informer<StorageClass>;
  private readonly writer: VolumeWriter;
  private readonly recorder: EventRecorder;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: PersistentVolumeBinderOptions = {}) {
    this.volumes = informers.forResource<PersistentVolume>(PERSISTENT_VOLUMES, { indexers: { [CLAIM_REF_INDEX]: claimRefIndex } });
    this.claims = informers.forResource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS);
    this.classes = informers.forResource<StorageClass>(STORAGE_CLASSES);
    this.recorder = new EventRecorder(cs, { component: 'persistentvolume-controller' }, { log: opts.log });
    this.writer = new VolumeWriter(cs, this.recorder);
    this.controller = new Controller({ name: 'persistentvolume-binder', workers: opts.workers ?? 1, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.claims, (c) => this.keysForClaim(c))
      .watch(this.volumes, (v) => this.keysForVolume(v))
      .watch(this.classes, () => this.unboundClaimKeys(true));
  }

  private keysForClaim(c: PersistentVolumeClaim): string[] {
    const keys = [CLAIM + claimKey(c)];
    if (c.spec?.volumeName) keys.push(VOLUME + c.spec.volumeName);
    for (const v of this.volumes.store.byIndex(CLAIM_REF_INDEX, claimKey(c))) keys.push(VOLUME + (v.metadata.name ?? ''));
    return keys;
  }

  private keysForVolume(v: PersistentVolume): string[] {
    const keys = [VOLUME + (v.metadata.name ?? '')];
    const ref = v.spec?.claimRef;
    if (ref) keys.push(CLAIM + claimRefKey(ref));
    // A free volume may serve a claim that is waiting (WaitForFirstConsumer claims wait for the scheduler instead).
    if (!ref && v.status?.phase === 'Available' && !v.metadata.deletionTimestamp) keys.push(...this.unboundClaimKeys(false));
    return keys;
  }

  /** Claims still looking for a volume (with or without those of WaitForFirstConsumer classes). */
  private unboundClaimKeys(withDelayed = true): string[] {
    const out: string[] = [];
    for (const c of this.claims.store.values()) {
      if (c.spec?.volumeName || c.status?.phase === 'Lost') continue;
      if (!withDelayed && this.classes.store.get(claimClass(c))?.volumeBindingMode === 'WaitForFirstConsumer') continue;
      out.push(CLAIM + claimKey(c));
    }
    return out;
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    if (key.startsWith(CLAIM)) {
      const c = this.claims.store.get(key.slice(CLAIM.length));
      if (!c) return;
      await syncClaim({ volumes: this.volumes.store, classes: this.classes.store, writer: this.writer, recorder: this.recorder }, c);
      return;
    }
    if (key.startsWith(VOLUME)) {
      const v = this.volumes.store.get(key.slice(VOLUME.length));
      if (!v) return;
      return syncVolume({
        claims: this.claims.store,
        claimsClient: this.cs.resource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS),
        writer: this.writer,
        enqueueClaim: (k) => this.controller.enqueue(CLAIM + k),
      }, v);
    }
  }

  /** Waits for pending Event writes (for tests and shutdown). */
  flushEvents(): Promise<void> {
    return this.recorder.flush();
  }
}
