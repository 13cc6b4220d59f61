/**
 * Getting a container's image as the kubelet's image manager does: the pull policy decides, events
 * say Pulling / Pulled (or "already present"), failures give the waiting reasons ErrImagePull and,
 * while the pull back-off runs, ImagePullBackOff; ErrImageNeverPull and InvalidImageName as the
 * kubelet reports them. Credentials come from the pod's imagePullSecrets (dockerconfigjson/dockercfg).
 */
import {
  ImageMessages, ImagePullError, ImageWaitingReasons, PullBackOff, parseReference, shouldPull,
  type ImageRecord, type ImageStore, type PullPolicy, type RegistryAuth,
} from '../images/index.js';
import type { RuntimeImage } from '../runtime/index.js';
import type { Container, Pod } from '../../api/types/core/pod/index.js';

export class ImageNotReady extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

export type EventSink = (type: 'Normal' | 'Warning', reason: string, message: string) => void;
export type SecretLookup = (namespace: string, name: string) => Promise<{ type?: string; data?: Record<string, string> } | undefined>;

export class ImagePuller {
  private readonly backOff = new PullBackOff();
  private readonly lastError = new Map<string, string>();

  constructor(private readonly images: ImageStore, private readonly secrets: SecretLookup) {}

  runtimeImage(ref: string, rec: ImageRecord): RuntimeImage {
    return { ref, id: rec.id, repoDigest: rec.repoDigests[0], layerDirs: this.images.layerDirs(rec), config: rec.config };
  }

  /** The container's image, pulled if the policy says so; throws ImageNotReady with the waiting reason. */
  async ensure(pod: Pod, container: Container, event: EventSink): Promise<RuntimeImage> {
    const image = container.image ?? '';
    try {
      parseReference(image);
    } catch (err) {
      const msg = ImageMessages.invalidName(image, (err as Error).message);
      event('Warning', 'InspectFailed', msg);
      throw new ImageNotReady(ImageWaitingReasons.InvalidImageName, msg);
    }
    const policy = (container.imagePullPolicy ?? 'IfNotPresent') as PullPolicy;
    const present = this.images.find(image);
    if (!shouldPull(policy, present !== undefined)) {
      if (present) {
        event('Normal', 'Pulled', ImageMessages.alreadyPresent(image));
        return this.runtimeImage(image, present);
      }
      const msg = ImageMessages.neverPull(image);
      event('Warning', 'ErrImageNeverPull', msg);
      throw new ImageNotReady(ImageWaitingReasons.ErrImageNeverPull, msg);
    }
    const key = `${pod.metadata.uid ?? ''}/${image}`;
    if (this.backOff.inBackOff(key)) {
      const msg = ImageMessages.backOff(image);
      event('Normal', 'BackOff', msg);
      throw new ImageNotReady(ImageWaitingReasons.ImagePullBackOff, `${msg}: ${this.lastError.get(key) ?? ''}`.replace(/: $/, ''));
    }
    event('Normal', 'Pulling', ImageMessages.pulling(image));
    const started = Date.now();
    try {
      const creds = await this.credentials(pod);
      const rec = await this.images.pull(image, creds);
      const ms = Date.now() - started;
      event('Normal', 'Pulled', ImageMessages.pulled(image, ms, ms, rec.size));
      this.backOff.reset(key);
      this.lastError.delete(key);
      return this.runtimeImage(image, rec);
    } catch (err) {
      const cri = err instanceof ImagePullError ? err.criMessage : `rpc error: code = Unknown desc = ${(err as Error).message}`;
      this.backOff.next(key);
      this.lastError.set(key, cri);
      event('Warning', 'Failed', ImageMessages.failed(image, cri));
      throw new ImageNotReady(ImageWaitingReasons.ErrImagePull, cri);
    }
  }

  forgetPod(uid: string): void {
    for (const k of this.lastError.keys()) if (k.startsWith(`${uid}/`)) { this.lastError.delete(k); this.backOff.reset(k); }
  }

  private async credentials(pod: Pod): Promise<((host: string) => RegistryAuth | undefined) | undefined> {
    const names = (pod.spec?.imagePullSecrets ?? []).map((s) => String(s.name ?? '')).filter((n) => n !== '');
    if (names.length === 0) return undefined;
    const auths: Record<string, RegistryAuth> = {};
    for (const name of names) {
      const secret = await this.secrets(pod.metadata.namespace ?? 'default', name).catch(() => undefined);
      if (!secret?.data) continue;
      for (const [host, a] of Object.entries(dockerAuths(secret.type, secret.data))) auths[host] ??= a;
    }
    return (host) => auths[host] ?? auths[`https://${host}`] ?? auths[`http://${host}`]
      ?? (host === 'docker.io' || host === 'registry-1.docker.io' ? auths['https://index.docker.io/v1'] ?? auths['index.docker.io'] : undefined);
  }
}

/** Registry credentials from a dockerconfigjson or dockercfg secret's (base64) data. */
export function dockerAuths(type: string | undefined, data: Record<string, string>): Record<string, RegistryAuth> {
  const raw = data['.dockerconfigjson'] ?? data['.dockercfg'];
  if (raw === undefined) return {};
  try {
    const doc = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Record<string, unknown>;
    const auths = (type === 'kubernetes.io/dockercfg' || data['.dockerconfigjson'] === undefined ? doc : doc.auths) as Record<string, RegistryAuth> | undefined;
    const out: Record<string, RegistryAuth> = {};
    for (const [host, a] of Object.entries(auths ?? {})) {
      if (a && typeof a === 'object') out[host.replace(/\/+$/, '')] = a;
    }
    return out;
  } catch {
    return {};
  }
}
