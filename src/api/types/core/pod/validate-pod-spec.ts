/** ValidatePodSpec: everything a pod spec (in a Pod or in a template) must satisfy. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { validateIP } from '../../../meta/ip-address.js';
import { validateLabels } from '../../../meta/validate-meta.js';
import { validateTolerations } from '../common/validate-toleration.js';
import { validateAffinity, validateTopologySpread } from './validate-affinity.js';
import type { PodContext } from './validate-container.js';
import { validateContainers, validateEphemeralContainers, validateInitContainers } from './validate-containers.js';
import {
  dnsLabel, dnsSubdomain, entry, inclusiveRange, isObj, list, qualifiedName,
} from './validate-helpers.js';
import { validatePodSecurityContext } from './validate-security.js';
import { validateVolumes } from './validate-volumes.js';
import type { PodSpec } from './types.js';

export interface PodSpecOptions {
  /** The pod's name, for real pods (ephemeral volume claim names); absent for templates. */
  podName?: string;
  /** True when validating a Pod rather than a spec embedded in another kind. */
  resourceIsPod?: boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function enumValue(value: unknown, allowed: string[], path: string): FieldError[] {
  const v = typeof value === 'string' ? value : '';
  if (!v) return [fe.required(path, '')];
  return allowed.includes(v) ? [] : [fe.notSupported(path, v, allowed)];
}

function validateDNSConfig(spec: PodSpec, path: string): FieldError[] {
  const cfg = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!isObj(cfg)) return [fe.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (list(cfg.nameservers).length === 0) return [fe.required(fe.child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!isObj(cfg)) return [];
  const errs: FieldError[] = [];
  const ns = list(cfg.nameservers);
  if (ns.length > 3) errs.push(fe.invalid(fe.child(path, 'nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(fe.index(fe.child(path, 'nameservers'), i), String(n))));
  const searches = list(cfg.searches);
  if (searches.length > 32) errs.push(fe.invalid(fe.child(path, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(fe.invalid(fe.child(path, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    const text = String(s);
    if (text === '.') return;
    const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
    const relaxed = trimmed.replace(/_/g, 'a');
    errs.push(...dnsSubdomain(relaxed, fe.index(fe.child(path, 'searches'), i)).map((e) => ({ ...e, message: e.message.replace(JSON.stringify(relaxed), JSON.stringify(trimmed)) })));
  });
  list(cfg.options).forEach((o, i) => {
    if (!entry(o).name) errs.push(fe.required(fe.index(fe.child(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

function validateHostNetworkPorts(spec: PodSpec, path: string, resourceIsPod: boolean): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  list(spec.containers).forEach((c, i) => {
    list(entry(c).ports).forEach((raw, j) => {
      const port = entry(raw);
      const hp = port.hostPort ?? 0;
      const cp = port.containerPort ?? 0;
      if ((resourceIsPod || hp !== 0) && hp !== cp) {
        errs.push(fe.invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateResourceClaims(spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list(spec.resourceClaims).forEach((raw, i) => {
    const c = entry(raw);
    const p = fe.index(path, i);
    const name = c.name ?? '';
    if (!name) errs.push(fe.required(fe.child(p, 'name'), ''));
    else if (names.has(name)) errs.push(fe.duplicate(fe.child(p, 'name'), name));
    else {
      errs.push(...dnsLabel(name, fe.child(p, 'name')));
      names.add(name);
    }
    const hasName = typeof c.resourceClaimName === 'string';
    const hasTemplate = typeof c.resourceClaimTemplateName === 'string';
    if (hasName && hasTemplate) errs.push(fe.invalid(p, c, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (!hasName && !hasTemplate) errs.push(fe.invalid(p, c, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    if (hasName) errs.push(...dnsSubdomain(c.resourceClaimName as string, fe.child(p, 'resourceClaimName')));
    if (hasTemplate) errs.push(...dnsSubdomain(c.resourceClaimTemplateName as string, fe.child(p, 'resourceClaimTemplateName')));
  });
  return errs;
}

function validateOS(spec: PodSpec, path: string): FieldError[] {
  if (!isObj(spec.os)) return [];
  const name = spec.os.name ?? '';
  if (!name) return [fe.required(fe.child(fe.child(path, 'os'), 'name'), 'cannot be empty')];
  if (name !== 'linux' && name !== 'windows') return [fe.notSupported(fe.child(path, 'os'), name, ['linux', 'windows'])];
  if (name === 'linux') {
    const errs: FieldError[] = [];
    if (isObj(spec.securityContext) && isObj(spec.securityContext.windowsOptions)) {
      errs.push(fe.forbidden(`${path}.securityContext.windowsOptions`, 'windows options cannot be set for a linux pod'));
    }
    for (const [list_, key] of [[spec.initContainers, 'initContainers'], [spec.containers, 'containers'], [spec.ephemeralContainers, 'ephemeralContainers']] as const) {
      list(list_).forEach((c, i) => {
        if (isObj(entry(c).securityContext?.windowsOptions)) {
          errs.push(fe.forbidden(`${path}.${key}[${i}].securityContext.windowsOptions`, 'windows options cannot be set for a linux pod'));
        }
      });
    }
    return errs;
  }
  return [];
}

export function validatePodSpecWith(specIn: Record<string, unknown>, path: string, opts: PodSpecOptions): FieldError[] {
  const spec = specIn as PodSpec;
  const errs: FieldError[] = [];
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined;
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(fe.required(fe.child(path, 'terminationGracePeriodSeconds'), ''));
  }
  const vols = validateVolumes(spec.volumes, opts.podName, fe.child(path, 'volumes'));
  errs.push(...vols.errors);
  const podClaims = new Set(list(spec.resourceClaims).map((c) => entry(c).name ?? '').filter((n) => n));
  errs.push(...validateResourceClaims(spec, fe.child(path, 'resourceClaims')));
  const ctx: PodContext = {
    volumes: vols.volumes, podClaims, restartPolicy: spec.restartPolicy ?? '', hostUsers: spec.hostUsers !== false,
  };
  errs.push(...validateContainers(spec.containers, ctx, grace, fe.child(path, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, grace, fe.child(path, 'initContainers')));
  errs.push(...validateEphemeralContainers(spec.ephemeralContainers, spec.containers, spec.initContainers, ctx, fe.child(path, 'ephemeralContainers')));
  errs.push(...validateHostNetworkPorts(spec, path, opts.resourceIsPod === true));
  errs.push(...enumValue(spec.restartPolicy, RESTART_POLICIES, fe.child(path, 'restartPolicy')));
  errs.push(...enumValue(spec.dnsPolicy, DNS_POLICIES, fe.child(path, 'dnsPolicy')));
  errs.push(...validateLabels(isObj(spec.nodeSelector) ? spec.nodeSelector : undefined, fe.child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, specIn, fe.child(path, 'securityContext')));
  list(spec.imagePullSecrets).forEach((ref, i) => {
    const r = entry(ref);
    if (Object.keys(r).some((k) => k !== 'name')) errs.push(fe.invalid(fe.index(fe.child(path, 'imagePullSecrets'), i), r, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, fe.child(path, 'affinity')));
  errs.push(...validateDNSConfig(spec, fe.child(path, 'dnsConfig')));
  list(spec.readinessGates).forEach((g, i) => {
    errs.push(...qualifiedName(entry(g).conditionType ?? '', fe.child(fe.index(fe.child(path, 'readinessGates'), i), 'conditionType')));
  });
  const gates = new Set<string>();
  list(spec.schedulingGates).forEach((g, i) => {
    const name = entry(g).name ?? '';
    const p = fe.index(fe.child(path, 'schedulingGates'), i);
    errs.push(...qualifiedName(name, p));
    if (gates.has(name)) errs.push(fe.duplicate(p, name));
    gates.add(name);
  });
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, fe.child(path, 'topologySpreadConstraints')));
  if (spec.hostUsers === false) {
    if (spec.hostNetwork) errs.push(fe.forbidden(fe.child(path, 'hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID) errs.push(fe.forbidden(fe.child(path, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC) errs.push(fe.forbidden(fe.child(path, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  if (spec.serviceAccountName) errs.push(...dnsSubdomain(spec.serviceAccountName, fe.child(path, 'serviceAccountName')));
  if (spec.nodeName) errs.push(...dnsSubdomain(spec.nodeName, fe.child(path, 'nodeName')));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2147483647)) {
    errs.push(fe.invalid(fe.child(path, 'activeDeadlineSeconds'), ads, inclusiveRange(1, 2147483647)));
  }
  if (spec.hostname) errs.push(...dnsLabel(spec.hostname, fe.child(path, 'hostname')));
  if (spec.subdomain) errs.push(...dnsLabel(spec.subdomain, fe.child(path, 'subdomain')));
  errs.push(...validateTolerations(list(spec.tolerations), fe.child(path, 'tolerations')));
  list(spec.hostAliases).forEach((raw, i) => {
    const a = entry(raw);
    const p = fe.index(fe.child(path, 'hostAliases'), i);
    errs.push(...validateIP(fe.child(p, 'ip'), a.ip ?? ''));
    list(a.hostnames).forEach((h, j) => errs.push(...dnsSubdomain(String(h), fe.index(fe.child(p, 'hostnames'), j))));
  });
  if (spec.priorityClassName) errs.push(...dnsSubdomain(spec.priorityClassName, fe.child(path, 'priorityClassName')));
  if (typeof spec.runtimeClassName === 'string') errs.push(...dnsSubdomain(spec.runtimeClassName, fe.child(path, 'runtimeClassName')));
  if (typeof spec.preemptionPolicy === 'string') {
    errs.push(...enumValue(spec.preemptionPolicy, ['PreemptLowerPriority', 'Never'], fe.child(path, 'preemptionPolicy')));
  }
  errs.push(...validateOS(spec, path));
  return errs;
}

/** The PodSpec check the workload kinds use for their templates (no pod name, not a Pod). */
export function validatePodSpec(spec: Record<string, unknown>, path: string): FieldError[] {
  return validatePodSpecWith(spec, path, {});
}

