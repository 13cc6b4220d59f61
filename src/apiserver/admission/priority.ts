/**
 * Priority admission: a new pod's spec.priority (and preemptionPolicy) come from its
 * priorityClassName, or the cluster's globalDefault class, or 0 — and a pod may not name a class
 * that does not exist or set a priority that disagrees with its class.
 */
import { forbidden, type KObject } from '../../api/index.js';
import type { WatchCache } from '../cache/index.js';
import type { AdmissionPlugin, Attributes } from './admission.js';

interface PriorityClass extends KObject { value?: number; globalDefault?: boolean; preemptionPolicy?: string }
interface PodSpec { priorityClassName?: string; priority?: number; preemptionPolicy?: string }

const PREFIX = '/registry/scheduling.k8s.io/priorityclasses/';

export class PriorityAdmission implements AdmissionPlugin {
  readonly name = 'Priority';

  constructor(private cache: WatchCache) {}

  admit(a: Attributes): void {
    if (a.operation !== 'CREATE' || a.def.group !== '' || a.def.plural !== 'pods') return;
    const spec = ((a.obj as { spec?: PodSpec }).spec ??= {});
    let pc: PriorityClass | undefined;
    if (spec.priorityClassName) {
      pc = this.cache.get(`${PREFIX}${spec.priorityClassName}`)?.obj as PriorityClass | undefined;
      if (!pc) throw forbidden(`pods "${a.name}" is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`);
    } else {
      pc = this.cache.list(PREFIX).map((c) => c.obj as PriorityClass).find((p) => p.globalDefault);
      if (pc) spec.priorityClassName = pc.metadata.name;
    }
    const value = pc?.value ?? 0;
    if (spec.priority !== undefined && spec.priority !== value) {
      throw forbidden(`pods "${a.name}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    }
    spec.priority = value;
    spec.preemptionPolicy ??= pc?.preemptionPolicy ?? 'PreemptLowerPriority';
  }
}
