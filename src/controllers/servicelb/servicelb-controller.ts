/**
 * ServiceLB, k3s's built-in load balancer, without its DaemonSet: every LoadBalancer Service with
 * no loadBalancerClass (others belong to another implementation and are left alone) gets
 * status.loadBalancer.ingress set to the addresses of the nodes that serve it, and the service
 * proxy on every node serves those IPs. As Kubernetes' service controller does, it keeps the
 * load-balancer-cleanup finalizer on such Services and, when one is deleted or stops being a
 * LoadBalancer, clears its ingress and drops the finalizer. Events: EnsuringLoadBalancer,
 * UpdatedLoadBalancer / UnAvailableLoadBalancer, DeletingLoadBalancer, DeletedLoadBalancer.
 */
import { isConflict, isNotFound, keyOf, splitKey, type Clientset, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, EventRecorder } from '../runtime/index.js';
import { goList, loadBalancerIPs, sameIngress, wantsLoadBalancer } from './lb-status.js';
import {
  ENDPOINT_SLICES, LB_CLEANUP_FINALIZER, NODES, SERVICE_NAME_LABEL, SERVICES, type EndpointSlice, type Node, type Service,
} from './objects.js';

export interface ServiceLBControllerOptions { log?: (line: string) => void }

export class ServiceLBController {
  readonly controller: Controller;
  private readonly services: Informer<Service>;
  private readonly nodes: Informer<Node>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly recorder: EventRecorder;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: ServiceLBControllerOptions = {}) {
    this.services = informers.forResource<Service>(SERVICES);
    this.nodes = informers.forResource<Node>(NODES);
    this.slices = informers.forResource<EndpointSlice>(ENDPOINT_SLICES);
    this.recorder = new EventRecorder(cs, { component: 'service-controller' }, { log: opts.log });
    this.controller = new Controller({ name: 'service-lb-controller', workers: 2, log: opts.log, reconcile: (key) => this.reconcile(key) })
      .watch(this.services)
      .watch(this.nodes, () => this.handledServiceKeys())
      .watch(this.slices, (s) => {
        const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
        return svc ? `${s.metadata.namespace ?? ''}/${svc}` : undefined;
      });
  }

  /** Every Service this controller has anything to do with (a node change may concern all of them). */
  private handledServiceKeys(): string[] {
    return this.services.store.list()
      .filter((s) => wantsLoadBalancer(s) || s.metadata.finalizers?.includes(LB_CLEANUP_FINALIZER))
      .map(keyOf);
  }

  private async reconcile(key: string): Promise<void> {
    let svc = this.services.store.get(key);
    if (!svc) return;
    const { namespace, name } = splitKey(key);
    const client = this.cs.resource<Service>(SERVICES).namespace(namespace ?? 'default');
    const hasFinalizer = svc.metadata.finalizers?.includes(LB_CLEANUP_FINALIZER) ?? false;
    try {
      if (hasFinalizer && (svc.metadata.deletionTimestamp || !wantsLoadBalancer(svc))) {
        this.recorder.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
        if (svc.status?.loadBalancer?.ingress?.length) {
          svc = await client.updateStatus({ ...svc, status: { ...svc.status, loadBalancer: {} } });
        }
        await client.update({ ...svc, metadata: { ...svc.metadata, finalizers: svc.metadata.finalizers?.filter((f) => f !== LB_CLEANUP_FINALIZER) } });
        this.recorder.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
        return;
      }
      if (!wantsLoadBalancer(svc) || svc.metadata.deletionTimestamp) return;
      if (!hasFinalizer) {
        this.recorder.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
        svc = await client.update({ ...svc, metadata: { ...svc.metadata, finalizers: [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER] } });
      }
      const slices = this.slices.store.byIndex('namespace', namespace ?? '').filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name);
      const ips = loadBalancerIPs(svc, this.nodes.store.list(), slices);
      if (sameIngress(svc, ips)) return;
      const previous = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
      await client.updateStatus({ ...svc, status: { ...svc.status, loadBalancer: ips.length ? { ingress: ips.map((ip) => ({ ip })) } : {} } });
      if (ips.length === 0) this.recorder.event(svc, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
      else this.recorder.event(svc, 'Normal', 'UpdatedLoadBalancer', `Updated LoadBalancer with new IPs: ${goList(previous)} -> ${goList(ips)}`);
    } catch (err) {
      // Gone meanwhile: nothing to do. A conflict: the informer brings the newer object and a retry.
      if (isNotFound(err)) return;
      if (isConflict(err)) throw new Error(`Service ${key} changed meanwhile; retrying`);
      throw err;
    }
  }
}
