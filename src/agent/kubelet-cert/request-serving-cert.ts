/**
 * The agent half of kubelet serving certificates: asks the server's
 * /v1-navarch/serving-kubelet.crt for a certificate for the node's names, authenticating with the
 * node token and trusting only the cluster CA. Shaped as startNodeAgent's kubeletServingCert option.
 */
import { request } from 'node:https';
import { KUBELET_SERVING_CERT_PATH } from './serving-cert-endpoint.js';

export interface ServerCredentials {
  /** https://host:port */
  server: string;
  /** The cluster CA (PEM). */
  ca: string;
  /** The node token, sent as a bearer token. */
  token: string;
}

export type ServingCertSource = (names: { hostnames: string[]; ips: string[]; commonName: string }) => Promise<{ cert: string; key: string }>;

function post(creds: ServerCredentials, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(KUBELET_SERVING_CERT_PATH, creds.server), {
      method: 'POST', ca: creds.ca, timeout: 30_000,
      headers: { Authorization: `Bearer ${creds.token}`, 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Requests a serving certificate for `nodeName` with the given names; throws saying why it could not. */
export async function requestKubeletServingCert(
  creds: ServerCredentials, nodeName: string, names: { hostnames: string[]; ips: string[] },
): Promise<{ cert: string; key: string }> {
  const where = `${creds.server}${KUBELET_SERVING_CERT_PATH}`;
  const body = JSON.stringify({ nodeName, addresses: names.ips, hostnames: names.hostnames.filter((h) => h !== nodeName) });
  const r = await post(creds, body).catch((err: Error) => { throw new Error(`Cannot get the kubelet serving certificate from ${where}: ${err.message}`); });
  let parsed: { cert?: unknown; key?: unknown; message?: unknown } = {};
  try {
    parsed = JSON.parse(r.text) as typeof parsed;
  } catch { /* reported below */ }
  if (r.status !== 200) {
    const why = r.status === 404 ? 'the server does not issue kubelet serving certificates' : typeof parsed.message === 'string' ? parsed.message : r.text.trim();
    throw new Error(`Cannot get the kubelet serving certificate from ${where}: ${r.status} ${why}`);
  }
  if (typeof parsed.cert !== 'string' || typeof parsed.key !== 'string') {
    throw new Error(`Cannot get the kubelet serving certificate from ${where}: the answer holds no certificate and key`);
  }
  return { cert: parsed.cert, key: parsed.key };
}

/** startNodeAgent's kubeletServingCert for an agent: the server signs, the node token authenticates. */
export function servingCertFromServer(creds: ServerCredentials, nodeName: string): ServingCertSource {
  return (names) => requestKubeletServingCert(creds, nodeName, names);
}
