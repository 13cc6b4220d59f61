/** The controller reference of an object: its owner reference with controller: true. */
import type { KObject, OwnerReference } from '../../api/index.js';

export function controllerRef(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}
