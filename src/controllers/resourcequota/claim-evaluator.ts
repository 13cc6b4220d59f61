/**
 * The persistent volume claim evaluator: every claim counts and uses its storage request (or the
 * larger allocated size) in whole bytes, also under its storage class's names
 * (<class>.storageclass.storage.k8s.io/requests.storage and …/persistentvolumeclaims).
 */
import type { KObject } from '../../api/index.js';
import type { QuotaEvaluator } from './evaluator.js';
import { quantityOf, type Quantity } from './quantity.js';
import { parseResourceList, type ResourceList, type WireResourceList } from './resource-list.js';
import { claimMatchesScope } from './scopes.js';

const ONE = quantityOf(1);

const CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

interface ClaimLike extends KObject {
  spec?: { storageClassName?: string | null; resources?: { requests?: WireResourceList } };
  status?: { allocatedResources?: WireResourceList };
}

/** The claim's class: the beta annotation first, then spec.storageClassName. */
export function claimClass(pvc: KObject): string {
  const beta = pvc.metadata.annotations?.[BETA_CLASS];
  if (beta !== undefined) return beta;
  return (pvc as ClaimLike).spec?.storageClassName ?? '';
}

/** Rounded up to whole units, keeping the format (Quantity.RoundUp(0)). */
function wholeUnits(q: Quantity): Quantity {
  const unit = 1_000_000_000n;
  const rem = q.nano % unit;
  if (rem === 0n) return q;
  return { nano: q.nano - rem + (q.nano > 0n ? unit : 0n), format: q.format };
}

function claimStorage(pvc: ClaimLike): Quantity | undefined {
  const requested = parseResourceList(pvc.spec?.resources?.requests).storage;
  if (!requested) return undefined;
  const allocated = parseResourceList(pvc.status?.allocatedResources).storage;
  return wholeUnits(allocated && allocated.nano > requested.nano ? allocated : requested);
}

export const claimEvaluator: QuotaEvaluator = {
  group: '', resource: 'persistentvolumeclaims',
  matchingResources(names) {
    return names.filter((n) => ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(n)
      || n.endsWith(`${CLASS_SUFFIX}persistentvolumeclaims`) || n.endsWith(`${CLASS_SUFFIX}requests.storage`));
  },
  usage(obj) {
    const pvc = obj as ClaimLike;
    const out: ResourceList = { persistentvolumeclaims: ONE, 'count/persistentvolumeclaims': ONE };
    const cls = claimClass(pvc);
    if (cls) out[`${cls}${CLASS_SUFFIX}persistentvolumeclaims`] = ONE;
    const storage = claimStorage(pvc);
    if (storage) {
      out['requests.storage'] = storage;
      if (cls) out[`${cls}${CLASS_SUFFIX}requests.storage`] = storage;
    }
    return out;
  },
  matchesScope: claimMatchesScope,
  constraints: () => undefined,
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
};
