/**
 * The files of the API-backed volume kinds — configMap, secret, downwardAPI and projected — computed
 * from the pod and the objects it names. Each function throws an Error whose message is the detail
 * of the kubelet's "MountVolume.SetUp failed" event.
 */
import type { Pod, ResourceList } from '../../api/types/core/pod/index.js';
import type { ApiObjects } from './api-objects.js';
import type { Payload } from './atomic-writer.js';
import { downwardAPIPayload } from './downward-api.js';
import { configMapPayload, secretPayload } from './key-payload.js';
import {
  DEFAULT_MODE, type ConfigMapSource, type DownwardAPISource, type ProjectedSource, type SecretSource,
} from './sources.js';
import type { TokenManager } from './token-manager.js';
import { aggregateMessage } from './volume-error.js';

export interface PayloadContext {
  pod: Pod;
  objects: ApiObjects;
  tokens: TokenManager;
  /** The pod's fsGroup: with one, token files start at 0600 (0640 once the group is applied). */
  fsGroup?: number;
}

function ns(pod: Pod): string {
  return pod.metadata.namespace ?? 'default';
}

export async function configMapVolumeFiles(ctx: PayloadContext, src: ConfigMapSource): Promise<Payload> {
  const optional = src.optional === true;
  const cm = await ctx.objects.configMap(ns(ctx.pod), src.name ?? '', optional);
  return configMapPayload(cm, { items: src.items, defaultMode: src.defaultMode ?? DEFAULT_MODE, optional, defaultUser: src.defaultUser });
}

export async function secretVolumeFiles(ctx: PayloadContext, src: SecretSource): Promise<Payload> {
  const optional = src.optional === true;
  const secret = await ctx.objects.secret(ns(ctx.pod), src.secretName ?? '', optional);
  return secretPayload(secret, { items: src.items, defaultMode: src.defaultMode ?? DEFAULT_MODE, optional, defaultUser: src.defaultUser });
}

/** Resolves the node's allocatable amounts only if some item needs them. */
async function nodeIfNeeded(ctx: PayloadContext, needed: boolean): Promise<() => ResourceList> {
  const allocatable = needed ? await ctx.objects.nodeAllocatable() : {};
  return () => allocatable;
}

export async function downwardAPIVolumeFiles(ctx: PayloadContext, src: DownwardAPISource): Promise<Payload> {
  const node = await nodeIfNeeded(ctx, (src.items ?? []).some((i) => i.resourceFieldRef));
  const { payload, errors } = downwardAPIPayload(ctx.pod, src.items, src.defaultMode ?? DEFAULT_MODE, src.defaultUser, node);
  if (errors.length) throw new Error(aggregateMessage(errors));
  return payload;
}

/** Every source of a projected volume merged (later sources win a path); failures aggregated. */
export async function projectedVolumeFiles(ctx: PayloadContext, src: ProjectedSource): Promise<Payload> {
  const defaultMode = src.defaultMode ?? DEFAULT_MODE;
  const defaultUser = src.defaultUser;
  const payload: Payload = new Map();
  const errors: string[] = [];
  const merge = (p: Payload) => { for (const [k, v] of p) payload.set(k, v); };
  const pod = ctx.pod;
  for (const source of src.sources ?? []) {
    try {
      if (source.secret) {
        const optional = source.secret.optional === true;
        const secret = await ctx.objects.secret(ns(pod), source.secret.name ?? '', optional);
        merge(secretPayload(secret, { items: source.secret.items, defaultMode, optional, defaultUser }));
      } else if (source.configMap) {
        const optional = source.configMap.optional === true;
        const cm = await ctx.objects.configMap(ns(pod), source.configMap.name ?? '', optional);
        merge(configMapPayload(cm, { items: source.configMap.items, defaultMode, optional, defaultUser }));
      } else if (source.downwardAPI) {
        const node = await nodeIfNeeded(ctx, (source.downwardAPI.items ?? []).some((i) => i.resourceFieldRef));
        const r = downwardAPIPayload(pod, source.downwardAPI.items, defaultMode, defaultUser, node);
        errors.push(...r.errors);
        if (r.errors.length === 0) merge(r.payload);
      } else if (source.serviceAccountToken) {
        const tp = source.serviceAccountToken;
        const token = await ctx.tokens.token({
          namespace: ns(pod),
          serviceAccount: pod.spec?.serviceAccountName || 'default',
          audiences: tp.audience ? [tp.audience] : undefined,
          expirationSeconds: tp.expirationSeconds ?? 3600,
          pod: { name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
        });
        const mode = ctx.fsGroup !== undefined ? 0o600 : defaultMode;
        const uid = tp.user ?? defaultUser;
        const data = Buffer.from(token, 'utf8');
        payload.set(tp.path ?? 'token', uid === undefined ? { data, mode } : { data, mode, uid });
      } else if (source.clusterTrustBundle) {
        throw new Error('clusterTrustBundle projections are not supported by this node');
      } else if (source.podCertificate) {
        throw new Error('podCertificate projections are not supported by this node');
      }
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  if (errors.length) throw new Error(aggregateMessage(errors));
  return payload;
}
