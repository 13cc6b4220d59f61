/**
 * apiserver_request_total, as kube-apiserver exposes it on /metrics (Prometheus text format): one
 * counter per verb, group, version, resource, subresource, scope and response code. Verbs are the
 * metric's own (GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE, DELETECOLLECTION, CONNECT).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestInfo } from './request-info.js';

export interface RequestLabels {
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  scope: 'resource' | 'namespace' | 'cluster';
  code: number;
}

const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

/** The metric's verb for a resource request. */
export function metricVerb(method: string, info: RequestInfo, query: URLSearchParams, contentType = ''): string {
  if (info.subresource && CONNECT_SUBRESOURCES.has(info.subresource)) return 'CONNECT';
  switch (method) {
    case 'GET':
      if (info.watchPath || query.get('watch') === 'true' || query.get('watch') === '1') return 'WATCH';
      return info.name ? 'GET' : 'LIST';
    case 'DELETE': return info.name ? 'DELETE' : 'DELETECOLLECTION';
    case 'PATCH': return contentType.startsWith('application/apply-patch') ? 'APPLY' : 'PATCH';
    default: return method;
  }
}

function scopeOf(info: RequestInfo): RequestLabels['scope'] {
  if (info.name) return 'resource';
  return info.namespace ? 'namespace' : 'cluster';
}

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class RequestMetrics {
  private readonly counts = new Map<string, number>();

  /** Counts the request when its response closes (finished, or the client went away). */
  observe(req: IncomingMessage, res: ServerResponse, info: RequestInfo, query: URLSearchParams): void {
    const verb = metricVerb(req.method ?? 'GET', info, query, req.headers['content-type']);
    res.once('close', () => {
      this.add({
        verb, group: info.group, version: info.version, resource: info.resource, subresource: info.subresource ?? '', scope: scopeOf(info),
        code: res.statusCode,
      });
    });
  }

  add(l: RequestLabels, n = 1): void {
    const key = JSON.stringify([l.code, l.group, l.resource, l.scope, l.subresource, l.verb, l.version]);
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  /** The sum over every series whose labels match. */
  total(match: Partial<RequestLabels> = {}): number {
    let sum = 0;
    for (const [key, n] of this.counts) {
      const [code, group, resource, scope, subresource, verb, version] = JSON.parse(key) as [number, string, string, string, string, string, string];
      const l: RequestLabels = { code, group, resource, scope: scope as RequestLabels['scope'], subresource, verb, version };
      if (Object.entries(match).every(([k, v]) => l[k as keyof RequestLabels] === v)) sum += n;
    }
    return sum;
  }

  /** The Prometheus text exposition. */
  render(): string {
    const lines = [
      '# HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
      '# TYPE apiserver_request_total counter',
    ];
    for (const [key, n] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      const [code, group, resource, scope, subresource, verb, version] = JSON.parse(key) as [number, string, string, string, string, string, string];
      lines.push(`apiserver_request_total{code="${code}",component="apiserver",dry_run="",group="${esc(group)}",resource="${esc(resource)}",`
        + `scope="${scope}",subresource="${esc(subresource)}",verb="${verb}",version="${esc(version)}"} ${n}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
