import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expand, mappingFor } from './expansion.js';

describe('$(VAR) expansion', () => {
  const vars = { VAR_A: 'A', VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)', VAR_EMPTY: '' };
  const cases: Array<[string, string, string]> = [
    ['whole string', '$(VAR_A)', 'A'],
    ['repeat', '$(VAR_A)-$(VAR_A)', 'A-A'],
    ['middle', '___$(VAR_B)___', '___B___'],
    ['compound', '$(VAR_A)_$(VAR_B)_$(VAR_C)', 'A_B_C'],
    ['escape then expand', '$$(VAR_B)_$(VAR_A)', '$(VAR_B)_A'],
    ['escaped twice', '$$(VAR_A)_$$(VAR_B)', '$(VAR_A)_$(VAR_B)'],
    ['escaped bare operator', 'f000-$$VAR_A', 'f000-$VAR_A'],
    ['backslash is not an escape', 'foo\\$(VAR_C)bar', 'foo\\Cbar'],
    ['no nesting', '$(VAR_A$(VAR_B))', '$(VAR_A$(VAR_B))'],
    ['no nesting, unclosed', '$(VAR_A$(VAR_B)', '$(VAR_A$(VAR_B)'],
    ['values are not expanded again', '$(VAR_REF)', '$(VAR_A)'],
    ['empty value', 'foo$(VAR_EMPTY)bar', 'foobar'],
    ['unterminated', 'foo$(VAR_Awhoops!', 'foo$(VAR_Awhoops!'],
    ['parentheses without operator', 'f00__(VAR_A)__', 'f00__(VAR_A)__'],
    ['shell specials pass through', '$?_boo_$!', '$?_boo_$!'],
    ['bare operator', '$VAR_A', '$VAR_A'],
    ['undefined stays', '$(VAR_DNE)', '$(VAR_DNE)'],
    ['even operators, undefined', '$$$$$$(BIG_MONEY)', '$$$(BIG_MONEY)'],
    ['even operators, defined', '$$$$$$(VAR_A)', '$$$(VAR_A)'],
    ['odd operators, undefined', '$$$$$$$(GOOD_ODDS)', '$$$$(GOOD_ODDS)'],
    ['odd operators, defined', '$$$$$$$(VAR_A)', '$$$A'],
    ['missing opener', '$VAR_A)', '$VAR_A)'],
    ['shell braces ignored', '${VAR_A}', '${VAR_A}'],
    ['trailing incomplete', '$(VAR_B)_______$(A', 'B_______$(A'],
    ['trailing empty incomplete', '$(VAR_C)_______$(', 'C_______$('],
    ['operator at the end', '$(VAR_A)foobarzab$', 'Afoobarzab$'],
    ['many $( in the middle', '--$($($($($--', '--$($($($($--'],
    ['many $( at the start', '$($($($($--foo$(', '$($($($($--foo$('],
    ['operators inside a name', '$(foo$$var)', '$(foo$$var)'],
    ['empty name', '$()', '$()'],
    ['newline', '\n', '\n'],
    ['non-ASCII around', 'ü$(VAR_A)ß$é', 'üAß$é'],
  ];
  for (const [name, input, want] of cases) {
    it(`${name}: ${JSON.stringify(input)}`, () => assert.equal(expand(input, mappingFor(vars)), want));
  }

  it('looks names up in each context in order, Maps and records alike', () => {
    const m = mappingFor(new Map([['A', 'first']]), { A: 'second', B: 'b' });
    assert.equal(expand('$(A)-$(B)-$(C)', m), 'first-b-$(C)');
  });
});
