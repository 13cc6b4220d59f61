import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addLists, exceededNames, formatResourceList, listsEqual, mask, negativeNames, parseResourceList, prettyPrint, removeZeros,
  subtractLists, subtractNonNegative,
} from './resource-list.js';

const L = parseResourceList;

describe('quota resource lists', () => {
  it('parses and writes lists canonically, leaving out what is not a quantity', () => {
    assert.deepEqual(formatResourceList(L({ cpu: '1000m', memory: '1024Mi', bad: 'x', pods: 3 })), { cpu: '1', memory: '1Gi', pods: '3' });
  });

  it('adds and subtracts by name', () => {
    assert.deepEqual(formatResourceList(addLists(L({ cpu: '1', pods: '1' }), L({ cpu: '500m', memory: '1Gi' }))), { cpu: '1500m', memory: '1Gi', pods: '1' });
    assert.deepEqual(formatResourceList(subtractLists(L({ cpu: '1' }), L({ cpu: '250m', pods: '1' }))), { cpu: '750m', pods: '-1' });
    assert.deepEqual(formatResourceList(subtractNonNegative(L({ cpu: '1', memory: '1Gi' }), L({ cpu: '2', pods: '1' }))), { cpu: '0', memory: '1Gi', pods: '0' });
  });

  it('masks, drops zeros and finds negatives', () => {
    assert.deepEqual(Object.keys(mask(L({ a: '1', b: '2' }), ['b', 'c'])), ['b']);
    assert.deepEqual(Object.keys(removeZeros(L({ a: '0', b: '2' }))), ['b']);
    assert.deepEqual(negativeNames(L({ b: '-1', a: '-2m', c: '0' })), ['a', 'b']);
  });

  it('compares semantically and names what exceeds a limit', () => {
    assert.ok(listsEqual(L({ cpu: '1', memory: '1Gi' }), L({ memory: '1073741824', cpu: '1000m' })));
    assert.ok(!listsEqual(L({ cpu: '1' }), L({ cpu: '1', pods: '0' })));
    assert.ok(!listsEqual(L({ cpu: '1' }), L({ cpu: '2' })));
    assert.deepEqual(exceededNames(L({ cpu: '3', memory: '1Gi', pods: '9' }), L({ cpu: '2', memory: '2Gi' })), ['cpu']);
  });

  it('prints name=value pairs sorted by name', () => {
    assert.equal(prettyPrint(L({ 'requests.memory': '1Gi', 'requests.cpu': '2' })), 'requests.cpu=2,requests.memory=1Gi');
    assert.equal(prettyPrint({}), '');
  });
});
