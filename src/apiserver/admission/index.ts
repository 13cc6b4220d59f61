/** Admission: the plugins that mutate and check writes before they are stored. */
export { AdmissionChain, type AdmissionPlugin, type Attributes, type Operation } from './admission.js';
export { NamespaceLifecycle } from './namespace-lifecycle.js';
export { ServiceAllocator } from './service-allocation.js';
export { PriorityAdmission } from './priority.js';
export { DefaultTolerationSeconds } from './default-toleration-seconds.js';
export { DefaultStorageClass, pickDefaultClass, type StorageClassSource } from './default-storage-class.js';
export {
  ServiceAccountAdmission, DEFAULT_SERVICE_ACCOUNT, type ServiceAccountAdmissionOptions, type ServiceAccountStores,
} from './service-account.js';
export { mountServiceAccountToken, tokenVolumeSource, TOKEN_MOUNT_PATH, TOKEN_VOLUME_PREFIX, TOKEN_EXPIRATION_SECONDS } from './service-account-volume.js';
export { parseCidr, contains, nthAddress, type Ipv4Range } from './ip-range.js';
export { LimitRanger, type LimitRangeStores, type LimitRangerOptions } from './limit-ranger.js';
export { ResourceQuotaAdmission, type ResourceQuotaAdmissionOptions } from './resource-quota.js';
export { quotaAccess, type QuotaAccess, type QuotaStores } from './resource-quota-access.js';
