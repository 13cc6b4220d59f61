/**
 * An env var's `valueFrom.fieldRef`: the pod's metadata (name, namespace, uid, labels and
 * annotations, one of them by key), spec.nodeName, spec.serviceAccountName, and the node's and
 * pod's IPs (pod IPs ordered with the node's primary family first), worded as the kubelet's errors.
 * A downward API volume file's fieldRef reads the metadata part alone (metadataFieldValue).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { isQualifiedName } from '../../api/index.js';
import type { ObjectFieldSelector, Pod } from '../../api/types/core/pod/index.js';
import { formatMap, goQuote } from './format.js';

/** The field paths the downward API accepts for env vars (converted before lookup). */
const CONVERTIBLE = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** `path['key']` → [path, key]; undefined when the path has no subscript. */
export function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const body = fieldPath.slice(0, -2);
  const open = body.indexOf("['");
  if (open <= 0) return undefined;
  return [body.slice(0, open), body.slice(open + 2)];
}

/** The field path the kubelet resolves, after the API's conversion (spec.host → spec.nodeName). */
function convertFieldLabel(apiVersion: string, label: string): string {
  if (apiVersion !== 'v1') throw new Error(`unsupported pod version: ${apiVersion}`);
  const sub = splitSubscript(label);
  if (sub) {
    if (sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels') return label;
    throw new Error(`field label does not support subscript: ${label}`);
  }
  if (CONVERTIBLE.has(label)) return label;
  if (label === 'spec.host') return 'spec.nodeName';
  throw new Error(`field label not supported: ${label}`);
}

/** Pod IPs with the first of the node's primary family first and the first of the other next. */
export function sortPodIPs(podIPs: readonly string[], hostIPs: readonly string[]): string[] {
  const v6First = hostIPs.length > 0 && isIPv6(hostIPs[0]!);
  const primary = v6First ? isIPv6 : isIPv4;
  const secondary = v6First ? isIPv4 : isIPv6;
  const out: string[] = [];
  const p = podIPs.find((ip) => primary(ip));
  if (p !== undefined) out.push(p);
  const s = podIPs.find((ip) => secondary(ip));
  if (s !== undefined) out.push(s);
  return out;
}

/**
 * The value of a metadata field path (name, namespace, uid, labels, annotations, one label or
 * annotation by key): the whole of a downward API file's fieldRef, and the last step of an env var's.
 */
export function metadataFieldValue(pod: Pod, fieldPath: string): string {
  const meta = pod.metadata;
  const sub = splitSubscript(fieldPath);
  if (sub) {
    const [path, key] = sub;
    if (path === 'metadata.annotations' || path === 'metadata.labels') {
      const errs = isQualifiedName(path === 'metadata.annotations' ? key.toLowerCase() : key);
      if (errs.length > 0) throw new Error(`invalid key subscript in ${fieldPath}: ${errs.join(';')}`);
      const map = path === 'metadata.labels' ? meta.labels : meta.annotations;
      return map?.[key] ?? '';
    }
    throw new Error(`fieldPath ${goQuote(fieldPath)} does not support subscript`);
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

/** The runtime value of a fieldRef; throws with the kubelet's message when it cannot be read. */
export function podFieldValue(pod: Pod, ref: ObjectFieldSelector, podIPs: readonly string[], hostIPs: readonly string[]): string {
  const path = convertFieldLabel(ref.apiVersion || 'v1', ref.fieldPath ?? '');
  const ips = sortPodIPs(podIPs, hostIPs);
  switch (path) {
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      if (hostIPs.length === 0) throw new Error('host IP unknown; known addresses: []');
      return path === 'status.hostIP' ? hostIPs[0]! : hostIPs.join(',');
    case 'status.podIP': return ips[0] ?? '';
    case 'status.podIPs': return ips.join(',');
  }
  return metadataFieldValue(pod, path);
}
