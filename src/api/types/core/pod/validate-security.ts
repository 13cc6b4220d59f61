/** Validation of container and pod security contexts (users, seccomp, AppArmor, sysctls, Windows). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isDNS1123Subdomain } from '../../../meta/names.js';
import { isObj, list, localDescendingPath, validID, type Obj } from './validate-helpers.js';

const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

function seccomp(sp: unknown, path: string): FieldError[] {
  if (!isObj(sp)) return [];
  const errs: FieldError[] = [];
  const type = typeof sp.type === 'string' ? sp.type : '';
  if (!type) errs.push(fe.required(fe.child(path, 'type'), 'type is required when seccompProfile is set'));
  else if (!PROFILE_TYPES.includes(type)) errs.push(fe.notSupported(fe.child(path, 'type'), type, PROFILE_TYPES));
  const local = sp.localhostProfile;
  if (type === 'Localhost') {
    if (typeof local !== 'string') errs.push(fe.required(fe.child(path, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...localDescendingPath(local, fe.child(path, 'localhostProfile')));
  } else if (local !== undefined && local !== null) {
    errs.push(fe.invalid(fe.child(path, 'localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function appArmor(p: unknown, path: string): FieldError[] {
  if (!isObj(p)) return [];
  const type = typeof p.type === 'string' ? p.type : '';
  const local = p.localhostProfile;
  switch (type) {
    case 'Localhost': {
      if (typeof local !== 'string') return [fe.required(fe.child(path, 'localhostProfile'), 'must be set when AppArmor type is Localhost')];
      const errs: FieldError[] = [];
      if (local.trim() !== local) errs.push(fe.invalid(fe.child(path, 'localhostProfile'), local, 'must not be padded with whitespace'));
      else if (local === '') errs.push(fe.required(fe.child(path, 'localhostProfile'), 'must be set when AppArmor type is Localhost'));
      if (local.length > 4095) errs.push(fe.tooLong(fe.child(path, 'localhostProfile'), 4095));
      return errs;
    }
    case 'RuntimeDefault': case 'Unconfined':
      return local !== undefined && local !== null
        ? [fe.invalid(fe.child(path, 'localhostProfile'), local, 'can only be set when AppArmor type is Localhost')] : [];
    case '':
      return [fe.required(fe.child(path, 'type'), 'type is required when appArmorProfile is set')];
    default:
      return [fe.notSupported(fe.child(path, 'type'), type, PROFILE_TYPES)];
  }
}

function windowsOptions(w: unknown, path: string): FieldError[] {
  if (!isObj(w)) return [];
  const errs: FieldError[] = [];
  if (typeof w.gmsaCredentialSpecName === 'string') {
    for (const m of isDNS1123Subdomain(w.gmsaCredentialSpecName)) errs.push(fe.invalid(fe.child(path, 'gmsaCredentialSpecName'), w.gmsaCredentialSpecName, m));
  }
  if (typeof w.gmsaCredentialSpec === 'string') {
    if (w.gmsaCredentialSpec.length === 0) errs.push(fe.invalid(fe.child(path, 'gmsaCredentialSpec'), '', 'gmsaCredentialSpec cannot be an empty string'));
    else if (w.gmsaCredentialSpec.length > 64 * 1024) errs.push(fe.invalid(fe.child(path, 'gmsaCredentialSpec'), w.gmsaCredentialSpec, 'gmsaCredentialSpec size must be under 64 KiB'));
  }
  if (typeof w.runAsUserName === 'string') {
    const name = w.runAsUserName;
    const p = fe.child(path, 'runAsUserName');
    const parts = name.split('\\');
    if (name.length === 0) errs.push(fe.invalid(p, name, 'runAsUserName cannot be an empty string'));
    else if (/[\x00-\x1f\x7f]/.test(name)) errs.push(fe.invalid(p, name, 'runAsUserName cannot contain control characters'));
    else if (parts.length > 2) errs.push(fe.invalid(p, name, 'runAsUserName cannot contain more than one backslash'));
    else {
      const user = parts.length === 1 ? parts[0] : parts[1];
      if (user.length === 0) errs.push(fe.invalid(p, name, "runAsUserName's User cannot be empty"));
      else if (user.length > 104) errs.push(fe.invalid(p, name, "runAsUserName's User length must not be longer than 104 characters"));
      if (/^[. ]+$/.test(user)) errs.push(fe.invalid(p, name, "runAsUserName's User cannot contain only periods or spaces"));
      if (/["/\\:;|=,+*?<>@[\]]/.test(user)) errs.push(fe.invalid(p, name, `runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`));
    }
  }
  return errs;
}

/** ValidateSecurityContext (a container's). */
export function validateSecurityContext(sc: unknown, hostUsers: boolean, path: string): FieldError[] {
  if (!isObj(sc)) return [];
  const errs: FieldError[] = [];
  errs.push(...validID(sc.runAsUser as number | undefined, fe.child(path, 'runAsUser')));
  errs.push(...validID(sc.runAsGroup as number | undefined, fe.child(path, 'runAsGroup')));
  if (typeof sc.procMount === 'string') {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') errs.push(fe.notSupported(fe.child(path, 'procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(fe.invalid(fe.child(path, 'procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...seccomp(sc.seccompProfile, fe.child(path, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(fe.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    const caps = isObj(sc.capabilities) ? list(sc.capabilities.add as string[]) : [];
    if (caps.includes('CAP_SYS_ADMIN')) errs.push(fe.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
  }
  errs.push(...windowsOptions(sc.windowsOptions, fe.child(path, 'windowsOptions')));
  errs.push(...appArmor(sc.appArmorProfile, fe.child(path, 'appArmorProfile')));
  return errs;
}

const SYSCTL_FMT = '^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$';
const SYSCTL = new RegExp(SYSCTL_FMT);
const NET_PREFIXES = ['net.'];
const IPC_PREFIXES = ['kernel.shm', 'kernel.msg', 'kernel.sem', 'fs.mqueue.'];

/** validatePodSpecSecurityContext. */
export function validatePodSecurityContext(sc: unknown, spec: Obj, path: string): FieldError[] {
  if (!isObj(sc)) return [];
  const errs: FieldError[] = [];
  errs.push(...validID(sc.fsGroup as number | undefined, fe.child(path, 'fsGroup')));
  errs.push(...validID(sc.runAsUser as number | undefined, fe.child(path, 'runAsUser')));
  errs.push(...validID(sc.runAsGroup as number | undefined, fe.child(path, 'runAsGroup')));
  list(sc.supplementalGroups as number[]).forEach((g, i) => errs.push(...validID(g, fe.index(fe.child(path, 'supplementalGroups'), i))));
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(fe.invalid(fe.child(path, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const names = new Set<string>();
  list(sc.sysctls as Obj[]).forEach((raw, i) => {
    const s = isObj(raw) ? raw : {};
    const p = fe.child(fe.index(fe.child(path, 'sysctls'), i), 'name');
    const name = typeof s.name === 'string' ? s.name : '';
    if (!name) errs.push(fe.required(p, ''));
    else if (name.length > 253 || !SYSCTL.test(name)) {
      errs.push(fe.invalid(p, name, `must have at most 253 characters and match regex ${SYSCTL_FMT}`));
    } else if (names.has(name)) errs.push(fe.duplicate(p, name));
    const dotted = name.replace(/\//g, '.');
    if (spec.hostNetwork === true && NET_PREFIXES.some((x) => dotted.startsWith(x))) errs.push(fe.invalid(p, name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC === true && IPC_PREFIXES.some((x) => dotted.startsWith(x))) errs.push(fe.invalid(p, name, "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  if (typeof sc.fsGroupChangePolicy === 'string' && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(fe.notSupported(fe.child(path, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...seccomp(sc.seccompProfile, fe.child(path, 'seccompProfile')));
  errs.push(...windowsOptions(sc.windowsOptions, fe.child(path, 'windowsOptions')));
  errs.push(...appArmor(sc.appArmorProfile, fe.child(path, 'appArmorProfile')));
  if (typeof sc.supplementalGroupsPolicy === 'string' && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(fe.notSupported(fe.child(path, 'supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  if (typeof sc.seLinuxChangePolicy === 'string' && !['MountOption', 'Recursive'].includes(sc.seLinuxChangePolicy)) {
    errs.push(fe.notSupported(fe.child(path, 'seLinuxChangePolicy'), sc.seLinuxChangePolicy, ['MountOption', 'Recursive']));
  }
  return errs;
}
