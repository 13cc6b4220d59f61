import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../api/index.js';
import { kubeletLogQuery, podLogOptions } from './pod-log-options.js';

const opts = (q: string) => podLogOptions(new URLSearchParams(q), 'web');

function fails(q: string): StatusError {
  try {
    opts(q);
  } catch (err) {
    assert.ok(err instanceof StatusError);
    return err;
  }
  throw new Error(`no error for ${q}`);
}

describe('podLogOptions', () => {
  it('decodes booleans as Kubernetes does: true unless absent, false or 0', () => {
    const o = opts('follow=&previous=0&timestamps=FALSE&insecureSkipTLSVerifyBackend=yes');
    assert.deepEqual([o.follow, o.previous, o.timestamps, o.insecureSkipTLSVerifyBackend], [true, false, false, true]);
  });

  it('reads numbers, the container and sinceTime (forwarded to the second)', () => {
    assert.deepEqual(opts('container=app&tailLines=5&limitBytes=100&sinceTime=2024-05-01T10:00:00.75%2B00:00'), {
      container: 'app', follow: false, previous: false, timestamps: false, insecureSkipTLSVerifyBackend: false,
      tailLines: 5, limitBytes: 100, sinceTime: '2024-05-01T10:00:00Z',
    });
  });

  it('answers 400 for what does not decode and 422 for what is invalid', () => {
    assert.deepEqual([fails('tailLines=x').code, fails('tailLines=x').message], [400, 'strconv.ParseInt: parsing "x": invalid syntax']);
    assert.equal(fails('sinceTime=now').code, 400);
    const e = fails('limitBytes=0&sinceSeconds=-5');
    assert.equal(e.code, 422);
    assert.equal(e.message, 'PodLogOptions "web" is invalid: [limitBytes: Invalid value: 0: must be greater than 0, sinceSeconds: Invalid value: -5: must be greater than 0]');
    assert.match(fails('sinceSeconds=5&sinceTime=2024-05-01T10:00:00Z').message, /at most one of `sinceTime` or `sinceSeconds` may be specified/);
  });
});

describe('kubeletLogQuery', () => {
  it('sorts the parameters and leaves out defaults', () => {
    assert.equal(kubeletLogQuery(opts('timestamps=1&tailLines=3&follow=true&sinceSeconds=9&previous=true&limitBytes=7&container=x')),
      'follow=true&limitBytes=7&previous=true&sinceSeconds=9&tailLines=3&timestamps=true');
    assert.equal(kubeletLogQuery(opts('')), '');
    assert.equal(kubeletLogQuery(opts('sinceTime=2024-05-01T10:00:00Z')), 'sinceTime=2024-05-01T10%3A00%3A00Z');
  });
});
