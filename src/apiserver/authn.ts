/**
 * Authentication: who sent the request — a client certificate signed by the cluster CA, or a bearer
 * token known to the server. Anonymous requests get only the public endpoints.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { identityFromPeerCert } from '../pki/index.js';

export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
}

export type TokenAuthenticator = (token: string) => UserInfo | undefined;

export function authenticate(req: IncomingMessage, tokens: TokenAuthenticator): UserInfo | undefined {
  const auth = req.headers.authorization;
  if (auth && /^bearer /i.test(auth)) {
    const u = tokens(auth.slice(7).trim());
    if (u) return { ...u, groups: [...u.groups, 'system:authenticated'] };
    return undefined;
  }
  const sock = req.socket as TLSSocket;
  if (!sock.authorized) return undefined;
  // A connection's certificate does not change: read it once per socket.
  if (socketUsers.has(sock)) return socketUsers.get(sock);
  const id = identityFromPeerCert(sock.getPeerCertificate());
  const user = id ? { name: id.user, groups: [...id.groups, 'system:authenticated'] } : undefined;
  socketUsers.set(sock, user);
  return user;
}

const socketUsers = new WeakMap<TLSSocket, UserInfo | undefined>();

export const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);
