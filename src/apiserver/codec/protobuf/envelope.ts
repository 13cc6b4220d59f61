/**
 * Kubernetes' protobuf envelope: the four bytes "k8s\0", then a runtime.Unknown message
 * {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3, contentType = 4} whose raw
 * bytes are the object's own message.
 */
import { ProtobufError, WireReader } from './wire.js';

export const PROTOBUF_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
  readonly contentEncoding: string;
  readonly contentType: string;
}

function wrongWire(wire: number, field: string): ProtobufError {
  return new ProtobufError(`proto: wrong wireType = ${wire} for field ${field}`);
}

function readTypeMeta(r: WireReader): { apiVersion: string; kind: string } {
  let apiVersion = '';
  let kind = '';
  while (!r.done()) {
    const t = r.tag('TypeMeta');
    if (t.field === 1) {
      if (t.wire !== 2) throw wrongWire(t.wire, 'APIVersion');
      apiVersion = r.string();
    } else if (t.field === 2) {
      if (t.wire !== 2) throw wrongWire(t.wire, 'Kind');
      kind = r.string();
    } else {
      r.skip(t.wire, 'TypeMeta');
    }
  }
  return { apiVersion, kind };
}

/** Splits a body into its type and raw object bytes; throws ProtobufError when it is not an envelope. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufError(`provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_MAGIC.join(' ')}]`);
  }
  const r = new WireReader(body, PROTOBUF_MAGIC.length);
  let typeMeta = { apiVersion: '', kind: '' };
  let raw: Uint8Array = new Uint8Array(0);
  let contentEncoding = '';
  let contentType = '';
  while (!r.done()) {
    const t = r.tag('Unknown');
    switch (t.field) {
      case 1:
        if (t.wire !== 2) throw wrongWire(t.wire, 'TypeMeta');
        typeMeta = readTypeMeta(r.sub());
        break;
      case 2:
        if (t.wire !== 2) throw wrongWire(t.wire, 'Raw');
        raw = r.bytes();
        break;
      case 3:
        if (t.wire !== 2) throw wrongWire(t.wire, 'ContentEncoding');
        contentEncoding = r.string();
        break;
      case 4:
        if (t.wire !== 2) throw wrongWire(t.wire, 'ContentType');
        contentType = r.string();
        break;
      default:
        r.skip(t.wire, 'Unknown');
    }
  }
  return { ...typeMeta, raw, contentEncoding, contentType };
}
