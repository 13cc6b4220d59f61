/**
 * The part of kube-apiserver's API Priority and Fairness configuration controller that users see:
 * every FlowSchema carries a Dangling condition saying whether the PriorityLevelConfiguration it
 * names exists (the MISSINGPL column of `kubectl get flowschemas`). It is written with server-side
 * apply to the status subresource under Kubernetes' field manager. navarch does not queue or limit
 * requests by these objects; this controller only keeps the condition true.
 */
import type { KObject } from '../../api/index.js';
import { isNotFound, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, rfc3339 } from '../runtime/index.js';

export const FLOW_SCHEMAS: GroupVersionResource = { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource: 'flowschemas' };
export const PRIORITY_LEVELS: GroupVersionResource = { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource: 'prioritylevelconfigurations' };
export const APF_FIELD_MANAGER = 'api-priority-and-fairness-config-consumer-v1';

interface Condition { type: string; status?: string; reason?: string; message?: string; lastTransitionTime?: string }
interface FlowSchema extends KObject {
  spec?: { priorityLevelConfiguration?: { name?: string } };
  status?: { conditions?: Condition[] };
}

/** The Dangling condition a FlowSchema should carry, given whether its priority level exists. */
export function danglingCondition(plName: string, exists: boolean): Omit<Condition, 'lastTransitionTime'> {
  return exists
    ? { type: 'Dangling', status: 'False', reason: 'Found', message: `This FlowSchema references the PriorityLevelConfiguration object named "${plName}" and it exists` }
    : { type: 'Dangling', status: 'True', reason: 'NotFound', message: `This FlowSchema references the PriorityLevelConfiguration object named "${plName}" but there is no such object` };
}

export class FlowSchemaDanglingController {
  readonly controller: Controller;
  private readonly schemas: Informer<FlowSchema>;
  private readonly levels: Informer<KObject>;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: { log?: (line: string) => void } = {}) {
    this.schemas = informers.forResource<FlowSchema>(FLOW_SCHEMAS);
    this.levels = informers.forResource<KObject>(PRIORITY_LEVELS);
    this.controller = new Controller({ name: 'apf-dangling', workers: 1, log: opts.log, reconcile: (name) => this.sync(name) })
      .watch(this.schemas, (fs) => fs.metadata.name)
      // A priority level appearing or going changes the condition of the schemas that name it.
      .watch(this.levels, (pl) => this.schemas.store.list()
        .filter((fs) => fs.spec?.priorityLevelConfiguration?.name === pl.metadata.name).map((fs) => fs.metadata.name ?? ''));
  }

  private async sync(name: string): Promise<void> {
    const fs = this.schemas.store.get(name);
    if (!fs || fs.metadata.deletionTimestamp) return;
    const plName = fs.spec?.priorityLevelConfiguration?.name ?? '';
    const want = danglingCondition(plName, !!this.levels.store.get(plName));
    const have = fs.status?.conditions?.find((c) => c.type === 'Dangling');
    if (have && have.status === want.status && have.reason === want.reason && have.message === want.message) return;
    const patch = {
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name },
      status: { conditions: [{ ...want, lastTransitionTime: rfc3339() }] },
    };
    await this.cs.resource<FlowSchema>(FLOW_SCHEMAS).patch(name, 'apply', patch, { subresource: 'status', fieldManager: APF_FIELD_MANAGER, force: true })
      .catch((err: unknown) => { if (!isNotFound(err)) throw err; });
  }
}
