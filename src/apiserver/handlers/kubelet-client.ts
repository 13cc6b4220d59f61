/**
 * How the API server reaches a node's kubelet (for pods/log): the node's address by preference of
 * type (InternalIP, ExternalIP, Hostname, as k3s configures it) and the port its status announces,
 * over HTTPS with the API server's kubelet-client certificate, checking the kubelet's serving
 * certificate against the cluster CA unless the request asks to skip that (insecureSkipTLSVerifyBackend).
 * Connection failures read as Go's client reports them ("Get "https://…": dial tcp …").
 */
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { connect, type TLSSocket } from 'node:tls';
import { StatusError } from '../../api/index.js';
import type { CertAndKey } from '../../pki/index.js';

export const DEFAULT_KUBELET_PORT = 10250;
/** The user the API server presents to kubelets (kubeadm's name for it), in group system:masters. */
export const KUBELET_CLIENT_USER = 'kube-apiserver-kubelet-client';
/** k3s's --kubelet-preferred-address-types. */
export const PREFERRED_ADDRESS_TYPES = ['InternalIP', 'ExternalIP', 'Hostname'] as const;

export interface KubeletClientOptions {
  /** The CA kubelets' serving certificates are checked against (the cluster CA). */
  ca: string;
  /** The client certificate presented to kubelets; asked for on first use and kept. */
  clientCert: () => Promise<CertAndKey>;
  preferredAddressTypes?: readonly string[];
}

export interface NodeView {
  metadata: { name?: string };
  status?: {
    addresses?: Array<{ type?: string; address?: string }>;
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
  };
}

function describeError(err: NodeJS.ErrnoException, host: string, port: number): string {
  const addr = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (err.code) {
    case 'ECONNREFUSED': return `dial tcp ${addr}: connect: connection refused`;
    case 'EHOSTUNREACH': return `dial tcp ${addr}: connect: no route to host`;
    case 'ETIMEDOUT': return `dial tcp ${addr}: i/o timeout`;
    case 'ENOTFOUND': return `dial tcp: lookup ${host}: no such host`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
    case 'ERR_TLS_CERT_ALTNAME_INVALID': return `tls: failed to verify certificate: x509: certificate is valid for other names, not ${host}`;
    default: return err.message;
  }
}

export class KubeletClient {
  private readonly agent = new Agent({ keepAlive: true, maxFreeSockets: 4 });
  private cert?: Promise<CertAndKey>;

  constructor(private readonly opts: KubeletClientOptions) {}

  /** The kubelet's host and port for a node; a 500 when the node has no usable address. */
  location(node: NodeView): { host: string; port: number } {
    const addresses = node.status?.addresses ?? [];
    for (const type of this.opts.preferredAddressTypes ?? PREFERRED_ADDRESS_TYPES) {
      const found = addresses.find((a) => a.type === type && a.address);
      if (found?.address) {
        const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
        return { host: found.address, port: port && port > 0 ? port : DEFAULT_KUBELET_PORT };
      }
    }
    const known = addresses.map((a) => `{${a.type ?? ''} ${a.address ?? ''}}`).join(' ');
    throw new StatusError(500, '', `no preferred addresses found; known addresses: [${known}]`);
  }

  /** Sends a GET; resolves with the response (any status), rejects with a 500 StatusError when unreachable. */
  async get(url: URL, opts: { insecureSkipVerify: boolean; signal: AbortSignal }): Promise<IncomingMessage> {
    const id = await this.clientCert();
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port) || 443;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(url, {
        method: 'GET', agent: this.agent, ca: this.opts.ca, cert: id.cert, key: id.key,
        rejectUnauthorized: !opts.insecureSkipVerify, signal: opts.signal,
      }, resolve);
      req.on('error', (err: NodeJS.ErrnoException) => {
        reject(new StatusError(500, '', `Get ${JSON.stringify(url.toString())}: ${describeError(err, host, port)}`));
      });
      req.end();
    });
  }

  /**
   * A TLS connection to a kubelet with the client certificate (for upgraded streams: exec, attach,
   * port-forward); rejects with `error dialing backend: …` as the API server's proxy reports it.
   */
  async dial(host: string, port: number, opts: { insecureSkipVerify?: boolean; signal?: AbortSignal } = {}): Promise<TLSSocket> {
    const id = await this.clientCert();
    return new Promise<TLSSocket>((resolve, reject) => {
      const socket = connect({
        host, port, ca: this.opts.ca, cert: id.cert, key: id.key, rejectUnauthorized: !opts.insecureSkipVerify,
        ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }),
      });
      const fail = (err: NodeJS.ErrnoException): void => {
        socket.destroy();
        reject(new StatusError(500, '', `error dialing backend: ${describeError(err, host, port)}`));
      };
      const onAbort = (): void => fail(Object.assign(new Error('context canceled'), { code: 'ABORT_ERR' }));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('secureConnect', () => {
        opts.signal?.removeEventListener('abort', onAbort);
        socket.off('error', fail);
        resolve(socket);
      });
      socket.once('error', fail);
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private clientCert(): Promise<CertAndKey> {
    this.cert ??= this.opts.clientCert().catch((err: unknown) => {
      this.cert = undefined;
      throw err;
    });
    return this.cert;
  }
}
