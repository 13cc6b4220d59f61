/**
 * Admission plugins: code that runs on every write after decoding and defaulting. Mutating plugins
 * may change the object; validating plugins may only refuse (by throwing a StatusError).
 */
import type { KObject, ResourceDef } from '../../api/index.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface Attributes {
  operation: Operation;
  def: ResourceDef;
  namespace?: string;
  name: string;
  subresource?: string;
  /** The new object (for DELETE: the object being deleted). */
  obj: KObject;
  old?: KObject;
  dryRun: boolean;
}

export interface AdmissionPlugin {
  name: string;
  /** Mutating phase. */
  admit?(a: Attributes): Promise<void> | void;
  /** Validating phase. */
  validate?(a: Attributes): Promise<void> | void;
  /** Called when a write that this plugin admitted failed or was a dry run, to release what it reserved. */
  abort?(a: Attributes): void;
  /** Called after a successful write. */
  committed?(a: Attributes): void;
}

export class AdmissionChain {
  constructor(private readonly plugins: AdmissionPlugin[]) {}

  async admit(a: Attributes): Promise<void> {
    for (const p of this.plugins) if (p.admit) await p.admit(a);
  }

  async validate(a: Attributes): Promise<void> {
    for (const p of this.plugins) if (p.validate) await p.validate(a);
  }

  abort(a: Attributes): void {
    for (const p of this.plugins) p.abort?.(a);
  }

  committed(a: Attributes): void {
    for (const p of this.plugins) p.committed?.(a);
  }
}
