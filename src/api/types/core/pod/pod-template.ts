/** core/v1 PodTemplate: a stored pod template; its ResourceDef and `kubectl get podtemplates` columns. */
import type { FieldError } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import type { ResourceDef } from '../../../resource.js';
import { defaultPodTemplateSpec } from './defaults.js';
import { PodTemplateSchema } from './pod-schema.js';
import { entry, isObj, list } from './validate-helpers.js';
import { validatePodTemplateSpec } from './validate-pod.js';
import type { PodTemplateSpec } from './types.js';

interface PodTemplateLike extends KObject {
  template?: PodTemplateSpec;
}

/** Names and images of containers joined by commas, as the printer lays them out. */
export function containerCells(containers: unknown): [string, string] {
  const items = list(containers as Array<{ name?: string; image?: string }>).map((c) => entry(c));
  return [items.map((c) => c.name ?? '').join(','), items.map((c) => c.image ?? '').join(',')];
}

/** labels.FormatLabels: "k=v,k2=v2" sorted by key, or "<none>". */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${(labels ?? {})[k]}`).join(',') : '<none>';
}

export const podtemplates: ResourceDef = {
  group: '', version: 'v1', kind: 'PodTemplate', plural: 'podtemplates', singular: 'podtemplate',
  namespaced: true,
  schema: PodTemplateSchema,
  generation: false,
  defaults(obj) {
    const t = obj as PodTemplateLike;
    if (!isObj(t.template)) t.template = {};
    defaultPodTemplateSpec(t.template as Record<string, unknown>);
  },
  validate(obj): FieldError[] {
    const t = obj as PodTemplateLike;
    return validatePodTemplateSpec(entry(t.template) as Record<string, unknown>, 'template');
  },
  table: {
    columns: [
      { name: 'Containers', type: 'string', description: 'Names of the containers in the template.', priority: 0 },
      { name: 'Images', type: 'string', description: 'Images of the containers in the template.', priority: 0 },
      { name: 'Pod Labels', type: 'string', description: 'Labels of the pods made from the template.', priority: 0 },
    ],
    cells(obj) {
      const t = obj as PodTemplateLike;
      const [names, images] = containerCells(t.template?.spec?.containers);
      return [names, images, formatLabels(t.template?.metadata?.labels)];
    },
  },
};
