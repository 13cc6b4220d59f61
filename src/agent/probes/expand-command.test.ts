import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandCommandOnlyStatic } from './expand-command.js';

describe('expandCommandOnlyStatic', () => {
  const c = { name: 'c', env: [{ name: 'A', value: 'one' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] };
  it('expands literal env values and leaves the rest as written', () => {
    assert.deepEqual(expandCommandOnlyStatic(['echo', '$(A)', '$(B)', '$(MISSING)', '$$(A)', 'x$', '$(unclosed', '$y'], c),
      ['echo', 'one', '', '$(MISSING)', '$(A)', 'x$', '$(unclosed', '$y']);
  });
});
