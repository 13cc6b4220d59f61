// Kubeconfig files: the YAML that kubectl and the client libraries read to find the API server,
// trust its CA and present a client certificate.
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Pki } from './load-or-create.js';
import { PRIVATE_FILE_MODE, writeFileAtomic } from './pem-files.js';

export interface KubeconfigOptions {
  /** API server URL, e.g. https://127.0.0.1:6443 */
  server: string;
  /** PEM of the CA that signed the server's certificate. */
  caCert: string;
  /** PEM client certificate and key. */
  clientCert: string;
  clientKey: string;
  /** Cluster and context name (default "navarch"). */
  name?: string;
  /** User entry name (default "admin"). */
  user?: string;
}

export const KUBECONFIG_FILE = 'kubeconfig.yaml';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function kubeconfigYaml(opts: KubeconfigOptions): string {
  const name = opts.name ?? 'navarch';
  const user = opts.user ?? 'admin';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: opts.server, 'certificate-authority-data': base64(opts.caCert) } }],
    contexts: [{ name, context: { cluster: name, user } }],
    'current-context': name,
    preferences: {},
    users: [
      {
        name: user,
        user: {
          'client-certificate-data': base64(opts.clientCert),
          'client-key-data': base64(opts.clientKey),
        },
      },
    ],
  };
  return stringify(config, { lineWidth: 0 });
}

/** Writes the admin kubeconfig to <dataDir>/kubeconfig.yaml (mode 0600) and returns its path. */
export async function writeKubeconfig(
  dataDir: string,
  server: string,
  pki: Pick<Pki, 'caCert' | 'adminCert' | 'adminKey'>,
): Promise<string> {
  const path = join(dataDir, KUBECONFIG_FILE);
  const yaml = kubeconfigYaml({ server, caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminKey });
  await writeFileAtomic(path, yaml, PRIVATE_FILE_MODE);
  return path;
}
