/**
 * Schema-driven decoding of one protobuf message into the JSON object that Go's JSON encoding of the
 * same value gives. Field numbers come from the schema's `proto`; fields marked `embeddedIn` are read
 * from the nested message of an inline Go struct and land flat in the object; maps are repeated
 * {key = 1, value = 2} entries; repeated numbers may be packed or not. Unknown field numbers are
 * skipped. Zero scalars are dropped unless the Go field keeps them in JSON (presence.ts).
 */
import type { ObjectSchema, Schema } from '../../../api/index.js';
import { factsOf } from './presence.js';
import { readIntOrString, readQuantity, readRawJson, readTime } from './well-known.js';
import { ProtobufError, WireReader, type WireType } from './wire.js';

/** Deeper nesting than any Kubernetes type has; guards the stack against hostile input. */
const MAX_DEPTH = 100;

interface Slot {
  readonly name: string;
  readonly schema: Schema;
  readonly micro: boolean;
}

interface Plan {
  /** Go message name, for error messages. */
  readonly message: string;
  readonly direct: ReadonlyMap<number, Slot>;
  /** Nested messages of embedded structs: outer field number → their fields. */
  readonly groups: ReadonlyMap<number, ReadonlyMap<number, Slot>>;
  /** Single scalar fields whose zero value is dropped. */
  readonly dropZero: readonly string[];
}

type JsonObject = Record<string, unknown>;

const plans = new WeakMap<ObjectSchema, Plan>();

function planOf(schema: ObjectSchema): Plan {
  let plan = plans.get(schema);
  if (plan) return plan;
  const facts = factsOf(schema.name);
  const direct = new Map<number, Slot>();
  const groups = new Map<number, Map<number, Slot>>();
  const dropZero: string[] = [];
  for (const [name, f] of Object.entries(schema.fields)) {
    if (f.proto === undefined) continue;
    const slot: Slot = { name, schema: f.schema, micro: facts.microTime.has(name) };
    if (f.embeddedIn === undefined) {
      direct.set(f.proto, slot);
    } else {
      let g = groups.get(f.embeddedIn);
      if (!g) groups.set(f.embeddedIn, (g = new Map()));
      g.set(f.proto, slot);
    }
    if (isScalar(f.schema) && !facts.keepZero.has(name)) dropZero.push(name);
  }
  plan = { message: schema.name.slice(schema.name.lastIndexOf('.') + 1), direct, groups, dropZero };
  plans.set(schema, plan);
  return plan;
}

function isScalar(s: Schema): boolean {
  return (s.type === 'string' && s.format !== 'date-time') || s.type === 'integer' || s.type === 'boolean' || s.type === 'number';
}

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function wrongWire(wire: number, name: string): ProtobufError {
  return new ProtobufError(`proto: wrong wireType = ${wire} for field ${goName(name)}`);
}

/** Decodes the message in `r` (to its end) into `out`, merging with what `out` already holds. */
export function decodeMessage(r: WireReader, schema: ObjectSchema, out: JsonObject = {}, depth = 0): JsonObject {
  if (depth > MAX_DEPTH) throw new ProtobufError('proto: message nested too deeply');
  const plan = planOf(schema);
  fill(r, plan, plan.direct, out, depth);
  for (const name of plan.dropZero) {
    const v = out[name];
    if (v === '' || v === 0 || v === false) delete out[name];
  }
  return out;
}

function fill(r: WireReader, plan: Plan, slots: ReadonlyMap<number, Slot>, out: JsonObject, depth: number): void {
  while (!r.done()) {
    const t = r.tag(plan.message);
    const group = slots === plan.direct ? plan.groups.get(t.field) : undefined;
    if (group) {
      if (t.wire !== 2) throw new ProtobufError(`proto: wrong wireType = ${t.wire} for field ${t.field} of ${plan.message}`);
      if (depth + 1 > MAX_DEPTH) throw new ProtobufError('proto: message nested too deeply');
      fill(r.sub(), plan, group, out, depth + 1);
      continue;
    }
    const slot = slots.get(t.field);
    if (!slot) {
      r.skip(t.wire, plan.message);
      continue;
    }
    readField(r, t.wire, slot, out, depth);
  }
}

function readField(r: WireReader, wire: WireType, slot: Slot, out: JsonObject, depth: number): void {
  const s = slot.schema;
  if (s.type === 'array') {
    const list = Array.isArray(out[slot.name]) ? out[slot.name] as unknown[] : (out[slot.name] = []) as unknown[];
    readRepeated(r, wire, s.items, slot, list, depth);
  } else if (s.type === 'map') {
    if (wire !== 2) throw wrongWire(wire, slot.name);
    const map = isPlainObject(out[slot.name]) ? out[slot.name] as JsonObject : (out[slot.name] = {}) as JsonObject;
    readMapEntry(r.sub(), s.values, slot, map, depth);
  } else {
    out[slot.name] = readValue(r, wire, s, slot, out[slot.name], depth);
  }
}

function isPackable(s: Schema): boolean {
  return s.type === 'integer' || s.type === 'boolean' || s.type === 'number';
}

function readRepeated(r: WireReader, wire: WireType, items: Schema, slot: Slot, list: unknown[], depth: number): void {
  if (wire === 2 && isPackable(items)) {
    const packed = r.sub();
    const elementWire: WireType = items.type === 'number' ? 1 : 0;
    while (!packed.done()) list.push(readValue(packed, elementWire, items, slot, undefined, depth));
    return;
  }
  list.push(readElement(r, wire, items, slot, depth));
}

/**
 * One element of a list or one map value. A Go named slice inside a list or map (map[string]ExtraValue)
 * is a message wrapping {items = 1}.
 */
function readElement(r: WireReader, wire: WireType, s: Schema, slot: Slot, depth: number): unknown {
  if (s.type === 'array' || s.type === 'map') {
    if (wire !== 2) throw wrongWire(wire, slot.name);
    if (depth + 1 > MAX_DEPTH) throw new ProtobufError('proto: message nested too deeply');
    const m = r.sub();
    const holder: JsonObject = {};
    const inner: Slot = { name: 'items', schema: s, micro: slot.micro };
    while (!m.done()) {
      const t = m.tag(goName(slot.name));
      if (t.field === 1) readField(m, t.wire, inner, holder, depth + 1);
      else m.skip(t.wire, goName(slot.name));
    }
    return holder.items ?? (s.type === 'array' ? [] : {});
  }
  return readValue(r, wire, s, slot, undefined, depth);
}

function readMapEntry(m: WireReader, values: Schema, slot: Slot, map: JsonObject, depth: number): void {
  let key = '';
  let value: unknown;
  let seen = false;
  while (!m.done()) {
    const t = m.tag(goName(slot.name));
    if (t.field === 1) {
      if (t.wire !== 2) throw wrongWire(t.wire, slot.name);
      key = m.string();
    } else if (t.field === 2) {
      value = readElement(m, t.wire, values, slot, depth);
      seen = true;
    } else {
      m.skip(t.wire, goName(slot.name));
    }
  }
  map[key] = seen ? value : zeroOf(values);
}

/** What Go's JSON writes for a map value that the entry left out. */
function zeroOf(s: Schema): unknown {
  switch (s.type) {
    case 'string': return s.format === 'date-time' ? null : '';
    case 'integer': case 'number': case 'int-or-string': return 0;
    case 'boolean': return false;
    case 'quantity': return '0';
    case 'any': return null;
    case 'array': return [];
    case 'map': case 'object': return {};
  }
}

function readValue(r: WireReader, wire: WireType, s: Schema, slot: Slot, existing: unknown, depth: number): unknown {
  switch (s.type) {
    case 'string':
      if (wire !== 2) throw wrongWire(wire, slot.name);
      if (s.format === 'date-time') return readTime(r, slot.micro);
      if (s.format === 'byte') return Buffer.from(r.bytes()).toString('base64');
      return r.string();
    case 'integer': {
      if (wire !== 0) throw wrongWire(wire, slot.name);
      const v = r.varint();
      return Number(s.format === 'int32' ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v));
    }
    case 'boolean':
      if (wire !== 0) throw wrongWire(wire, slot.name);
      return r.varint() !== 0n;
    case 'number':
      if (wire === 1) return r.fixed64().getFloat64(0, true);
      if (wire === 5) return r.fixed32().getFloat32(0, true);
      throw wrongWire(wire, slot.name);
    case 'int-or-string':
      if (wire !== 2) throw wrongWire(wire, slot.name);
      return readIntOrString(r);
    case 'quantity':
      if (wire !== 2) throw wrongWire(wire, slot.name);
      return readQuantity(r);
    case 'any':
      if (wire !== 2) throw wrongWire(wire, slot.name);
      return readRawJson(r);
    case 'object':
      if (wire !== 2) throw wrongWire(wire, slot.name);
      return decodeMessage(r.sub(), s, isPlainObject(existing) ? existing : {}, depth + 1);
    case 'array': case 'map':
      // Lists and maps are read by readField; a nested one is a wrapped message.
      return readElement(r, wire, s, slot, depth);
  }
}
