/**
 * Downward API files: pod metadata (name, namespace, uid, labels, annotations, one label or
 * annotation by key) and a container's resource limits or requests scaled by a divisor, with unset
 * limits reported as the node's allocatable amount, as the kubelet writes them. The values come
 * from pod-config, which computes the same values for env vars.
 */
import type { Pod, ResourceList } from '../../api/types/core/pod/index.js';
import { containerResourceValueByName, metadataFieldValue } from '../pod-config/index.js';
import type { Payload } from './atomic-writer.js';
import type { DownwardAPIFile } from './sources.js';

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
  allocatable: () => ResourceList,
): { payload: Payload; errors: string[] } {
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const item of items ?? []) {
    const mode = item.mode ?? defaultMode;
    const uid = item.user ?? defaultUser;
    let text = '';
    try {
      if (item.fieldRef) text = metadataFieldValue(pod, item.fieldRef.fieldPath ?? '');
      else if (item.resourceFieldRef) text = containerResourceValueByName(item.resourceFieldRef, pod, allocatable());
    } catch (err) {
      errors.push((err as Error).message);
    }
    const data = Buffer.from(text.split('\n').sort().join('\n'), 'utf8');
    payload.set(cleanPath(item.path ?? ''), uid === undefined ? { data, mode } : { data, mode, uid });
  }
  return { payload, errors };
}
