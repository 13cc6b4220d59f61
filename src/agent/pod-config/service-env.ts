/**
 * Docker-link style service variables: for each service with a cluster IP, `<NAME>_SERVICE_HOST`,
 * `<NAME>_SERVICE_PORT` (+ one per named port), `<NAME>_PORT` and `<NAME>_PORT_<port>_<PROTO>[_PROTO|
 * _PORT|_ADDR]`. A pod sees the services of its own namespace when enableServiceLinks is on, and
 * always the `kubernetes` service of the default namespace.
 */
import { isIPv6 } from 'node:net';
import type { EnvVar, ServiceView } from './types.js';

const MASTER_SERVICES = new Set(['kubernetes']);

function envName(s: string): string {
  return s.replaceAll('-', '_').toUpperCase();
}

function hasClusterIP(svc: ServiceView): boolean {
  const ip = svc.spec?.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

function linkVariables(prefix: string, ip: string, ports: NonNullable<NonNullable<ServiceView['spec']>['ports']>): EnvVar[] {
  const out: EnvVar[] = [];
  ports.forEach((sp, i) => {
    const protocol = sp.protocol || 'TCP';
    const port = String(sp.port ?? 0);
    const url = `${protocol.toLowerCase()}://${isIPv6(ip) ? `[${ip}]` : ip}:${port}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const pp = `${prefix}_PORT_${port}_${protocol.toUpperCase()}`;
    out.push(
      { name: pp, value: url },
      { name: `${pp}_PROTO`, value: protocol.toLowerCase() },
      { name: `${pp}_PORT`, value: port },
      { name: `${pp}_ADDR`, value: ip },
    );
  });
  return out;
}

/** The variables of the given services, in order (services without a cluster IP or ports skipped). */
export function serviceEnvVars(services: readonly ServiceView[]): EnvVar[] {
  const out: EnvVar[] = [];
  for (const svc of services) {
    const ports = svc.spec?.ports ?? [];
    if (!hasClusterIP(svc) || ports.length === 0) continue;
    const ip = svc.spec!.clusterIP!;
    const prefix = envName(svc.metadata.name ?? '');
    out.push({ name: `${prefix}_SERVICE_HOST`, value: ip });
    out.push({ name: `${prefix}_SERVICE_PORT`, value: String(ports[0]!.port ?? 0) });
    for (const sp of ports) {
      if (sp.name) out.push({ name: `${prefix}_SERVICE_PORT_${envName(sp.name)}`, value: String(sp.port ?? 0) });
    }
    out.push(...linkVariables(prefix, ip, ports));
  }
  return out;
}

/**
 * The service variables a pod in `namespace` sees, from the services listed (any namespaces): its
 * namespace's when `enableServiceLinks`, plus default/kubernetes unless its namespace has its own.
 */
export function serviceEnvMap(namespace: string, enableServiceLinks: boolean, services: readonly ServiceView[]): Map<string, string> {
  const chosen = new Map<string, ServiceView>();
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const name = svc.metadata.name ?? '';
    if (svc.metadata.namespace === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svc.metadata.namespace === namespace && enableServiceLinks) {
      chosen.set(name, svc);
    }
  }
  const ordered = [...chosen.keys()].sort().map((k) => chosen.get(k)!);
  return new Map(serviceEnvVars(ordered).map((e) => [e.name, e.value]));
}
