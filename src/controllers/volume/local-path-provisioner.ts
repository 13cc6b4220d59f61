/**
 * The built-in local-path provisioner, named "rancher.io/local-path" as in k3s so that manifests
 * and StorageClasses written for k3s work. Like an external provisioner it acts on claims the PV
 * controller handed to it (annotation volume.kubernetes.io/storage-provisioner) whose class it
 * serves: once the claim has a node (volume.kubernetes.io/selected-node, set by the scheduler for
 * WaitForFirstConsumer classes) it creates the claim's PersistentVolume, pre-bound to the claim, and
 * the PV controller completes the binding. Nothing is written to disk here: the volume is a
 * DirectoryOrCreate hostPath, and the node's agent removes the data when the volume is released
 * (src/agent/local-path). Events: Provisioning, ProvisioningSucceeded, ProvisioningFailed.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isAlreadyExists, type Clientset, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, EventRecorder, type ReconcileResult } from '../runtime/index.js';
import {
  LOCAL_PATH_PROVISIONER, localPathClaimError, localPathDir, localPathVolume, localPathVolumeName,
} from './local-path-volume.js';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, annotation, claimClass, claimKey, NODES,
  PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES, STORAGE_CLASSES,
  type Node, type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './objects.js';

export interface LocalPathProvisionerOptions {
  workers?: number;
  log?: (line: string) => void;
  /** Events' source component (default "rancher.io/local-path_<host>_<uuid>", as the external provisioner names itself). */
  identity?: string;
}

export class LocalPathProvisioner {
  readonly controller: Controller;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly nodes: Informer<Node>;
  private readonly recorder: EventRecorder;
  /** Volumes created but not yet seen by the informer (so a quick second look does not create again). */
  private readonly created = new Set<string>();

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: LocalPathProvisionerOptions = {}) {
    this.claims = informers.forResource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS);
    this.volumes = informers.forResource<PersistentVolume>(PERSISTENT_VOLUMES);
    this.classes = informers.forResource<StorageClass>(STORAGE_CLASSES);
    this.nodes = informers.forResource<Node>(NODES);
    const component = opts.identity ?? `${LOCAL_PATH_PROVISIONER}_${hostname()}_${randomUUID()}`;
    this.recorder = new EventRecorder(cs, { component }, { log: opts.log });
    this.volumes.addEventHandler({ onAdd: (v) => { this.created.delete(v.metadata.name ?? ''); } });
    this.controller = new Controller({ name: 'local-path-provisioner', workers: opts.workers ?? 2, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.claims, (c) => claimKey(c))
      .watch(this.nodes, (n) => this.waitingClaims((c) => annotation(c, ANN_SELECTED_NODE) === n.metadata.name))
      .watch(this.classes, (sc) => this.waitingClaims((c) => claimClass(c) === sc.metadata.name));
  }

  /** Unprovisioned claims handed to us that match. */
  private waitingClaims(match: (c: PersistentVolumeClaim) => boolean): string[] {
    const out: string[] = [];
    for (const c of this.claims.store.values()) if (this.handedToUs(c) && !c.spec?.volumeName && match(c)) out.push(claimKey(c));
    return out;
  }

  private handedToUs(c: PersistentVolumeClaim): boolean {
    return (annotation(c, ANN_STORAGE_PROVISIONER) ?? annotation(c, ANN_BETA_STORAGE_PROVISIONER)) === LOCAL_PATH_PROVISIONER;
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const c = this.claims.store.get(key);
    if (!c || c.spec?.volumeName || c.metadata.deletionTimestamp || !this.handedToUs(c)) return;
    const className = claimClass(c);
    const sc = this.classes.store.get(className);
    if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return;
    const pvName = localPathVolumeName(c);
    if (this.volumes.store.get(pvName) || this.created.has(pvName)) return;
    const nodeName = annotation(c, ANN_SELECTED_NODE);
    if (!nodeName && sc.volumeBindingMode === 'WaitForFirstConsumer') return; // the scheduler has not chosen yet
    this.recorder.event(c, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`);
    const fail = (why: string): void => {
      this.recorder.event(c, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${className}": ${why}`);
    };
    const bad = localPathClaimError(c);
    if (bad) { fail(bad); return; }
    if (!nodeName) { fail('configuration error, no node was specified'); return; }
    const node = this.nodes.store.get(nodeName);
    const where = localPathDir(node, nodeName);
    if ('error' in where || !node) {
      // Retried when the node changes (its agent may not have announced its directory yet).
      fail('error' in where ? where.error : `nodes "${nodeName}" not found`);
      return;
    }
    try {
      await this.cs.resource<PersistentVolume>(PERSISTENT_VOLUMES).create(localPathVolume(c, sc, node, where.dir));
    } catch (err) {
      if (isAlreadyExists(err)) return;
      fail((err as Error).message);
      throw err;
    }
    if (!this.volumes.store.get(pvName)) this.created.add(pvName);
    this.recorder.event(c, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  /** Waits for pending Event writes (for tests and shutdown). */
  flushEvents(): Promise<void> {
    return this.recorder.flush();
  }
}
