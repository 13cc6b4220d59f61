/**
 * The shapes of the volume sources the agent reads from a pod's decoded JSON (the API schema in
 * src/api/types/core/pod declares them completely), and which source a volume uses.
 */
import type { Volume } from '../../api/types/core/pod/index.js';

export interface KeyToPath { key?: string; path?: string; mode?: number; user?: number }
export interface ObjectFieldSelector { apiVersion?: string; fieldPath?: string }
export interface ResourceFieldSelector { containerName?: string; resource?: string; divisor?: string | number }

export interface DownwardAPIFile {
  path?: string;
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  mode?: number;
  user?: number;
}

export interface ConfigMapSource { name?: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean; defaultUser?: number }
export interface SecretSource { secretName?: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean; defaultUser?: number }
export interface DownwardAPISource { items?: DownwardAPIFile[]; defaultMode?: number; defaultUser?: number }
export interface ServiceAccountTokenProjection { audience?: string; expirationSeconds?: number; path?: string; user?: number }

export interface VolumeProjection {
  secret?: { name?: string; items?: KeyToPath[]; optional?: boolean };
  configMap?: { name?: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardAPIFile[] };
  serviceAccountToken?: ServiceAccountTokenProjection;
  clusterTrustBundle?: Record<string, unknown>;
  podCertificate?: Record<string, unknown>;
}

export interface ProjectedSource { sources?: VolumeProjection[]; defaultMode?: number; defaultUser?: number }
export interface EmptyDirSource { medium?: string; sizeLimit?: string | number; mode?: number }
export interface HostPathSource { path?: string; type?: string }
export interface ClaimSource { claimName?: string; readOnly?: boolean }
export interface EphemeralSource { volumeClaimTemplate?: Record<string, unknown> }

/** The volume kinds the agent can set up. */
export const VOLUME_KINDS = [
  'emptyDir', 'hostPath', 'configMap', 'secret', 'downwardAPI', 'projected', 'persistentVolumeClaim', 'ephemeral',
] as const;
export type VolumeKind = (typeof VOLUME_KINDS)[number];

/** The default file mode of configMap, secret, downwardAPI and projected files. */
export const DEFAULT_MODE = 0o644;

/** Which source a volume uses: a known kind, 'emptyDir' when none is set (the API's default), or the unsupported key. */
export function volumeKind(v: Volume): { kind: VolumeKind } | { unsupported: string } {
  for (const k of VOLUME_KINDS) if (v[k] !== undefined && v[k] !== null) return { kind: k };
  const other = Object.keys(v).find((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
  return other ? { unsupported: other } : { kind: 'emptyDir' };
}

export function sourceOf<T>(v: Volume, kind: VolumeKind): T {
  return (v[kind] ?? {}) as T;
}
