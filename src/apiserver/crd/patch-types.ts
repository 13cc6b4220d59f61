/** The patch types custom resources accept: no strategic merge patch (they have no patch strategies). */
import { StatusError } from '../../api/index.js';

const ACCEPTED = 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

/** Throws Kubernetes' 415 for a strategic merge patch of a custom resource. */
export function rejectStrategicMergePatch(contentType: string | undefined): void {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (media === 'application/strategic-merge-patch+json') {
    throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED}`);
  }
}
