/**
 * The apimachinery messages whose JSON form is not an object: metav1.Time and MicroTime
 * ({seconds, nanos} → RFC 3339, null when empty), intstr.IntOrString ({type, intVal, strVal} → a
 * number or a string), resource.Quantity ({string} → "100m"), and runtime.RawExtension / FieldsV1
 * ({raw} → the JSON value the bytes hold).
 */
import { ProtobufError, type WireReader } from './wire.js';

const SECONDS_PER_YEAR_10000 = 253402300800n; // 10000-01-01T00:00:00Z
const SECONDS_BEFORE_YEAR_0 = -62167219200n; // 0000-01-01T00:00:00Z

/** Reads a Timestamp message; an empty one is Go's zero time, which JSON writes as null. */
export function readTime(r: WireReader, micro: boolean): string | null {
  const m = r.sub();
  if (m.done()) return null;
  let seconds = 0n;
  let nanos = 0n;
  while (!m.done()) {
    const t = m.tag('Timestamp');
    if (t.field === 1 && t.wire === 0) seconds = BigInt.asIntN(64, m.varint());
    else if (t.field === 2 && t.wire === 0) nanos = BigInt.asIntN(32, m.varint());
    else if (t.field === 1 || t.field === 2) throw new ProtobufError(`proto: wrong wireType = ${t.wire} for field ${t.field === 1 ? 'Seconds' : 'Nanos'}`);
    else m.skip(t.wire, 'Timestamp');
  }
  // time.Unix normalizes nanoseconds outside [0, 1e9).
  const total = seconds * 1_000_000_000n + nanos;
  let secs = total / 1_000_000_000n;
  let ns = total % 1_000_000_000n;
  if (ns < 0n) {
    ns += 1_000_000_000n;
    secs -= 1n;
  }
  if (secs < SECONDS_BEFORE_YEAR_0 || secs >= SECONDS_PER_YEAR_10000) {
    throw new ProtobufError('Time.MarshalJSON: year outside of range [0,9999]');
  }
  const base = new Date(Number(secs) * 1000).toISOString().slice(0, 19);
  if (!micro) return `${base}Z`;
  return `${base}.${String(ns / 1000n).padStart(6, '0')}Z`;
}

/** Reads an IntOrString message: {type = 1 (0 int, 1 string), intVal = 2, strVal = 3}. */
export function readIntOrString(r: WireReader): number | string {
  const m = r.sub();
  let type = 0n;
  let intVal = 0;
  let strVal = '';
  while (!m.done()) {
    const t = m.tag('IntOrString');
    if (t.field === 1 && t.wire === 0) type = BigInt.asIntN(64, m.varint());
    else if (t.field === 2 && t.wire === 0) intVal = Number(BigInt.asIntN(32, m.varint()));
    else if (t.field === 3 && t.wire === 2) strVal = m.string();
    else if (t.field <= 3) throw new ProtobufError(`proto: wrong wireType = ${t.wire} for field ${['Type', 'IntVal', 'StrVal'][t.field - 1]}`);
    else m.skip(t.wire, 'IntOrString');
  }
  if (type === 0n) return intVal;
  if (type === 1n) return strVal;
  throw new ProtobufError('impossible IntOrString.Type');
}

/** Reads a Quantity message: {string = 1}; an empty one is the zero quantity "0". */
export function readQuantity(r: WireReader): string {
  const m = r.sub();
  let s: string | undefined;
  while (!m.done()) {
    const t = m.tag('Quantity');
    if (t.field === 1 && t.wire === 2) s = m.string();
    else if (t.field === 1) throw new ProtobufError(`proto: wrong wireType = ${t.wire} for field String_`);
    else m.skip(t.wire, 'Quantity');
  }
  return s ?? '0';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a RawExtension or FieldsV1 message: {raw = 1} holding JSON. No bytes is JSON null. */
export function readRawJson(r: WireReader): unknown {
  const m = r.sub();
  let raw: Uint8Array | undefined;
  while (!m.done()) {
    const t = m.tag('RawExtension');
    if (t.field === 1 && t.wire === 2) raw = m.bytes();
    else if (t.field === 1) throw new ProtobufError(`proto: wrong wireType = ${t.wire} for field Raw`);
    else m.skip(t.wire, 'RawExtension');
  }
  if (!raw || raw.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(raw));
  } catch {
    throw new ProtobufError('embedded raw value is not JSON');
  }
}
