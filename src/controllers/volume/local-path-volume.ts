/**
 * The volume the local-path provisioner makes for a claim, as rancher's local-path-provisioner
 * (k3s's default storage) makes it: PV "pvc-<claim uid>", a hostPath directory
 * "<storage dir>/pvc-<uid>_<namespace>_<name>" (DirectoryOrCreate) on the selected node, pinned to
 * that node by kubernetes.io/hostname, the claim's size and access modes, the class's reclaim
 * policy. The storage directory is the one the node's agent announces in the node annotation
 * navarch.io/local-path-dir.
 */
import { posix } from 'node:path';
import {
  ANN_PROVISIONED_BY, annotation, claimClass, claimReference, type Node, type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './objects.js';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** On a node: the directory its agent keeps local-path volumes in. */
export const LOCAL_PATH_DIR_ANNOTATION = 'navarch.io/local-path-dir';
/** On a local-path volume: the node it lives on (as rancher's provisioner records it). */
export const ANN_LOCAL_PATH_NODE = 'local.path.provisioner/selected-node';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

export function localPathVolumeName(c: PersistentVolumeClaim): string {
  return `pvc-${c.metadata.uid ?? ''}`;
}

/** Why the claim cannot have a local-path volume (it never will: claims do not change), or undefined. */
export function localPathClaimError(c: PersistentVolumeClaim): string | undefined {
  if (c.spec?.selector) return 'claim.Spec.Selector is not supported';
  if ((c.spec?.accessModes ?? []).some((m) => !ACCESS_MODES.includes(m))) {
    return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
  }
  if ((c.spec?.volumeMode ?? 'Filesystem') !== 'Filesystem') return `volumeMode ${c.spec?.volumeMode ?? ''} is not supported, only Filesystem`;
  return undefined;
}

/** The node's local-path directory, or why there is none. */
export function localPathDir(node: Node | undefined, nodeName: string): { dir: string } | { error: string } {
  if (!node) return { error: `nodes "${nodeName}" not found` };
  const dir = annotation(node, LOCAL_PATH_DIR_ANNOTATION);
  if (!dir || !dir.startsWith('/') || posix.normalize(dir) === '/') {
    return { error: `no local path available on node ${nodeName} (its agent sets the annotation ${LOCAL_PATH_DIR_ANNOTATION})` };
  }
  return { dir: posix.normalize(dir).replace(/\/+$/, '') };
}

export function localPathVolume(c: PersistentVolumeClaim, sc: StorageClass, node: Node, dir: string): PersistentVolume {
  const nodeName = node.metadata.name ?? '';
  const folder = `${localPathVolumeName(c)}_${c.metadata.namespace ?? ''}_${c.metadata.name ?? ''}`;
  const hostname = node.metadata.labels?.[HOSTNAME_LABEL] ?? nodeName;
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: {
      name: localPathVolumeName(c),
      annotations: { [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER, [ANN_LOCAL_PATH_NODE]: nodeName },
    },
    spec: {
      capacity: { storage: c.spec?.resources?.requests?.storage ?? 0 },
      accessModes: [...(c.spec?.accessModes ?? [])],
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: claimClass(c),
      volumeMode: 'Filesystem',
      hostPath: { path: posix.join(dir, folder), type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [hostname] }] }] } },
      claimRef: claimReference(c),
      ...(sc.mountOptions ? { mountOptions: [...sc.mountOptions] } : {}),
    },
  };
}
