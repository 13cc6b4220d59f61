/** The columns `kubectl get services` shows (printers.go printService). */
import { age } from '../../../meta/age.js';
import type { TableDef } from '../../../resource.js';
import type { ServiceLike, ServicePort, ServiceSpec } from './schema.js';

/** "k=v,k2=v2" sorted by key, or "<none>" (labels.FormatLabels). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k]}`).join(',');
}

export function portsCell(ports: ServicePort[] | undefined): string {
  const s = (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
  return s || '<none>';
}

export function externalIPCell(svc: ServiceLike): string {
  const spec: ServiceSpec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((x) => x))];
      if (external.length) return [...lb, ...external].join(',');
      return lb.length ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const serviceTable: TableDef = {
  columns: [
    { name: 'Type', type: 'string', description: 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.', priority: 0 },
    { name: 'Cluster-IP', type: 'string', description: 'Virtual IP of the service inside the cluster.', priority: 0 },
    { name: 'External-IP', type: 'string', description: 'Addresses reachable from outside the cluster.', priority: 0 },
    { name: 'Port(s)', type: 'string', description: 'Ports the service exposes (port[:nodePort]/protocol).', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    { name: 'Selector', type: 'string', description: 'Labels of the pods behind the service.', priority: 1 },
  ],
  cells(obj, now) {
    const svc = obj as ServiceLike;
    const spec = svc.spec ?? {};
    return [
      spec.type ?? '',
      spec.clusterIPs?.[0] ?? '<none>',
      externalIPCell(svc),
      portsCell(spec.ports),
      age(obj.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};
