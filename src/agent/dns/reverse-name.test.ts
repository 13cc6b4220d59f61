import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipFromPodLabel } from './pod-name.js';
import { ipFromReverseName, reverseNameOf } from './reverse-name.js';

test('reverse names map to the addresses they ask about; partial names do not', () => {
  assert.equal(ipFromReverseName('10.0.43.10.in-addr.arpa'), '10.43.0.10');
  assert.equal(reverseNameOf('10.43.0.10'), '10.0.43.10.in-addr.arpa');
  assert.equal(ipFromReverseName('0.43.10.in-addr.arpa'), undefined);
  assert.equal(ipFromReverseName('300.0.43.10.in-addr.arpa'), undefined);
  assert.equal(ipFromReverseName(reverseNameOf('fd00::a')), 'fd00::a');
  assert.equal(ipFromReverseName('a.ip6.arpa'), undefined);
  assert.equal(ipFromReverseName('example.com'), undefined);
});

test('pod labels decode to the IP they spell', () => {
  assert.equal(ipFromPodLabel('10-42-0-5'), '10.42.0.5');
  assert.equal(ipFromPodLabel('10-42-0-256'), undefined);
  assert.equal(ipFromPodLabel('10-42-0'), undefined);
  assert.equal(ipFromPodLabel('fd00--5'), 'fd00::5');
  assert.equal(ipFromPodLabel('web'), undefined);
});
