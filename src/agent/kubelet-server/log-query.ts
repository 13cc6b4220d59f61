/**
 * The query of a kubelet `/containerLogs/...` request as PodLogOptions: follow, previous, timestamps,
 * tailLines (or the older `tail`, where `all` means every line), limitBytes, sinceSeconds and
 * sinceTime — decoded as the API's query parameters are (a boolean is true unless "false" or "0";
 * integers in Go's syntax; times in RFC 3339) and validated by the API's rules.
 */
import { rfc3339ToNs } from '../logs/index.js';

export interface ContainerLogQuery {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /** sinceTime in nanoseconds since the epoch. */
  sinceTimeNs?: bigint;
}

export type LogQueryResult = { ok: ContainerLogQuery } | { error: 'decode' | 'invalid' };

function bool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null) return false;
  return !(v === '0' || v.toLowerCase() === 'false');
}

/** undefined when absent or empty, NaN when not an integer. */
function int(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  return /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN;
}

export function parseContainerLogQuery(query: URLSearchParams): LogQueryResult {
  const q = new URLSearchParams(query);
  const tail = q.get('tail');
  if (tail !== null && tail !== '') {
    if (tail === 'all') q.delete('tailLines');
    else q.set('tailLines', tail);
  }
  const tailLines = int(q.get('tailLines'));
  const limitBytes = int(q.get('limitBytes'));
  const sinceSeconds = int(q.get('sinceSeconds'));
  const sinceTimeText = q.get('sinceTime');
  const sinceTimeNs = sinceTimeText ? rfc3339ToNs(sinceTimeText) : undefined;
  if ([tailLines, limitBytes, sinceSeconds].some((n) => Number.isNaN(n)) || (sinceTimeText && sinceTimeNs === undefined)) {
    return { error: 'decode' };
  }
  if ((tailLines !== undefined && tailLines < 0) || (limitBytes !== undefined && limitBytes < 1)
    || (sinceSeconds !== undefined && sinceTimeNs !== undefined) || (sinceSeconds !== undefined && sinceSeconds < 1)) {
    return { error: 'invalid' };
  }
  return {
    ok: {
      follow: bool(q, 'follow'), previous: bool(q, 'previous'), timestamps: bool(q, 'timestamps'),
      ...(tailLines !== undefined ? { tailLines } : {}),
      ...(limitBytes !== undefined ? { limitBytes } : {}),
      ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
      ...(sinceTimeNs !== undefined ? { sinceTimeNs } : {}),
    },
  };
}

/** The earliest record time to show, as the kubelet computes it at the time of the request. */
export function sinceNsOf(q: ContainerLogQuery, nowMs = Date.now()): bigint | undefined {
  let since: bigint | undefined;
  if (q.sinceSeconds !== undefined) since = BigInt(Math.floor(nowMs)) * 1_000_000n - BigInt(q.sinceSeconds) * 1_000_000_000n;
  if (q.sinceTimeNs !== undefined && (since === undefined || q.sinceTimeNs > since)) since = q.sinceTimeNs;
  return since;
}
