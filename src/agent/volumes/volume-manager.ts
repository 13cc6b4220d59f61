/**
 * The agent's volume manager (the kubelet's, reduced to one node's needs): prepares every volume of
 * a pod on the host before its containers start, keeps API-backed volumes (configMap, secret,
 * downwardAPI, projected) in step with their objects, turns volumeMounts into runtime mounts, and
 * removes a pod's volumes when it is gone — never the data of hostPath or persistent volumes, which
 * are used in place. Work on one pod is serialized; different pods proceed in parallel.
 */
import { chmod, lstat, mkdir, readdir, realpath, rmdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Container, Pod, Volume } from '../../api/types/core/pod/index.js';
import type { Clientset } from '../../client/index.js';
import type { Mount } from '../runtime/index.js';
import { ApiObjects } from './api-objects.js';
import { writeAtomic, type Payload } from './atomic-writer.js';
import { resolveClaim } from './claims.js';
import { containerMounts } from './container-mounts.js';
import { checkHostPathType } from './host-path-type.js';
import { mountEntry, mountTmpfs, mountsUnder, removeTree, unmountAll } from './host-mounts.js';
import { memoryVolumeSize } from './memory-size.js';
import { setVolumeOwnership, type FSGroupChangePolicy } from './ownership.js';
import {
  configMapVolumeFiles, downwardAPIVolumeFiles, projectedVolumeFiles, secretVolumeFiles, type PayloadContext,
} from './payloads.js';
import { podDir, podVolumesDir, volumeDir, type PodVolume } from './pod-volume.js';
import {
  sourceOf, volumeKind, type ClaimSource, type ConfigMapSource, type DownwardAPISource, type EmptyDirSource,
  type HostPathSource, type ProjectedSource, type SecretSource, type VolumeKind,
} from './sources.js';
import { TokenManager } from './token-manager.js';
import { setUpFailed, unableToMount, VolumeError, VolumeFailure } from './volume-error.js';

export interface VolumeManagerOptions {
  /** `<dataDir>/pods`: a pod's volumes live under `<root>/<uid>/volumes/<plugin>/<name>`. */
  root: string;
  clientset: Clientset;
  nodeName: string;
  log?: (line: string) => void;
  /**
   * Back memory-medium emptyDirs and secret, downwardAPI and projected volumes with a tmpfs each, as
   * the kubelet does (needs root). Default: when running as root; otherwise plain directories.
   */
  tmpfs?: boolean;
}

/** Kinds whose content the agent writes from API objects, and refreshes. */
const API_BACKED: ReadonlySet<VolumeKind> = new Set(['configMap', 'secret', 'downwardAPI', 'projected']);
/** Kinds the kubelet puts on a tmpfs (its wrapped emptyDir has medium Memory). */
const MEMORY_BACKED: ReadonlySet<VolumeKind> = new Set(['secret', 'downwardAPI', 'projected']);

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface PodState {
  volumes: Map<string, PodVolume>;
}

function podRef(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The path with symlinks resolved (as /proc/self/mountinfo names it), or itself when it does not exist. */
async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

export class VolumeManager {
  private readonly root: string;
  private readonly objects: ApiObjects;
  private readonly tokens: TokenManager;
  private readonly log: (line: string) => void;
  private readonly useTmpfs: boolean;
  private readonly pods = new Map<string, PodState>();
  private readonly locks = new Map<string, Promise<void>>();

  constructor(opts: VolumeManagerOptions) {
    this.root = resolve(opts.root);
    this.objects = new ApiObjects(opts.clientset, opts.nodeName);
    this.tokens = new TokenManager(opts.clientset);
    this.log = opts.log ?? (() => undefined);
    this.useTmpfs = opts.tmpfs ?? process.getuid?.() === 0;
  }

  /** Prepares every volume of the pod on the host; returns volume name -> volume. Idempotent (called on every sync). */
  async setUpPod(pod: Pod, _podIPs?: string[]): Promise<Map<string, PodVolume>> {
    const uid = this.uidOf(pod.metadata.uid);
    return this.serialize(uid, async () => {
      let state = this.pods.get(uid);
      if (!state) this.pods.set(uid, state = { volumes: new Map() });
      const failures: Array<{ volume: string; message: string }> = [];
      for (const v of pod.spec?.volumes ?? []) {
        const name = v.name ?? '';
        if (state.volumes.has(name)) continue;
        try {
          const vol = await this.setUpVolume(pod, uid, v);
          state.volumes.set(name, vol);
          this.log(`volumes: pod ${podRef(pod)}: ${vol.kind} volume ${JSON.stringify(name)} ready at ${vol.hostPath}`);
        } catch (err) {
          const message = err instanceof VolumeFailure ? err.message : setUpFailed(name, errorText(err));
          this.log(`volumes: pod ${podRef(pod)}: ${message}`);
          failures.push({ volume: name, message });
        }
      }
      if (failures.length) throw new VolumeError(failures);
      const out = new Map<string, PodVolume>();
      for (const v of pod.spec?.volumes ?? []) out.set(v.name ?? '', state.volumes.get(v.name ?? '')!);
      return out;
    });
  }

  /** Mounts for one container (volumeMounts with subPath / subPathExpr, readOnly, mountPropagation). */
  containerMounts(pod: Pod, container: Container, volumes: Map<string, PodVolume>, env?: Record<string, string>): Mount[] {
    return containerMounts(pod, container, volumes, env);
  }

  /**
   * Re-writes the configMap, secret, downwardAPI and projected volumes already set up (an atomic
   * swap of `..data` when something changed; renewed tokens). A failing volume keeps its old content
   * and is reported in the VolumeError thrown after the others were refreshed.
   */
  async refreshPod(pod: Pod): Promise<void> {
    const uid = this.uidOf(pod.metadata.uid);
    await this.serialize(uid, async () => {
      const state = this.pods.get(uid);
      if (!state) return;
      const failures: Array<{ volume: string; message: string }> = [];
      for (const v of pod.spec?.volumes ?? []) {
        const vol = state.volumes.get(v.name ?? '');
        if (!vol || !API_BACKED.has(vol.kind)) continue;
        try {
          if (await this.writeContent(pod, v, vol.kind, vol.hostPath)) {
            this.log(`volumes: pod ${podRef(pod)}: ${vol.kind} volume ${JSON.stringify(vol.name)} updated`);
          }
        } catch (err) {
          const message = setUpFailed(vol.name, errorText(err));
          this.log(`volumes: pod ${podRef(pod)}: ${message}`);
          failures.push({ volume: vol.name, message });
        }
      }
      if (failures.length) throw new VolumeError(failures);
    });
  }

  /** Removes the pod's volumes: unmounts its tmpfs mounts, deletes its directories. */
  async tearDownPod(uid: string): Promise<void> {
    const id = this.uidOf(uid);
    await this.serialize(id, async () => {
      this.pods.delete(id);
      this.tokens.forgetPod(id);
      const dir = podDir(this.root, id);
      const volumes = podVolumesDir(this.root, id);
      // Only what is under volumes/ is ours to unmount; mountinfo shows real paths.
      for (const m of await mountsUnder(await realOrSelf(volumes))) await unmountAll(m);
      await removeTree(volumes);
      try {
        await rmdir(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTEMPTY') throw err;
      }
      this.log(`volumes: removed the volumes of pod ${id}`);
    });
  }

  /** uids of pods with volume directories on disk (for orphan cleanup after a restart). */
  async podsOnDisk(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: string[] = [];
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      try {
        if ((await lstat(podVolumesDir(this.root, e.name))).isDirectory()) out.push(e.name);
      } catch { /* no volumes dir */ }
    }
    return out.sort();
  }

  private uidOf(uid: string | undefined): string {
    if (!uid || !SAFE_NAME.test(uid)) throw new Error(`Cannot manage volumes: invalid pod uid ${JSON.stringify(uid ?? '')}`);
    return uid;
  }

  private serialize<T>(uid: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(uid) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.then(() => undefined, () => undefined);
    this.locks.set(uid, tail);
    void tail.then(() => {
      if (this.locks.get(uid) === tail) this.locks.delete(uid);
    });
    return run;
  }

  private fsGroup(pod: Pod): { gid?: number; policy: FSGroupChangePolicy } {
    const sc = pod.spec?.securityContext;
    return { gid: sc?.fsGroup, policy: sc?.fsGroupChangePolicy === 'OnRootMismatch' ? 'OnRootMismatch' : 'Always' };
  }

  private async setUpVolume(pod: Pod, uid: string, v: Volume): Promise<PodVolume> {
    const name = v.name ?? '';
    if (!SAFE_NAME.test(name)) throw new Error(`invalid volume name ${JSON.stringify(name)}`);
    const which = volumeKind(v);
    if ('unsupported' in which) {
      throw new VolumeFailure(unableToMount([name], `failed to get Plugin from volumeSpec for volume ${JSON.stringify(name)} err=no volume plugin matched`));
    }
    const kind = which.kind;
    const base = { name, kind, readOnly: false, tmpfs: false };
    switch (kind) {
      case 'hostPath': {
        const src = sourceOf<HostPathSource>(v, kind);
        await checkHostPathType(src.path ?? '', src.type);
        return { ...base, hostPath: src.path ?? '' };
      }
      case 'persistentVolumeClaim':
      case 'ephemeral': {
        const ephemeral = kind === 'ephemeral';
        const claimName = ephemeral ? `${pod.metadata.name ?? ''}-${name}` : sourceOf<ClaimSource>(v, kind).claimName ?? '';
        const claim = await resolveClaim(this.objects, pod, name, claimName, ephemeral);
        const readOnly = !ephemeral && sourceOf<ClaimSource>(v, kind).readOnly === true;
        return { ...base, hostPath: claim.hostPath, readOnly, persistentVolume: claim.pvName };
      }
      case 'emptyDir':
        return this.setUpEmptyDir(pod, uid, v);
      default: {
        const dir = volumeDir(this.root, uid, kind, name)!;
        const tmpfs = MEMORY_BACKED.has(kind) && this.useTmpfs;
        await this.prepareDir(dir, 0o777, tmpfs ? await this.tmpfsSize(pod) : undefined);
        await this.writeContent(pod, v, kind, dir);
        return { ...base, hostPath: dir, readOnly: true, tmpfs };
      }
    }
  }

  private async setUpEmptyDir(pod: Pod, uid: string, v: Volume): Promise<PodVolume> {
    const name = v.name ?? '';
    const src = sourceOf<EmptyDirSource>(v, 'emptyDir');
    const medium = src.medium ?? '';
    if (medium !== '' && medium !== 'Memory') throw new Error(`emptyDir medium ${JSON.stringify(medium)} is not supported by this node`);
    const dir = volumeDir(this.root, uid, 'emptyDir', name)!;
    const tmpfs = medium === 'Memory' && this.useTmpfs;
    const size = tmpfs ? await this.tmpfsSize(pod, src.sizeLimit) : undefined;
    const made = await this.prepareDir(dir, src.mode ?? 0o777, size);
    if (made && src.mode !== undefined) await chmod(dir, src.mode);
    const { gid, policy } = this.fsGroup(pod);
    if (made && gid !== undefined) await setVolumeOwnership(dir, gid, false, policy);
    return { name, kind: 'emptyDir', hostPath: dir, readOnly: false, tmpfs };
  }

  private async tmpfsSize(pod: Pod, sizeLimit?: string | number): Promise<number> {
    return memoryVolumeSize(pod, await this.objects.allocatableMemory(), sizeLimit);
  }

  /**
   * Makes the volume directory (mode `mode`, whatever the umask) and, with `tmpfsSize`, mounts a
   * tmpfs on it unless one is there. Returns whether anything was made (a new directory or mount).
   */
  private async prepareDir(dir: string, mode: number, tmpfsSize: number | undefined): Promise<boolean> {
    let made = false;
    try {
      await lstat(dir);
    } catch {
      await mkdir(dir, { recursive: true, mode: 0o750 });
      await chmod(dir, mode);
      made = true;
    }
    if (tmpfsSize !== undefined && (await mountEntry(await realOrSelf(dir)))?.fsType !== 'tmpfs') {
      await mountTmpfs(dir, tmpfsSize);
      made = true;
    }
    return made;
  }

  /** Computes and atomically writes an API-backed volume's files; true when the content changed. */
  private async writeContent(pod: Pod, v: Volume, kind: VolumeKind, dir: string): Promise<boolean> {
    const { gid } = this.fsGroup(pod);
    const ctx: PayloadContext = { pod, objects: this.objects, tokens: this.tokens, fsGroup: gid };
    let payload: Payload;
    switch (kind) {
      case 'configMap': payload = await configMapVolumeFiles(ctx, sourceOf<ConfigMapSource>(v, kind)); break;
      case 'secret': payload = await secretVolumeFiles(ctx, sourceOf<SecretSource>(v, kind)); break;
      case 'downwardAPI': payload = await downwardAPIVolumeFiles(ctx, sourceOf<DownwardAPISource>(v, kind)); break;
      case 'projected': payload = await projectedVolumeFiles(ctx, sourceOf<ProjectedSource>(v, kind)); break;
      default: throw new Error(`Cannot write content: ${kind} volumes have none`);
    }
    return writeAtomic(dir, payload, {
      setPerms: gid === undefined ? undefined : (target) => setVolumeOwnership(target, gid, true),
      linkGroup: gid,
    });
  }
}
