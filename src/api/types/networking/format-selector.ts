/**
 * A LabelSelector written the way kubectl tables show it ("app=web,tier in (a,b),!canary"), or
 * "<none>" when it selects everything (or nothing).
 */
import type { LabelSelector } from '../../meta/label-selector.js';

interface Requirement {
  key: string;
  text: string;
}

export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  if (!sel) return '<none>';
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    switch (e.operator) {
      case 'In': reqs.push({ key: e.key, text: `${e.key} in (${values.join(',')})` }); break;
      case 'NotIn': reqs.push({ key: e.key, text: `${e.key} notin (${values.join(',')})` }); break;
      case 'Exists': reqs.push({ key: e.key, text: e.key }); break;
      case 'DoesNotExist': reqs.push({ key: e.key, text: `!${e.key}` }); break;
      default: return '<error>';
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const s = reqs.map((r) => r.text).join(',');
  return s === '' ? '<none>' : s;
}
