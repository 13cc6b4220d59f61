/**
 * The container lists of a pod: regular containers (at least one, unique names, probes and hooks),
 * init containers (sidecars with restartPolicy Always may have probes and hooks, others may not),
 * ephemeral containers (only a few fields allowed), and host port conflicts.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { validateContainerCommon, type PodContext } from './validate-container.js';
import { entry, list } from './validate-helpers.js';
import { validateLifecycle, validateProbe } from './validate-probe.js';
import type { Container } from './types.js';

function hostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    list(c.ports).forEach((raw, pi) => {
      const port = entry(raw);
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(fe.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      seen.add(key);
    });
  });
  return errs;
}

function probesAndHooks(c: Container, grace: number | undefined, path: string): FieldError[] {
  return [
    ...validateLifecycle(c.lifecycle, grace, fe.child(path, 'lifecycle')),
    ...validateProbe(c.livenessProbe, 'liveness', grace, fe.child(path, 'livenessProbe')),
    ...validateProbe(c.readinessProbe, 'readiness', grace, fe.child(path, 'readinessProbe')),
    ...validateProbe(c.startupProbe, 'startup', grace, fe.child(path, 'startupProbe')),
  ];
}

export function validateContainers(containers: unknown, ctx: PodContext, grace: number | undefined, path: string): FieldError[] {
  const items = list(containers as Container[]).map((c) => entry(c));
  if (items.length === 0) return [fe.required(path, '')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  items.forEach((c, i) => {
    const p = fe.index(path, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = c.name ?? '';
    if (names.has(name)) errs.push(fe.duplicate(fe.child(p, 'name'), name));
    else names.add(name);
    errs.push(...probesAndHooks(c, grace, p));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(fe.forbidden(fe.child(p, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...hostPortConflicts(items, path));
  return errs;
}

export function validateInitContainers(
  init: unknown, regular: unknown, ctx: PodContext, grace: number | undefined, path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(list(regular as Container[]).map((c) => entry(c).name ?? ''));
  list(init as Container[]).map((c) => entry(c)).forEach((c, i) => {
    const p = fe.index(path, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    let sidecar = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      if (c.restartPolicy !== 'Always') errs.push(fe.notSupported(fe.child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
      sidecar = c.restartPolicy === 'Always';
    }
    const name = c.name ?? '';
    if (names.has(name)) errs.push(fe.duplicate(fe.child(p, 'name'), name));
    else if (name) names.add(name);
    // Kubernetes checks each init container alone, so its errors always name index 0.
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...probesAndHooks(c, grace, p));
    } else {
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[k] !== undefined && c[k] !== null) errs.push(fe.forbidden(fe.child(p, k), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** Fields an ephemeral container may set; the others are forbidden when not zero. */
const EPHEMERAL_FORBIDDEN = [
  'ports', 'resources', 'resizePolicy', 'restartPolicy', 'restartPolicyRules', 'livenessProbe', 'readinessProbe',
  'startupProbe', 'lifecycle',
] as const;

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isZero);
  return false;
}

export function validateEphemeralContainers(
  ephemeral: unknown, regular: unknown, init: unknown, ctx: PodContext, path: string,
): FieldError[] {
  const items = list(ephemeral as Container[]).map((c) => entry(c));
  if (items.length === 0) return [];
  const errs: FieldError[] = [];
  const others = new Set([...list(regular as Container[]), ...list(init as Container[])].map((c) => entry(c).name ?? ''));
  const all = new Set(others);
  items.forEach((c, i) => {
    const p = fe.index(path, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    if (typeof c.image === 'string' && c.image.trim() !== c.image) {
      errs.push(fe.invalid(fe.child(p, 'image'), c.image, 'must not have leading or trailing whitespace'));
    }
    const name = c.name ?? '';
    if (all.has(name)) errs.push(fe.duplicate(fe.child(p, 'name'), name));
    else all.add(name);
    if (c.targetContainerName && !others.has(c.targetContainerName)) {
      errs.push(fe.notFound(fe.child(p, 'targetContainerName'), c.targetContainerName));
    }
    for (const k of EPHEMERAL_FORBIDDEN) {
      if (!isZero(c[k])) errs.push(fe.forbidden(fe.child(p, k), 'cannot be set for an Ephemeral Container'));
    }
    list(c.volumeMounts).forEach((raw, j) => {
      const m = entry(raw);
      const mp = fe.index(fe.child(p, 'volumeMounts'), j);
      if (m.subPath) errs.push(fe.forbidden(fe.child(mp, 'subPath'), 'cannot be set for an Ephemeral Container'));
      if (m.subPathExpr) errs.push(fe.forbidden(fe.child(mp, 'subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}
