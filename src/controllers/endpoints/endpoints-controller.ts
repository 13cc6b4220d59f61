/**
 * The Endpoints controller (kube-controller-manager's "endpoint-controller"): for every Service with
 * a selector (other than ExternalName) it keeps an Endpoints of the same name whose subsets list the
 * selected pods' addresses (see desiredSubsets), capped at MAX_ENDPOINTS_CAPACITY addresses with the
 * over-capacity annotation, carrying the service's labels plus its own managed-by label (and the
 * headless label for headless services) and the last-change trigger time. Services without a
 * selector are left alone: their Endpoints are the user's. When a service goes, the Endpoints of
 * that name is deleted if this controller manages it. Events: FailedToCreateEndpoint,
 * FailedToUpdateEndpoint.
 */
import {
  deletedObject, isAlreadyExists, isConflict, isNotFound, keyOf, NAMESPACE_INDEX, splitKey,
  type Clientset, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import { Controller, EventRecorder, type ReconcileResult } from '../runtime/index.js';
import { isTerminating } from '../serviceaccount/index.js';
import { truncateSubsets } from './capacity.js';
import { desiredSubsets } from './desired-subsets.js';
import { semanticEqual } from './semantic-equal.js';
import { isServiceIPSet, selectedPods, serviceSelector, servicesSelecting } from './service-selection.js';
import { formatTriggerTime, TriggerTimeTracker } from './trigger-time-tracker.js';
import {
  ANNOTATION_LAST_CHANGE_TRIGGER_TIME, ANNOTATION_LEADER, ANNOTATION_OVER_CAPACITY, ENDPOINT_CONTROLLER_NAME, ENDPOINTS,
  LABEL_ENDPOINTS_MANAGED_BY, LABEL_HEADLESS, PODS, SERVICES, type Endpoints, type Pod, type Service,
} from './types.js';
import { WriteTracker } from './write-tracker.js';

export interface EndpointsControllerOptions { workers?: number; log?: (line: string) => void }

export function isManagedEndpoints(ep: Endpoints): boolean {
  return ep.metadata.labels?.[LABEL_ENDPOINTS_MANAGED_BY] === ENDPOINT_CONTROLLER_NAME;
}

/** The labels the controller gives a service's Endpoints. */
export function endpointsLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (isServiceIPSet(svc)) delete labels[LABEL_HEADLESS];
  else labels[LABEL_HEADLESS] = '';
  labels[LABEL_ENDPOINTS_MANAGED_BY] = ENDPOINT_CONTROLLER_NAME;
  return labels;
}

export class EndpointsController {
  readonly controller: Controller;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly triggers = new TriggerTimeTracker();
  private readonly writes = new WriteTracker();
  private readonly recorder: EventRecorder;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: EndpointsControllerOptions = {}) {
    this.services = informers.forResource<Service>(SERVICES);
    this.pods = informers.forResource<Pod>(PODS);
    this.endpoints = informers.forResource<Endpoints>(ENDPOINTS);
    this.recorder = new EventRecorder(cs, { component: 'endpoint-controller' }, { log: opts.log });
    this.endpoints.addEventHandler({ onDelete: (d) => this.writes.observeDeleted(keyOf(deletedObject(d))) });
    this.controller = new Controller({ name: 'endpoint', workers: opts.workers ?? 4, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.services)
      .watch(this.pods, (p) => servicesSelecting(p, this.services.store.byIndex(NAMESPACE_INDEX, p.metadata.namespace ?? '')).map(keyOf))
      .watch(this.endpoints, (e) => this.keyForEndpoints(e));
  }

  /** Endpoints this controller manages, or that a service with a selector should have. */
  private keyForEndpoints(ep: Endpoints): string | undefined {
    const key = keyOf(ep);
    if (isManagedEndpoints(ep)) return key;
    if (ep.metadata.annotations?.[ANNOTATION_LEADER] !== undefined) return undefined;
    const svc = this.services.store.get(key);
    return svc && serviceSelector(svc) ? key : undefined;
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace = '', name } = splitKey(key);
    const svc = this.services.store.get(key);
    const cur = this.endpoints.store.get(key);
    const client = this.cs.resource<Endpoints>(ENDPOINTS).namespace(namespace);
    if (!svc) {
      this.triggers.delete(key);
      this.writes.forget(key);
      if (cur && isManagedEndpoints(cur)) {
        await client.delete(name, { preconditions: { uid: cur.metadata.uid } }).catch((err: unknown) => {
          if (!isNotFound(err) && !isConflict(err)) throw err;
        });
      }
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !serviceSelector(svc)) return;
    if (this.writes.stale(key, (k) => this.endpoints.store.get(k))) return { requeue: true };

    const pods = selectedPods(svc, this.pods.store.byIndex(NAMESPACE_INDEX, namespace));
    const trigger = this.triggers.compute(key, svc, pods);
    const full = desiredSubsets(svc, pods);
    const truncated = truncateSubsets(full);
    const subsets = truncated ?? full;
    const labels = endpointsLabels(svc);
    if (cur && semanticEqual(cur.subsets, subsets) && semanticEqual(cur.metadata.labels, labels)
      && (cur.metadata.annotations?.[ANNOTATION_OVER_CAPACITY] !== undefined) === (truncated !== undefined)) return;

    const next: Endpoints = cur ? structuredClone(cur) : { metadata: { name, namespace } };
    next.apiVersion = 'v1';
    next.kind = 'Endpoints';
    next.metadata.labels = labels;
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (trigger !== undefined) annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(trigger);
    else delete annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME];
    if (truncated) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
    else delete annotations[ANNOTATION_OVER_CAPACITY];
    if (Object.keys(annotations).length) next.metadata.annotations = annotations;
    else delete next.metadata.annotations;
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;

    try {
      const written = cur ? await client.update(next) : await client.create(next);
      this.writes.wrote(key, key, written);
    } catch (err) {
      if (!cur && isTerminating(err)) return;
      if (isConflict(err) || isAlreadyExists(err) || (cur && isNotFound(err))) return { requeue: true };
      const ref = { apiVersion: 'v1', kind: 'Endpoints', namespace, name, uid: cur?.metadata.uid, resourceVersion: cur?.metadata.resourceVersion };
      const msg = (err as Error).message;
      if (cur) this.recorder.event(ref, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${msg}`);
      else this.recorder.event(ref, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${msg}`);
      throw err;
    }
  }
}
