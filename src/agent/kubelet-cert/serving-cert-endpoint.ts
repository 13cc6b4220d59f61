/**
 * The server half of agents' kubelet serving certificates, as k3s's /v1-k3s/serving-kubelet.crt:
 * `POST /v1-navarch/serving-kubelet.crt` with `{"nodeName", "addresses", "hostnames"}`, from a node
 * (the node token's identity or a node client certificate: group system:nodes) or an admin
 * (system:masters), answers `{"cert", "key"}`: a serving certificate for those names signed by the
 * cluster CA, which the API server's kubelet client trusts. A node that authenticates as
 * system:node:<name> may only ask for its own name. Names the API server's own certificate holds
 * (other than loopback ones) are refused: a node token must not buy a certificate that passes for the
 * API server. Shaped as the API server's NonResourceHandler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { badRequest, forbidden, StatusError } from '../../api/index.js';

export const KUBELET_SERVING_CERT_PATH = '/v1-navarch/serving-kubelet.crt';

/** The identity the shared node token authenticates as (it may ask for any node's certificate). */
const SHARED_NODE_USER = 'system:node:agent';
const MAX_BODY = 64 * 1024;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface ServingCertRequest { nodeName: string; addresses: string[]; hostnames: string[] }

export interface ServingCertIssuer {
  /** The API server's serving certificate (PEM): its names are not signed for nodes. */
  servingCert?: string;
  issueServingCert(names: { hostnames?: readonly string[]; ips?: readonly string[]; commonName?: string }): Promise<{ cert: string; key: string }>;
}

interface HandlerInput {
  req: IncomingMessage;
  res: ServerResponse;
  user: { name: string; groups: string[] } | undefined;
}

function isHostname(s: string): boolean {
  return s.length > 0 && s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/** Checks a request body; throws a 400 StatusError saying what is wrong. */
export function parseServingCertRequest(body: unknown): ServingCertRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (v: unknown, field: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest(`${field} must be a list of strings`);
    return v as string[];
  };
  const nodeName = b.nodeName;
  if (typeof nodeName !== 'string' || !isHostname(nodeName)) throw badRequest('nodeName must be a DNS subdomain (the node\'s name)');
  const addresses = list(b.addresses, 'addresses');
  const hostnames = list(b.hostnames, 'hostnames');
  for (const a of addresses) if (isIP(a) === 0) throw badRequest(`addresses: "${a}" is not an IP address`);
  for (const h of hostnames) if (!isHostname(h)) throw badRequest(`hostnames: "${h}" is not a DNS name`);
  if (addresses.length + hostnames.length > 32) throw badRequest('too many names: at most 32 addresses and host names');
  return { nodeName, addresses, hostnames };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** The non-loopback DNS names and IPs of a certificate, lower-case. */
export function reservedNames(certPem: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!certPem) return out;
  const san = new X509Certificate(certPem).subjectAltName ?? '';
  for (const part of san.split(/,\s*/)) {
    const m = /^(?:DNS|IP Address):(.+)$/.exec(part.trim());
    if (m && !LOOPBACK.has(m[1]!.toLowerCase())) out.add(m[1]!.toLowerCase());
  }
  return out;
}

/** Who may ask for a node's serving certificate; throws a 403 otherwise. */
export function authorizeServingCert(user: { name: string; groups: string[] } | undefined, nodeName: string): void {
  if (!user) throw new StatusError(401, 'Unauthorized', 'Unauthorized');
  if (user.groups.includes('system:masters')) return;
  if (!user.groups.includes('system:nodes')) {
    throw forbidden(`User "${user.name}" cannot get a kubelet serving certificate: only nodes (group system:nodes) can`);
  }
  if (user.name !== SHARED_NODE_USER && user.name !== `system:node:${nodeName}`) {
    throw forbidden(`User "${user.name}" cannot get a kubelet serving certificate for node "${nodeName}"`);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        reject(badRequest('the request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** The route's handler; failures are thrown as StatusErrors (the server answers them as Statuses). */
export function kubeletServingCertHandler(issuer: ServingCertIssuer): (r: HandlerInput) => Promise<void> {
  const reserved = reservedNames(issuer.servingCert);
  return async ({ req, res, user }) => {
    if (req.method !== 'POST') {
      throw new StatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource: ${req.method ?? ''} ${KUBELET_SERVING_CERT_PATH} (use POST)`);
    }
    const body = parseServingCertRequest(await readJson(req));
    authorizeServingCert(user, body.nodeName);
    const clash = [body.nodeName, ...body.hostnames, ...body.addresses].find((n) => reserved.has(n.toLowerCase()));
    if (clash) throw forbidden(`cannot sign a kubelet serving certificate for "${clash}": the API server's own certificate holds that name`);
    const issued = await issuer.issueServingCert({
      hostnames: [...new Set([body.nodeName, ...body.hostnames])], ips: [...new Set(body.addresses)], commonName: `system:node:${body.nodeName}`,
    });
    const text = JSON.stringify({ cert: issued.cert, key: issued.key });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
    res.end(text);
  };
}
