/**
 * Node's socket errors worded as Go's net package words them, since probe output quotes them:
 * `dial tcp 10.42.0.7:8080: connect: connection refused`, `dial tcp 10.42.0.7:8080: i/o timeout`.
 */
import { isIPv6 } from 'node:net';

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'broken pipe',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EINVAL: 'invalid argument',
  ECONNABORTED: 'software caused connection abort',
};

export interface SysError extends Error { code?: string; syscall?: string; address?: string; port?: number; hostname?: string }

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: number | string): string {
  return isIPv6(host) || host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Text of a failed dial to host:port (the error came from connecting, or from name lookup). */
export function dialErrorText(err: SysError, host: string, port: number): string {
  if (err.code === 'ENOTFOUND' || err.syscall === 'getaddrinfo') {
    return `dial tcp: lookup ${err.hostname ?? host}: no such host`;
  }
  const addr = joinHostPort(err.address ?? host, err.port ?? port);
  const text = err.code ? ERRNO_TEXT[err.code] : undefined;
  if (text) return `dial tcp ${addr}: connect: ${text}`;
  return `dial tcp ${addr}: ${err.message}`;
}

/** Text of a dial that did not finish before the deadline. */
export function dialTimeoutText(host: string, port: number): string {
  return `dial tcp ${joinHostPort(host, port)}: i/o timeout`;
}

/** Text of an error on an established connection (`read tcp 1.2.3.4:5->6.7.8.9:80: read: …`). */
export function connErrorText(err: SysError, local?: string, remote?: string): string {
  const text = err.code ? ERRNO_TEXT[err.code] : undefined;
  if (!text) return err.message;
  const op = err.syscall === 'write' ? 'write' : 'read';
  const ends = local && remote ? ` ${local}->${remote}` : '';
  return `${op} tcp${ends}: ${op}: ${text}`;
}
