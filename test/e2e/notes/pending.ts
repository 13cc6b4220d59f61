/**
 * Notes scenarios that navarch does not pass yet, with the reason; their tests run as `todo`
 * (reported, not failing the run). Remove an entry when the behaviour lands.
 */
export const PENDING = new Map<string, string>([
  ['auth can-i for a ServiceAccount without roles answers no (exit 1)', 'needs RBAC enforcement'],
]);
