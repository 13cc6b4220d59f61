/** Service update and status rules with Kubernetes' wording (ValidateServiceUpdate, ValidateLoadBalancerStatus). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { validateIP } from '../../../meta/ip-address.js';
import { isDNS1123Subdomain } from '../../../meta/names.js';
import { isHeadless, needsHealthCheck } from './defaults.js';
import type { ServiceLike } from './schema.js';

/** Update rules: cluster IPs and families may not change, nor loadBalancerClass or the health-check port. */
export function validateServiceUpdate(svc: ServiceLike, old: ServiceLike): FieldError[] {
  const spec = svc.spec ?? {};
  const prev = old.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.type !== 'ExternalName' && prev.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(prev))) {
    const ips = spec.clusterIPs ?? [];
    const oldIPs = prev.clusterIPs ?? [];
    const changed = (): FieldError => fe.invalid('spec.clusterIPs[0]', ips, 'may not change once set');
    if (oldIPs.length === ips.length) {
      oldIPs.forEach((ip, i) => { if (ip !== ips[i]) errs.push(fe.invalid(fe.index('spec.clusterIPs', i), ips, 'may not change once set')); });
    } else if (oldIPs.length > ips.length) {
      if (ips.length === 0) errs.push(fe.invalid('spec.clusterIPs[0]', ips, 'primary clusterIP can not be unset'));
      if (oldIPs.length && ips.length && ips[0] !== oldIPs[0]) errs.push(changed());
      if (ips.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
        errs.push(fe.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (oldIPs.length && ips[0] !== oldIPs[0]) errs.push(changed());
  }
  if (spec.type !== 'ExternalName' && prev.type !== 'ExternalName' && isHeadless(spec) === isHeadless(prev) && !isHeadless(spec)) {
    const fams = spec.ipFamilies ?? [];
    const oldFams = prev.ipFamilies ?? [];
    if (oldFams.length === fams.length) {
      oldFams.forEach((f, i) => { if (f !== fams[i]) errs.push(fe.invalid('spec.ipFamilies[0]', fams, 'may not change once set')); });
    } else if (oldFams.length > fams.length) {
      if (!(spec.clusterIPs?.length)) errs.push(fe.invalid('spec.ipFamilies[0]', fams, 'primary ipFamily can not be unset'));
      if (fams.length && fams[0] !== oldFams[0]) errs.push(fe.invalid('spec.ipFamilies[0]', spec.clusterIPs ?? [], 'may not change once set'));
      if (fams.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
        errs.push(fe.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
      }
    } else if (oldFams.length && fams[0] !== oldFams[0]) {
      errs.push(fe.invalid('spec.ipFamilies[0]', spec.clusterIPs ?? [], 'may not change once set'));
    }
  }
  if (prev.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (prev.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null)) {
    errs.push(fe.invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (needsHealthCheck(prev) && needsHealthCheck(spec) && (spec.healthCheckNodePort ?? 0) !== (prev.healthCheckNodePort ?? 0)) {
    errs.push(fe.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}

/** Status update rules (ValidateLoadBalancerStatus). */
export function validateServiceStatus(svc: ServiceLike): FieldError[] {
  const errs: FieldError[] = [];
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  ingress.forEach((ing, i) => {
    const path = fe.index('status.loadBalancer.ingress', i);
    if (ing.ip) errs.push(...validateIP(fe.child(path, 'ip'), ing.ip));
    if (ing.ipMode === undefined) {
      if (ing.ip) errs.push(fe.required(fe.child(path, 'ipMode'), 'must be specified when `ip` is set'));
    } else if (!ing.ip) errs.push(fe.forbidden(fe.child(path, 'ipMode'), 'may not be specified when `ip` is not set'));
    else if (!['Proxy', 'VIP'].includes(ing.ipMode)) errs.push(fe.notSupported(fe.child(path, 'ipMode'), ing.ipMode, ['Proxy', 'VIP']));
    if (ing.hostname) {
      errs.push(...isDNS1123Subdomain(ing.hostname).map((m) => fe.invalid(fe.child(path, 'hostname'), ing.hostname, m)));
      if (validateIP('', ing.hostname).length === 0) errs.push(fe.invalid(fe.child(path, 'hostname'), ing.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
