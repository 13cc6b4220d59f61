/** networking.k8s.io/v1 Ingress: HTTP(S) routing from outside the cluster to Services. */
import { age } from '../../../meta/age.js';
import type { ResourceDef } from '../../../resource.js';
import { IngressSchema } from './schema.js';
import { validateIngressCreate, validateIngressSpec, type IngressLike, type IngressRule } from './validate.js';

export * from './schema.js';
export { validateIngressSpec, validateIngressStatus, isWildcardDNS1123Subdomain, type IngressLike } from './validate.js';

/** Up to three rule hosts, then "+ N more..."; "*" when no rule names a host. */
export function formatIngressHosts(rules: IngressRule[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const joined = list.join(',');
  return more ? `${joined} + ${(rules ?? []).length - max} more...` : joined;
}

/** The addresses of the load balancer, sorted and de-duplicated. */
export function formatIngressAddress(ing: IngressLike): string {
  const set = new Set<string>();
  for (const lb of ing.status?.loadBalancer?.ingress ?? []) {
    if (lb.ip) set.add(lb.ip);
    else if (lb.hostname) set.add(lb.hostname);
  }
  return [...set].sort().join(',');
}

const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export const ingresses: ResourceDef = {
  group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', singular: 'ingress',
  namespaced: true, shortNames: ['ing'],
  schema: IngressSchema,
  subresources: { status: true },
  prepareForCreate(obj) {
    // Kubernetes resets status to its zero value, which is written out as {loadBalancer: {}}.
    (obj as IngressLike).status = { loadBalancer: {} };
  },
  validate: (obj) => validateIngressCreate(obj as IngressLike),
  warnings(obj, old) {
    // Kubernetes warns on create only.
    if (old || obj.metadata.annotations?.[INGRESS_CLASS_ANNOTATION] === undefined) return [];
    return [`annotation "${INGRESS_CLASS_ANNOTATION}" is deprecated, please use 'spec.ingressClassName' instead`];
  },
  table: {
    columns: [
      { name: 'Class', type: 'string', description: 'The IngressClass that implements this Ingress.', priority: 0 },
      { name: 'Hosts', type: 'string', description: 'Host names the rules match.', priority: 0 },
      { name: 'Address', type: 'string', description: 'Addresses of the load balancer serving the Ingress.', priority: 0 },
      { name: 'Ports', type: 'string', description: 'Ports open for the Ingress (443 too when TLS is set).', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => {
      const ing = obj as IngressLike;
      return [
        ing.spec?.ingressClassName ?? '<none>',
        formatIngressHosts(ing.spec?.rules),
        formatIngressAddress(ing),
        (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
        age(obj.metadata.creationTimestamp, now),
      ];
    },
  },
};
