/**
 * GET /api/v1/componentstatuses[/name]: the deprecated health view of the control plane, answered
 * from live checks, never stored — scheduler and controller-manager are healthy while their leader
 * Lease in kube-system is renewed, etcd-0 while the store answers. Every answer carries Kubernetes'
 * deprecation Warning.
 */
import { COMPONENT_STATUS_DEPRECATION, componentStatusList, componentStatusOf, notFound, type ComponentCheck, type KObject } from '../../api/index.js';
import { qualifiedResource } from '../rest/scope.js';
import { includeObjectOf, sendJson, sendObject } from '../respond.js';
import { buildTable } from '../table.js';
import type { HandlerCtx } from './context.js';

/** A leader Lease counts as alive when renewed within its duration. */
async function leaseCheck(ctx: HandlerCtx, component: string, lease: string): Promise<ComponentCheck> {
  const def = ctx.registry.index.lookup('coordination.k8s.io', 'v1', 'leases');
  if (!def) return { name: component, healthy: false, error: 'no Lease resource' };
  try {
    const l = await ctx.registry.get({ def, loc: ctx.registry.index.storageOf(def), namespace: 'kube-system' }, lease) as KObject & {
      spec?: { renewTime?: string; leaseDurationSeconds?: number };
    };
    const renewed = Date.parse(l.spec?.renewTime ?? '');
    const fresh = Number.isFinite(renewed) && Date.now() - renewed <= (l.spec?.leaseDurationSeconds ?? 15) * 1000 + 5000;
    return fresh ? { name: component, healthy: true } : { name: component, healthy: false, error: `leader lease ${lease} not renewed` };
  } catch {
    return { name: component, healthy: false, error: `no leader lease ${lease}` };
  }
}

async function checks(ctx: HandlerCtx): Promise<ComponentCheck[]> {
  let store: ComponentCheck = { name: 'etcd-0', healthy: true };
  try {
    await ctx.registry.backend.get('/registry/health');
  } catch (err) {
    store = { name: 'etcd-0', healthy: false, error: (err as Error).message };
  }
  return [await leaseCheck(ctx, 'scheduler', 'kube-scheduler'), await leaseCheck(ctx, 'controller-manager', 'kube-controller-manager'), store];
}

export async function handleComponentStatus(ctx: HandlerCtx): Promise<void> {
  ctx.warnings.push(COMPONENT_STATUS_DEPRECATION);
  const all = await checks(ctx);
  const name = ctx.info.name;
  if (name) {
    const check = all.find((c) => c.name === name);
    if (!check) throw notFound(qualifiedResource(ctx.def), name);
    sendObject(ctx, 200, ctx.def, componentStatusOf(check));
    return;
  }
  const list = componentStatusList(all);
  if (ctx.rep.kind === 'table') {
    sendJson(ctx, 200, buildTable(ctx.def, list.items, { version: ctx.rep.version, includeObject: includeObjectOf(ctx.query), resourceVersion: '' }));
    return;
  }
  sendJson(ctx, 200, list);
}
