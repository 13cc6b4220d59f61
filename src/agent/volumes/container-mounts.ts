/**
 * A container's volumeMounts as runtime mounts: the volume's host path (or a subPath inside it,
 * subPathExpr expanded from the container's environment, created when missing and refused when it
 * escapes the volume through a symlink), read-only when the mount or the volume says so, and the
 * mount propagation. Failures are the kubelet's CreateContainerConfigError messages.
 */
import { chmodSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod, VolumeMount } from '../../api/types/core/pod/index.js';
import type { Mount } from '../runtime/index.js';
import type { PodVolume } from './pod-volume.js';
import { ContainerMountError } from './volume-error.js';

/**
 * Kubernetes' $(VAR) expansion: `$$` is a literal `$`, `$(NAME)` the variable, anything else
 * (including an unclosed `$(`) stays as written. Returns the names that had no (or an empty) value.
 */
export function expandSubPathExpr(expr: string, env: Record<string, string>): { value: string; missing: string[] } {
  let out = '';
  const missing = new Set<string>();
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch !== '$' || i + 1 >= expr.length) {
      out += ch;
      continue;
    }
    const next = expr[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = expr.indexOf(')', i + 2);
      if (close < 0) {
        out += expr.slice(i);
        break;
      }
      const name = expr.slice(i + 2, close);
      const value = env[name];
      if (value === undefined || value === '') missing.add(name);
      out += value ?? '';
      i = close;
    } else {
      out += ch;
    }
  }
  return { value: out, missing: [...missing].sort() };
}

function propagationOf(vm: VolumeMount, container: Container): Mount['propagation'] {
  const mode = vm.mountPropagation;
  if (mode === undefined || mode === '' || mode === 'None') return 'private';
  if (mode === 'HostToContainer') return 'rslave';
  if (mode === 'Bidirectional') {
    if (container.securityContext?.privileged !== true) {
      throw new ContainerMountError('Bidirectional mount propagation is available only to privileged containers');
    }
    return 'rshared';
  }
  throw new ContainerMountError(`invalid MountPropagation mode: ${JSON.stringify(mode)}`);
}

function within(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

/** The host path of `subPath` inside the volume, made if missing; never outside the volume. */
function subPathHostPath(volumePath: string, subPath: string, vm: VolumeMount, container: Container): string {
  const q = (s: string | undefined) => JSON.stringify(s ?? '');
  if (subPath.startsWith('/')) throw new ContainerMountError(`error SubPath \`${subPath}\` must not be an absolute path`);
  if (subPath.split('/').includes('..')) {
    throw new ContainerMountError(`unable to provision SubPath \`${subPath}\`: must not contain '..'`);
  }
  const prepareFailed = () => new ContainerMountError(`failed to prepare subPath for volumeMount ${q(vm.name)} of container ${q(container.name)}`);
  let root: string;
  try {
    root = realpathSync(volumePath);
  } catch {
    throw prepareFailed();
  }
  const target = join(volumePath, subPath);
  let exists = true;
  try {
    statSync(target);
  } catch {
    exists = false;
  }
  if (!exists) {
    try {
      // Made with the volume's own mode so a group-writable (fsGroup) volume stays group-writable.
      const mode = statSync(volumePath).mode & 0o7777;
      const parts = subPath.split('/').filter((p) => p !== '' && p !== '.');
      let dir = volumePath;
      for (const part of parts) {
        dir = join(dir, part);
        const real = (() => { try { return realpathSync(dir); } catch { return undefined; } })();
        if (real !== undefined) {
          if (!within(real, root)) throw new Error('escapes the volume');
          continue;
        }
        mkdirSync(dir, { mode });
        chmodSync(dir, mode);
      }
    } catch {
      throw new ContainerMountError(`failed to create subPath directory for volumeMount ${q(vm.name)} of container ${q(container.name)}`);
    }
  }
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    throw prepareFailed();
  }
  if (!within(real, root)) throw prepareFailed();
  return real;
}

export function containerMounts(
  _pod: Pod, container: Container, volumes: Map<string, PodVolume>, env: Record<string, string> = {},
): Mount[] {
  const out: Mount[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const vol = volumes.get(vm.name ?? '');
    if (!vol) {
      throw new ContainerMountError(`cannot find volume ${JSON.stringify(vm.name ?? '')} to mount into container ${JSON.stringify(container.name ?? '')}`);
    }
    const propagation = propagationOf(vm, container);
    let subPath = vm.subPath ?? '';
    if (vm.subPathExpr) {
      const { value, missing } = expandSubPathExpr(vm.subPathExpr, env);
      if (missing.length) throw new ContainerMountError(`missing value for ${missing.join(', ')}`);
      subPath = value;
    }
    const hostPath = subPath ? subPathHostPath(vol.hostPath, subPath, vm, container) : vol.hostPath;
    out.push({ containerPath: vm.mountPath ?? '', hostPath, readonly: vm.readOnly === true || vol.readOnly, propagation });
  }
  return out;
}
