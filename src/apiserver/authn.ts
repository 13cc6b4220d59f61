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
  if (sock.authorized) {
    const id = identityFromPeerCert(sock.getPeerCertificate());
    if (id) return { name: id.user, groups: [...id.groups, 'system:authenticated'] };
  }
  return undefined;
}

export const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);
