/** A small flag parser: --name=value, --name value, --bool, and positional arguments. */

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string>;
}

export function parseArgs(argv: string[], booleans: ReadonlySet<string> = new Set()): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    if (eq > 0) { flags.set(a.slice(2, eq), a.slice(eq + 1)); continue; }
    const name = a.slice(2);
    if (booleans.has(name) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) flags.set(name, 'true');
    else flags.set(name, argv[++i]);
  }
  return { positional, flags };
}

export function flagInt(args: ParsedArgs, name: string, dflt: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`Cannot parse --${name}: ${JSON.stringify(v)} is not an integer`);
  return n;
}

/** Refuses flags the command does not know, naming them. */
export function checkKnown(args: ParsedArgs, known: readonly string[], command: string): void {
  for (const k of args.flags.keys()) {
    if (!known.includes(k)) throw new Error(`Cannot run ${command}: unknown flag --${k} (known: ${known.map((f) => `--${f}`).join(', ')})`);
  }
}
