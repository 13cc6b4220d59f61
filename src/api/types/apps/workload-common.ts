/**
 * Small pieces every workload kind shares: the AGE and container table columns, the cells that lay
 * out container names and images, and the generation rule for updates.
 */
import { age } from '../../meta/age.js';
import type { KObject } from '../../meta/object-meta.js';
import type { TableColumn } from '../../resource.js';
import { deepEqual } from './value-rules.js';
import type { PodTemplateLike } from './workload-validation.js';

export const AGE_COLUMN: TableColumn = { name: 'Age', type: 'string', description: 'Time since the object was created.', priority: 0 };
export const CONTAINERS_COLUMN: TableColumn = { name: 'Containers', type: 'string', description: 'Names of the containers in the pod template.', priority: 1 };
export const IMAGES_COLUMN: TableColumn = { name: 'Images', type: 'string', description: 'Images the pod template\'s containers run.', priority: 1 };
export const SELECTOR_COLUMN: TableColumn = { name: 'Selector', type: 'string', description: 'The label selector that picks the pods.', priority: 1 };

/** Container names and images joined by commas, as the wide columns show them. */
export function containerCells(tpl: PodTemplateLike | undefined): [string, string] {
  const containers = tpl?.spec?.containers ?? [];
  return [containers.map((c) => c.name ?? '').join(','), containers.map((c) => c.image ?? '').join(',')];
}

export function ageCell(obj: KObject, now: Date): string {
  return age(obj.metadata.creationTimestamp, now);
}

/** Sets metadata.generation to old+1 when `changed`; otherwise keeps the old generation. */
export function bumpGeneration(obj: KObject, old: KObject, changed: boolean): void {
  const prev = old.metadata.generation ?? 1;
  obj.metadata.generation = changed ? prev + 1 : prev;
}

/** True when the spec differs semantically. */
export function specChanged(obj: KObject, old: KObject): boolean {
  return !deepEqual(obj.spec, old.spec);
}

/** Makes sure obj[key] is an object and returns it. */
export function ensureObject<T extends object>(holder: object, key: string): T {
  const h = holder as Record<string, unknown>;
  const v = h[key];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as T;
  const fresh = {} as T;
  h[key] = fresh;
  return fresh;
}
