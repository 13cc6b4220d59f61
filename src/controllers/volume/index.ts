/**
 * Persistent volumes: the PV controller that binds claims to volumes and runs reclaim policies
 * (PersistentVolumeBinder, Kubernetes' persistentvolume-controller), and the built-in local-path
 * provisioner (LocalPathProvisioner, "rancher.io/local-path" as in k3s) that creates hostPath
 * volumes on the node the scheduler picked. The node-side half of local-path (removing a released
 * volume's data) lives in src/agent/local-path.
 */
export { PersistentVolumeBinder, CLAIM_REF_INDEX, type PersistentVolumeBinderOptions } from './pv-binder.js';
export { LocalPathProvisioner, type LocalPathProvisionerOptions } from './local-path-provisioner.js';
export {
  LOCAL_PATH_PROVISIONER, LOCAL_PATH_DIR_ANNOTATION, ANN_LOCAL_PATH_NODE, localPathVolume, localPathVolumeName, localPathClaimError, localPathDir,
} from './local-path-volume.js';
export { findBestMatch, volumeMismatch, accessModesFit } from './matching.js';
export {
  ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, ANN_PROVISIONED_BY, ANN_STORAGE_PROVISIONER, ANN_BETA_STORAGE_PROVISIONER,
  ANN_BETA_STORAGE_CLASS, NO_PROVISIONER, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, STORAGE_CLASSES, defaultClass, isDefaultClass,
  claimClass, volumeClass, isVolumeBoundToClaim,
  type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './objects.js';
export {
  MSG_WAIT_FOR_FIRST_CONSUMER, MSG_NO_VOLUME_NO_CLASS, externalProvisioningMessage,
} from './claim-sync.js';
