/**
 * A CRD version's openAPIV3Schema as the project's schema language, in two flavours:
 * - 'published': the types the CRD declares (OpenAPI documents, `kubectl explain`);
 * - 'decode': the same objects, arrays and maps (so unknown fields are found and pruned, and list
 *   types reach server-side apply) but every scalar accepted as any JSON value, so that a wrong type
 *   is reported by validation in Kubernetes' words rather than as a decoding error.
 * Objects become named types `<root name>.<path>`; x-kubernetes-preserve-unknown-fields keeps what
 * the schema does not list; x-kubernetes-embedded-resource adds apiVersion, kind and metadata.
 */
import {
  anyValue, boolean, field, int32, int64, intOrString, kindFields, listOf, mapOf, number, object, string,
  type Field, type ObjectSchema, type Schema,
} from '../../api/index.js';
import { publishInline } from '../openapi/index.js';
import { additionalOf, itemsOf, type Props } from './props.js';

export type SchemaFlavour = 'published' | 'decode';

function scalar(p: Props, flavour: SchemaFlavour): Schema {
  if (flavour === 'decode') return anyValue;
  switch (p.type) {
    case 'string': {
      const values = (p.enum ?? []).filter((v): v is string => typeof v === 'string');
      if (values.length && values.length === p.enum?.length) return { type: 'string', enum: values };
      return p.format === 'byte' ? { type: 'string', format: 'byte' } : string;
    }
    case 'integer': return p.format === 'int32' ? int32 : int64;
    case 'number': return number;
    case 'boolean': return boolean;
    default: return anyValue;
  }
}

function fieldOf(p: Props, name: string, flavour: SchemaFlavour, required: boolean): Field {
  const items = p.type === 'array' ? itemsOf(p) : undefined;
  const listType = p['x-kubernetes-list-type'];
  return field(convert(p, name, flavour), p.description ?? '', {
    required: required || undefined,
    default: p.default,
    listType: listType === 'atomic' || listType === 'set' || listType === 'map' ? listType : undefined,
    listMapKeys: listType === 'map' && items ? p['x-kubernetes-list-map-keys'] : undefined,
    mapType: p.type === 'object' && !p.properties && additionalOf(p) ? mapTypeOf(p) : undefined,
  });
}

function mapTypeOf(p: Props): 'atomic' | 'granular' | undefined {
  const t = p['x-kubernetes-map-type'];
  return t === 'atomic' || t === 'granular' ? t : undefined;
}

function objectOf(p: Props, name: string, flavour: SchemaFlavour, extra: () => Record<string, Field>): ObjectSchema {
  const required = new Set(p.required ?? []);
  const schema = objectSchema(p, name, flavour, extra, required);
  // Kubernetes publishes a CRD's nested objects inline, not as named definitions.
  if (flavour === 'published') publishInline(schema);
  return schema;
}

function objectSchema(
  p: Props, name: string, flavour: SchemaFlavour, extra: () => Record<string, Field>, required: Set<string>,
): ObjectSchema {
  return object(name, p.description ?? '', () => {
    const fields: Record<string, Field> = { ...extra() };
    for (const [k, v] of Object.entries(p.properties ?? {})) {
      if (k in fields) continue;
      fields[k] = fieldOf(v, `${name}.${k}`, flavour, required.has(k));
    }
    return fields;
  }, {
    preserveUnknown: p['x-kubernetes-preserve-unknown-fields'] === true || undefined,
    atomic: p['x-kubernetes-map-type'] === 'atomic' || undefined,
  });
}

/** One value's schema; name is the type name objects get. */
export function convert(p: Props, name: string, flavour: SchemaFlavour): Schema {
  if (p['x-kubernetes-int-or-string']) return flavour === 'decode' ? anyValue : intOrString;
  const embedded = p['x-kubernetes-embedded-resource'] === true;
  if (p.type === 'object' || embedded) {
    const extra = embedded ? kindFields : (): Record<string, Field> => ({});
    if (p.properties || embedded) return objectOf(p, name, flavour, extra);
    const values = additionalOf(p);
    if (values) return mapOf(convert(values, name, flavour));
    if (p['x-kubernetes-preserve-unknown-fields'] || p.additionalProperties === true) return anyValue;
    return objectOf(p, name, flavour, extra);
  }
  if (p.type === 'array') {
    const items = itemsOf(p);
    return items ? listOf(convert(items, `${name}.items`, flavour)) : listOf(anyValue);
  }
  if (!p.type) return anyValue;
  return scalar(p, flavour);
}

/**
 * The kind's top-level schema: apiVersion, kind and metadata as every kind has them, then the
 * CRD's properties. `name` is the definition name (com.example.stable.v1.CronTab); without a schema
 * every field is kept.
 */
export function rootSchema(
  p: Props | undefined, name: string, gvk: { group: string; version: string; kind: string }, flavour: SchemaFlavour,
): ObjectSchema {
  const root: Props = p ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const required = new Set(root.required ?? []);
  return object(name, root.description ?? '', () => {
    const fields = kindFields();
    for (const [k, v] of Object.entries(root.properties ?? {})) {
      if (k in fields) continue;
      fields[k] = fieldOf(v, `${name}.${k}`, flavour, required.has(k));
    }
    return fields;
  }, { gvk, preserveUnknown: root['x-kubernetes-preserve-unknown-fields'] === true || undefined });
}

/** Kubernetes' definition name of a custom kind: the group reversed, the version, the kind. */
export function definitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}
