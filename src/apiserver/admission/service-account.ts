/**
 * ServiceAccount admission: a new pod runs as a service account that exists. The plugin names
 * `default` when the pod names none, refuses pods whose account is missing (403, Kubernetes'
 * wording), copies the account's imagePullSecrets to a pod that has none and, unless the pod or
 * else the account turns automountServiceAccountToken off, mounts the API access volume
 * (service-account-volume.ts). Mirror pods are never changed but may not reference service
 * accounts, secrets or token projections. On the ephemeralcontainers subresource, an account
 * annotated kubernetes.io/enforce-mountable-secrets limits the secrets the containers may use.
 */
import { StatusError, type KObject } from '../../api/index.js';
import type { Container, Pod, PodSpec } from '../../api/types/core/pod/index.js';
import { generateName } from '../rest/object-meta-ops.js';
import type { AdmissionPlugin, Attributes } from './admission.js';
import { mountServiceAccountToken } from './service-account-volume.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const ENFORCE_MOUNTABLE_SECRETS = 'kubernetes.io/enforce-mountable-secrets';
const KEY_PREFIX = '/registry/core/serviceaccounts/';
/** Reads of a missing `default` account: the controller makes it moments after its namespace. */
const DEFAULT_ATTEMPTS = 10;

interface ServiceAccount extends KObject {
  secrets?: Array<{ name?: string }>;
  imagePullSecrets?: Array<{ name?: string }>;
  automountServiceAccountToken?: boolean;
}

/** What the plugin reads: the watch cache, and storage for a read past a cache that may lag. */
export interface ServiceAccountStores {
  cache: { get(key: string): { obj: KObject } | undefined };
  backend: { get(key: string): Promise<{ value: string } | undefined> };
}

export interface ServiceAccountAdmissionOptions {
  /** Names the API access volume from its prefix (default: five random characters appended). */
  generateName?: (prefix: string) => string;
  /** The pause between reads of a missing `default` account, in ms (default 100–199, random). */
  retryIntervalMs?: () => number;
}

export class ServiceAccountAdmission implements AdmissionPlugin {
  readonly name = 'ServiceAccount';
  private readonly generate: (prefix: string) => string;
  private readonly retryInterval: () => number;

  constructor(private readonly stores: ServiceAccountStores, opts: ServiceAccountAdmissionOptions = {}) {
    this.generate = opts.generateName ?? generateName;
    this.retryInterval = opts.retryIntervalMs ?? (() => 100 + Math.floor(Math.random() * 100));
  }

  async admit(a: Attributes): Promise<void> {
    const pod = podOf(a);
    if (!pod) return;
    const spec = (pod.spec ??= {});
    if (a.operation === 'UPDATE') {
      // Only keep the deprecated field in step, as the v1 conversion does, where the stored pod has it.
      // Nothing else changes on update (the spec's account fields are immutable).
      if (!a.subresource && (a.old as Pod | undefined)?.spec?.serviceAccount !== undefined) syncDeprecatedField(spec);
      return;
    }
    if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
    if (isMirror(pod)) {
      await this.check(a, pod);
      return;
    }
    spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT;
    syncDeprecatedField(spec);
    const sa = await this.lookup(a, spec.serviceAccountName);
    if (automount(spec, sa)) mountServiceAccountToken(spec, this.generate);
    if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) {
      spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name ?? '' }));
    }
    await this.check(a, pod);
  }

  async validate(a: Attributes): Promise<void> {
    const pod = podOf(a);
    if (pod) await this.check(a, pod);
  }

  /** Kubernetes' Validate: runs at the end of admit and again in the validating phase. */
  private async check(a: Attributes, pod: Pod): Promise<void> {
    const spec = pod.spec ?? {};
    if (a.operation === 'UPDATE') {
      if (a.subresource === 'ephemeralcontainers') await this.checkEphemeralContainers(a, pod);
      return;
    }
    if (isMirror(pod)) {
      const refused = mirrorPodProblem(spec);
      if (refused) throw forbiddenPod(a, refused);
      return;
    }
    if (!spec.serviceAccountName) throw forbiddenPod(a, `no service account specified for pod ${a.namespace ?? ''}/${pod.metadata.name ?? ''}`);
    const sa = await this.lookup(a, spec.serviceAccountName);
    if (enforcesMountableSecrets(sa)) {
      const refused = unmountableSecret(sa, spec);
      if (refused) throw forbiddenPod(a, refused);
    }
  }

  private async checkEphemeralContainers(a: Attributes, pod: Pod): Promise<void> {
    const spec = pod.spec ?? {};
    if (!spec.serviceAccountName) throw forbiddenPod(a, `no service account specified for pod ${a.namespace ?? ''}/${pod.metadata.name ?? ''}`);
    const sa = await this.lookup(a, spec.serviceAccountName);
    if (!enforcesMountableSecrets(sa)) return;
    const refused = unreferencedEnvSecret(sa, spec.ephemeralContainers, 'ephemeral container');
    // Kubernetes returns this one as a plain error, which its server answers with a bare 500.
    if (refused) throw new StatusError(500, '', refused);
  }

  /** The account, or a 403 in Kubernetes' words when it cannot be found. */
  private async lookup(a: Attributes, name: string): Promise<ServiceAccount> {
    const ns = a.namespace ?? '';
    try {
      return await this.find(ns, name);
    } catch (err) {
      throw forbiddenPod(a, `error looking up service account ${ns}/${name}: ${(err as Error).message}`);
    }
  }

  /** From the cache, else read from storage: up to ten times, a moment apart, for `default`. */
  private async find(namespace: string, name: string): Promise<ServiceAccount> {
    const key = `${KEY_PREFIX}${namespace}/${name}`;
    const cached = this.stores.cache.get(key);
    if (cached) return cached.obj as ServiceAccount;
    const attempts = name === DEFAULT_SERVICE_ACCOUNT ? DEFAULT_ATTEMPTS : 1;
    const pause = this.retryInterval();
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, pause));
      const kv = await this.stores.backend.get(key);
      if (kv) return JSON.parse(kv.value) as ServiceAccount;
    }
    throw new Error(`serviceaccount "${name}" not found`);
  }
}

function podOf(a: Attributes): Pod | undefined {
  if (a.def.group !== '' || a.def.plural !== 'pods') return undefined;
  if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return undefined;
  if (a.subresource && a.subresource !== 'ephemeralcontainers') return undefined;
  return a.obj as Pod;
}

function isMirror(pod: Pod): boolean {
  return pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
}

/** The v1 conversion: the deprecated serviceAccount field always mirrors serviceAccountName. */
function syncDeprecatedField(spec: PodSpec): void {
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

/** The pod's choice wins, then the account's; mounting is the default. */
function automount(spec: PodSpec, sa: ServiceAccount): boolean {
  return spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
}

/** As admission.NewForbidden words it: the pod's name, or its generateName before one is made. */
function forbiddenPod(a: Attributes, why: string): StatusError {
  const name = nameBeforeGeneration(a);
  return new StatusError(403, 'Forbidden', `pods "${name}" is forbidden: ${why}`, { name, kind: 'pods' });
}

/**
 * Kubernetes runs admission before it generates a name, so its messages show the generateName
 * prefix; here the name is already made (prefix + five of generateName's characters).
 */
function nameBeforeGeneration(a: Attributes): string {
  const prefix = a.obj.metadata.generateName;
  if (a.operation !== 'CREATE' || !prefix) return a.name;
  const cut = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
  const generated = a.name.length === cut.length + 5 && a.name.startsWith(cut) && /^[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(a.name.slice(cut.length));
  return generated ? prefix : a.name;
}

/** strconv.ParseBool's true values. */
function enforcesMountableSecrets(sa: ServiceAccount): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(sa.metadata.annotations?.[ENFORCE_MOUNTABLE_SECRETS] ?? '');
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v as Obj : undefined);

/** Why a mirror pod may not be created, if it may not. */
function mirrorPodProblem(spec: PodSpec): string | undefined {
  if (spec.serviceAccountName) return 'a mirror pod may not reference service accounts';
  if (referencesSecrets(spec)) return 'a mirror pod may not reference secrets';
  for (const v of spec.volumes ?? []) {
    const sources = asObj(v.projected)?.sources;
    if (Array.isArray(sources) && sources.some((s) => asObj(asObj(s)?.serviceAccountToken))) {
      return 'a mirror pod may not use ServiceAccountToken volume projections';
    }
  }
  return undefined;
}

/** Whether any part of the spec names a Secret (podutil.VisitPodSecretNames over all containers). */
function referencesSecrets(spec: PodSpec): boolean {
  if ((spec.imagePullSecrets ?? []).length > 0) return true;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  if (containers.some((c) => (c.envFrom ?? []).some((e) => e.secretRef) || (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef))) return true;
  const refFields: Array<[string, string]> = [
    ['cephfs', 'secretRef'], ['cinder', 'secretRef'], ['flexVolume', 'secretRef'], ['iscsi', 'secretRef'], ['rbd', 'secretRef'],
    ['scaleIO', 'secretRef'], ['storageos', 'secretRef'], ['csi', 'nodePublishSecretRef'],
  ];
  for (const v of spec.volumes ?? []) {
    if (asObj(v.secret) || asObj(asObj(v.azureFile))?.secretName) return true;
    if (refFields.some(([source, ref]) => asObj(asObj(v[source])?.[ref]))) return true;
    const sources = asObj(v.projected)?.sources;
    if (Array.isArray(sources) && sources.some((s) => asObj(asObj(s)?.secret))) return true;
  }
  return false;
}

/** The first secret the pod uses that an enforcing account does not list, worded as Kubernetes does. */
function unmountableSecret(sa: ServiceAccount, spec: PodSpec): string | undefined {
  const allowed = new Set((sa.secrets ?? []).map((s) => s.name));
  for (const v of spec.volumes ?? []) {
    const secret = asObj(v.secret);
    if (!secret) continue;
    const name = String(secret.secretName ?? '');
    if (!allowed.has(name)) return `volume with secret.secretName="${name}" is not allowed because service account ${sa.metadata.name ?? ''} does not reference that secret`;
  }
  const env = unreferencedEnvSecret(sa, spec.initContainers, 'init container') ?? unreferencedEnvSecret(sa, spec.containers, 'container');
  if (env) return env;
  const pull = new Set((sa.imagePullSecrets ?? []).map((s) => s.name));
  const refs = spec.imagePullSecrets ?? [];
  for (let i = 0; i < refs.length; i++) {
    const name = String(refs[i].name ?? '');
    if (!pull.has(name)) return `imagePullSecrets[${i}].name="${name}" is not allowed because service account ${sa.metadata.name ?? ''} does not reference that imagePullSecret`;
  }
  return undefined;
}

function unreferencedEnvSecret(sa: ServiceAccount, containers: Container[] | undefined, what: string): string | undefined {
  const allowed = new Set((sa.secrets ?? []).map((s) => s.name));
  const account = sa.metadata.name ?? '';
  for (const c of containers ?? []) {
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && !allowed.has(ref.name)) {
        return `${what} ${c.name ?? ''} with envVar ${e.name ?? ''} referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${account} does not reference that secret`;
      }
    }
    for (const e of c.envFrom ?? []) {
      if (e.secretRef && !allowed.has(e.secretRef.name)) {
        return `${what} ${c.name ?? ''} with envFrom referencing secret.secretName="${e.secretRef.name ?? ''}" is not allowed because service account ${account} does not reference that secret`;
      }
    }
  }
  return undefined;
}
