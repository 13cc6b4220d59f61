/**
 * The files of a ConfigMap or Secret volume (or of one projected source): every key under its own
 * name, or only the listed items at their paths with their modes. A listed key that is missing fails
 * the volume unless it is optional, with the kubelet's wording.
 */
import type { FileProjection, Payload } from './atomic-writer.js';
import type { KeyToPath } from './sources.js';

export interface ConfigMapData { data?: Record<string, string>; binaryData?: Record<string, string> }
export interface SecretData { data?: Record<string, string> }

interface Options {
  items?: KeyToPath[];
  defaultMode: number;
  optional: boolean;
  defaultUser?: number;
}

function projection(data: Buffer, mode: number, uid: number | undefined): FileProjection {
  return uid === undefined ? { data, mode } : { data, mode, uid };
}

function fromKeys(values: Map<string, Buffer>, opts: Options, missing: (key: string) => string): Payload {
  const out: Payload = new Map();
  const items = opts.items ?? [];
  if (items.length === 0) {
    for (const [k, v] of values) out.set(k, projection(v, opts.defaultMode, opts.defaultUser));
    return out;
  }
  for (const item of items) {
    const key = item.key ?? '';
    const v = values.get(key);
    if (v === undefined) {
      if (opts.optional) continue;
      throw new Error(missing(key));
    }
    out.set(item.path ?? key, projection(v, item.mode ?? opts.defaultMode, item.user ?? opts.defaultUser));
  }
  return out;
}

/** The files of a ConfigMap (undefined: it does not exist and is optional). */
export function configMapPayload(cm: ConfigMapData | undefined, opts: Options): Payload {
  const values = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm?.data ?? {})) values.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(cm?.binaryData ?? {})) if (!values.has(k)) values.set(k, Buffer.from(v, 'base64'));
  return fromKeys(values, opts, (key) => `configmap references non-existent config key: ${key}`);
}

/** The files of a Secret (undefined: it does not exist and is optional). */
export function secretPayload(secret: SecretData | undefined, opts: Options): Payload {
  const values = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(secret?.data ?? {})) values.set(k, Buffer.from(v, 'base64'));
  return fromKeys(values, opts, (key) => `references non-existent secret key: ${key}`);
}
