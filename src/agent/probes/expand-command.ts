/**
 * `$(VAR)` references in an exec probe's command, expanded from the container's literal `env`
 * values only (as the kubelet's ExpandContainerCommandOnlyStatic: no valueFrom, no pod env files).
 * `$$` is an escaped `$`; an unknown or unterminated reference is left as written.
 */
import type { Container } from '../../api/types/core/pod/index.js';

export function expandCommandOnlyStatic(command: readonly string[] | undefined, container: Container): string[] {
  const env = new Map<string, string>();
  for (const e of container.env ?? []) env.set(e.name ?? '', e.value ?? '');
  return (command ?? []).map((arg) => expand(arg, (name) => env.get(name) ?? `$(${name})`));
}

/** Kubernetes' $(VAR) expansion over one string. */
export function expand(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') {
      out += '$';
    } else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close >= 0) {
        out += mapping(rest.slice(1, close));
        advance = close + 1;
      } else {
        out += '$(';
      }
    } else {
      out += '$' + rest[0];
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
