/**
 * Fixture kinds for OpenAPI tests: Widget (namespaced, status and scale subresources) uses every
 * construct of the schema language; Gadget (cluster-scoped) serves only get, list and create.
 */
import {
  anyValue, boolean, bytes, enumOf, field, int32, int64, intOrString, kindFields, LabelSelectorSchema, listOf, mapOf,
  number, object, quantity, string, stringMap, time, type ResourceDef,
} from '../../api/index.js';

export const WidgetProbeSchema = object('com.example.v1.WidgetProbe', 'How to check that a widget works.', () => ({
  port: field(intOrString, 'Port number or name to probe.', { required: true, proto: 1 }),
  periodSeconds: field(int32, 'Seconds between checks.', { proto: 2, default: 10 }),
}));

export const WidgetContainerSchema = object('com.example.v1.WidgetContainer', 'One process of a widget.', () => ({
  name: field(string, 'Name of the container, unique in the widget.', { required: true, proto: 1 }),
  image: field(string, 'Image to run.', { proto: 2 }),
  livenessProbe: field(WidgetProbeSchema, 'Checks that the container is alive.', { proto: 3 }),
  limits: field(mapOf(quantity), 'Most resources the container may use.', { proto: 4 }),
}));

export const WidgetSchema = object('com.example.v1.Widget', 'A test kind using every construct.', () => ({
  ...kindFields(),
  spec: field(object('com.example.v1.WidgetSpec', 'Desired state of a widget.', () => ({
    replicas: field(int32, 'Desired number of copies.', { proto: 1, default: 1 }),
    memory: field(quantity, 'Memory for each copy.', { proto: 2 }),
    mode: field(enumOf('Fast', 'Slow'), 'How fast it goes.', { proto: 3 }),
    payload: field(bytes, 'Opaque bytes.', { proto: 4 }),
    labels: field(stringMap, 'Labels of the copies.', { proto: 5, mapType: 'atomic' }),
    selector: field(LabelSelectorSchema, 'Which copies belong to it.', { proto: 6 }),
    containers: field(listOf(WidgetContainerSchema), 'The processes.', {
      required: true, proto: 7, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
    }),
    config: field(anyValue, 'Free-form configuration.', { proto: 8 }),
    ratio: field(number, 'A fraction.', { proto: 9 }),
    tags: field(listOf(string), 'Unordered tags.', { proto: 10, listType: 'set' }),
    startAt: field(time, 'When it starts.', { proto: 11 }),
    matrix: field(listOf(listOf(int64)), 'Rows of numbers.', { proto: 12 }),
    paused: field(boolean, 'Whether it is paused.', { proto: 13 }),
  })), 'Desired state.', { proto: 2 }),
  status: field(object('com.example.v1.WidgetStatus', 'Observed state of a widget.', () => ({
    replicas: field(int32, 'Copies running.', { proto: 1 }),
  })), 'Observed state.', { proto: 3 }),
}), { gvk: { group: 'example.com', version: 'v1', kind: 'Widget' } });

export const widgets: ResourceDef = {
  group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', singular: 'widget', namespaced: true,
  shortNames: ['wd'], categories: ['all'], schema: WidgetSchema,
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' } },
};

export const GadgetSchema = object('com.example.v1.Gadget', 'A cluster-wide test kind.', () => ({
  ...kindFields(),
  note: field(string, 'Anything.', { proto: 2 }),
}), { gvk: { group: 'example.com', version: 'v1', kind: 'Gadget' }, preserveUnknown: true });

export const gadgets: ResourceDef = {
  group: 'example.com', version: 'v1', kind: 'Gadget', plural: 'gadgets', singular: 'gadget', namespaced: false,
  verbs: ['get', 'list', 'create'], schema: GadgetSchema,
};

/** Every "$ref" in a document, with the JSON path where it occurs. */
export function collectRefs(value: unknown, path = '$', out: { path: string; ref: string }[] = []): { path: string; ref: string }[] {
  if (Array.isArray(value)) value.forEach((v, i) => collectRefs(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push({ path, ref: v });
      else collectRefs(v, `${path}.${k}`, out);
    }
  }
  return out;
}
