import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planRestore } from './restore-text.js';
import type { TableRules } from './rule-builder.js';

const rules = (o: Record<string, string[]>): TableRules => new Map(Object.entries(o));

describe('planRestore', () => {
  const before = rules({ 'NAVARCH-SERVICES': ['-A NAVARCH-SERVICES -j NAVARCH-SVC-A'], 'NAVARCH-SVC-A': ['-A NAVARCH-SVC-A -j NAVARCH-SEP-A'], 'NAVARCH-SEP-A': ['-A NAVARCH-SEP-A -j DNAT --to-destination 10.42.0.1:80'] });

  it('writes every chain and deletes leftovers on a full write', () => {
    const p = planRestore('nat', before, { leftovers: ['NAVARCH-SEP-OLD', 'NAVARCH-SVC-A'] });
    assert.equal(p.text, [
      '*nat', ':NAVARCH-SERVICES - [0:0]', ':NAVARCH-SVC-A - [0:0]', ':NAVARCH-SEP-A - [0:0]', ':NAVARCH-SEP-OLD - [0:0]',
      '-A NAVARCH-SERVICES -j NAVARCH-SVC-A', '-A NAVARCH-SVC-A -j NAVARCH-SEP-A', '-A NAVARCH-SEP-A -j DNAT --to-destination 10.42.0.1:80',
      '-X NAVARCH-SEP-OLD', 'COMMIT', '',
    ].join('\n'));
    assert.deepEqual([p.written, p.deleted], [3, 1]);
  });

  it('writes only the chains that changed, and nothing when none did', () => {
    const after = rules({
      'NAVARCH-SERVICES': ['-A NAVARCH-SERVICES -j NAVARCH-SVC-A'],
      'NAVARCH-SVC-A': ['-A NAVARCH-SVC-A -j NAVARCH-SEP-B'],
      'NAVARCH-SEP-B': ['-A NAVARCH-SEP-B -j DNAT --to-destination 10.42.0.2:80'],
    });
    const p = planRestore('nat', after, { previous: before });
    assert.equal(p.text, [
      '*nat', ':NAVARCH-SVC-A - [0:0]', ':NAVARCH-SEP-B - [0:0]', ':NAVARCH-SEP-A - [0:0]',
      '-A NAVARCH-SVC-A -j NAVARCH-SEP-B', '-A NAVARCH-SEP-B -j DNAT --to-destination 10.42.0.2:80', '-X NAVARCH-SEP-A', 'COMMIT', '',
    ].join('\n'));
    assert.deepEqual(planRestore('nat', after, { previous: after }), { written: 0, deleted: 0 });
    // An emptied chain is written (declared, so flushed) too.
    assert.match(planRestore('nat', rules({ ...Object.fromEntries(after), 'NAVARCH-SERVICES': [] }), { previous: after }).text ?? '', /^\*nat\n:NAVARCH-SERVICES - \[0:0\]\nCOMMIT\n$/);
  });
});
