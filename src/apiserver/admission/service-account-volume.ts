/**
 * The API access volume the ServiceAccount admission plugin gives a new pod: a projected volume
 * `kube-api-access-<5 random characters>` holding a bound service account token (3607 s), the
 * cluster CA (the kube-root-ca.crt ConfigMap) and the pod's namespace, mounted read-only at
 * /var/run/secrets/kubernetes.io/serviceaccount in every init and regular container that has
 * nothing mounted there yet (ephemeral containers are left alone, as in Kubernetes).
 */
import type { Container, PodSpec, Volume, VolumeMount } from '../../api/types/core/pod/index.js';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** Volumes whose name starts with this are taken to be the API access volume already. */
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** One hour and seven seconds: the kubelet's "legacy token" warning-only expiry. */
export const TOKEN_EXPIRATION_SECONDS = 3607;
const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** 0644, the projected volume's default mode, written out as Kubernetes does. */
const DEFAULT_MODE = 420;

/** The projected volume source of the API access volume, exactly as kube-apiserver writes it. */
export function tokenVolumeSource(): Record<string, unknown> {
  return {
    sources: [
      { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    defaultMode: DEFAULT_MODE,
  };
}

function mountsTokenPath(c: Container): boolean {
  return (c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH);
}

/**
 * Mounts the API access volume into the spec's init and regular containers. An existing volume
 * named kube-api-access-* is reused (its name is mounted, no volume is added); otherwise a volume is
 * added, under a name from generateName, only when some container got the mount.
 */
export function mountServiceAccountToken(spec: PodSpec, generateName: (prefix: string) => string): void {
  const existing = (spec.volumes ?? []).find((v) => (v.name ?? '').startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? generateName(TOKEN_VOLUME_PREFIX);
  let mounted = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (mountsTokenPath(c)) continue;
    const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH };
    (c.volumeMounts ??= []).push(mount);
    mounted = true;
  }
  if (existing || !mounted) return;
  const volume: Volume = { name: volumeName, projected: tokenVolumeSource() };
  (spec.volumes ??= []).push(volume);
}
