import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources, field, kindFields, object, string, type ResourceDef } from '../../api/index.js';
import { schemaConflicts } from './index.js';
import { widgets } from './testing.js';

describe('schemaConflicts', () => {
  it('finds no type declared twice with different content among the built-in kinds', () => {
    assert.deepEqual(schemaConflicts(builtinResources), []);
  });

  it('reports a type name declared twice with different fields', () => {
    const copy = (note: string) => object('com.example.v1.Shared', 'Shared.', () => ({ note: field(string, note) }));
    const kind = (plural: string, shared: ReturnType<typeof copy>): ResourceDef => ({
      ...widgets, plural, kind: plural, schema: object(`com.example.v1.${plural}`, 'x', () => ({ ...kindFields(), shared: field(shared, 's') })),
    });
    assert.deepEqual(schemaConflicts([kind('a', copy('one')), kind('b', copy('two'))]), ['com.example.v1.Shared']);
    assert.deepEqual(schemaConflicts([kind('a', copy('same')), kind('b', copy('same'))]), []);
  });
});
