/**
 * The node side of local-path storage (k3s's default StorageClass): where the node keeps its
 * volumes (<data dir>/storage, announced in the Node annotation navarch.io/local-path-dir for the
 * provisioner in the server), and a loop that creates each local-path volume's directory on this
 * node and, when a volume is released with reclaim policy Delete, removes its data and deletes the
 * PersistentVolume.
 */
export { LOCAL_PATH_DIR_ANNOTATION, localPathStorageDir, localPathNodeAnnotations } from './storage-dir.js';
export {
  startLocalPathCleaner, localPathVolumeDir, localPathVolumeNode, type LocalPathCleaner, type LocalPathCleanerOptions,
} from './cleaner.js';
