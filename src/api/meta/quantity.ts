/**
 * Resource quantities ("100m", "128Mi", "1.5", "2e3"): parsing and comparison. Values are kept as
 * numbers of base units (cores, bytes); precision beyond 1e-9 is not needed by anything here.
 */

export const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const re = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** Parses a quantity to base units; undefined when it is not a valid quantity. */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const s = input.trim();
  const m = re.exec(s);
  if (!m || s.length === 0) return undefined;
  const [, num, suffix] = m;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num)) return undefined;
  const base = Number(num);
  if (suffix in BINARY) return base * BINARY[suffix];
  if (suffix in DECIMAL) return base * DECIMAL[suffix];
  const exp = /^[eE]([-+]?\d+)$/.exec(suffix);
  if (exp) return base * 10 ** Number(exp[1]);
  return undefined;
}

export function isQuantity(v: unknown): boolean {
  return (typeof v === 'string' || typeof v === 'number') && parseQuantity(v) !== undefined;
}

/** Compares two quantities: negative, zero or positive. */
export function compareQuantities(a: string | number, b: string | number): number {
  return (parseQuantity(a) ?? 0) - (parseQuantity(b) ?? 0);
}

/** Milli-units, rounded up, as Kubernetes' MilliValue. */
export function milliValue(q: string | number): number {
  return Math.ceil((parseQuantity(q) ?? 0) * 1000 - 1e-6);
}
