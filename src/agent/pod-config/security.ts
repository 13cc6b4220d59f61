/**
 * A container's security settings as the kubelet gives them to the runtime: the pod's
 * securityContext under the container's (runAsUser, runAsGroup, runAsNonRoot), the container's own
 * privileged, readOnlyRootFilesystem, capabilities and allowPrivilegeEscalation (false →
 * no_new_privs), and the pod's fsGroup then supplementalGroups as extra groups. runAsNonRoot is
 * checked against runAsUser or the image's user, with the kubelet's messages.
 */
import type { Container, Pod, SecurityContext } from '../../api/types/core/pod/index.js';
import type { ContainerSecurity } from '../runtime/index.js';
import { CreateContainerConfigError } from './errors.js';
import { formatPod, goQuote } from './format.js';

const MAX_INT32 = 2_147_483_647;

/** The pod's securityContext with the container's fields over it (DetermineEffectiveSecurityContext). */
export function effectiveSecurityContext(pod: Pod, container: Container): SecurityContext {
  const p = pod.spec?.securityContext ?? {};
  const c = container.securityContext ?? {};
  const out: SecurityContext = {};
  for (const k of ['seLinuxOptions', 'windowsOptions', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'seccompProfile', 'appArmorProfile'] as const) {
    const v = c[k] ?? p[k];
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  for (const k of ['capabilities', 'privileged', 'procMount', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation'] as const) {
    if (c[k] !== undefined) (out as Record<string, unknown>)[k] = c[k];
  }
  return out;
}

/** The image's `User` as the runtime reports it: a numeric uid, or a user name, or neither. */
export function imageUserOf(user: string | undefined): { uid?: number; username?: string } {
  const u = (user ?? '').split(':')[0]!;
  if (u === '') return {};
  if (/^-?\d+$/.test(u)) return { uid: Number(u) };
  return { username: u };
}

/** Throws when runAsNonRoot is set and the container would (or might) run as root. */
export function verifyRunAsNonRoot(pod: Pod, container: Container, imageUser?: string): void {
  const sc = effectiveSecurityContext(pod, container);
  if (sc.runAsNonRoot !== true) return;
  const where = `(pod: ${goQuote(formatPod(pod))}, container: ${container.name ?? ''})`;
  if (sc.runAsUser !== undefined) {
    if (sc.runAsUser === 0) throw new CreateContainerConfigError(`container's runAsUser breaks non-root policy ${where}`);
    return;
  }
  const img = imageUserOf(imageUser);
  if (img.uid === undefined && img.username !== undefined) {
    throw new CreateContainerConfigError(
      `container has runAsNonRoot and image has non-numeric user (${img.username}), cannot verify user is non-root ${where}`);
  }
  // An image that names no user runs as root.
  const uid = img.uid ?? 0;
  if (uid === 0) throw new CreateContainerConfigError(`container has runAsNonRoot and image will run as root ${where}`);
  if (uid < 0 || uid > MAX_INT32) {
    throw new CreateContainerConfigError(
      `container has runAsNonRoot and image has an invalid user id (${uid}). (Must be 1-(${MAX_INT32})): must be between 0 and ${MAX_INT32}, inclusive ${where}`);
  }
}

/** The runtime's security settings for the container; throws CreateContainerConfigError. */
export function containerSecurity(pod: Pod, container: Container, imageUser?: string): ContainerSecurity {
  verifyRunAsNonRoot(pod, container, imageUser);
  const sc = effectiveSecurityContext(pod, container);
  const podSc = pod.spec?.securityContext ?? {};
  const out: ContainerSecurity = {};
  if (sc.runAsUser !== undefined) out.runAsUser = sc.runAsUser;
  if (sc.runAsGroup !== undefined) out.runAsGroup = sc.runAsGroup;
  const groups = [...(podSc.fsGroup !== undefined ? [podSc.fsGroup] : []), ...(podSc.supplementalGroups ?? [])];
  if (groups.length > 0) out.supplementalGroups = groups;
  if (sc.privileged !== undefined) out.privileged = sc.privileged;
  if (sc.readOnlyRootFilesystem !== undefined) out.readonlyRootfs = sc.readOnlyRootFilesystem;
  const caps = sc.capabilities;
  if (caps && (caps.add?.length || caps.drop?.length)) {
    out.capabilities = { ...(caps.add?.length ? { add: [...caps.add] } : {}), ...(caps.drop?.length ? { drop: [...caps.drop] } : {}) };
  }
  out.noNewPrivileges = sc.allowPrivilegeEscalation === false;
  return out;
}
