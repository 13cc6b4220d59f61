/**
 * Orderings Kubernetes uses in discovery: versions by "kube-aware" priority (GA before beta before
 * alpha, higher numbers first: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > other strings), and API
 * groups in kube-apiserver's priority order, unknown groups (CRDs) after them by name.
 */

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

interface ParsedVersion { major: number; stage: number; minor: number }

function parse(v: string): ParsedVersion | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return { major: Number(m[1]), stage, minor: m[3] === undefined ? 0 : Number(m[3]) };
}

/** Negative when a is preferred over b. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) {
    if (pa.stage !== pb.stage) return pb.stage - pa.stage;
    if (pa.major !== pb.major) return pb.major - pa.major;
    return pb.minor - pa.minor;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** kube-apiserver's order of the built-in groups in /apis. */
const GROUP_ORDER: readonly string[] = [
  'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io',
  'autoscaling', 'batch', 'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io',
  'storage.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'scheduling.k8s.io',
  'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io', 'resource.k8s.io', 'storagemigration.k8s.io',
];

/** Negative when group a is listed before b. */
export function compareGroups(a: string, b: string): number {
  const ia = GROUP_ORDER.indexOf(a);
  const ib = GROUP_ORDER.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
