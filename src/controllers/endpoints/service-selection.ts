/**
 * Which pods a service selects, and the service facts the endpoints controllers branch on. A
 * selector with no labels counts as none (the API server stores an empty map as absent).
 */
import type { Pod, Service } from './types.js';

export function serviceSelector(svc: Service): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector)) if (l[k] !== v) return false;
  return true;
}

/** The pods of the service's namespace its selector picks (none without a selector). */
export function selectedPods(svc: Service, pods: Iterable<Pod>): Pod[] {
  const sel = serviceSelector(svc);
  if (!sel) return [];
  const out: Pod[] = [];
  for (const p of pods) if (selectorMatches(sel, p.metadata.labels)) out.push(p);
  return out;
}

/** The services (of the pod's namespace) whose selector picks the pod. */
export function servicesSelecting(pod: Pod, services: Iterable<Service>): Service[] {
  const out: Service[] = [];
  for (const s of services) {
    const sel = serviceSelector(s);
    if (sel && selectorMatches(sel, pod.metadata.labels)) out.push(s);
  }
  return out;
}

/** False for headless services (clusterIP None) and services without a cluster IP yet. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** The service's primary IP family (spec.ipFamilies[0]; else from its cluster IP; else IPv4). */
export function serviceIPFamily(svc: Service): 'IPv4' | 'IPv6' {
  const f = svc.spec?.ipFamilies?.[0];
  if (f === 'IPv6' || f === 'IPv4') return f;
  return isServiceIPSet(svc) && (svc.spec?.clusterIP ?? '').includes(':') ? 'IPv6' : 'IPv4';
}

/** Every IP family the service serves (spec.ipFamilies, or its primary one). */
export function serviceIPFamilies(svc: Service): Array<'IPv4' | 'IPv6'> {
  const out = (svc.spec?.ipFamilies ?? []).filter((f): f is 'IPv4' | 'IPv6' => f === 'IPv4' || f === 'IPv6');
  return out.length ? [...new Set(out)] : [serviceIPFamily(svc)];
}
