/**
 * The storage.k8s.io group: StorageClasses, which say how volumes for claims of a class are
 * provisioned, bound and reclaimed.
 */
import type { ResourceDef } from '../../resource.js';
import { storageclasses } from './storage-class.js';

export * from './storage-class.js';

export const storageResources: ResourceDef[] = [storageclasses];
