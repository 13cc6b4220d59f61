/** Validation of probes and lifecycle hooks: exactly one handler, valid ports, sane timings. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { entry, isHTTPHeaderName, isObj, list, nonNegative, portNumOrName, type Obj } from './validate-helpers.js';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

function validateHandler(h: Obj, kinds: readonly string[], gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of HANDLERS) {
    if (!kinds.includes(kind) || !isObj(h[kind])) continue;
    const p = fe.child(path, kind);
    if (n > 0) {
      errs.push(fe.forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const a = h[kind] as Obj;
    switch (kind) {
      case 'exec':
        if (list(a.command as string[]).length === 0) errs.push(fe.required(fe.child(p, 'command'), ''));
        break;
      case 'httpGet': {
        if (!a.path) errs.push(fe.required(fe.child(p, 'path'), ''));
        errs.push(...portNumOrName(a.port, fe.child(p, 'port')));
        const scheme = typeof a.scheme === 'string' ? a.scheme : '';
        if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fe.notSupported(fe.child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
        for (const hdr of list(a.httpHeaders as Obj[])) {
          const name = String(entry(hdr).name ?? '');
          for (const m of isHTTPHeaderName(name)) errs.push(fe.invalid(fe.child(p, 'httpHeaders'), name, m));
        }
        break;
      }
      case 'tcpSocket':
        errs.push(...portNumOrName(a.port, fe.child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...portNumOrName(typeof a.port === 'number' ? a.port : 0, fe.child(p, 'port')));
        break;
      case 'sleep': {
        const s = typeof a.seconds === 'number' ? a.seconds : 0;
        if (gracePeriod !== undefined && (s < 0 || s > gracePeriod)) {
          errs.push(fe.invalid(p, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
        }
        break;
      }
    }
  }
  if (n === 0) errs.push(fe.required(path, 'must specify a handler type'));
  return errs;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** validateLivenessProbe / validateReadinessProbe / validateStartupProbe. */
export function validateProbe(probe: unknown, kind: ProbeKind, gracePeriod: number | undefined, path: string): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], gracePeriod, path);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[k] as number | undefined, fe.child(path, k)));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(fe.invalid(fe.child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind !== 'readiness' && (probe.successThreshold ?? 0) !== 1) {
    errs.push(fe.invalid(fe.child(path, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && tgps !== undefined && tgps !== null) {
    errs.push(fe.invalid(fe.child(path, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: unknown, gracePeriod: number | undefined, path: string): FieldError[] {
  if (!isObj(lifecycle)) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop'] as const) {
    const h = lifecycle[hook];
    if (isObj(h)) errs.push(...validateHandler(h, ['exec', 'httpGet', 'tcpSocket', 'sleep'], gracePeriod, fe.child(path, hook)));
  }
  return errs;
}
