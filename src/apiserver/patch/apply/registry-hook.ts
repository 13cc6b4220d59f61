/**
 * What the generic store calls on every create and update so that managedFields stay true: an
 * Update entry for the write's manager, unless the write is an apply (whose entries are already
 * computed).
 */
import { apiVersionOf, type KObject, type ResourceDef } from '../../../api/index.js';
import { trackUpdate, type ManagedFieldsScope } from './field-manager.js';

export interface ManagedFieldsWrite {
  fieldManager?: string;
  subresource?: string;
  /** Set by server-side apply: managedFields are already final. */
  applied?: boolean;
  /** The subresource to record when it is not `subresource` (writes through /scale). */
  managedFieldsSubresource?: string;
}

export function managedFieldsScope(def: ResourceDef, subresource: string | undefined): ManagedFieldsScope {
  return {
    schema: def.schema,
    apiVersion: apiVersionOf(def),
    kind: def.kind,
    subresource: subresource || undefined,
    statusSubresource: !!def.subresources?.status,
  };
}

/** Updates obj.metadata.managedFields for a create (old undefined) or an update. */
export function trackManagedFields(def: ResourceDef, old: KObject | undefined, obj: KObject, opts: ManagedFieldsWrite): void {
  if (opts.applied) return;
  trackUpdate(managedFieldsScope(def, opts.managedFieldsSubresource ?? opts.subresource), old, obj, opts.fieldManager);
}
