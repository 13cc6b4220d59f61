/**
 * Downward API files: pod metadata (name, namespace, uid, labels, annotations, one label or
 * annotation by key) and a container's resource limits or requests scaled by a divisor, with unset
 * limits reported as the node's allocatable amount, as the kubelet writes them.
 */
import { milliValue, parseQuantity } from '../../api/index.js';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import type { Payload } from './atomic-writer.js';
import type { DownwardAPIFile, ResourceFieldSelector } from './sources.js';

/** What the node can give pods, in base units (cores, bytes). */
export interface NodeAllocatable { cpu: number; memory: number; ephemeralStorage: number }

/** Go's strconv.Quote: double quotes, Go escapes, printable Unicode kept. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** A map as `key="value"` lines in key order, no trailing newline (fieldpath.FormatMap). */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${goQuote(m![k]!)}`).join('\n');
}

const SUBSCRIPTED = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/;

/** The value of a pod field path as the downward API volume writes it. */
export function podFieldValue(pod: Pod, fieldPath: string): string {
  const meta = pod.metadata;
  const sub = SUBSCRIPTED.exec(fieldPath);
  if (sub) {
    const map = sub[1] === 'metadata.labels' ? meta.labels : meta.annotations;
    return map?.[sub[2]!] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.annotations': return formatMap(meta.annotations);
    case 'metadata.labels': return formatMap(meta.labels);
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
  }
  throw new Error(`unsupported fieldPath: ${fieldPath}`);
}

function findContainer(pod: Pod, name: string): Container {
  const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === name);
  if (!c) throw new Error(`container ${name} not found`);
  return c;
}

/** A container's resource value divided by the divisor, rounded up, as text. */
export function resourceFieldValue(pod: Pod, ref: ResourceFieldSelector, node: NodeAllocatable): string {
  const container = findContainer(pod, ref.containerName ?? '');
  const resource = ref.resource ?? '';
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const divisorText = ref.divisor ?? '1';
  const zeroDivisor = (parseQuantity(divisorText) ?? 0) === 0;
  const divisorMilli = zeroDivisor ? 1000 : milliValue(divisorText);
  const divisorUnits = zeroDivisor ? 1 : Math.ceil(parseQuantity(divisorText)!);
  // Unset limits read as the node's allocatable amount; unset requests as 0.
  const cpu = (q: string | number | undefined, fallback = 0): string => {
    const milli = q !== undefined ? milliValue(q) : Math.ceil(fallback * 1000);
    return String(Math.ceil(milli / divisorMilli));
  };
  const bytes = (q: string | number | undefined, fallback = 0): string => {
    const v = Math.ceil(q !== undefined ? parseQuantity(q) ?? 0 : fallback);
    return String(Math.ceil(v / divisorUnits));
  };
  switch (resource) {
    case 'limits.cpu': return cpu(limits.cpu, node.cpu);
    case 'limits.memory': return bytes(limits.memory, node.memory);
    case 'limits.ephemeral-storage': return bytes(limits['ephemeral-storage'], node.ephemeralStorage);
    case 'requests.cpu': return cpu(requests.cpu);
    case 'requests.memory': return bytes(requests.memory);
    case 'requests.ephemeral-storage': return bytes(requests['ephemeral-storage']);
  }
  const huge = /^(limits|requests)\.(hugepages-.+)$/.exec(resource);
  if (huge) return bytes((huge[1] === 'limits' ? limits : requests)[huge[2]!]);
  throw new Error(`unsupported container resource : ${resource}`);
}

/** Go's filepath.Clean for the relative paths of downward API items. */
function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    parts.push(seg);
  }
  return parts.join('/') || '.';
}

/**
 * The files of a downward API volume (or projected source). Every failing item is collected;
 * the errors are thrown together (Kubernetes' aggregate) after the others are computed.
 */
export function downwardAPIPayload(
  pod: Pod, items: DownwardAPIFile[] | undefined, defaultMode: number, defaultUser: number | undefined,
  node: () => NodeAllocatable,
): { payload: Payload; errors: string[] } {
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const item of items ?? []) {
    const mode = item.mode ?? defaultMode;
    const uid = item.user ?? defaultUser;
    let text = '';
    try {
      if (item.fieldRef) text = podFieldValue(pod, item.fieldRef.fieldPath ?? '');
      else if (item.resourceFieldRef) text = resourceFieldValue(pod, item.resourceFieldRef, node());
    } catch (err) {
      errors.push((err as Error).message);
    }
    const data = Buffer.from(text.split('\n').sort().join('\n'), 'utf8');
    payload.set(cleanPath(item.path ?? ''), uid === undefined ? { data, mode } : { data, mode, uid });
  }
  return { payload, errors };
}
