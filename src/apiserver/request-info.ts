/**
 * Parses a resource URL (/api/v1/namespaces/ns/pods/name/status, /apis/apps/v1/deployments …) into
 * the resource, namespace, name, subresource and verb.
 */

export interface RequestInfo {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** Path segments after the subresource (pods/x/proxy/a/b). */
  rest: string[];
  /** The deprecated /watch/ path prefix was used. */
  watchPath: boolean;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** Returns undefined for paths that are not resource paths (discovery, /version …). */
export function parseResourcePath(pathname: string): RequestInfo | undefined {
  const parts = pathname.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  let group = '';
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 3) return undefined;
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length < 4) return undefined;
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const [resource, name, subresource, ...more] = rest;
  if (!resource) return undefined;
  return { group, version, namespace, resource, name, subresource, rest: more, watchPath };
}
