/**
 * Which decoded scalar fields keep a zero value, and which timestamps are MicroTime: the Go facts of
 * presence-pointers.ts and presence-always.ts, looked up by definition and field name.
 */
import { ALWAYS_SCALARS } from './presence-always.js';
import { MICRO_TIMES, POINTER_SCALARS } from './presence-pointers.js';

export interface FieldFacts {
  /** Pointer scalars and non-omitempty scalars: a zero value from the wire is kept. */
  readonly keepZero: ReadonlySet<string>;
  /** metav1.MicroTime fields: written with six fractional digits. */
  readonly microTime: ReadonlySet<string>;
}

const cache = new Map<string, FieldFacts>();

function names(table: Readonly<Record<string, string>>, definition: string): string[] {
  return table[definition]?.split(' ') ?? [];
}

export function factsOf(definition: string): FieldFacts {
  let facts = cache.get(definition);
  if (!facts) {
    facts = {
      keepZero: new Set([...names(POINTER_SCALARS, definition), ...names(ALWAYS_SCALARS, definition)]),
      microTime: new Set(names(MICRO_TIMES, definition)),
    };
    cache.set(definition, facts);
  }
  return facts;
}
