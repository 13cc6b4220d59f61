/**
 * What the service proxy works on: the API objects it reads (only the fields it uses) and its own
 * model of them — one ServicePortInfo per port of each proxied Service, with that port's endpoints.
 */
import type { KObject } from '../../api/index.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ServicePortSpec {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    selector?: Record<string, string>;
    ports?: ServicePortSpec[];
    externalIPs?: string[];
    sessionAffinity?: string;
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    loadBalancerSourceRanges?: string[];
    loadBalancerClass?: string;
    healthCheckNodePort?: number;
  };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string; ipMode?: string }> } };
}

export interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
}

export interface EndpointSlice extends KObject {
  addressType?: string;
  endpoints?: SliceEndpoint[];
  ports?: Array<{ name?: string; protocol?: string; port?: number }>;
}

/** One backend of one service port. */
export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** The node the endpoint runs on (endpoints on this node are "local"). */
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** One port of one Service: the unit the proxy programs, named "namespace/name:port" (":port" only when named). */
export interface ServicePortInfo {
  namespace: string;
  name: string;
  /** The port's name; "" for an unnamed port. */
  portName: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  /** 0: none. */
  nodePort: number;
  externalIPs: string[];
  /** status.loadBalancer.ingress IPs (not those in "Proxy" mode). */
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
  /** Seconds a client stays with its endpoint (sessionAffinity ClientIP); undefined without affinity. */
  affinitySeconds?: number;
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  endpoints: ProxyEndpoint[];
}

/** Labels and names the proxy honours, as kube-proxy does. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const DEFAULT_AFFINITY_SECONDS = 10800;
