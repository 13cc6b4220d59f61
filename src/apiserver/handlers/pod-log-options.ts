/**
 * PodLogOptions from the query of GET pods/<name>/log: decoded as Kubernetes decodes query
 * parameters (a boolean is true unless absent, "false" or "0"; integers in Go's syntax; sinceTime in
 * RFC 3339) with a 400 for what does not decode, validated with the API's rules (a 422 naming the
 * field), and re-encoded for the kubelet the way the API server forwards them.
 */
import { badRequest, fe, invalid, type FieldError } from '../../api/index.js';

export interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  /** RFC 3339 to the second, as forwarded to the kubelet. */
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
  insecureSkipTLSVerifyBackend: boolean;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function bool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v !== null && v !== '0' && v.toLowerCase() !== 'false';
}

function int(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

function time(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const m = RFC3339.exec(v);
  if (!m || Number.isNaN(Date.parse(v))) {
    throw badRequest(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
  }
  const zone = m[3]!.toUpperCase() === 'Z' || /^[+-]00:00$/.test(m[3]!) ? 'Z' : m[3]!;
  return `${m[1]}${zone}`;
}

/** The options of a log request; throws 400 (undecodable) or 422 (invalid) StatusErrors. */
export function podLogOptions(query: URLSearchParams, podName: string): PodLogOptions {
  const container = query.get('container') ?? '';
  const o: PodLogOptions = {
    ...(container ? { container } : {}),
    follow: bool(query, 'follow'),
    previous: bool(query, 'previous'),
    timestamps: bool(query, 'timestamps'),
    insecureSkipTLSVerifyBackend: bool(query, 'insecureSkipTLSVerifyBackend'),
  };
  const sinceSeconds = int(query, 'sinceSeconds');
  const tailLines = int(query, 'tailLines');
  const limitBytes = int(query, 'limitBytes');
  const sinceTime = time(query, 'sinceTime');
  if (sinceSeconds !== undefined) o.sinceSeconds = sinceSeconds;
  if (sinceTime !== undefined) o.sinceTime = sinceTime;
  if (tailLines !== undefined) o.tailLines = tailLines;
  if (limitBytes !== undefined) o.limitBytes = limitBytes;
  const errs: FieldError[] = [];
  if (tailLines !== undefined && tailLines < 0) errs.push(fe.invalid('tailLines', tailLines, 'must be greater than or equal to 0'));
  if (limitBytes !== undefined && limitBytes < 1) errs.push(fe.invalid('limitBytes', limitBytes, 'must be greater than 0'));
  if (sinceSeconds !== undefined && sinceTime !== undefined) {
    errs.push(fe.forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (sinceSeconds !== undefined && sinceSeconds < 1) {
    errs.push(fe.invalid('sinceSeconds', sinceSeconds, 'must be greater than 0'));
  }
  if (errs.length > 0) throw invalid({ group: '', kind: 'PodLogOptions' }, podName, errs);
  return o;
}

/** The kubelet's query for these options (keys sorted, as Go's url.Values encodes them). */
export function kubeletLogQuery(o: PodLogOptions): string {
  const p: Array<[string, string]> = [];
  if (o.follow) p.push(['follow', 'true']);
  if (o.limitBytes !== undefined) p.push(['limitBytes', String(o.limitBytes)]);
  if (o.previous) p.push(['previous', 'true']);
  if (o.sinceSeconds !== undefined) p.push(['sinceSeconds', String(o.sinceSeconds)]);
  if (o.sinceTime !== undefined) p.push(['sinceTime', o.sinceTime]);
  if (o.tailLines !== undefined) p.push(['tailLines', String(o.tailLines)]);
  if (o.timestamps) p.push(['timestamps', 'true']);
  return new URLSearchParams(p).toString();
}
