/** ValidateVolumes: names, exactly one source each, and the checks of that source. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isDNS1123Subdomain } from '../../../meta/names.js';
import { dnsLabel, entry, isObj, list, type Obj } from './validate-helpers.js';
import { FORBIDDEN_PATH, VOLUME_SOURCES } from './validate-volume-sources.js';

/** The valid volumes by name (what mounts may refer to), and the errors found. */
export interface VolumeCheck {
  volumes: Map<string, Obj>;
  errors: FieldError[];
}

function validateSource(v: Obj, path: string, volName: string, podName: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const [key, checkPath, check] of VOLUME_SOURCES) {
    const src = v[key];
    if (src === undefined || src === null) continue;
    if (n > 0) {
      errs.push(fe.forbidden(fe.child(path, FORBIDDEN_PATH[key] ?? key), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const s = entry(src as Obj);
    errs.push(...check(s, fe.child(path, checkPath)));
    if (key === 'iscsi' && typeof s.initiatorName === 'string' && `${volName}:${String(s.targetPortal ?? '')}`.length > 64) {
      errs.push(fe.invalid(fe.child(path, 'name'), volName,
        'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
    }
    if (key === 'ephemeral' && podName && volName) {
      const pvc = `${podName}-${volName}`;
      for (const m of isDNS1123Subdomain(pvc)) errs.push(fe.invalid(fe.child(path, 'name'), volName, `PVC name "${pvc}": ${m}`));
    }
  }
  if (n === 0) errs.push(fe.required(path, 'must specify a volume type'));
  return errs;
}

/** podName is given for real pods only (ephemeral claim names depend on it). */
export function validateVolumes(volumes: unknown, podName: string | undefined, path: string): VolumeCheck {
  const out = new Map<string, Obj>();
  const errors: FieldError[] = [];
  const created = new Set<string>();
  const items = list(volumes as Obj[]).map((v) => entry(v));
  if (podName) for (const v of items) if (isObj(v.ephemeral)) created.add(`${podName}-${String(v.name ?? '')}`);
  items.forEach((v, i) => {
    const p = fe.index(path, i);
    const name = typeof v.name === 'string' ? v.name : '';
    const errs = validateSource(v, p, name, podName);
    if (!name) errs.push(fe.required(fe.child(p, 'name'), ''));
    else errs.push(...dnsLabel(name, fe.child(p, 'name')));
    if (out.has(name)) errs.push(fe.duplicate(fe.child(p, 'name'), name));
    if (errs.length === 0) out.set(name, v);
    else errors.push(...errs);
    const claim = isObj(v.persistentVolumeClaim) ? v.persistentVolumeClaim.claimName : undefined;
    if (typeof claim === 'string' && created.has(claim)) {
      errors.push(fe.invalid(`${p}.persistentVolumeClaim.claimName`, claim, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: out, errors };
}
