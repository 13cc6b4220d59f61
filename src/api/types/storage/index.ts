/**
 * The storage.k8s.io group: StorageClasses, which say how volumes for claims of a class are
 * provisioned, bound and reclaimed; and the CSI kinds (CSIDriver, CSINode, CSIStorageCapacity,
 * VolumeAttachment), stored and validated though navarch runs no CSI driver.
 */
import type { ResourceDef } from '../../resource.js';
import { csiStorageResources } from './csi-index.js';
import { storageclasses } from './storage-class.js';

export * from './storage-class.js';
export * from './csi-index.js';

export const storageResources: ResourceDef[] = [storageclasses, ...csiStorageResources];
