/**
 * Which definitions carry x-kubernetes-group-version-kind, and with what: each kind and its List
 * (by the ResourceDefs), any other declared type with a gvk (Scale), and the standard types every
 * group/version serves — DeleteOptions and WatchEvent in every served group/version, Status and
 * APIResourceList in core v1 (as Kubernetes lists them).
 */
import type { ObjectSchema, ResourceDef } from '../../api/index.js';
import type { GVK } from './json.js';
import { listSchemaOf } from './list-schema.js';
import { APIResourceListSchema, DeleteOptionsSchema, StatusSchema, WatchEventSchema } from './meta-schemas.js';
import { ScaleSchema } from './scale-schema.js';

export type GvkLookup = (definitionName: string) => GVK[] | undefined;

function push(index: Map<string, GVK[]>, name: string, gvk: GVK): void {
  const list = index.get(name) ?? [];
  if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) list.push(gvk);
  index.set(name, list);
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

function compare(a: GVK, b: GVK): number {
  return cmp(a.group, b.group) || cmp(a.version, b.version) || cmp(a.kind, b.kind);
}

export function gvkIndex(resources: readonly ResourceDef[]): GvkLookup {
  const index = new Map<string, GVK[]>();
  const schemaGvk = (s: ObjectSchema): void => {
    if (s.gvk) push(index, s.name, { group: s.gvk.group, kind: s.gvk.kind, version: s.gvk.version });
  };
  schemaGvk(ScaleSchema);
  const groupVersions = new Map<string, { group: string; version: string }>([['/v1', { group: '', version: 'v1' }]]);
  for (const r of resources) {
    push(index, r.schema.name, { group: r.group, kind: r.kind, version: r.version });
    push(index, listSchemaOf(r.schema, r.kind).name, { group: r.group, kind: r.listKind ?? `${r.kind}List`, version: r.version });
    schemaGvk(r.schema);
    groupVersions.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
  }
  for (const { group, version } of groupVersions.values()) {
    push(index, DeleteOptionsSchema.name, { group, kind: 'DeleteOptions', version });
    push(index, WatchEventSchema.name, { group, kind: 'WatchEvent', version });
  }
  push(index, StatusSchema.name, { group: '', kind: 'Status', version: 'v1' });
  push(index, APIResourceListSchema.name, { group: '', kind: 'APIResourceList', version: 'v1' });
  for (const list of index.values()) list.sort(compare);
  return (name) => index.get(name);
}
