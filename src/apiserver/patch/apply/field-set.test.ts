import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldSet } from './field-set.js';
import { fieldPE, keyPE, parsePE, pathString, serializePE, type Path } from './path-element.js';

const f = fieldPE;
const p = (...names: string[]): Path => names.map(f);

describe('field sets', () => {
  it('holds inserted paths only, not their parents', () => {
    const s = FieldSet.of(p('spec', 'replicas'));
    assert.ok(s.has(p('spec', 'replicas')));
    assert.ok(!s.has(p('spec')));
    assert.ok(!s.has([]));
  });

  it('encodes FieldsV1 with "." for nodes that are members and parents, in Kubernetes order', () => {
    const s = FieldSet.of(
      p('spec', 'replicas'), p('metadata', 'labels'), p('metadata', 'labels', 'app'),
      [f('list'), { kind: 'index', index: 2 }], [f('list'), { kind: 'value', value: 'b' }],
      [f('list'), keyPE([['name', 'x']])],
    );
    assert.equal(JSON.stringify(s.toFieldsV1()),
      '{"f:list":{"k:{\\"name\\":\\"x\\"}":{},"v:\\"b\\"":{},"i:2":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}');
  });

  it('decodes what it encodes, and skips path elements of unknown kinds', () => {
    const v1 = { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {} } } }, 'x:future': {} };
    const s = FieldSet.fromFieldsV1(v1);
    const { 'x:future': _skip, ...known } = v1;
    assert.deepEqual(s.toFieldsV1(), known);
    assert.deepEqual(s.paths().map(pathString), ['.spec.containers[name="nginx"]', '.spec.containers[name="nginx"].image']);
  });

  it('union, intersection and difference work on members', () => {
    const a = FieldSet.of(p('a'), p('b', 'c'), p('b', 'd'));
    const b = FieldSet.of(p('b', 'c'), p('e'));
    assert.deepEqual(a.union(b).paths().map(pathString), ['.a', '.e', '.b.c', '.b.d']);
    assert.deepEqual(a.intersection(b).paths().map(pathString), ['.b.c']);
    assert.deepEqual(a.difference(b).paths().map(pathString), ['.a', '.b.d']);
    // A parent minus its child keeps the parent; a child minus its parent keeps the child.
    assert.deepEqual(FieldSet.of(p('b')).difference(FieldSet.of(p('b', 'c'))).paths().map(pathString), ['.b']);
    assert.deepEqual(FieldSet.of(p('b', 'c')).difference(FieldSet.of(p('b'))).paths().map(pathString), ['.b.c']);
    // Recursive difference removes the subtree of a member.
    assert.ok(FieldSet.of(p('status', 'replicas')).recursiveDifference(FieldSet.of(p('status'))).empty());
  });

  it('serializes keys as Go does: sorted key fields, HTML escaped', () => {
    const pe = keyPE([['protocol', 'TCP'], ['containerPort', 80]]);
    assert.equal(serializePE(pe), 'k:{"containerPort":80,"protocol":"TCP"}');
    assert.equal(serializePE({ kind: 'value', value: 'a<b' }), 'v:"a\\u003cb"');
    assert.deepEqual(parsePE('k:{"protocol":"TCP","containerPort":80}'), pe);
    assert.equal(pathString([f('ports'), pe]), '.ports[containerPort=80,protocol="TCP"]');
  });
});
