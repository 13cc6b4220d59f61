/**
 * Kubernetes' `$(VAR)` references in env values, command, args and subPathExpr: `$(NAME)` becomes
 * the variable's value when it is defined and stays as written when not; `$$` is a literal `$`;
 * anything else after `$` (including an unterminated `$(`) is left alone. There is no nesting and
 * no shell syntax.
 */

export type Mapping = (name: string) => string;

/** Looks a name up in each map in turn; an undefined name maps back to `$(name)`. */
export function mappingFor(...contexts: Array<ReadonlyMap<string, string> | Readonly<Record<string, string>>>): Mapping {
  return (name) => {
    for (const ctx of contexts) {
      if (ctx instanceof Map) {
        if (ctx.has(name)) return ctx.get(name)!;
      } else if (Object.prototype.hasOwnProperty.call(ctx, name)) {
        return (ctx as Record<string, string>)[name]!;
      }
    }
    return `$(${name})`;
  };
}

/** Replaces the references in `input` through `mapping`. */
export function expand(input: string, mapping: Mapping): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const at = input.indexOf('$', i);
    if (at < 0 || at === input.length - 1) break;
    out += input.slice(i, at);
    const next = input[at + 1];
    if (next === '$') {
      out += '$';
      i = at + 2;
    } else if (next === '(') {
      const close = input.indexOf(')', at + 2);
      if (close < 0) {
        // An unterminated reference: keep `$(` and go on after it.
        out += '$(';
        i = at + 2;
      } else {
        out += mapping(input.slice(at + 2, close));
        i = close + 1;
      }
    } else {
      out += `$${next}`;
      i = at + 2;
    }
  }
  return out + input.slice(i);
}
