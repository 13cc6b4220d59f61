/**
 * The etcd://HOST:PORT[,HOST:PORT…] driver: the store lives in a real etcd cluster (several servers
 * can share it), reached through the etcd3 gRPC client. startTestEtcd runs a throwaway etcd for tests.
 */
import { EtcdBackend } from './etcd-backend.js';

export { EtcdBackend } from './etcd-backend.js';
export { startTestEtcd, type TestEtcd } from './etcd-fixture.js';

/** Connects to etcd and checks it answers, so a wrong endpoint fails at startup with a clear error. */
export async function openEtcdBackend(endpoints: string[]): Promise<EtcdBackend> {
  const backend = new EtcdBackend(endpoints);
  try {
    await backend.currentRevision();
  } catch (err) {
    await backend.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot open etcd at ${endpoints.join(',')}: ${reason}`, { cause: err });
  }
  return backend;
}
