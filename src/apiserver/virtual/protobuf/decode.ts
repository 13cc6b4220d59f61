/**
 * Decodes a protobuf message into the plain JSON shape of the same Kubernetes object, following a
 * small descriptor (field number → JSON name and type). Fields the descriptor does not list are
 * skipped, as a Go decoder skips unknown fields. Single string fields that are empty are left out:
 * gogo-protobuf sends them, JSON (omitempty, as every string of the messages here) does not.
 */
import { ProtobufError, WireReader, type WireField } from './wire.js';

export type Scalar = 'string' | 'bool' | 'int64' | 'int32';

export interface MessageDesc {
  readonly [fieldNumber: number]: FieldDesc;
}

export interface FieldDesc {
  name: string;
  /** The field's type; for a map, the type of its values (keys are strings). */
  type: Scalar | MessageDesc;
  repeated?: boolean;
  map?: boolean;
  /** A map value that is a message of one repeated field `items` (ExtraValue): JSON shows the bare list. */
  unwrapItems?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function asBytes(f: WireField): Uint8Array {
  if (!(f.value instanceof Uint8Array)) throw new ProtobufError(`field ${f.number}: expected a length-delimited value`);
  return f.value;
}

function asInt(f: WireField, bits: 32 | 64): number {
  if (typeof f.value !== 'bigint') throw new ProtobufError(`field ${f.number}: expected a number`);
  return Number(bits === 64 ? BigInt.asIntN(64, f.value) : BigInt.asIntN(32, f.value));
}

function decodeScalar(type: Scalar, f: WireField): unknown {
  switch (type) {
    case 'string': return utf8.decode(asBytes(f));
    case 'bool': return asInt(f, 64) !== 0;
    case 'int64': return asInt(f, 64);
    case 'int32': return asInt(f, 32);
  }
}

function decodeValue(type: Scalar | MessageDesc, f: WireField): unknown {
  return typeof type === 'string' ? decodeScalar(type, f) : decodeMessage(type, asBytes(f));
}

function decodeMapEntry(valueType: Scalar | MessageDesc, bytes: Uint8Array): [string, unknown] {
  const r = new WireReader(bytes);
  let key = '';
  let value: unknown = typeof valueType === 'string' ? (valueType === 'string' ? '' : undefined) : {};
  for (let f = r.next(); f; f = r.next()) {
    if (f.number === 1) key = utf8.decode(asBytes(f));
    else if (f.number === 2) value = decodeValue(valueType, f);
  }
  return [key, value];
}

export function decodeMessage(desc: MessageDesc, bytes: Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new WireReader(bytes);
  for (let f = r.next(); f; f = r.next()) {
    const d = desc[f.number];
    if (!d) continue;
    if (d.map) {
      const [k, v] = decodeMapEntry(d.type, asBytes(f));
      const m = (out[d.name] ??= {}) as Record<string, unknown>;
      m[k] = d.unwrapItems && v && typeof v === 'object' ? (v as Record<string, unknown>).items ?? [] : v;
      continue;
    }
    const v = decodeValue(d.type, f);
    if (d.repeated) ((out[d.name] ??= []) as unknown[]).push(v);
    else if (v === '') delete out[d.name]; // an empty string is what JSON's omitempty leaves out
    else out[d.name] = v;
  }
  return out;
}

/** The magic prefix of Kubernetes' protobuf encoding: "k8s\0". */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

const TYPE_META: MessageDesc = { 1: { name: 'apiVersion', type: 'string' }, 2: { name: 'kind', type: 'string' } };

export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

/** Unwraps the runtime.Unknown envelope a protobuf-encoded Kubernetes object travels in. */
export function decodeEnvelope(body: Uint8Array): Envelope {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw new ProtobufError('provided object is not a Kubernetes protobuf message (missing the "k8s\\0" prefix)');
  const r = new WireReader(body.subarray(4));
  const env: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array() };
  for (let f = r.next(); f; f = r.next()) {
    if (f.number === 1) {
      const tm = decodeMessage(TYPE_META, asBytes(f));
      env.apiVersion = typeof tm.apiVersion === 'string' ? tm.apiVersion : '';
      env.kind = typeof tm.kind === 'string' ? tm.kind : '';
    } else if (f.number === 2) {
      env.raw = asBytes(f);
    } else if (f.number === 3) {
      const enc = utf8.decode(asBytes(f));
      if (enc) throw new ProtobufError(`unsupported content encoding ${JSON.stringify(enc)}`);
    }
  }
  return env;
}
