/** networking.k8s.io/v1 NetworkPolicy: which traffic may reach, and leave, the pods it selects. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import { isValidPortName, isValidPortNum } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { enumOf, field, int32, intOrString, listOf, object, string } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { formatLabelSelector } from './format-selector.js';
import { cidrContains, parseCIDR } from './ip.js';

export const NetworkPolicyPortSchema = object('io.k8s.api.networking.v1.NetworkPolicyPort', 'A port, or range of ports, that a rule allows.', () => ({
  protocol: field(enumOf('SCTP', 'TCP', 'UDP'), 'TCP (the default), UDP or SCTP.', { proto: 1 }),
  port: field(intOrString, 'Port number or named container port; absent means every port.', { proto: 2 }),
  endPort: field(int32, 'With a numeric port: the last port of the range starting at port.', { proto: 3 }),
}));

export const IPBlockSchema = object('io.k8s.api.networking.v1.IPBlock', 'A range of IP addresses, minus some sub-ranges.', () => ({
  cidr: field(string, 'The address range, such as "10.0.0.0/16" or "2001:db8::/64".', { required: true, proto: 1 }),
  except: field(listOf(string), 'Sub-ranges of cidr that are left out.', { proto: 2, listType: 'atomic' }),
}));

export const NetworkPolicyPeerSchema = object('io.k8s.api.networking.v1.NetworkPolicyPeer', 'A source or destination of traffic: pods selected by label (in namespaces selected by label), or an IP block.', () => ({
  podSelector: field(LabelSelectorSchema, 'Pods to match; with namespaceSelector, in the namespaces it selects, otherwise in this namespace.', { proto: 1 }),
  namespaceSelector: field(LabelSelectorSchema, 'Namespaces whose pods match (all of them unless podSelector narrows it).', { proto: 2 }),
  ipBlock: field(IPBlockSchema, 'Addresses to match; may not be combined with the selectors.', { proto: 3 }),
}));

export const NetworkPolicyIngressRuleSchema = object('io.k8s.api.networking.v1.NetworkPolicyIngressRule', 'Incoming traffic to allow: from any of the peers, to any of the ports.', () => ({
  ports: field(listOf(NetworkPolicyPortSchema), 'Ports the traffic may reach; empty means all ports.', { proto: 1, listType: 'atomic' }),
  from: field(listOf(NetworkPolicyPeerSchema), 'Sources allowed; empty means any source.', { proto: 2, listType: 'atomic' }),
}));

export const NetworkPolicyEgressRuleSchema = object('io.k8s.api.networking.v1.NetworkPolicyEgressRule', 'Outgoing traffic to allow: to any of the peers, on any of the ports.', () => ({
  ports: field(listOf(NetworkPolicyPortSchema), 'Destination ports allowed; empty means all ports.', { proto: 1, listType: 'atomic' }),
  to: field(listOf(NetworkPolicyPeerSchema), 'Destinations allowed; empty means any destination.', { proto: 2, listType: 'atomic' }),
}));

export const NetworkPolicySpecSchema = object('io.k8s.api.networking.v1.NetworkPolicySpec', 'Which pods a policy isolates, and what traffic it lets through.', () => ({
  podSelector: field(LabelSelectorSchema, 'Pods in this namespace the policy applies to; empty selects all of them.', { proto: 1 }),
  ingress: field(listOf(NetworkPolicyIngressRuleSchema), 'Incoming traffic allowed (ORed); none means no incoming traffic when Ingress is a policy type.', { proto: 2, listType: 'atomic' }),
  egress: field(listOf(NetworkPolicyEgressRuleSchema), 'Outgoing traffic allowed (ORed); none means no outgoing traffic when Egress is a policy type.', { proto: 3, listType: 'atomic' }),
  policyTypes: field(listOf(enumOf('Egress', 'Ingress')), 'Directions the policy isolates: Ingress, Egress or both. Defaults to Ingress, plus Egress when egress rules exist.', { proto: 4, listType: 'atomic' }),
}));

export const NetworkPolicySchema = object('io.k8s.api.networking.v1.NetworkPolicy', 'Limits the network traffic allowed to and from a set of pods.', () => ({
  ...kindFields(),
  spec: field(NetworkPolicySpecSchema, 'Which pods are isolated and what traffic they accept and send.', { proto: 2 }),
}), { gvk: { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy' } });

export interface NetworkPolicyPort { protocol?: string; port?: number | string; endPort?: number }
export interface IPBlock { cidr?: string; except?: string[] }
export interface NetworkPolicyPeer { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: IPBlock }
export interface NetworkPolicySpec {
  podSelector?: LabelSelector;
  ingress?: Array<{ ports?: NetworkPolicyPort[]; from?: NetworkPolicyPeer[] }>;
  egress?: Array<{ ports?: NetworkPolicyPort[]; to?: NetworkPolicyPeer[] }>;
  policyTypes?: string[];
}
export interface NetworkPolicyLike extends KObject { spec?: NetworkPolicySpec }

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

function validatePort(port: NetworkPolicyPort, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) {
    errs.push(fe.notSupported(fe.child(path, 'protocol'), port.protocol, PROTOCOLS));
  }
  const endPath = fe.child(path, 'endPort');
  if (port.port === undefined) {
    if (port.endPort !== undefined) errs.push(fe.invalid(endPath, port.endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof port.port === 'number') {
    for (const m of isValidPortNum(port.port)) errs.push(fe.invalid(fe.child(path, 'port'), port.port, m));
    if (port.endPort !== undefined) {
      if (port.endPort < port.port) errs.push(fe.invalid(endPath, port.endPort, 'must be greater than or equal to `port`'));
      for (const m of isValidPortNum(port.endPort)) errs.push(fe.invalid(endPath, port.endPort, m));
    }
  } else {
    if (port.endPort !== undefined) errs.push(fe.invalid(endPath, port.endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of isValidPortName(port.port)) errs.push(fe.invalid(fe.child(path, 'port'), port.port, m));
  }
  return errs;
}

const CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function validateIPBlock(block: IPBlock, path: string): FieldError[] {
  if (!block.cidr) return [fe.required(fe.child(path, 'cidr'), '')];
  const cidr = parseCIDR(block.cidr);
  if (!cidr) return [fe.invalid(fe.child(path, 'cidr'), block.cidr, CIDR_MESSAGE)];
  const errs: FieldError[] = [];
  (block.except ?? []).forEach((text, i) => {
    const p = fe.index(fe.child(path, 'except'), i);
    const except = parseCIDR(text);
    if (!except) { errs.push(fe.invalid(p, text, CIDR_MESSAGE)); return; }
    if (!cidrContains(cidr, except.network) || cidr.prefix >= except.prefix) {
      errs.push(fe.invalid(p, text, 'must be a strict subset of `cidr`'));
    }
  });
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) { n++; errs.push(...validateLabelSelector(peer.podSelector, fe.child(path, 'podSelector'))); }
  if (peer.namespaceSelector) { n++; errs.push(...validateLabelSelector(peer.namespaceSelector, fe.child(path, 'namespaceSelector'))); }
  if (peer.ipBlock) { n++; errs.push(...validateIPBlock(peer.ipBlock, fe.child(path, 'ipBlock'))); }
  if (n === 0) errs.push(fe.required(path, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(fe.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

export function validateNetworkPolicySpec(spec: NetworkPolicySpec, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [...validateLabelSelector(spec.podSelector ?? {}, fe.child(path, 'podSelector'))];
  (spec.ingress ?? []).forEach((rule, i) => {
    const p = fe.index(fe.child(path, 'ingress'), i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, fe.index(fe.child(p, 'ports'), j))));
    (rule.from ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, fe.index(fe.child(p, 'from'), j))));
  });
  (spec.egress ?? []).forEach((rule, i) => {
    const p = fe.index(fe.child(path, 'egress'), i);
    (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, fe.index(fe.child(p, 'ports'), j))));
    (rule.to ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, fe.index(fe.child(p, 'to'), j))));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > 2) {
    errs.push(fe.invalid(fe.child(path, 'policyTypes'), types, 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(fe.notSupported(fe.index(fe.child(path, 'policyTypes'), i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

export function defaultNetworkPolicy(np: NetworkPolicyLike): void {
  np.spec ??= {};
  const spec = np.spec;
  spec.podSelector ??= {};
  for (const rule of spec.ingress ?? []) for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
  for (const rule of spec.egress ?? []) for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    spec.policyTypes = (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

export const networkpolicies: ResourceDef = {
  group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy',
  namespaced: true, shortNames: ['netpol'],
  schema: NetworkPolicySchema,
  defaults: (obj) => defaultNetworkPolicy(obj as NetworkPolicyLike),
  validate: (obj) => validateNetworkPolicySpec((obj as NetworkPolicyLike).spec ?? {}),
  table: {
    columns: [
      { name: 'Pod-Selector', type: 'string', description: 'Labels of the pods the policy applies to.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [formatLabelSelector((obj as NetworkPolicyLike).spec?.podSelector ?? {}), age(obj.metadata.creationTimestamp, now)],
  },
};
