/** Node validation with Kubernetes' wording (ValidateNode, ValidateNodeUpdate). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { parseCIDR, validateCIDR } from '../../../meta/ip-address.js';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isLabelValue, isQualifiedName } from '../../../meta/names.js';
import { validateResourceQuantityValue } from '../../../meta/resource-names.js';
import { TAINT_EFFECTS, type ConfigMapNodeConfigSource, type NodeLike, type Taint } from './schema.js';

/** Go's %#v of a taint, as Kubernetes prints it for duplicates. */
function taintValue(t: Taint): string {
  const added = t.timeAdded ? `time.Date(${t.timeAdded})` : '(*v1.Time)(nil)';
  return `core.Taint{Key:${JSON.stringify(t.key)}, Value:${JSON.stringify(t.value ?? '')}, Effect:${JSON.stringify(t.effect)}, TimeAdded:${added}}`;
}

/** Taints: key a label name, value a label value, a known effect, unique by key and effect. */
export function validateTaints(taints: Taint[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const p = fe.index(path, i);
    errs.push(...isQualifiedName(t.key ?? '').map((m) => fe.invalid(fe.child(p, 'key'), t.key ?? '', m)));
    const bad = isLabelValue(t.value ?? '');
    if (bad.length) errs.push(fe.invalid(fe.child(p, 'value'), t.value ?? '', bad.join(';')));
    if (!t.effect) errs.push(fe.required(fe.child(p, 'effect'), ''));
    else if (!(TAINT_EFFECTS as readonly string[]).includes(t.effect)) errs.push(fe.notSupported(fe.child(p, 'effect'), t.effect, TAINT_EFFECTS));
    const k = `${t.effect}\u0000${t.key}`;
    if (seen.has(k)) {
      errs.push({ type: 'FieldValueDuplicate', field: p, message: `Duplicate value: ${taintValue(t)}: taints must be unique by key and effect pair` });
      return;
    }
    seen.add(k);
  });
  return errs;
}

function validateResources(node: NodeLike): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(node.status?.capacity ?? {})) errs.push(...validateResourceQuantityValue(k, v, `status.capacity.${k}`));
  for (const [k, v] of Object.entries(node.status?.allocatable ?? {})) errs.push(...validateResourceQuantityValue(k, v, `status.allocatable.${k}`));
  return errs;
}

export function validateNode(node: NodeLike): FieldError[] {
  const errs: FieldError[] = [];
  if (node.spec?.taints?.length) errs.push(...validateTaints(node.spec.taints, 'metadata.taints'));
  errs.push(...validateResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => errs.push(...validateCIDR(fe.index('spec.podCIDRs', i), c)));
  if (cidrs.length > 1) {
    const fams = cidrs.map((c) => parseCIDR(c)?.ip.length);
    if (cidrs.length > 2 || fams[0] === fams[1]) errs.push(fe.invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => { if (seen.has(c)) errs.push(fe.duplicate(fe.index('spec.podCIDRs', i), c)); seen.add(c); });
  }
  return errs;
}

function validateConfigMapSource(src: ConfigMapNodeConfigSource, path: string, inStatus: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (inStatus) {
    if (!src.uid) errs.push(fe.required(fe.child(path, 'uid'), 'uid must be set in status'));
    if (!src.resourceVersion) errs.push(fe.required(fe.child(path, 'resourceVersion'), 'resourceVersion must be set in status'));
  } else {
    if (src.uid) errs.push(fe.forbidden(fe.child(path, 'uid'), 'uid must not be set in spec'));
    if (src.resourceVersion) errs.push(fe.forbidden(fe.child(path, 'resourceVersion'), 'resourceVersion must not be set in spec'));
  }
  if (!src.namespace) errs.push(fe.required(fe.child(path, 'namespace'), 'namespace must be set'));
  else errs.push(...isDNS1123Label(src.namespace).map((m) => fe.invalid(fe.child(path, 'namespace'), src.namespace, m)));
  if (!src.name) errs.push(fe.required(fe.child(path, 'name'), 'name must be set'));
  else errs.push(...isDNS1123Subdomain(src.name).map((m) => fe.invalid(fe.child(path, 'name'), src.name, m)));
  if (!src.kubeletConfigKey) errs.push(fe.required(fe.child(path, 'kubeletConfigKey'), 'kubeletConfigKey must be set'));
  else errs.push(...isConfigMapKey(src.kubeletConfigKey).map((m) => fe.invalid(fe.child(path, 'kubeletConfigKey'), src.kubeletConfigKey, m)));
  return errs;
}

function validateConfigSource(src: { configMap?: ConfigMapNodeConfigSource }, path: string, inStatus: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (src.configMap) errs.push(...validateConfigMapSource(src.configMap, fe.child(path, 'configMap'), inStatus));
  else errs.push(fe.invalid(path, src, 'exactly one reference subfield must be non-nil'));
  return errs;
}

/** Update rules: pod CIDRs and provider ID only go from unset to set; externalID never changes. */
export function validateNodeUpdate(node: NodeLike, old: NodeLike): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((a, i) => {
    const k = `${a.type}\u0000${a.address}`;
    if (seen.has(k)) errs.push({ type: 'FieldValueDuplicate', field: fe.index('status.addresses', i), message: `Duplicate value: core.NodeAddress{Type:${JSON.stringify(a.type)}, Address:${JSON.stringify(a.address)}}` });
    seen.add(k);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const cidrs = node.spec?.podCIDRs ?? [];
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length) {
    if (oldCIDRs.length !== cidrs.length) errs.push(fe.forbidden('spec.podCIDRs', cidrMsg));
    else oldCIDRs.forEach((c, i) => { if (c !== cidrs[i]) errs.push(fe.forbidden('spec.podCIDRs', cidrMsg)); });
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(fe.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if (node.spec?.configSource) errs.push(...validateConfigSource(node.spec.configSource, 'spec.configSource', false));
  const cfg = node.status?.config;
  if (cfg) {
    for (const k of ['assigned', 'active', 'lastKnownGood'] as const) {
      const src = cfg[k];
      if (src) errs.push(...validateConfigSource(src, `status.config.${k}`, true));
    }
  }
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(fe.forbidden('spec.externalID', 'may not be updated'));
  return errs;
}
