/**
 * DefaultTolerationSeconds: new pods tolerate the not-ready and unreachable NoExecute taints for
 * 300 seconds unless they say otherwise, so a node's brief trouble does not evict them at once.
 */
import type { AdmissionPlugin, Attributes } from './admission.js';

interface Toleration { key?: string; operator?: string; effect?: string; tolerationSeconds?: number; value?: string }

const TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];
const SECONDS = 300;

export class DefaultTolerationSeconds implements AdmissionPlugin {
  readonly name = 'DefaultTolerationSeconds';

  admit(a: Attributes): void {
    if (a.operation !== 'CREATE' || a.def.group !== '' || a.def.plural !== 'pods') return;
    const spec = ((a.obj as { spec?: { tolerations?: Toleration[] } }).spec ??= {});
    const tolerations = spec.tolerations ?? [];
    for (const key of TAINTS) {
      const covered = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
      if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: SECONDS });
    }
    spec.tolerations = tolerations;
  }
}
