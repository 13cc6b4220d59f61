/**
 * The storage.k8s.io kinds of CSI drivers: CSIDriver, CSINode, CSIStorageCapacity and
 * VolumeAttachment. navarch runs no CSI driver (its volumes are node-local), so nothing acts on them;
 * they are stored and validated for the tools and manifests that use them.
 */
import type { ResourceDef } from '../../resource.js';
import { csidrivers } from './csi-driver.js';
import { csinodes } from './csi-node.js';
import { csistoragecapacities } from './csi-storage-capacity.js';
import { volumeattachments } from './volume-attachment.js';

export { CSIDriverSchema } from './csi-driver.js';
export { CSINodeSchema } from './csi-node.js';
export { CSIStorageCapacitySchema } from './csi-storage-capacity.js';
export { VolumeAttachmentSchema } from './volume-attachment.js';

export const csiStorageResources: ResourceDef[] = [csidrivers, csinodes, csistoragecapacities, volumeattachments];
