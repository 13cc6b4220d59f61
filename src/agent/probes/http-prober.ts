/**
 * The HTTP prober: a status from 200 to 399 succeeds (a 3xx the client did not follow is a success
 * with a warning), anything else fails with `HTTP probe failed with statuscode: <code>` (never the
 * body); a request that fails is a failure quoting the client's error; a body that cannot be read is
 * a probe error. At most 10 KiB of the body is read and kept as the output.
 */
import { httpGet, HttpGetError } from './http-get.js';
import type { HttpGetRequest } from './http-request.js';
import type { ProberResult } from './types.js';

export const MAX_HTTP_BODY = 10 * 1024;

export async function httpProbe(req: HttpGetRequest, timeoutMs: number): Promise<ProberResult> {
  let res;
  try {
    res = await httpGet(req, { timeoutMs, readLimit: MAX_HTTP_BODY });
  } catch (err) {
    if (err instanceof HttpGetError && err.phase === 'body') return { result: 'failure', output: '', error: err.message };
    return { result: 'failure', output: (err as Error).message };
  }
  const body = res.body.toString('utf8');
  if (res.statusCode >= 200 && res.statusCode < 400) {
    if (res.statusCode >= 300) return { result: 'warning', output: `Probe terminated redirects, Response body: ${body}` };
    return { result: 'success', output: body };
  }
  return { result: 'failure', output: `HTTP probe failed with statuscode: ${res.statusCode}` };
}
