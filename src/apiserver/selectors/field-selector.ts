/**
 * Field selectors ("metadata.name=web,status.phase!=Running"): parsing, and matching against the
 * fields a kind declares selectable. Unsupported fields fail as Kubernetes fails them.
 */
import { badRequest, type KObject, type ResourceDef } from '../../api/index.js';

export interface FieldRequirement { field: string; op: '=' | '!='; value: string }

export function parseFieldSelector(s: string | null | undefined): FieldRequirement[] {
  if (!s || !s.trim()) return [];
  return s.split(',').map((t) => t.trim()).filter(Boolean).map((term) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${s}'; can't understand '${term}'`);
    return { field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() };
  });
}

type Getter = (obj: KObject) => string | undefined;

const common: Record<string, Getter> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace,
};

/** Resolves each field to a getter; throws BadRequest for fields the kind cannot select on. */
export function compileFieldSelector(reqs: FieldRequirement[], def: ResourceDef): (obj: KObject) => boolean {
  if (reqs.length === 0) return () => true;
  const getters = reqs.map((r) => {
    const g = common[r.field] ?? def.selectableFields?.[r.field];
    if (!g) {
      throw badRequest(`field label not supported: ${r.field}`);
    }
    return { r, g };
  });
  return (obj) => getters.every(({ r, g }) => {
    const v = g(obj) ?? '';
    return r.op === '=' ? v === r.value : v !== r.value;
  });
}
