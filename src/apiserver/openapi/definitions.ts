/**
 * Turns schema declarations into OpenAPI definitions: every object type reachable from the roots
 * becomes one named definition (fields as properties, refs to other definitions, required lists,
 * enums, formats and the x-kubernetes-* extensions for list/map semantics and patch strategy).
 * Two different declarations under one name are remembered so that tests can report them.
 */
import type { Field, ObjectSchema, Schema } from '../../api/index.js';
import { refWith, type Dialect, type NamedPrimitive } from './dialect.js';
import type { GVK, Json, JsonObject } from './json.js';
import { isPublishedInline } from './schema-views.js';

export class DefinitionSet {
  private readonly definitions = new Map<string, JsonObject>();
  private readonly sources = new Map<string, ObjectSchema>();
  private readonly duplicates: ObjectSchema[] = [];
  private readonly queue: ObjectSchema[] = [];

  /** gvks: the x-kubernetes-group-version-kind list of a definition, by name. */
  constructor(private readonly dialect: Dialect, private readonly gvks: (name: string) => GVK[] | undefined) {}

  /** Adds the type and every type reachable from it. */
  add(schema: ObjectSchema): void {
    this.enqueue(schema);
    for (let s = this.queue.shift(); s; s = this.queue.shift()) this.definitions.set(s.name, this.objectDefinition(s));
  }

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** The definitions sorted by name, as the document's components.schemas or definitions. */
  toJson(): JsonObject {
    const out: JsonObject = {};
    for (const name of [...this.definitions.keys()].sort()) out[name] = this.definitions.get(name) as JsonObject;
    return out;
  }

  /** Names declared twice with different content (a drift between two declarations). */
  conflicts(): string[] {
    const out = new Set<string>();
    for (const other of this.duplicates) {
      const scratch = new DefinitionSet(this.dialect, this.gvks);
      if (JSON.stringify(scratch.objectDefinition(other)) !== JSON.stringify(this.definitions.get(other.name))) out.add(other.name);
    }
    return [...out].sort();
  }

  private enqueue(s: ObjectSchema): void {
    const known = this.sources.get(s.name);
    if (known) {
      if (known !== s && !this.duplicates.includes(s)) this.duplicates.push(s);
      return;
    }
    this.sources.set(s.name, s);
    this.queue.push(s);
  }

  private ref(name: string): JsonObject {
    return { $ref: `${this.dialect.refPrefix}${name}` };
  }

  private primitive(p: NamedPrimitive): JsonObject {
    const { name, definition } = this.dialect.primitives[p];
    this.definitions.set(name, definition);
    return this.ref(name);
  }

  private objectDefinition(s: ObjectSchema): JsonObject {
    const def: JsonObject = { description: s.description, type: 'object' };
    const properties: JsonObject = {};
    const required: string[] = [];
    for (const [name, f] of Object.entries(s.fields)) {
      properties[name] = this.property(f);
      if (f.required) required.push(name);
    }
    if (Object.keys(properties).length) def.properties = properties;
    if (required.length) def.required = required;
    const gvks = this.gvks(s.name);
    if (gvks?.length) def['x-kubernetes-group-version-kind'] = gvks.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
    if (s.atomic) def['x-kubernetes-map-type'] = 'atomic';
    if (s.preserveUnknown) def['x-kubernetes-preserve-unknown-fields'] = true;
    return def;
  }

  private property(f: Field): JsonObject {
    const extra: JsonObject = {};
    if (f.default !== undefined) extra.default = f.default as Json;
    if (f.description) extra.description = f.description;
    if (f.listType) extra['x-kubernetes-list-type'] = f.listType;
    if (f.listMapKeys?.length) extra['x-kubernetes-list-map-keys'] = [...f.listMapKeys];
    if (f.mapType) extra['x-kubernetes-map-type'] = f.mapType;
    if (f.mergeKey) extra['x-kubernetes-patch-merge-key'] = f.mergeKey;
    if (f.patchStrategy) extra['x-kubernetes-patch-strategy'] = f.patchStrategy;
    const base = this.inline(f.schema);
    return '$ref' in base ? refWith(this.dialect, base, extra) : { ...base, ...extra };
  }

  private inline(s: Schema): JsonObject {
    switch (s.type) {
      case 'string': {
        if (s.format === 'date-time') return this.primitive('time');
        const out: JsonObject = { type: 'string' };
        if (s.format) out.format = s.format;
        if (s.enum) out.enum = [...s.enum];
        return out;
      }
      case 'integer': return { type: 'integer', format: s.format };
      case 'number': return { type: 'number', format: 'double' };
      case 'boolean': return { type: 'boolean' };
      case 'int-or-string': return this.primitive('int-or-string');
      case 'quantity': return this.primitive('quantity');
      case 'any': return { 'x-kubernetes-preserve-unknown-fields': true };
      case 'array': return { type: 'array', items: this.inline(s.items) };
      case 'map': return { type: 'object', additionalProperties: this.inline(s.values) };
      case 'object':
        if (isPublishedInline(s)) return this.objectDefinition(s);
        this.enqueue(s);
        return this.ref(s.name);
    }
  }
}
