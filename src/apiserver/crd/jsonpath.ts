/**
 * The simple JSONPath of additionalPrinterColumns (and selectableFields): `.spec.replicas`,
 * `.spec.ports[0].port`, `.metadata.labels['app.kubernetes.io/name']`, `.items[*].name`,
 * `.status.conditions[?(@.type=="Ready")].status`. Evaluates to every match, in order.
 */

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string[]; op: '==' | '!='; value: unknown };

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^'.*'$/.test(t)) return t.slice(1, -1);
  try { return JSON.parse(t) as unknown; } catch { return t; }
}

/** Parses a path; throws on what it does not understand. */
export function parseJsonPath(expr: string): Step[] {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      const m = /^[^.[\]]+/.exec(s.slice(i + 1));
      if (!m) { i++; continue; }
      steps.push(m[0] === '*' ? { kind: 'all' } : { kind: 'field', name: m[0] });
      i += 1 + m[0].length;
    } else if (c === '[') {
      const end = s.indexOf(']', s[i + 1] === '?' ? s.indexOf(')', i) : i);
      if (end < 0) throw new Error(`Cannot parse JSONPath ${expr}: unclosed [`);
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else {
        const f = /^\?\(\s*@((?:\.[^.=!\s]+)*)\s*(==|!=)\s*(.+?)\s*\)$/.exec(inner);
        if (!f) throw new Error(`Cannot parse JSONPath ${expr}: [${inner}]`);
        steps.push({ kind: 'filter', path: f[1].split('.').filter(Boolean), op: f[2] as '==' | '!=', value: parseLiteral(f[3]) });
      }
    } else {
      const m = /^[^.[\]]+/.exec(s.slice(i));
      if (!m) throw new Error(`Cannot parse JSONPath ${expr} at ${i}`);
      steps.push({ kind: 'field', name: m[0] });
      i += m[0].length;
    }
  }
  return steps;
}

function get(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Every value the path reaches in obj. */
export function evaluateJsonPath(steps: Step[], obj: unknown): unknown[] {
  let cur: unknown[] = [obj];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (step.kind === 'field') {
        if (typeof v === 'object' && v !== null && !Array.isArray(v) && step.name in v) next.push((v as Record<string, unknown>)[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const i = step.index < 0 ? v.length + step.index : step.index;
          if (i >= 0 && i < v.length) next.push(v[i]);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (typeof v === 'object' && v !== null) next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const got = get(item, step.path);
          if ((got === step.value) === (step.op === '==')) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}
