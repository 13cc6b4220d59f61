/** Reads the parts of a kubeconfig a client needs: server URL, CA and client certificate or token. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Credentials {
  server: string;
  ca?: string;
  cert?: string;
  key?: string;
  token?: string;
  /** Sent as User-Agent; the server names a write's field manager after it (kube-controller-manager/…). */
  userAgent?: string;
}

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: Array<{ name: string; context: { cluster: string; user: string } }>;
  clusters?: Array<{ name: string; cluster: { server: string; 'certificate-authority-data'?: string } }>;
  users?: Array<{ name: string; user: { 'client-certificate-data'?: string; 'client-key-data'?: string; token?: string } }>;
}

const b64 = (s: string | undefined): string | undefined => (s ? Buffer.from(s, 'base64').toString('utf8') : undefined);

export function loadKubeconfig(path: string): Credentials {
  const kc = parse(readFileSync(path, 'utf8')) as KubeconfigFile;
  const ctxName = kc['current-context'];
  const ctx = kc.contexts?.find((c) => c.name === ctxName)?.context;
  const cluster = (ctx ? kc.clusters?.find((c) => c.name === ctx.cluster) : kc.clusters?.[0])?.cluster;
  const user = (ctx ? kc.users?.find((u) => u.name === ctx.user) : kc.users?.[0])?.user;
  if (!cluster) throw new Error(`Cannot read kubeconfig ${path}: no cluster`);
  return {
    server: cluster.server,
    ca: b64(cluster['certificate-authority-data']),
    cert: b64(user?.['client-certificate-data']),
    key: b64(user?.['client-key-data']),
    token: user?.token,
  };
}
