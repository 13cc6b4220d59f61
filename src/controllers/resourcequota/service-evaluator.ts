/** The service evaluator: every service counts; NodePort and LoadBalancer services also use node ports and load balancers. */
import type { KObject } from '../../api/index.js';
import { intersect, type QuotaEvaluator } from './evaluator.js';
import { quantityOf } from './quantity.js';
import type { ResourceList } from './resource-list.js';

const ONE = quantityOf(1);

const SERVICE_RESOURCES = ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'];

interface ServiceLike extends KObject {
  spec?: { type?: string; ports?: Array<{ nodePort?: number }>; allocateLoadBalancerNodePorts?: boolean };
}

export const serviceEvaluator: QuotaEvaluator = {
  group: '', resource: 'services',
  matchingResources: (names) => intersect(names, SERVICE_RESOURCES),
  usage(obj) {
    const spec = (obj as ServiceLike).spec ?? {};
    const ports = (spec.ports ?? []).length;
    const out: ResourceList = {
      'count/services': ONE, services: ONE, 'services.loadbalancers': quantityOf(0), 'services.nodeports': quantityOf(0),
    };
    if (spec.type === 'NodePort') out['services.nodeports'] = quantityOf(ports);
    if (spec.type === 'LoadBalancer') {
      // Without node port allocation, only the ports that name one count.
      const nodePorts = spec.allocateLoadBalancerNodePorts === false ? (spec.ports ?? []).filter((p) => p.nodePort).length : ports;
      out['services.nodeports'] = quantityOf(nodePorts);
      out['services.loadbalancers'] = ONE;
    }
    return out;
  },
  matchesScope: () => false,
  constraints: () => undefined,
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
};
