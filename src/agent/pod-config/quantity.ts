/**
 * Exact resource quantities for the kubelet's arithmetic: a quantity is kept as an integer over a
 * power of ten, so `ceil(100m / 1m)` is 100 and not 101 as floating point would make it. Only what
 * the pod configuration needs: parsing, sums, comparison, Value(), MilliValue() and ceil division.
 */

/** value = num / 10^scale, scale >= 0. */
export interface Dec { num: bigint; scale: number }

const ZERO: Dec = { num: 0n, scale: 0 };
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXP: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const FORM = /^([+-]?)(\d+\.?\d*|\.\d+)(.*)$/;

function make(num: bigint, exp10: number): Dec {
  return exp10 >= 0 ? { num: num * 10n ** BigInt(exp10), scale: 0 } : { num, scale: -exp10 };
}

/** Parses a quantity ("250m", "1.5Gi", "2e3", 3); undefined when it is not one. */
export function parseDec(q: string | number | undefined | null): Dec | undefined {
  if (q === undefined || q === null) return undefined;
  const s = typeof q === 'number' ? (Number.isFinite(q) ? String(q) : '') : q.trim();
  const m = FORM.exec(s);
  if (!m) return undefined;
  const [, sign, digits, suffix] = m as unknown as [string, string, string, string];
  const dot = digits.indexOf('.');
  const frac = dot < 0 ? '' : digits.slice(dot + 1);
  let num = BigInt((dot < 0 ? digits : digits.slice(0, dot)) + frac || '0');
  if (sign === '-') num = -num;
  let exp10 = -frac.length;
  if (suffix in BINARY_EXP) return make(num * 2n ** BigInt(BINARY_EXP[suffix]!), exp10);
  if (suffix in DECIMAL_EXP) return make(num, exp10 + DECIMAL_EXP[suffix]!);
  const e = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (!e) return undefined;
  exp10 += Number(e[1]);
  return make(num, exp10);
}

function align(a: Dec, b: Dec): [bigint, bigint] {
  const s = Math.max(a.scale, b.scale);
  return [a.num * 10n ** BigInt(s - a.scale), b.num * 10n ** BigInt(s - b.scale)];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y] = align(a, b);
  return { num: x + y, scale: Math.max(a.scale, b.scale) };
}

export function cmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Dec | undefined): boolean {
  return a === undefined || a.num === 0n;
}

/** ceil(a / b) for b > 0, as an integer. */
export function ceilDiv(a: Dec, b: Dec): bigint {
  const [x, y] = align(a, b);
  if (y <= 0n) throw new RangeError('Cannot divide: the divisor is not positive');
  const q = x / y;
  return x % y > 0n ? q + 1n : q;
}

const ONE: Dec = { num: 1n, scale: 0 };
const MILLI: Dec = { num: 1n, scale: 3 };

/** Quantity.Value(): whole units, rounded up (0 for an absent or invalid quantity). */
export function value(q: string | number | undefined | null): number {
  return Number(ceilDiv(parseDec(q) ?? ZERO, ONE));
}

/** Quantity.MilliValue(): thousandths, rounded up. */
export function milliValue(q: string | number | undefined | null): number {
  return Number(ceilDiv(parseDec(q) ?? ZERO, MILLI));
}
