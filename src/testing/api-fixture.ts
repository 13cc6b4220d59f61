/**
 * For tests: a real API server in this process (HTTPS on 127.0.0.1, a random port), a Clientset
 * for it, and a restart on the same data directory and port. Test support only; no component imports it outside tests and fixtures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type RunningApiServer } from '../apiserver/index.js';
import { Clientset } from '../client/index.js';

export interface ApiFixture {
  server: RunningApiServer;
  clientset: Clientset;
  dataDir: string;
  /**
   * Stops the server and starts a new one on the same data directory and port. whileDown runs
   * meanwhile against a server on another port over the same data, unseen by clients of the first.
   */
  restart(downMs?: number, whileDown?: (other: Clientset, server: RunningApiServer) => Promise<void>): Promise<void>;
  /** A new Clientset (its own connections); closed by stop(). */
  newClientset(): Clientset;
  stop(): Promise<void>;
}

/**
 * store 'memory' (default) or 'sqlite' (needed to survive restart()). The ServiceAccount admission
 * plugin is off: no controller makes the `default` account pods would need.
 */
export async function startApiFixture(store: 'memory' | 'sqlite' = 'memory'): Promise<ApiFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'navarch-client-'));
  const cfg = {
    dataDir, datastoreEndpoint: store === 'memory' ? 'memory://' : undefined, bindAddress: '127.0.0.1',
    disableAdmissionPlugins: ['ServiceAccount'],
  };
  let server = await startApiServer({ ...cfg, httpsPort: 0 });
  const clientsets: Clientset[] = [];
  const newClientset = (): Clientset => {
    const c = Clientset.fromKubeconfig(server.kubeconfigPath);
    clientsets.push(c);
    return c;
  };
  const fx: ApiFixture = {
    server,
    clientset: newClientset(),
    dataDir,
    newClientset,
    async restart(downMs = 0, whileDown) {
      const port = server.port;
      await server.stop();
      if (downMs) await new Promise((r) => setTimeout(r, downMs));
      if (whileDown) {
        const other = await startApiServer({ ...cfg, httpsPort: 0 });
        const cs = Clientset.fromKubeconfig(other.kubeconfigPath);
        try {
          await whileDown(cs, other);
        } finally {
          cs.close();
          await other.stop();
        }
      }
      server = await startApiServer({ ...cfg, httpsPort: port });
      fx.server = server;
    },
    async stop() {
      for (const c of clientsets) c.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fx;
}

/** Polls until check() is true; fails with what after timeoutMs. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
