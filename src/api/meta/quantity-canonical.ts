/**
 * Canonical quantity text, as Kubernetes writes a resource.Quantity back out: "1000m" becomes "1",
 * "0.5" becomes "500m", "2048Mi" becomes "2Gi", "1500000" becomes "1500k". Binary suffixes stay
 * binary when the value is a whole number of bytes; everything else is written with the largest
 * decimal suffix that keeps the number whole. Values finer than 1n are rounded up to 1n.
 */

/** How a quantity was written: "1500m" (DecimalSI), "1Gi" (BinarySI) or "1e3" (DecimalExponent). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A quantity's exact value in nano-units, with the format it was written in. */
export interface ExactQuantity { nano: bigint; format: QuantityFormat }

/** Binary suffixes, largest first, with their multipliers. */
export const BINARY_SUFFIXES: ReadonlyArray<[string, bigint]> = [
  ['Ei', 1n << 60n], ['Pi', 1n << 50n], ['Ti', 1n << 40n], ['Gi', 1n << 30n], ['Mi', 1n << 20n], ['Ki', 1n << 10n],
];
const DECIMAL_EXP: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Decimal suffixes, largest first, with their powers of ten. */
export const DECIMAL_SUFFIXES: ReadonlyArray<[number, string]> = [
  [18, 'E'], [15, 'P'], [12, 'T'], [9, 'G'], [6, 'M'], [3, 'k'], [0, ''], [-3, 'm'], [-6, 'u'], [-9, 'n'],
];

const re = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/;

export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Scales digits × 10^exp into nano-units, rounding a remainder up (away from zero), as Go's parser does. */
function toNano(digits: bigint, exp: number): bigint {
  const e = exp + 9;
  if (e >= 0) return digits * pow10(e);
  const div = pow10(-e);
  const q = digits / div;
  return digits % div === 0n ? q : q + 1n;
}

/** Parses a quantity ("100m", "1Gi", "2e3") exactly; undefined when it is not one. */
export function parseExactQuantity(text: string): ExactQuantity | undefined {
  const m = re.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '', frac = '', suffix] = m;
  if (whole === '' && frac === '') return undefined;
  const digits = BigInt(`${whole}${frac}` || '0');
  const fracExp = -frac.length;
  let nano: bigint;
  let format: QuantityFormat;
  const bin = BINARY_SUFFIXES.find(([s]) => s === suffix);
  if (bin) {
    nano = toNano(digits * bin[1], fracExp);
    format = 'BinarySI';
  } else if (suffix in DECIMAL_EXP) {
    nano = toNano(digits, fracExp + DECIMAL_EXP[suffix]);
    format = 'DecimalSI';
  } else {
    const e = /^[eE]([-+]?\d+)$/.exec(suffix);
    if (!e) return undefined;
    nano = toNano(digits, fracExp + Number(e[1]));
    format = 'DecimalExponent';
  }
  return { nano: sign === '-' ? -nano : nano, format };
}

/** The canonical text of a quantity; the input unchanged when it cannot be parsed. */
export function canonicalQuantity(value: string | number): string {
  const text = String(value);
  const p = parseExactQuantity(text);
  if (!p) return text;
  if (p.nano === 0n) return '0';
  const neg = p.nano < 0n;
  const abs = neg ? -p.nano : p.nano;
  const sign = neg ? '-' : '';
  const nanoPerUnit = 1_000_000_000n;
  if (p.format === 'BinarySI' && abs % nanoPerUnit === 0n) {
    const bytes = abs / nanoPerUnit;
    for (const [suffix, mult] of BINARY_SUFFIXES) {
      if (bytes % mult === 0n) return `${sign}${bytes / mult}${suffix}`;
    }
    return `${sign}${bytes}`;
  }
  for (const [exp, suffix] of DECIMAL_SUFFIXES) {
    const unit = pow10(exp + 9);
    if (abs % unit === 0n) return `${sign}${abs / unit}${suffix}`;
  }
  return `${sign}${abs}n`;
}

/** Rounds a quantity up to a whole number of milli-units (SetDefaults_ResourceList) and canonicalizes it. */
export function roundUpToMilli(value: string | number): string {
  const p = parseExactQuantity(String(value));
  if (!p) return String(value);
  const milli = 1_000_000n;
  const abs = p.nano < 0n ? -p.nano : p.nano;
  const rounded = abs % milli === 0n ? abs : (abs / milli + 1n) * milli;
  const nano = p.nano < 0n ? -rounded : rounded;
  if (nano === p.nano) return canonicalQuantity(value);
  return canonicalQuantity(`${nano}n`);
}
