/**
 * The labels of a service's slices: the service's own labels (except the reserved ones), the
 * headless label for services without a cluster IP, the service name and the managing controller.
 * `changed` tells whether the slice's labels differ from those.
 */
import { isServiceIPSet, LABEL_HEADLESS, semanticEqual, type Service } from '../endpoints/index.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, type EndpointSlice } from './types.js';

const RESERVED = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, LABEL_HEADLESS]);

export function sliceLabels(slice: EndpointSlice | undefined, svc: Service, controllerName: string): { labels: Record<string, string>; changed: boolean } {
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!RESERVED.has(k)) own[k] = v;
  const labels: Record<string, string> = { ...own };
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = controllerName;
  return { labels, changed: slice !== undefined && !semanticEqual(labels, slice.metadata.labels) };
}
