/**
 * The node half of the local-path provisioner ("rancher.io/local-path"), what rancher's helper pods
 * do on k3s: for the local-path volumes of this node it creates each volume's directory (mode 0777,
 * so containers running as any user can write) and, once a volume is Released with reclaim policy
 * Delete, removes its directory and then deletes the PersistentVolume. Only directories directly
 * inside the node's storage directory and named "pvc-…" are ever touched.
 */
import { chmod, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { KObject } from '../../api/index.js';
import { Informer, isNotFound, type Clientset } from '../../client/index.js';
import { Controller, EventRecorder } from '../../controllers/runtime/index.js';

const PERSISTENT_VOLUMES = { group: '', version: 'v1', resource: 'persistentvolumes' };
const PROVISIONER = 'rancher.io/local-path';
const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
const ANN_NODE = 'local.path.provisioner/selected-node';
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

interface Volume extends KObject {
  spec?: {
    persistentVolumeReclaimPolicy?: string;
    hostPath?: { path?: string };
    local?: { path?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms?: Array<{ matchExpressions?: Array<{ key?: string; operator?: string; values?: string[] }> }> } } | null;
  };
  status?: { phase?: string };
}

export interface LocalPathCleanerOptions {
  clientset: Clientset;
  /** This node's name (volumes of other nodes are left alone). */
  nodeName: string;
  /** The node's local-path storage directory (localPathStorageDir(dataDir)). */
  storageDir: string;
  log?: (line: string) => void;
}

export interface LocalPathCleaner {
  stop(): Promise<void>;
}

/** The node a local-path volume lives on: the provisioner's annotation, else its hostname affinity. */
export function localPathVolumeNode(v: Volume): string | undefined {
  const ann = v.metadata.annotations?.[ANN_NODE];
  if (ann) return ann;
  for (const t of v.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const e of t.matchExpressions ?? []) {
      if (e.key === HOSTNAME_LABEL && e.operator === 'In' && e.values?.length === 1) return e.values[0];
    }
  }
  return undefined;
}

/** The volume's directory if it is one this node may touch: "<storageDir>/pvc-…", else undefined. */
export function localPathVolumeDir(v: Volume, storageDir: string): string | undefined {
  const path = v.spec?.hostPath?.path ?? v.spec?.local?.path;
  if (!path || !isAbsolute(path)) return undefined;
  const dir = resolve(path);
  if (dirname(dir) !== resolve(storageDir) || !basename(dir).startsWith('pvc-')) return undefined;
  return dir;
}

async function ensureDir(dir: string): Promise<boolean> {
  await mkdir(dirname(dir), { recursive: true, mode: 0o755 });
  try {
    await mkdir(dir, { mode: 0o777 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  await chmod(dir, 0o777); // past the umask
  return true;
}

export function startLocalPathCleaner(o: LocalPathCleanerOptions): LocalPathCleaner {
  const log = o.log ?? ((line: string) => process.stderr.write(`local-path: ${line}\n`));
  const client = o.clientset.resource<Volume>(PERSISTENT_VOLUMES);
  const informer = new Informer<Volume>(client, { log });
  const recorder = new EventRecorder(o.clientset, { component: PROVISIONER, host: o.nodeName }, { log });

  const reconcile = async (name: string): Promise<void> => {
    const v = informer.store.get(name);
    if (!v || v.metadata.annotations?.[ANN_PROVISIONED_BY] !== PROVISIONER || localPathVolumeNode(v) !== o.nodeName) return;
    const dir = localPathVolumeDir(v, o.storageDir);
    const phase = v.status?.phase;
    if (phase === 'Released' && v.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      if (!dir) {
        const path = v.spec.hostPath?.path ?? v.spec.local?.path ?? '';
        recorder.event(v, 'Warning', 'VolumeFailedDelete', `failed to delete volume ${name}: ${path} is not a volume directory in ${resolve(o.storageDir)}`);
        return;
      }
      try {
        await rm(dir, { recursive: true, force: true });
      } catch (err) {
        recorder.event(v, 'Warning', 'VolumeFailedDelete', `failed to delete volume ${name}: ${(err as Error).message}`);
        throw err;
      }
      try {
        await client.delete(name, { preconditions: { uid: v.metadata.uid } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      log(`deleted volume ${name} and its data at ${dir}`);
      return;
    }
    if (dir && phase !== 'Released' && phase !== 'Failed' && !v.metadata.deletionTimestamp) {
      if (await ensureDir(dir)) log(`created ${dir} for volume ${name}`);
    }
  };

  const controller = new Controller({ name: 'local-path-cleaner', workers: 1, log, reconcile }).watch(informer);
  informer.start();
  void controller.start();
  return {
    async stop() {
      await controller.stop();
      await informer.stop();
      await recorder.flush();
    },
  };
}
