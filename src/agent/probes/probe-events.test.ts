import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hookFailedEvent, probeErroredMessage, probeFailedMessage, probeKillingMessage, probeWarningMessage } from './probe-events.js';

describe('probe and hook events', () => {
  it('words them as the kubelet does', () => {
    assert.equal(probeFailedMessage('liveness', 'HTTP probe failed with statuscode: 500'),
      'Liveness probe failed: HTTP probe failed with statuscode: 500');
    assert.equal(probeFailedMessage('startup', 'x'), 'Startup probe failed: x');
    assert.equal(probeErroredMessage('readiness', 'boom'), 'Readiness probe errored: boom');
    assert.equal(probeWarningMessage('readiness', 'w'), 'Readiness probe warning: w');
    assert.equal(probeKillingMessage('web', 'liveness'), 'Container web failed liveness probe, will be restarted');
    assert.equal(probeKillingMessage('web', 'startup', false), 'Container web failed startup probe');
    assert.deepEqual(hookFailedEvent('postStart'), { type: 'Warning', reason: 'FailedPostStartHook', message: 'PostStartHook failed' });
    assert.deepEqual(hookFailedEvent('preStop'), { type: 'Warning', reason: 'FailedPreStopHook', message: 'PreStopHook failed' });
  });
});
