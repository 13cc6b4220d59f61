/**
 * Images for the node agent: image references with Docker Hub's defaults, registry mirrors and
 * credentials (`<dataDir>/registries.yaml`, k3s' format), a Registry HTTP API v2 client that picks
 * the node's platform from an index and verifies every digest, a content-addressed layer store
 * whose unpacked layers (whiteouts in overlayfs form) become containers' lower layers, imports of
 * OCI layouts and `docker save` archives, the kubelet's pull policies, error reasons and messages,
 * the pull back-off, and image garbage collection by disk usage.
 */
export {
  parseReference, withDefaultTag, formatReference, familiarReference, repositoryName, normalizeImage,
  InvalidReferenceError, DEFAULT_DOMAIN, DEFAULT_TAG, type ImageReference,
} from './reference.js';
export {
  loadRegistriesConfig, parseRegistriesConfig, emptyRegistriesConfig, endpointsFor, isLoopbackHost,
  type RegistriesConfig, type RegistryAuth, type RegistryEndpoint, type RegistryHostConfig,
} from './registries-config.js';
export {
  MediaTypes, hostPlatform, selectPlatform, parseManifest, parseImageConfig,
  type Descriptor, type ImageConfig, type ImageIndex, type ImageManifest, type ImageRuntimeConfig, type Platform,
} from './manifest.js';
export { RegistryClient, RegistryError, type CredentialLookup, type ResolvedImage, type RegistryErrorKind } from './registry-client.js';
export { LayerStore } from './layer-store.js';
export { applyLayer, type ApplyStats } from './apply-layer.js';
export { ImageStore, type ImageRecord, type ImageLayer, type ImageStoreOptions } from './image-store.js';
export { CONTAINERD_NAME_ANNOTATION, OCI_REF_NAME_ANNOTATION } from './archive-formats.js';
export { ImagePullError, type PullErrorCode } from './pull-error.js';
export {
  shouldPull, goDuration, PullBackOff, ImageMessages, ImageWaitingReasons, ImageEventReasons,
  type PullPolicy, type ImageWaitingReason,
} from './pull-policy.js';
export { startTestRegistry, freePort, type TestRegistry } from './registry-fixture.js';
export { ImageGC, DEFAULT_IMAGE_GC_POLICY, IMAGE_GC_PERIOD_MS, fsStatsOf, type ImageGCOptions, type ImageGCPolicy, type ImageGCResult, type ImageFsStats } from './image-gc.js';
export { writeOciLayout, writeDockerSave, tarDirectory, layerTar, type TestImage, type BuiltImage } from './archive-fixture.js';
