/**
 * For tests: an in-process API server (client/api-fixture) with a shared informer factory, the
 * controllers a test asks for running on it, and the real kubectl pointed at it. Not exported.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startApiFixture, type ApiFixture } from '../testing/index.js';
import { SharedInformerFactory, type Clientset } from '../client/index.js';
import type { Controller } from './runtime/index.js';

const run = promisify(execFile);

export interface ControllerFixture {
  fx: ApiFixture;
  clientset: Clientset;
  informers: SharedInformerFactory;
  /** Runs kubectl against the server; rejects (with stderr) when it fails. */
  k(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startControllerFixture(make: (cs: Clientset, informers: SharedInformerFactory, fx: ApiFixture) => Controller[]): Promise<ControllerFixture> {
  const fx = await startApiFixture();
  const clientset = fx.newClientset();
  const informers = new SharedInformerFactory(clientset, { log: () => undefined });
  const controllers = make(clientset, informers, fx);
  informers.start();
  await Promise.all(controllers.map((c) => c.start()));
  return {
    fx, clientset, informers,
    async k(...args) {
      try {
        const { stdout } = await run('kubectl', ['--kubeconfig', fx.server.kubeconfigPath, ...args]);
        return stdout;
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        throw new Error(`kubectl ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
      }
    },
    async stop() {
      await Promise.all(controllers.map((c) => c.stop()));
      await informers.stop();
      await fx.stop();
    },
  };
}
