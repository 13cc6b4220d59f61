/**
 * Pod routes between nodes (flannel's host-gw backend, with its vxlan backend for the rest): every
 * node routes each other node's pod CIDR via that node's InternalIP when it is on the same L2
 * segment, else through the VXLAN device navarch.1, so pods reach pods on other nodes with their own
 * addresses (the pod network's masquerade rules exempt the cluster CIDR). The routes carry protocol
 * number 79, so they can be found and removed (agent stop, `navarch killall`: removePodRoutes, which
 * also deletes the VXLAN device).
 */
export { PodRoutes, type PodRoutesOptions, type NodeSource } from './pod-routes.js';
export { removePodRoutes, IpRoutes } from './ip-route.js';
export { VxlanOverlay, VXLAN_DEVICE, VXLAN_PORT, VXLAN_VNI, vtepAddress, vtepMac, type VxlanPeer } from './vxlan.js';
export {
  POD_ROUTE_PROTO, desiredRoutes, routeChanges, parseRouteList, canonicalCidr4,
  type NodeRouteView, type PodRoute, type InstalledRoute,
} from './route-plan.js';
