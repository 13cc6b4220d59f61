/** What every resource handler receives. */
import type { ResourceDef } from '../../api/index.js';
import type { UserInfo } from '../authn.js';
import type { RequestInfo } from '../request-info.js';
import type { ResponseCtx } from '../respond.js';
import type { Registry } from '../rest/registry.js';
import type { Scope } from '../rest/scope.js';
import type { KubeletClient } from './kubelet-client.js';

export interface HandlerCtx extends ResponseCtx {
  info: RequestInfo;
  def: ResourceDef;
  scope: Scope;
  registry: Registry;
  /** Resolves when the client goes away (for watches). */
  closed: Promise<void>;
  /** How to reach nodes' kubelets (pods/log). */
  kubelet?: KubeletClient;
  /** The authenticated (and possibly impersonated) user. */
  user?: UserInfo;
}

export function dryRunOf(q: URLSearchParams): boolean {
  return q.getAll('dryRun').includes('All');
}

export function fieldValidationOf(q: URLSearchParams): 'Strict' | 'Warn' | 'Ignore' {
  const v = q.get('fieldValidation');
  if (v === 'Strict' || v === 'Ignore') return v;
  return 'Warn';
}
