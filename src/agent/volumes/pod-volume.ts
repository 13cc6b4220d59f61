/**
 * A pod volume as prepared on the host, and where each kind lives: kinds the agent makes keep their
 * directory at `<root>/<uid>/volumes/<plugin>/<name>` with the kubelet's plugin directory names
 * (`kubernetes.io~configmap` …); hostPath and persistent volumes are used in place.
 */
import { join } from 'node:path';
import type { VolumeKind } from './sources.js';

export interface PodVolume {
  /** The volume's name in the pod spec. */
  name: string;
  kind: VolumeKind;
  /** Where the volume's content is on the host (what containers bind-mount). */
  hostPath: string;
  /** Containers must mount it read-only (configMap, secret, downwardAPI, projected; a claim's readOnly). */
  readOnly: boolean;
  /** The volume's directory is a tmpfs made for it (memory emptyDir, secret, downwardAPI, projected). */
  tmpfs: boolean;
  /** For claims: the PersistentVolume's name. */
  persistentVolume?: string;
}

export const PLUGIN_DIRS: Partial<Record<VolumeKind, string>> = {
  emptyDir: 'kubernetes.io~empty-dir',
  configMap: 'kubernetes.io~configmap',
  secret: 'kubernetes.io~secret',
  downwardAPI: 'kubernetes.io~downward-api',
  projected: 'kubernetes.io~projected',
};

export function podDir(root: string, uid: string): string {
  return join(root, uid);
}

export function podVolumesDir(root: string, uid: string): string {
  return join(root, uid, 'volumes');
}

/** The directory of a volume the agent makes (undefined for kinds used in place). */
export function volumeDir(root: string, uid: string, kind: VolumeKind, name: string): string | undefined {
  const plugin = PLUGIN_DIRS[kind];
  return plugin ? join(podVolumesDir(root, uid), plugin, name) : undefined;
}
