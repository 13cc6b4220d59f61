/** Ingress validation, with Kubernetes' wording and field paths. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import {
  isDNS1035Label, isDNS1123Subdomain, isPathSegmentName, isValidPortName, isValidPortNum,
} from '../../../meta/names.js';
import type { KObject } from '../../../meta/object-meta.js';
import { parseIP } from '../ip.js';

export interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}
export interface HTTPIngressPath { path?: string; pathType?: string; backend?: IngressBackend }
export interface IngressRule { host?: string; http?: { paths?: HTTPIngressPath[] } }
export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  tls?: Array<{ hosts?: string[]; secretName?: string }>;
  rules?: IngressRule[];
}
export interface IngressLoadBalancerIngress { ip?: string; hostname?: string; ports?: Array<{ port?: number; protocol?: string; error?: string }> }
export interface IngressLike extends KObject {
  spec?: IngressSpec;
  status?: { loadBalancer?: { ingress?: IngressLoadBalancerIngress[] } };
}

const SUBDOMAIN_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const wildcardRe = new RegExp(`^\\*\\.${SUBDOMAIN_FMT}$`);

/** Host names such as "*.example.com": one leading "*." then a DNS subdomain. */
export function isWildcardDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!wildcardRe.test(v)) {
    errs.push(`a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.${SUBDOMAIN_FMT}')`);
  }
  return errs;
}

function hostProblems(host: string): string[] {
  return host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
}

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: IngressBackend, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (b.resource && b.service) return [fe.invalid(path, '', 'cannot set both resource and service backends')];
  if (b.resource) {
    const r = b.resource;
    const rp = fe.child(path, 'resource');
    if (r.apiGroup !== undefined) for (const m of isDNS1123Subdomain(r.apiGroup)) errs.push(fe.invalid(fe.child(rp, 'apiGroup'), r.apiGroup, m));
    for (const key of ['kind', 'name'] as const) {
      const v = r[key];
      if (!v) errs.push(fe.required(fe.child(rp, key), ''));
      else for (const m of isPathSegmentName(v)) errs.push(fe.invalid(fe.child(rp, key), v, m));
    }
    return errs;
  }
  if (!b.service) return [fe.invalid(path, '', 'resource or service backend is required')];
  const s = b.service;
  const sp = fe.child(path, 'service');
  if (!s.name) errs.push(fe.required(fe.child(sp, 'name'), ''));
  else for (const m of isDNS1035Label(s.name)) errs.push(fe.invalid(fe.child(sp, 'name'), s.name, m));
  const portName = s.port?.name ?? '';
  const portNumber = s.port?.number ?? 0;
  if (portName && portNumber) errs.push(fe.invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) for (const m of isValidPortName(portName)) errs.push(fe.invalid(fe.child(sp, 'port.name'), portName, m));
  else if (portNumber) for (const m of isValidPortNum(portNumber)) errs.push(fe.invalid(fe.child(sp, 'port.number'), portNumber, m));
  else errs.push(fe.required(path, 'port name or number is required'));
  return errs;
}

function validatePath(p: HTTPIngressPath, path: string): FieldError[] {
  if (p.pathType === undefined) return [fe.required(fe.child(path, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = p.path ?? '';
  const pathField = fe.child(path, 'path');
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(fe.invalid(pathField, value, 'must be an absolute path'));
    if (value.length > 0) {
      for (const seq of INVALID_SEQUENCES) if (value.includes(seq)) errs.push(fe.invalid(pathField, value, `must not contain '${seq}'`));
      for (const suf of INVALID_SUFFIXES) if (value.endsWith(suf)) errs.push(fe.invalid(pathField, value, `cannot end with '${suf}'`));
    }
  } else if (p.pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/')) errs.push(fe.invalid(pathField, value, 'must be an absolute path'));
  } else {
    errs.push(fe.notSupported(fe.child(path, 'pathType'), p.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(p.backend ?? {}, fe.child(path, 'backend')));
  return errs;
}

function validateRules(rules: IngressRule[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const rp = fe.index(path, i);
    const host = rule.host ?? '';
    if (host) {
      if (parseIP(host)) errs.push(fe.invalid(fe.child(rp, 'host'), host, 'must be a DNS name, not an IP address'));
      for (const m of hostProblems(host)) errs.push(fe.invalid(fe.child(rp, 'host'), host, m));
    }
    if (rule.http) {
      const hp = fe.child(rp, 'http');
      const paths = rule.http.paths ?? [];
      if (paths.length === 0) errs.push(fe.required(fe.child(hp, 'paths'), ''));
      paths.forEach((p, j) => errs.push(...validatePath(p, fe.index(fe.child(hp, 'paths'), j))));
    }
  });
  return errs;
}

function rulesValue(rules: IngressRule[] | undefined): string {
  return rules === undefined ? '[]networking.IngressRule(nil)' : '[]networking.IngressRule{}';
}

export function validateIngressSpec(spec: IngressSpec, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  if ((spec.rules ?? []).length === 0 && !spec.defaultBackend) {
    errs.push({
      type: 'FieldValueInvalid', field: path,
      message: `Invalid value: ${rulesValue(spec.rules)}: either \`defaultBackend\` or \`rules\` must be specified`,
    });
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, fe.child(path, 'defaultBackend')));
  if (spec.rules?.length) errs.push(...validateRules(spec.rules, fe.child(path, 'rules')));
  (spec.tls ?? []).forEach((tls, i) => {
    const tp = fe.index(fe.child(path, 'tls'), i);
    (tls.hosts ?? []).forEach((host, j) => {
      for (const m of hostProblems(host)) errs.push(fe.invalid(fe.index(fe.child(tp, 'hosts'), j), host, m));
    });
    if (tls.secretName) for (const m of isDNS1123Subdomain(tls.secretName)) errs.push(fe.invalid(fe.child(tp, 'secretName'), tls.secretName, m));
  });
  if (spec.ingressClassName !== undefined) {
    for (const m of isDNS1123Subdomain(spec.ingressClassName)) errs.push(fe.invalid(fe.child(path, 'ingressClassName'), spec.ingressClassName, m));
  }
  return errs;
}

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Create-time checks: the spec, and the legacy class annotation agreeing with ingressClassName. */
export function validateIngressCreate(ing: IngressLike): FieldError[] {
  const errs = validateIngressSpec(ing.spec ?? {});
  const annotation = ing.metadata.annotations?.[CLASS_ANNOTATION];
  const className = ing.spec?.ingressClassName;
  if (annotation !== undefined && className !== undefined && annotation !== className) {
    errs.push(fe.invalid(`annotations.${CLASS_ANNOTATION}`, annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

/** Checks of status.loadBalancer, as a status update is validated. */
export function validateIngressStatus(ing: IngressLike, old?: IngressLike): FieldError[] {
  const errs: FieldError[] = [];
  const oldIPs = new Set((old?.status?.loadBalancer?.ingress ?? []).map((x) => x.ip).filter((x) => x));
  (ing.status?.loadBalancer?.ingress ?? []).forEach((lb, i) => {
    const p = fe.index('status.loadBalancer.ingress', i);
    if (lb.ip && !oldIPs.has(lb.ip) && !parseIP(lb.ip)) {
      errs.push(fe.invalid(fe.child(p, 'ip'), lb.ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
    if (lb.hostname) {
      for (const m of isDNS1123Subdomain(lb.hostname)) errs.push(fe.invalid(fe.child(p, 'hostname'), lb.hostname, m));
      if (parseIP(lb.hostname)) errs.push(fe.invalid(fe.child(p, 'hostname'), lb.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
