/**
 * DefaultStorageClass: a new PersistentVolumeClaim that names no class (neither
 * spec.storageClassName, not even "", nor the beta annotation) gets the cluster's default
 * StorageClass — the one annotated storageclass.kubernetes.io/is-default-class=true, the newest if
 * several are. Without a default the claim is left alone (the PV controller gives it one later, if
 * a default appears before it binds).
 */
import type { KObject } from '../../api/index.js';
import type { AdmissionPlugin, Attributes } from './admission.js';

const PREFIX = '/registry/storage.k8s.io/storageclasses/';
const DEFAULT = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT = 'storageclass.beta.kubernetes.io/is-default-class';
const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** What the plugin needs of the watch cache. */
export interface StorageClassSource { list(prefix: string): Array<{ obj: KObject }> }

interface ClaimSpec { storageClassName?: string | null }

function isDefault(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[DEFAULT] === 'true' || a[BETA_DEFAULT] === 'true';
}

/** The default class of those given: the newest, then the first by name. */
export function pickDefaultClass(classes: readonly KObject[]): KObject | undefined {
  let best: KObject | undefined;
  let bestTime = 0;
  for (const sc of classes) {
    if (!isDefault(sc)) continue;
    const t = Date.parse(sc.metadata.creationTimestamp ?? '') || 0;
    if (!best || t > bestTime || (t === bestTime && (sc.metadata.name ?? '') < (best.metadata.name ?? ''))) {
      best = sc;
      bestTime = t;
    }
  }
  return best;
}

export class DefaultStorageClass implements AdmissionPlugin {
  readonly name = 'DefaultStorageClass';

  constructor(private readonly classes: StorageClassSource) {}

  admit(a: Attributes): void {
    if (a.operation !== 'CREATE' || a.subresource || a.def.group !== '' || a.def.plural !== 'persistentvolumeclaims') return;
    const claim = a.obj as KObject & { spec?: ClaimSpec };
    const spec = (claim.spec ??= {});
    if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
    if (claim.metadata.annotations?.[BETA_CLASS] !== undefined) return;
    const def = pickDefaultClass(this.classes.list(PREFIX).map((c) => c.obj));
    if (def?.metadata.name) spec.storageClassName = def.metadata.name;
  }
}
