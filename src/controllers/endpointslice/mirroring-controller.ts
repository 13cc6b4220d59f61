/**
 * The EndpointSlice mirroring controller (kube-controller-manager's
 * "endpointslice-mirroring-controller"): for Services without a selector, whose Endpoints users
 * write themselves, it mirrors those Endpoints into EndpointSlices managed by
 * endpointslicemirroring-controller.k8s.io and owned by the Endpoints (see planMirror). Endpoints
 * labelled endpointslice.kubernetes.io/skip-mirror=true or holding a leader-election record are not
 * mirrored; mirrored slices are deleted when their Endpoints or Service goes, the Endpoints stops
 * being mirrored, or the Service gains a selector. Events on the Endpoints: InvalidIPAddress,
 * TooManyAddressesToMirror.
 */
import {
  deletedObject, isAlreadyExists, isConflict, keyOf, NAMESPACE_INDEX, splitKey,
  type Clientset, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import {
  ANNOTATION_LEADER, ENDPOINTS, SERVICES, serviceSelector, WriteTracker, type Endpoints, type Service,
} from '../endpoints/index.js';
import { Controller, EventRecorder, type ReconcileResult } from '../runtime/index.js';
import { isTerminating } from '../serviceaccount/index.js';
import { mirrorDesired } from './mirror-desired.js';
import { planMirror } from './mirror-planner.js';
import type { SlicePlan } from './slice-planner.js';
import { writeSlicePlan } from './slice-writer.js';
import {
  ENDPOINTSLICES, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR, MAX_ENDPOINTS_PER_SUBSET, MIRRORING_CONTROLLER_NAME,
  type EndpointSlice,
} from './types.js';

export interface EndpointSliceMirroringControllerOptions { workers?: number; maxEndpointsPerSubset?: number; log?: (line: string) => void }

/** Whether an Endpoints may be mirrored at all (its Service is checked separately). */
export function shouldMirror(ep: Endpoints): boolean {
  return ep.metadata.labels?.[LABEL_SKIP_MIRROR] !== 'true' && ep.metadata.annotations?.[ANNOTATION_LEADER] === undefined;
}

export class EndpointSliceMirroringController {
  readonly controller: Controller;
  private readonly services: Informer<Service>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly writes = new WriteTracker();
  private readonly recorder: EventRecorder;
  private readonly maxPerSubset: number;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: EndpointSliceMirroringControllerOptions = {}) {
    this.maxPerSubset = opts.maxEndpointsPerSubset ?? MAX_ENDPOINTS_PER_SUBSET;
    this.services = informers.forResource<Service>(SERVICES);
    this.endpoints = informers.forResource<Endpoints>(ENDPOINTS);
    this.slices = informers.forResource<EndpointSlice>(ENDPOINTSLICES);
    this.recorder = new EventRecorder(cs, { component: 'endpoint-slice-mirroring-controller' }, { log: opts.log });
    this.slices.addEventHandler({ onDelete: (d) => this.writes.observeDeleted(keyOf(deletedObject(d))) });
    this.controller = new Controller({ name: 'endpointslicemirroring', workers: opts.workers ?? 4, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.endpoints, (e) => (shouldMirror(e) ? keyOf(e) : undefined))
      .watch(this.services, (s) => (serviceSelector(s) ? undefined : keyOf(s)))
      .watch(this.slices, (s) => {
        const labels = s.metadata.labels ?? {};
        if (labels[LABEL_MANAGED_BY] !== MIRRORING_CONTROLLER_NAME || !labels[LABEL_SERVICE_NAME]) return undefined;
        return `${s.metadata.namespace ?? ''}/${labels[LABEL_SERVICE_NAME]}`;
      });
  }

  private mirrored(namespace: string, name: string): EndpointSlice[] {
    return this.slices.store.byIndex(NAMESPACE_INDEX, namespace).filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === name
      && s.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME);
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace = '', name } = splitKey(key);
    const ep = this.endpoints.store.get(key);
    const svc = this.services.store.get(key);
    const existing = this.mirrored(namespace, name);
    const write = async (plan: SlicePlan, noCreates: boolean): Promise<ReconcileResult | void> => {
      try {
        await writeSlicePlan(this.cs, this.writes, plan, { group: key, namespace, triggerTime: null, noCreates });
      } catch (err) {
        if (isTerminating(err)) return;
        if (isConflict(err) || isAlreadyExists(err)) return { requeue: true };
        throw err;
      }
    };
    if (!ep || !shouldMirror(ep) || !svc || serviceSelector(svc)) {
      if (!existing.length) {
        this.writes.forget(key);
        return;
      }
      return write({ create: [], update: [], delete: existing }, true);
    }
    if (this.writes.stale(key, (k) => this.slices.store.get(k))) return { requeue: true };
    const desired = mirrorDesired(ep, this.maxPerSubset);
    const ref = { apiVersion: 'v1', kind: 'Endpoints', namespace, name, uid: ep.metadata.uid, resourceVersion: ep.metadata.resourceVersion };
    if (desired.invalid > 0) {
      this.recorder.event(ref, 'Warning', 'InvalidIPAddress', `Skipped ${desired.invalid} invalid IP addresses when mirroring to EndpointSlices`);
    }
    if (desired.skipped > desired.invalid) {
      this.recorder.event(ref, 'Warning', 'TooManyAddressesToMirror',
        `A max of ${this.maxPerSubset} addresses can be mirrored to EndpointSlices per Endpoints subset. ${desired.skipped} addresses were skipped`);
    }
    const plan = planMirror(ep, existing, desired.groups, this.maxPerSubset);
    return write(plan, Boolean(ep.metadata.deletionTimestamp));
  }
}
