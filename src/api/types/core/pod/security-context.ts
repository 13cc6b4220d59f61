/** Pod and container security contexts: users, groups, capabilities, SELinux, seccomp, AppArmor, sysctls. */
import { boolean, field, int64, listOf, object, string } from '../../../schema/build.js';

export const SecurityContextSchema = object('io.k8s.api.core.v1.SecurityContext', "Security settings of one container, overriding the pod's.", () => ({
  capabilities: field(CapabilitiesSchema, "Linux capabilities to add to or drop from the runtime's default set.", { proto: 1 }),
  privileged: field(boolean, 'Run with all privileges of the host (like root on the node).', { proto: 2 }),
  seLinuxOptions: field(SELinuxOptionsSchema, 'SELinux labels for the container.', { proto: 3 }),
  windowsOptions: field(WindowsSecurityContextOptionsSchema, 'Windows-specific settings.', { proto: 10 }),
  runAsUser: field(int64, "UID the container's process runs as; the image's user if unset.", { proto: 4 }),
  runAsGroup: field(int64, "GID the container's process runs as.", { proto: 8 }),
  runAsNonRoot: field(boolean, 'Refuse to start the container if it would run as UID 0.', { proto: 5 }),
  readOnlyRootFilesystem: field(boolean, "Mount the container's root filesystem read-only.", { proto: 6 }),
  allowPrivilegeEscalation: field(
    boolean,
    'Whether a process may gain more privileges than its parent (no_new_privs when false).',
    { proto: 7 },
  ),
  procMount: field(string, 'Default or Unmasked /proc.', { proto: 9 }),
  seccompProfile: field(SeccompProfileSchema, 'Seccomp profile of the container.', { proto: 11 }),
  appArmorProfile: field(AppArmorProfileSchema, 'AppArmor profile of the container.', { proto: 12 }),
}));

export const PodSecurityContextSchema = object('io.k8s.api.core.v1.PodSecurityContext', 'Security settings for every container of the pod and its volumes.', () => ({
  seLinuxOptions: field(SELinuxOptionsSchema, 'SELinux labels for every container.', { proto: 1 }),
  windowsOptions: field(WindowsSecurityContextOptionsSchema, 'Windows-specific settings for every container.', { proto: 8 }),
  runAsUser: field(int64, 'UID the containers run as unless they say otherwise.', { proto: 2 }),
  runAsGroup: field(int64, 'GID the containers run as unless they say otherwise.', { proto: 6 }),
  runAsNonRoot: field(boolean, 'Refuse to start containers that would run as UID 0.', { proto: 3 }),
  supplementalGroups: field(listOf(int64), 'Extra groups given to the first process of each container.',
    { proto: 4, listType: 'atomic' }),
  supplementalGroupsPolicy: field(string, "Merge (add the image's groups, the default) or Strict (only the listed groups).",
    { proto: 12 }),
  fsGroup: field(int64, "Group that owns supported volumes and is added to every container's groups.", { proto: 5 }),
  sysctls: field(listOf(SysctlSchema), 'Namespaced kernel parameters to set for the pod.', { proto: 7, listType: 'atomic' }),
  fsGroupChangePolicy: field(string, 'OnRootMismatch or Always (the default): when volume ownership is changed to fsGroup.',
    { proto: 9 }),
  seccompProfile: field(SeccompProfileSchema, 'Seccomp profile for every container.', { proto: 10 }),
  appArmorProfile: field(AppArmorProfileSchema, 'AppArmor profile for every container.', { proto: 11 }),
  seLinuxChangePolicy: field(string, "MountOption or Recursive: how volumes get the pod's SELinux label.", { proto: 13 }),
}));

export const CapabilitiesSchema = object('io.k8s.api.core.v1.Capabilities', 'Linux capabilities added to or dropped from a container.', () => ({
  add: field(listOf(string), 'Capabilities to add, e.g. NET_ADMIN.', { proto: 1, listType: 'atomic' }),
  drop: field(listOf(string), 'Capabilities to drop, e.g. ALL.', { proto: 2, listType: 'atomic' }),
}));

export const SELinuxOptionsSchema = object('io.k8s.api.core.v1.SELinuxOptions', 'An SELinux context.', () => ({
  user: field(string, 'SELinux user label.', { proto: 1 }),
  role: field(string, 'SELinux role label.', { proto: 2 }),
  type: field(string, 'SELinux type label.', { proto: 3 }),
  level: field(string, 'SELinux level label.', { proto: 4 }),
}));

export const WindowsSecurityContextOptionsSchema = object('io.k8s.api.core.v1.WindowsSecurityContextOptions', 'Settings for containers on Windows nodes.', () => ({
  gmsaCredentialSpecName: field(string, 'Name of the GMSA credential spec to use.', { proto: 1 }),
  gmsaCredentialSpec: field(string, 'Content of the GMSA credential spec, filled in by the GMSA webhook.', { proto: 2 }),
  runAsUserName: field(string, 'Windows user name to run as.', { proto: 3 }),
  hostProcess: field(boolean, 'Run as a Windows host process container (all containers must agree; needs hostNetwork).',
    { proto: 4 }),
}));

export const SeccompProfileSchema = object('io.k8s.api.core.v1.SeccompProfile', 'A seccomp profile.', () => ({
  type: field(string, 'RuntimeDefault, Unconfined or Localhost.', { required: true, proto: 1 }),
  localhostProfile: field(string, "For Localhost: path of the profile under the kubelet's seccomp directory.", { proto: 2 }),
}));

export const AppArmorProfileSchema = object('io.k8s.api.core.v1.AppArmorProfile', 'An AppArmor profile.', () => ({
  type: field(string, 'RuntimeDefault, Unconfined or Localhost.', { required: true, proto: 1 }),
  localhostProfile: field(string, 'For Localhost: name of a profile loaded on the node.', { proto: 2 }),
}));

export const SysctlSchema = object('io.k8s.api.core.v1.Sysctl', 'A kernel parameter and its value.', () => ({
  name: field(string, 'Parameter name, e.g. net.core.somaxconn.', { required: true, proto: 1 }),
  value: field(string, 'Value to set.', { required: true, proto: 2 }),
}));
