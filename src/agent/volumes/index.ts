/**
 * Pod volumes for the node agent (the kubelet's volume manager): emptyDir (disk, or a tmpfs for
 * medium Memory), hostPath with its type checks, configMap, secret, downwardAPI and projected volumes
 * written with the kubelet's atomic writer (`..data` symlink swap) and refreshed in place, service
 * account tokens from the TokenRequest API, persistentVolumeClaim and ephemeral volumes backed by
 * hostPath or local PersistentVolumes, fsGroup ownership, and the runtime mounts of each container
 * (subPath, subPathExpr, readOnly, mount propagation). Layout on disk:
 * `<root>/<pod uid>/volumes/kubernetes.io~<plugin>/<volume name>`.
 */
export { VolumeManager, type VolumeManagerOptions } from './volume-manager.js';
export { type PodVolume, PLUGIN_DIRS } from './pod-volume.js';
export { VolumeError, ContainerMountError } from './volume-error.js';
export { VOLUME_KINDS, DEFAULT_MODE, type VolumeKind } from './sources.js';
export { expandSubPathExpr } from './container-mounts.js';
export { writeAtomic, DATA_DIR, type FileProjection, type Payload } from './atomic-writer.js';
