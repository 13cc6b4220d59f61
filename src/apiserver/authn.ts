/**
 * Authentication: who sent the request — a client certificate signed by the cluster CA, or a bearer
 * token known to the server. Anonymous requests get only the public endpoints.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { forbidden } from '../api/index.js';
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

/**
 * Impersonate-User / Impersonate-Group headers: honoured for members of system:masters (who may
 * impersonate anyone, as with Kubernetes' default RBAC), refused for everyone else.
 */
export function impersonate(req: IncomingMessage, user: UserInfo): UserInfo {
  const as = req.headers['impersonate-user'];
  const groupsHeader = req.headers['impersonate-group'];
  if (as === undefined && groupsHeader === undefined) return user;
  const name = Array.isArray(as) ? as[0] : as;
  if (!user.groups.includes('system:masters')) {
    throw forbidden(`users "${name ?? ''}" is forbidden: User "${user.name}" cannot impersonate resource "users" in API group "" at the cluster scope`);
  }
  if (!name) throw forbidden('requested impersonation of groups without a user');
  const groups = groupsHeader === undefined ? [] : Array.isArray(groupsHeader) ? groupsHeader : [groupsHeader];
  const sa = /^system:serviceaccount:([^:]+):[^:]+$/.exec(name);
  const implied = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [];
  return { name, groups: [...new Set([...groups, ...implied, 'system:authenticated'])] };
}

/** Paths anyone may read: health, version, and the cluster CA (agents check it against their token's hash). */
export const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version', '/cacerts']);
