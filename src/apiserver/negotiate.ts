/**
 * Content negotiation: which representation the Accept header asks for — a plain object, a Table,
 * PartialObjectMetadata, YAML, or aggregated discovery.
 */

export type Representation =
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'metadata'; version: 'v1' | 'v1beta1' }
  | { kind: 'discovery'; version: 'v2' | 'v2beta1' };

interface MediaRange { type: string; params: Record<string, string> }

function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [];
  return accept.split(',').map((part) => {
    const [type, ...ps] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of ps) {
      const i = p.indexOf('=');
      if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"|"$/g, '');
    }
    return { type: type.toLowerCase(), params };
  });
}

function isJsonish(t: string): boolean {
  return t === 'application/json' || t === '*/*' || t === 'application/*' || t === '';
}

/** Picks the first acceptable representation; undefined when nothing acceptable was offered. */
export function negotiate(accept: string | undefined): Representation | undefined {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return { kind: 'json' };
  for (const r of ranges) {
    const as = r.params.as;
    if (as && (r.type === 'application/json' || r.type === 'application/yaml')) {
      const g = r.params.g;
      const v = r.params.v;
      if (as === 'Table' && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) return { kind: 'table', version: v };
      if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
        return { kind: 'metadata', version: v };
      }
      if (as === 'APIGroupDiscoveryList' && g === 'apidiscovery.k8s.io' && (v === 'v2' || v === 'v2beta1')) return { kind: 'discovery', version: v };
      continue;
    }
    if (isJsonish(r.type)) return { kind: 'json' };
    if (r.type === 'application/yaml') return { kind: 'yaml' };
  }
  return undefined;
}
