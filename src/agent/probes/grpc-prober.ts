/**
 * The gRPC prober: grpc.health.v1.Health/Check over cleartext HTTP/2 (node:http2) to podIP:port.
 * As the kubelet's grpc-go client dials with WithBlock, a connection that cannot be made is retried
 * with back-off until the timeout; SERVING is success; every other answer is a failure worded as the
 * kubelet words it (`service unhealthy (responded with "NOT_SERVING")`, `timeout: …`, `error: …`).
 */
import http2, { type ClientHttp2Session } from 'node:http2';
import { goQuote } from '../pod-config/index.js';
import { goDuration } from './go-format.js';
import {
  decodeGrpcMessage, decodeHealthCheckResponse, encodeHealthCheckRequest, frameMessage, GRPC_DEADLINE_EXCEEDED,
  GRPC_INTERNAL, GRPC_UNAVAILABLE, GRPC_UNIMPLEMENTED, GrpcStatusError, HEALTH_CHECK_PATH, nonGrpcAnswer, parseMessages,
  SERVING_STATUS,
} from './grpc-wire.js';
import { joinHostPort } from './net-errors.js';
import { KUBE_MAJOR_MINOR, type ProberResult } from './types.js';

/** grpc-go appends its own name and version to the user agent. */
const USER_AGENT = `kube-probe/${KUBE_MAJOR_MINOR} grpc-go/1.65.0`;
const SERVING = 1;

export async function grpcProbe(host: string, service: string, port: number, timeoutMs: number): Promise<ProberResult> {
  const addr = joinHostPort(host, port);
  const deadline = Date.now() + timeoutMs;
  const session = await dialBlocking(addr, deadline);
  if (!session) {
    return { result: 'failure', output: `timeout: failed to connect service ${goQuote(addr)} within ${goDuration(timeoutMs)}: context deadline exceeded` };
  }
  let status: number;
  try {
    status = await check(session, addr, service, deadline);
  } catch (err) {
    const e = err instanceof GrpcStatusError ? err : new GrpcStatusError(GRPC_INTERNAL, (err as Error).message);
    if (e.code === GRPC_UNIMPLEMENTED) {
      return { result: 'failure', output: `error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${e.details}` };
    }
    if (e.code === GRPC_DEADLINE_EXCEEDED) {
      return { result: 'failure', output: `timeout: health rpc did not complete within ${goDuration(timeoutMs)}` };
    }
    return { result: 'failure', output: `error: health rpc probe failed: ${e.message}` };
  } finally {
    session.destroy();
  }
  if (status !== SERVING) {
    return { result: 'failure', output: `service unhealthy (responded with ${goQuote(SERVING_STATUS[status] ?? String(status))})` };
  }
  return { result: 'success', output: 'service healthy' };
}

/** Connects (HTTP/2 preface and the server's SETTINGS), retrying with back-off until the deadline. */
async function dialBlocking(addr: string, deadline: number): Promise<ClientHttp2Session | undefined> {
  let backoff = 1000;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    const s = await connectOnce(addr, left);
    if (s) return s;
    const wait = Math.min(backoff * (0.8 + Math.random() * 0.4), deadline - Date.now());
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    backoff = Math.min(backoff * 1.6, 120_000);
  }
  return undefined;
}

function connectOnce(addr: string, timeoutMs: number): Promise<ClientHttp2Session | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const session = http2.connect(`http://${addr}`);
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (ok) {
        session.on('error', () => undefined); // a late error ends the call, which reports it
        resolve(session);
      } else {
        session.destroy();
        resolve(undefined);
      }
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    session.once('remoteSettings', () => finish(true));
    session.once('error', () => finish(false));
    session.once('close', () => finish(false));
  });
}

function check(session: ClientHttp2Session, addr: string, service: string, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const left = Math.max(1, deadline - Date.now());
    const stream = session.request({
      ':method': 'POST',
      ':scheme': 'http',
      ':path': HEALTH_CHECK_PATH,
      ':authority': addr,
      'content-type': 'application/grpc',
      'user-agent': USER_AGENT,
      te: 'trailers',
      'grpc-timeout': `${left}m`,
    });
    let done = false;
    const finish = (err: Error | undefined, status?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
      if (err) reject(err);
      else resolve(status!);
    };
    const timer = setTimeout(() => finish(new GrpcStatusError(GRPC_DEADLINE_EXCEEDED, 'context deadline exceeded')), left);
    let headers: http2.IncomingHttpHeaders | undefined;
    let trailers: http2.IncomingHttpHeaders | undefined;
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      headers = h;
      const bad = nonGrpcAnswer(Number(h[':status']), h['content-type'] as string | undefined);
      if (bad) finish(bad);
    });
    stream.on('trailers', (t) => { trailers = t; });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', () => finish(new GrpcStatusError(GRPC_UNAVAILABLE, 'error reading from server: EOF')));
    stream.on('close', () => {
      if (done) return;
      const grpcStatus = trailers?.['grpc-status'] ?? headers?.['grpc-status'];
      if (grpcStatus === undefined) {
        if (!headers || stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) {
          finish(new GrpcStatusError(GRPC_UNAVAILABLE, 'error reading from server: EOF'));
        } else {
          finish(new GrpcStatusError(GRPC_INTERNAL, 'server closed the stream without sending trailers'));
        }
        return;
      }
      const code = Number(grpcStatus);
      if (code !== 0) {
        finish(new GrpcStatusError(code, decodeGrpcMessage((trailers?.['grpc-message'] ?? headers?.['grpc-message']) as string | undefined)));
        return;
      }
      try {
        const msgs = parseMessages(Buffer.concat(chunks));
        if (msgs.length === 0) {
          finish(new GrpcStatusError(GRPC_INTERNAL, 'cardinality violation: received no response message from non-server-streaming RPC'));
          return;
        }
        finish(undefined, decodeHealthCheckResponse(msgs[0]));
      } catch (err) {
        finish(new GrpcStatusError(GRPC_INTERNAL, `grpc: failed to unmarshal the received message: ${(err as Error).message}`));
      }
    });
    stream.end(frameMessage(encodeHealthCheckRequest(service)));
  });
}
