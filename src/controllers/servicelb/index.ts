/**
 * ServiceLB: k3s's built-in load balancer for LoadBalancer Services. It publishes the serving nodes'
 * addresses in status.loadBalancer.ingress (honouring spec.loadBalancerClass, the enablelb/lbpool
 * node labels and the Local traffic policy); the service proxy on each node serves those IPs.
 */
export { ServiceLBController, type ServiceLBControllerOptions } from './servicelb-controller.js';
export { loadBalancerIPs, lbNodes, wantsLoadBalancer } from './lb-status.js';
export { LB_CLEANUP_FINALIZER, ENABLE_LB_LABEL, LB_POOL_LABEL } from './objects.js';
