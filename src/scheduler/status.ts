/**
 * Plugin results (framework.Status): a code and the reasons that end up, counted per node, in the
 * PodScheduled message. A filter that passes returns null rather than a Success status, so the hot
 * path allocates nothing.
 */

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

export interface Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  /** The plugin that returned it, set by the framework. */
  readonly plugin?: string;
}

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

export function errorStatus(message: string): Status {
  return { code: 'Error', reasons: [message] };
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: [] });
export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: [] });

export function isRejected(s: Status | null | undefined): boolean {
  return !!s && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable');
}

export function isSuccess(s: Status | null | undefined): boolean {
  return !s || s.code === 'Success';
}

export function message(s: Status): string {
  return s.reasons.join(', ');
}

export function withPlugin(s: Status, plugin: string): Status {
  return s.plugin === plugin ? s : { code: s.code, reasons: s.reasons, plugin };
}

/**
 * The status of every node a scheduling cycle rejected (framework.NodeToStatus). Nodes that were
 * never looked at read as `absent`, which is UnschedulableAndUnresolvable unless set otherwise.
 */
export class NodeToStatus {
  private readonly map = new Map<string, Status>();
  absent: Status = unresolvable();

  get(name: string): Status { return this.map.get(name) ?? this.absent; }
  set(name: string, s: Status): void { this.map.set(name, s); }
  has(name: string): boolean { return this.map.has(name); }
  get size(): number { return this.map.size; }
  entries(): IterableIterator<[string, Status]> { return this.map.entries(); }
}
