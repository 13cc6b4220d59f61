/**
 * The node token, k3s-style: `K10<sha256 of the CA bundle>::server:<secret>`, written to
 * <data-dir>/node-token by the server and registered as a bearer token for the identity
 * system:node:agent (group system:nodes). An agent given the token fetches the CA bundle from the
 * server's public /cacerts path without trusting it yet, and accepts it only if its hash matches the
 * one in the token: the token is how the agent learns both whom to trust and how to prove itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

export const NODE_TOKEN_FILE = 'node-token';
export const NODE_USER = { name: 'system:node:agent', groups: ['system:nodes'] };

export interface TokenRegistry {
  pki: { caCert: string };
  addToken(token: string, user: { name: string; groups: string[] }): void;
}

export interface NodeToken { caHash?: string; secret: string; raw: string }

export function caHash(caBundle: string): string {
  return createHash('sha256').update(caBundle).digest('hex');
}

/** Parses `K10<hash>::<user>:<secret>`; any other string is a bare secret with no CA hash. */
export function parseNodeToken(raw: string): NodeToken {
  const t = raw.trim();
  const m = /^K10([0-9a-f]{64})::[^:]+:(.+)$/.exec(t);
  return m ? { caHash: m[1], secret: m[2], raw: t } : { secret: t, raw: t };
}

/**
 * Reads <dataDir>/node-token, creating it on first start, and registers it (and its bare secret)
 * with the API server. Returns the token. A token whose CA hash no longer matches (new CA) is
 * replaced.
 */
export function ensureNodeToken(dataDir: string, api: TokenRegistry): string {
  const path = join(dataDir, NODE_TOKEN_FILE);
  const hash = caHash(api.pki.caCert);
  let token = existsSync(path) ? parseNodeToken(readFileSync(path, 'utf8')) : undefined;
  if (!token || token.caHash !== hash) {
    token = parseNodeToken(`K10${hash}::server:${randomBytes(16).toString('hex')}`);
    writeFileSync(path, `${token.raw}\n`, { mode: 0o600 });
  }
  api.addToken(token.raw, { name: NODE_USER.name, groups: [...NODE_USER.groups] });
  api.addToken(token.secret, { name: NODE_USER.name, groups: [...NODE_USER.groups] });
  return token.raw;
}

/**
 * The handler for GET /cacerts (public, no authentication): the CA bundle as PEM. Shaped as the
 * API server's NonResourceHandler; the server routes /cacerts and lists it among PUBLIC_PATHS.
 */
export function cacertsHandler(caCert: string): (r: { res: ServerResponse }) => void {
  return ({ res }) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(caCert) });
    res.end(caCert);
  };
}

/** Fetches <server>/cacerts without verifying the server (not yet trusted) and checks it against the token's hash. */
export async function fetchTrustedCA(server: string, token: NodeToken): Promise<string> {
  if (!token.caHash) {
    throw new Error(`Cannot trust the server at ${server}: the token carries no CA hash (use the K10… token from the server's node-token file, or pass --server-ca FILE)`);
  }
  const body = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(new URL('/cacerts', server), { method: 'GET', rejectUnauthorized: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  }).catch((err: unknown) => { throw new Error(`Cannot fetch ${server}/cacerts: ${err instanceof Error ? err.message : String(err)}`); });
  if (body.status !== 200) {
    throw new Error(`Cannot trust the server at ${server}: GET /cacerts answered ${body.status} (pass --server-ca FILE instead)`);
  }
  if (caHash(body.text) !== token.caHash) {
    throw new Error(`Cannot trust the server at ${server}: its CA does not match the hash in the token`);
  }
  return body.text;
}
