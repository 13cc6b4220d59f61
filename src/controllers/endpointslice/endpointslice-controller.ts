/**
 * The EndpointSlice controller (kube-controller-manager's "endpointslice-controller"): for every
 * Service with a selector (other than ExternalName) it keeps discovery.k8s.io/v1 EndpointSlices of
 * each of the service's address types, named "<service>-<random>", labelled with the service's name
 * and this controller as their manager and owned by the service (which the garbage collector then
 * deletes them with). Every selected pod with an IP that has not finished gets an endpoint (see
 * podToEndpoint), terminating pods included; pods on a node that does not exist (yet) are left out
 * and the service is looked at again, unless it publishes not-ready addresses. Pods are grouped by
 * the ports they serve; slices hold at most maxEndpointsPerSlice endpoints and are reused rather
 * than replaced (see planSlices). Event: FailedToUpdateEndpointSlices.
 */
import {
  deletedObject, isAlreadyExists, isConflict, keyOf, NAMESPACE_INDEX,
  type Clientset, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import {
  compareIPs, NODES, PODS, SERVICES, selectedPods, serviceIPFamilies, serviceSelector, servicesSelecting, shouldPodBeInEndpoints,
  TriggerTimeTracker, WriteTracker, type Node, type Pod, type Service,
} from '../endpoints/index.js';
import { Controller, EventRecorder, type ObjectReference, type ReconcileResult } from '../runtime/index.js';
import { isTerminating } from '../serviceaccount/index.js';
import { portMapKey } from './endpoint-set.js';
import { endpointPorts, podToEndpoint } from './pod-endpoint.js';
import { planSlices, type DesiredGroup, type SlicePlan } from './slice-planner.js';
import { writeSlicePlan } from './slice-writer.js';
import {
  ENDPOINTSLICE_CONTROLLER_NAME, ENDPOINTSLICES, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_TOPOLOGY_ZONE, MAX_ENDPOINTS_PER_SLICE,
  type AddressType, type EndpointSlice, type SliceEndpoint,
} from './types.js';

export interface EndpointSliceControllerOptions { workers?: number; maxEndpointsPerSlice?: number; log?: (line: string) => void }

function serviceRef(svc: Service): ObjectReference {
  return { apiVersion: 'v1', kind: 'Service', namespace: svc.metadata.namespace, name: svc.metadata.name, uid: svc.metadata.uid };
}

function firstAddress(e: SliceEndpoint): string {
  return e.addresses?.[0] ?? '';
}

export class EndpointSliceController {
  readonly controller: Controller;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly nodes: Informer<Node>;
  private readonly triggers = new TriggerTimeTracker();
  private readonly writes = new WriteTracker();
  private readonly recorder: EventRecorder;
  private readonly maxEndpointsPerSlice: number;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: EndpointSliceControllerOptions = {}) {
    this.maxEndpointsPerSlice = opts.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
    this.services = informers.forResource<Service>(SERVICES);
    this.pods = informers.forResource<Pod>(PODS);
    this.slices = informers.forResource<EndpointSlice>(ENDPOINTSLICES);
    this.nodes = informers.forResource<Node>(NODES);
    this.recorder = new EventRecorder(cs, { component: 'endpoint-slice-controller' }, { log: opts.log });
    this.slices.addEventHandler({ onDelete: (d) => this.writes.observeDeleted(keyOf(deletedObject(d))) });
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeChanged(n),
      onUpdate: (old, n) => {
        if (old.metadata.labels?.[LABEL_TOPOLOGY_ZONE] !== n.metadata.labels?.[LABEL_TOPOLOGY_ZONE]) this.nodeChanged(n);
      },
      onDelete: (d) => this.nodeChanged(deletedObject(d)),
    });
    this.controller = new Controller({ name: 'endpointslice', workers: opts.workers ?? 4, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.services)
      .watch(this.pods, (p) => this.servicesOf(p))
      .watch(this.slices, (s) => this.serviceOfSlice(s))
      .watch(this.nodes, () => undefined);
  }

  private servicesOf(p: Pod): string[] {
    return servicesSelecting(p, this.services.store.byIndex(NAMESPACE_INDEX, p.metadata.namespace ?? '')).map(keyOf);
  }

  private serviceOfSlice(s: EndpointSlice): string | undefined {
    const labels = s.metadata.labels ?? {};
    if (labels[LABEL_MANAGED_BY] !== ENDPOINTSLICE_CONTROLLER_NAME || !labels[LABEL_SERVICE_NAME]) return undefined;
    return `${s.metadata.namespace ?? ''}/${labels[LABEL_SERVICE_NAME]}`;
  }

  /** A node came, went or changed zone: its pods' services are looked at again. */
  private nodeChanged(n: Node): void {
    if (!this.controller.running) return;
    const keys = new Set<string>();
    for (const p of this.pods.store.values()) if (p.spec?.nodeName === n.metadata.name) for (const k of this.servicesOf(p)) keys.add(k);
    for (const k of keys) this.controller.enqueue(k);
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const svc = this.services.store.get(key);
    if (!svc) {
      // The slices are owned by the service: the garbage collector removes them.
      this.triggers.delete(key);
      this.writes.forget(key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !serviceSelector(svc)) return;
    if (this.writes.stale(key, (k) => this.slices.store.get(k))) return { requeue: true };
    const namespace = svc.metadata.namespace ?? '';
    const name = svc.metadata.name ?? '';
    const pods = selectedPods(svc, this.pods.store.byIndex(NAMESPACE_INDEX, namespace));
    const existing = this.slices.store.byIndex(NAMESPACE_INDEX, namespace).filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === name
      && s.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME && !s.metadata.deletionTimestamp);
    const trigger = this.triggers.compute(key, svc, pods);
    const families = serviceIPFamilies(svc);
    const skipped = new Set<string>();
    const plan: SlicePlan = { create: [], update: [], delete: existing.filter((s) => !families.includes(s.addressType as AddressType)) };
    for (const family of families) {
      const desired = this.desired(svc, pods, family, skipped);
      const p = planSlices(svc, existing.filter((s) => s.addressType === family), desired, family, {
        maxEndpointsPerSlice: this.maxEndpointsPerSlice, controllerName: ENDPOINTSLICE_CONTROLLER_NAME,
      });
      plan.create.push(...p.create);
      plan.update.push(...p.update);
      plan.delete.push(...p.delete);
    }
    try {
      await writeSlicePlan(this.cs, this.writes, plan, { group: key, namespace, triggerTime: trigger, noCreates: Boolean(svc.metadata.deletionTimestamp) });
    } catch (err) {
      if (isTerminating(err)) return;
      if (isConflict(err) || isAlreadyExists(err)) return { requeue: true };
      this.failed(svc, (err as Error).message);
      throw err;
    }
    if (skipped.size) {
      this.failed(svc, [...skipped].join(', '));
      return { requeue: true };
    }
  }

  private failed(svc: Service, why: string): void {
    this.recorder.event(serviceRef(svc), 'Warning', 'FailedToUpdateEndpointSlices',
      `Error updating Endpoint Slices for Service ${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}: ${why}`);
  }

  /** The wanted endpoints of one address type, grouped by the ports their pods serve. */
  private desired(svc: Service, pods: Pod[], family: AddressType, skipped: Set<string>): Map<string, DesiredGroup> {
    const groups = new Map<string, DesiredGroup>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = endpointPorts(svc, pod);
      const k = portMapKey(ports);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { ports, endpoints: [] }));
      const nodeName = pod.spec?.nodeName;
      const node = nodeName ? this.nodes.store.get(nodeName) : undefined;
      if (nodeName && !node && svc.spec?.publishNotReadyAddresses !== true) {
        skipped.add(`skipping Pod ${pod.metadata.name ?? ''} for Service ${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}: node "${nodeName}" not found`);
        continue;
      }
      const ep = podToEndpoint(pod, node, svc, family);
      if (ep.addresses?.length) g.endpoints.push(ep);
    }
    for (const g of groups.values()) g.endpoints.sort((a, b) => compareIPs(firstAddress(a), firstAddress(b)));
    return groups;
  }
}
