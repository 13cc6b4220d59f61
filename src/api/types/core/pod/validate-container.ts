/**
 * validateContainerCommon: what every container (regular, init, ephemeral) must satisfy — name,
 * image, ports, env, mounts and devices, pull policy, resources, resize policy, security context.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isValidPortName, isValidPortNum } from '../../../meta/names.js';
import { validateEnv, validateEnvFrom } from './validate-env.js';
import { dnsLabel, entry, isObj, list, localDescendingPath, noBacksteps, type Obj } from './validate-helpers.js';
import { validateResourceRequirements } from './validate-resources.js';
import { validateSecurityContext } from './validate-security.js';
import type { Container } from './types.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** What container checks need to know about the pod around them. */
export interface PodContext {
  volumes: Map<string, Obj>;
  podClaims: Set<string>;
  restartPolicy: string;
  hostUsers: boolean;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list(ports as Obj[]).forEach((raw, i) => {
    const port = entry(raw);
    const p = fe.index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(fe.invalid(fe.child(p, 'name'), name, m));
      else if (names.has(name)) errs.push(fe.duplicate(fe.child(p, 'name'), name));
      else names.add(name);
    }
    const cp = typeof port.containerPort === 'number' ? port.containerPort : 0;
    if (cp === 0) errs.push(fe.required(fe.child(p, 'containerPort'), ''));
    else for (const m of isValidPortNum(cp)) errs.push(fe.invalid(fe.child(p, 'containerPort'), cp, m));
    const hp = typeof port.hostPort === 'number' ? port.hostPort : 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(fe.invalid(fe.child(p, 'hostPort'), hp, m));
    const proto = str(port.protocol);
    if (!proto) errs.push(fe.required(fe.child(p, 'protocol'), ''));
    else if (!PROTOCOLS.includes(proto)) errs.push(fe.notSupported(fe.child(p, 'protocol'), proto, PROTOCOLS));
  });
  return errs;
}

function validateMounts(c: Container, ctx: PodContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const devices = new Map(list(c.volumeDevices).map((d) => [str(entry(d).name), str(entry(d).devicePath)]));
  const devicePaths = new Set(devices.values());
  const mountPaths = new Set<string>();
  list(c.volumeMounts).forEach((raw, i) => {
    const m = entry(raw);
    const p = fe.index(path, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(fe.required(fe.child(p, 'name'), ''));
    if (!ctx.volumes.has(name)) errs.push(fe.notFound(fe.child(p, 'name'), name));
    if (!mountPath) errs.push(fe.required(fe.child(p, 'mountPath'), ''));
    if (mountPaths.has(mountPath)) errs.push(fe.invalid(fe.child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPaths.add(mountPath);
    if (devices.has(name)) errs.push(fe.invalid(fe.child(p, 'name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(fe.invalid(fe.child(p, 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const vol = ctx.volumes.get(name);
    if (vol && isObj(vol.image)) {
      if (m.subPath) errs.push(fe.invalid(fe.child(p, 'subPath'), m.subPath, 'not allowed in image volume sources'));
      if (m.subPathExpr) errs.push(fe.invalid(fe.child(p, 'subPathExpr'), m.subPathExpr, 'not allowed in image volume sources'));
    }
    if (m.subPath) errs.push(...localDescendingPath(str(m.subPath), fe.child(path, 'subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(fe.invalid(fe.child(p, 'subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPath(str(m.subPathExpr), fe.child(path, 'subPathExpr')));
    }
    const prop = m.mountPropagation;
    if (typeof prop === 'string') {
      const pp = fe.child(path, 'mountPropagation');
      const allowed = ['Bidirectional', 'HostToContainer', 'None'];
      if (!allowed.includes(prop)) errs.push(fe.notSupported(pp, prop, allowed));
      if (prop === 'Bidirectional' && c.securityContext?.privileged !== true) {
        errs.push(fe.forbidden(pp, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    const rro = m.recursiveReadOnly;
    if (typeof rro === 'string' && rro !== 'Disabled') {
      const rp = fe.child(path, 'recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (!m.readOnly) errs.push(fe.forbidden(rp, 'may only be specified when readOnly is true'));
        if (typeof prop === 'string' && prop !== 'None') errs.push(fe.forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
      } else {
        errs.push(fe.notSupported(rp, rro, ['Disabled', 'Enabled', 'IfPossible']));
      }
    }
  });
  return errs;
}

function validateDevices(c: Container, ctx: PodContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = new Map(list(c.volumeMounts).map((m) => [str(entry(m).name), str(entry(m).mountPath)]));
  const mountPaths = new Set(mounts.values());
  const names = new Set<string>();
  const paths = new Set<string>();
  list(c.volumeDevices).forEach((raw, i) => {
    const d = entry(raw);
    const p = fe.index(path, i);
    const name = str(d.name);
    const devPath = str(d.devicePath);
    const vol = ctx.volumes.get(name);
    const isPVC = vol !== undefined && (isObj(vol.persistentVolumeClaim) || isObj(vol.ephemeral));
    if (!name) errs.push(fe.required(fe.child(p, 'name'), ''));
    if (names.has(name)) errs.push(fe.invalid(fe.child(p, 'name'), name, 'must be unique'));
    if (vol && !isPVC) errs.push(fe.invalid(fe.child(p, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (!vol) errs.push(fe.notFound(fe.child(p, 'name'), name));
    if (!devPath) errs.push(fe.required(fe.child(p, 'devicePath'), ''));
    if (paths.has(devPath)) errs.push(fe.invalid(fe.child(p, 'devicePath'), devPath, 'must be unique'));
    if (devPath && noBacksteps(devPath, p).length) errs.push(fe.invalid(fe.child(p, 'devicePath'), devPath, "can not contain backsteps ('..')"));
    else paths.add(devPath);
    if (mounts.has(name)) errs.push(fe.invalid(fe.child(p, 'name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devPath)) errs.push(fe.invalid(fe.child(p, 'devicePath'), devPath, 'must not already exist as a path in volumeMounts'));
    if (name) names.add(name);
  });
  return errs;
}

function validatePullPolicy(policy: unknown, path: string): FieldError[] {
  const p = str(policy);
  if (!p) return [fe.required(path, '')];
  return PULL_POLICIES.includes(p) ? [] : [fe.notSupported(path, p, PULL_POLICIES)];
}

function validateResizePolicy(policies: unknown, restartPolicy: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list(policies as Obj[]).forEach((raw, i) => {
    const rp = entry(raw);
    const name = str(rp.resourceName);
    const policy = str(rp.restartPolicy);
    if (seen.has(name)) errs.push(fe.duplicate(fe.index(path, i), name));
    seen.add(name);
    if (!name) errs.push(fe.required(path, ''));
    else if (name !== 'cpu' && name !== 'memory') errs.push(fe.notSupported(path, name, ['cpu', 'memory']));
    if (!policy) errs.push(fe.required(path, ''));
    else if (policy !== 'NotRequired' && policy !== 'RestartContainer') errs.push(fe.notSupported(path, policy, ['NotRequired', 'RestartContainer']));
    if (restartPolicy === 'Never' && policy !== 'NotRequired') {
      errs.push(fe.invalid(path, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

export function validateContainerCommon(c: Container, ctx: PodContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(fe.required(fe.child(path, 'name'), ''));
  else errs.push(...dnsLabel(name, fe.child(path, 'name')));
  if (!str(c.image)) errs.push(fe.required(fe.child(path, 'image'), ''));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(fe.required(fe.child(path, 'terminationMessagePolicy'), ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fe.notSupported(fe.child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, fe.child(path, 'ports')));
  errs.push(...validateEnv(c.env, fe.child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, fe.child(path, 'envFrom')));
  errs.push(...validateMounts(c, ctx, fe.child(path, 'volumeMounts')));
  errs.push(...validateDevices(c, ctx, fe.child(path, 'volumeDevices')));
  errs.push(...validatePullPolicy(c.imagePullPolicy, fe.child(path, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, ctx.podClaims, fe.child(path, 'resources')));
  errs.push(...validateResizePolicy(c.resizePolicy, ctx.restartPolicy, fe.child(path, 'resizePolicy')));
  errs.push(...validateSecurityContext(c.securityContext, ctx.hostUsers, fe.child(path, 'securityContext')));
  return errs;
}
