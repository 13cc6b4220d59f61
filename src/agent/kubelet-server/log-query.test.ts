import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseContainerLogQuery, sinceNsOf } from './log-query.js';

const parse = (q: string) => parseContainerLogQuery(new URLSearchParams(q));

describe('parseContainerLogQuery', () => {
  it('decodes the options', () => {
    assert.deepEqual(parse('follow=true&previous=1&timestamps=false&tailLines=5&limitBytes=10&sinceSeconds=60'), {
      ok: { follow: true, previous: true, timestamps: false, tailLines: 5, limitBytes: 10, sinceSeconds: 60 },
    });
    assert.deepEqual(parse(''), { ok: { follow: false, previous: false, timestamps: false } });
    assert.deepEqual(parse('sinceTime=1970-01-01T00:00:10Z'), { ok: { follow: false, previous: false, timestamps: false, sinceTimeNs: 10_000_000_000n } });
  });

  it('takes the older tail parameter, where all means every line', () => {
    assert.equal((parse('tail=7') as { ok: { tailLines?: number } }).ok.tailLines, 7);
    assert.equal((parse('tail=all&tailLines=3') as { ok: { tailLines?: number } }).ok.tailLines, undefined);
  });

  it('tells undecodable queries from invalid ones', () => {
    for (const q of ['tailLines=x', 'limitBytes=1.5', 'sinceTime=yesterday']) assert.deepEqual(parse(q), { error: 'decode' }, q);
    for (const q of ['tailLines=-1', 'limitBytes=0', 'sinceSeconds=0', 'sinceSeconds=5&sinceTime=1970-01-01T00:00:10Z']) {
      assert.deepEqual(parse(q), { error: 'invalid' }, q);
    }
  });

  it('computes since from seconds at the time of the request', () => {
    assert.equal(sinceNsOf({ follow: false, previous: false, timestamps: false, sinceSeconds: 10 }, 60_000), 50_000_000_000n);
    assert.equal(sinceNsOf({ follow: false, previous: false, timestamps: false }), undefined);
  });
});
