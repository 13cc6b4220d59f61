/**
 * Exact quantity arithmetic for quota accounting, as Kubernetes' resource.Quantity does it: values
 * in nano-units (bigint), each carrying the format it was written in (DecimalSI "1500m", BinarySI
 * "1Gi", DecimalExponent "1e3"). A sum takes the format of its first operand unless that operand is
 * zero, so "0" + "512Mi" stays binary; the canonical text follows the format ("1536Mi", "1500k").
 */
import { BINARY_SUFFIXES, DECIMAL_SUFFIXES, parseExactQuantity, pow10, type QuantityFormat } from '../../api/index.js';

export type { QuantityFormat } from '../../api/index.js';

export interface Quantity {
  readonly nano: bigint;
  readonly format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const MILLI_IN_NANO = 1_000_000n;
/** The largest value Go's MilliValue can hold without overflow (math.MaxInt64 / 1000). */
const MAX_MILLI_VALUE = 9_223_372_036_854_775_807n / 1000n;

export const ZERO: Quantity = { nano: 0n, format: 'DecimalSI' };

/** Parses a quantity ("100m", "1Gi", "2e3", 4); undefined when it is not one. */
export function parseQuantity(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'number' && !Number.isFinite(input)) return undefined;
  return parseExactQuantity(String(input));
}

/** A whole number of units (cores, bytes, objects) in DecimalSI, as resource.NewQuantity(n, DecimalSI). */
export function quantityOf(n: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nano: BigInt(n) * NANO, format };
}

/** a + b; the result keeps a's format unless a is zero (Quantity.Add). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format };
}

/** a − b; the result keeps a's format unless a is zero (Quantity.Sub). */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano - b.nano, format: a.nano === 0n ? b.format : a.format };
}

export function negate(q: Quantity): Quantity {
  return { nano: -q.nano, format: q.format };
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

/** Whole units, rounded up (Quantity.Value). */
export function unitValue(q: Quantity): bigint {
  return ceilDiv(q.nano, NANO);
}

/** Milli-units, rounded up (Quantity.MilliValue). */
export function milliValue(q: Quantity): bigint {
  return ceilDiv(q.nano, MILLI_IN_NANO);
}

/**
 * The values LimitRanger compares: milli-units when all three fit Go's int64 milli range, whole
 * units otherwise (requestLimitEnforcedValues).
 */
export function comparableValues(...qs: Quantity[]): bigint[] {
  const units = qs.map(unitValue);
  if (units.every((u) => u <= MAX_MILLI_VALUE)) return qs.map(milliValue);
  return units;
}

/** The canonical text of a quantity in its format, as Quantity.String() writes it. */
export function formatQuantity(q: Quantity): string {
  if (q.nano === 0n) return '0';
  const neg = q.nano < 0n;
  const abs = neg ? -q.nano : q.nano;
  const sign = neg ? '-' : '';
  // Binary quantities below 1Ki, or not whole bytes, are written as decimal (CanonicalizeBytes).
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    const bytes = abs / NANO;
    for (const [suffix, mult] of BINARY_SUFFIXES) {
      if (bytes % mult === 0n) return `${sign}${bytes / mult}${suffix}`;
    }
    return `${sign}${bytes}`;
  }
  for (const [exp, suffix] of DECIMAL_SUFFIXES) {
    const unit = pow10(exp + 9);
    if (abs % unit !== 0n) continue;
    const mantissa = `${sign}${abs / unit}`;
    if (q.format === 'DecimalExponent') return exp === 0 ? mantissa : `${mantissa}e${exp}`;
    return `${mantissa}${suffix}`;
  }
  return `${sign}${abs}n`;
}

/** Parses and re-writes a quantity canonically; the input as text when it is not a quantity. */
export function canonical(input: string | number): string {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : String(input);
}
