/** admission.NewForbidden: the 403 a quota or limit range plugin answers, `<resource> "<name>" is forbidden: <why>`. */
import { qualified, StatusError } from '../../api/index.js';
import type { Attributes } from './admission.js';

export function admissionForbidden(a: Attributes, why: string): StatusError {
  const resource = qualified({ group: a.def.group, resource: a.def.plural });
  const name = a.name;
  const message = name ? `${resource} "${name}" is forbidden: ${why}` : `${resource} is forbidden: ${why}`;
  return new StatusError(403, 'Forbidden', message, { name: name || undefined, group: a.def.group || undefined, kind: a.def.plural });
}
