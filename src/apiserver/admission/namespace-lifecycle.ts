/**
 * NamespaceLifecycle: objects may only be created in namespaces that exist and are not being
 * deleted, and the system namespaces cannot be deleted.
 */
import { forbidden, notFound, type KObject } from '../../api/index.js';
import type { Backend } from '../../storage/index.js';
import type { WatchCache } from '../cache/index.js';
import type { AdmissionPlugin, Attributes } from './admission.js';

const PROTECTED = new Set(['default', 'kube-system', 'kube-public']);

export class NamespaceLifecycle implements AdmissionPlugin {
  readonly name = 'NamespaceLifecycle';

  constructor(private cache: WatchCache, private backend: Backend) {}

  private async namespace(name: string): Promise<KObject | undefined> {
    const key = `/registry/core/namespaces/${name}`;
    const cached = this.cache.get(key);
    if (cached) return cached.obj;
    const kv = await this.backend.get(key);
    return kv ? (JSON.parse(kv.value) as KObject) : undefined;
  }

  async validate(a: Attributes): Promise<void> {
    if (a.operation === 'DELETE' && a.def.plural === 'namespaces' && a.def.group === '' && PROTECTED.has(a.name)) {
      throw forbidden(`namespaces "${a.name}" is forbidden: this namespace may not be deleted`);
    }
  }

  /** Runs in the mutating phase, before validation, as Kubernetes orders it. */
  async admit(a: Attributes): Promise<void> {
    if (a.operation !== 'CREATE' || !a.def.namespaced || !a.namespace) return;
    const ns = await this.namespace(a.namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, a.namespace);
    if (ns.metadata.deletionTimestamp) {
      const what = a.def.group ? `${a.def.plural}.${a.def.group}` : a.def.plural;
      throw forbidden(`${what} "${a.name}" is forbidden: unable to create new content in namespace ${a.namespace} because it is being terminated`);
    }
  }
}
