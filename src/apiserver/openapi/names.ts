/**
 * How Kubernetes names operations and tags: the group in CamelCase without ".k8s.io"
 * ("" → Core, "rbac.authorization.k8s.io" → RbacAuthorization, "stable.example.com" →
 * StableExampleCom), the version capitalised (V1, V2beta1), and tags like "rbacAuthorization_v1".
 */

const capitalize = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** "rbac.authorization.k8s.io" → "RbacAuthorization". */
export function operationGroup(group: string): string {
  if (!group) return 'Core';
  const trimmed = group.endsWith('.k8s.io') ? group.slice(0, -'.k8s.io'.length) : group;
  return trimmed.split(/[.-]/).map(capitalize).join('');
}

/** "v2beta1" → "V2beta1". */
export function operationVersion(version: string): string {
  return capitalize(version);
}

/** "core_v1", "apps_v1", "rbacAuthorization_v1". */
export function operationTag(group: string, version: string): string {
  const g = operationGroup(group);
  return `${g[0].toLowerCase()}${g.slice(1)}_${version}`;
}

/** "/api/v1" or "/apis/apps/v1". */
export function groupVersionPrefix(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}
