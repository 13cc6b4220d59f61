import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import { formatResourceList } from './resource-list.js';
import { serviceEvaluator } from './service-evaluator.js';

const NOW = Date.now();

describe('service quota evaluator', () => {
  it('counts service node ports and load balancers', () => {
    const svc = (spec: object): KObject => ({ metadata: { name: 's' }, spec } as KObject);
    assert.deepEqual(formatResourceList(serviceEvaluator.usage(svc({ type: 'NodePort', ports: [{}, {}] }), NOW)),
      { 'count/services': '1', services: '1', 'services.loadbalancers': '0', 'services.nodeports': '2' });
    assert.deepEqual(formatResourceList(serviceEvaluator.usage(svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ nodePort: 30001 }, {}] }), NOW)),
      { 'count/services': '1', services: '1', 'services.loadbalancers': '1', 'services.nodeports': '1' });
  });
});
