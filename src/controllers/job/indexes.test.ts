import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstPendingIndexes, formatIndexes, hasIndex, mergeIntervals, parseIndexes, totalIndexes, withIndexes } from './indexes.js';
import { matchSuccessPolicy } from './success-policy.js';

describe('completion index intervals', () => {
  it('formats as Kubernetes does: neighbours with a comma, longer runs as ranges', () => {
    assert.equal(formatIndexes(withIndexes([], [5, 1, 3, 4, 7, 8])), '1,3-5,7,8');
    assert.equal(formatIndexes(withIndexes([], [0, 1])), '0,1');
    assert.equal(formatIndexes([]), '');
  });
  it('parses, joining adjacent parts and dropping indexes beyond completions', () => {
    assert.deepEqual(parseIndexes('1,2,4-6,9', 6), [{ first: 1, last: 2 }, { first: 4, last: 5 }]);
    assert.deepEqual(parseIndexes('x,3', 10), [{ first: 3, last: 3 }]);
    assert.deepEqual(parseIndexes('', 3), []);
  });
  it('merges, counts and looks up', () => {
    const iv = mergeIntervals(parseIndexes('0-2,8', 10), parseIndexes('3,5-6', 10));
    assert.equal(formatIndexes(iv), '0-3,5,6,8');
    assert.equal(totalIndexes(iv), 7);
    assert.equal(hasIndex(iv, 6), true);
    assert.equal(hasIndex(iv, 4), false);
  });
  it('finds the lowest pending indexes', () => {
    assert.deepEqual(firstPendingIndexes(parseIndexes('0,2-3', 10), 3, 10), [1, 4, 5]);
    assert.deepEqual(firstPendingIndexes(parseIndexes('1', 3), 5, 3), [0, 2]);
    assert.deepEqual(firstPendingIndexes([], 0, 3), []);
  });
});

describe('success policy', () => {
  it('matches by listed indexes, by count among them, or by total count', () => {
    const done = parseIndexes('0-2,5', 10);
    assert.equal(matchSuccessPolicy({ rules: [{ succeededIndexes: '0-3' }] }, 10, done), undefined);
    assert.equal(matchSuccessPolicy({ rules: [{ succeededIndexes: '7' }, { succeededIndexes: '0-3', succeededCount: 3 }] }, 10, done), 'Matched rules at index 1');
    assert.equal(matchSuccessPolicy({ rules: [{ succeededCount: 4 }] }, 10, done), 'Matched rules at index 0');
    assert.equal(matchSuccessPolicy({ rules: [{ succeededCount: 1 }] }, 10, []), undefined);
  });
});
