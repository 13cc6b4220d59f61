/** Test support: an in-process API server on a memory store and a client for it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig, RestClient } from '../client/index.js';
import { startApiServer, type RunningApiServer } from './api-server.js';

export interface TestServer {
  srv: RunningApiServer;
  client: RestClient;
  close(): Promise<void>;
}

export async function startTestServer(datastoreEndpoint = 'memory://'): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'navarch-test-'));
  const srv = await startApiServer({ dataDir: dir, datastoreEndpoint, httpsPort: 0, bindAddress: '127.0.0.1' });
  const client = new RestClient(loadKubeconfig(srv.kubeconfigPath));
  return {
    srv,
    client,
    async close() {
      client.close();
      await srv.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
