/**
 * The networking.k8s.io group: Ingresses route outside HTTP(S) traffic to Services, IngressClasses
 * name the controllers that implement them, and NetworkPolicies limit pod traffic.
 */
import type { ResourceDef } from '../../resource.js';
import { ingresses } from './ingress/index.js';
import { ingressclasses } from './ingress-class.js';
import { networkpolicies } from './network-policy.js';

export { ingresses, ingressclasses, networkpolicies };
export * from './ingress/index.js';
export * from './ingress-class.js';
export * from './network-policy.js';
export { formatLabelSelector } from './format-selector.js';
export { parseIP, parseCIDR, cidrContains, specialIPProblems, type ParsedIP, type ParsedCIDR } from './ip.js';

export const networkingResources: ResourceDef[] = [ingresses, ingressclasses, networkpolicies];
