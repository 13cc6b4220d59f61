/**
 * Aggregated discovery (apidiscovery.k8s.io/v2, and v2beta1 for kubectl up to 1.29): every group,
 * version and resource with its subresources in one document, served at /api and /apis when the
 * client asks for it with
 *   Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList
 */
import type { ResourceDef } from '../../api/index.js';
import { servedGroups, servedResources, type ServedResource } from './served-resources.js';
import type {
  AggregatedDiscoveryVersion, APIGroupDiscovery, APIGroupDiscoveryList, APIResourceDiscovery, APIVersionDiscovery,
} from './types.js';

function resourceEntry(r: ServedResource): APIResourceDiscovery {
  const e: APIResourceDiscovery = {
    resource: r.plural,
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length) e.shortNames = r.shortNames;
  if (r.categories.length) e.categories = r.categories;
  if (r.subresources.length) {
    e.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
      verbs: [...s.verbs],
    }));
  }
  return e;
}

/**
 * The APIGroupDiscoveryList for /api ('legacy': the core group only) or /apis ('apis': every named
 * group), in the given apiVersion (v2 by default; v2beta1 has the same shape).
 */
export function aggregatedDiscovery(
  resources: readonly ResourceDef[],
  scope: 'legacy' | 'apis',
  apiVersion: AggregatedDiscoveryVersion = 'apidiscovery.k8s.io/v2',
): APIGroupDiscoveryList {
  const served = servedResources(resources);
  const items = servedGroups(resources)
    .filter((g) => (scope === 'legacy' ? g.name === '' : g.name !== ''))
    .map((g): APIGroupDiscovery => ({
      metadata: g.name ? { name: g.name, creationTimestamp: null } : { creationTimestamp: null },
      versions: g.versions.map((version): APIVersionDiscovery => ({
        version,
        resources: served.filter((r) => r.group === g.name && r.version === version).map(resourceEntry),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}

export interface AggregatedNegotiation {
  apiVersion: AggregatedDiscoveryVersion;
  /** The Content-Type to answer with; clients recognise the aggregated body by it. */
  contentType: string;
}

/**
 * Whether an Accept header asks for aggregated discovery (JSON), and in which version: the first
 * acceptable media range in the header wins. Undefined: answer with the legacy document.
 */
export function negotiateAggregatedDiscovery(accept: string | undefined): AggregatedNegotiation | undefined {
  for (const range of (accept ?? '').split(',')) {
    const [mediaType, ...rawParams] = range.split(';').map((s) => s.trim());
    if (mediaType.toLowerCase() !== 'application/json') continue;
    const params = new Map(rawParams.map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim()] as const;
    }));
    if (params.get('g') !== 'apidiscovery.k8s.io' || params.get('as') !== 'APIGroupDiscoveryList') continue;
    if (params.get('q') !== undefined && Number(params.get('q')) === 0) continue;
    const v = params.get('v');
    if (v !== 'v2' && v !== 'v2beta1') continue;
    return {
      apiVersion: `apidiscovery.k8s.io/${v}`,
      contentType: `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`,
    };
  }
  return undefined;
}
