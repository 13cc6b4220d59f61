/** Admission: the plugins that mutate and check writes before they are stored. */
export { AdmissionChain, type AdmissionPlugin, type Attributes, type Operation } from './admission.js';
export { NamespaceLifecycle } from './namespace-lifecycle.js';
export { ServiceAllocator } from './service-allocation.js';
export { parseCidr, contains, nthAddress, type Ipv4Range } from './ip-range.js';
