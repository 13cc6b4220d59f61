import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResizeDecoder } from './resize.js';
import { exitCodeStatus, encodeExecStatus, successStatus } from './exec-status.js';

describe('resize stream and exec status', () => {
  it('reads sizes split anywhere and skips junk', () => {
    const d = new ResizeDecoder();
    assert.deepEqual(d.push('{"Width":80,"Hei'), []);
    assert.deepEqual(d.push('ght":24}\n{"Width":100,"Height":30}\nnope{"Width":"x"}'), [{ width: 80, height: 24 }, { width: 100, height: 30 }]);
  });

  it('writes the kubelet\'s statuses', () => {
    assert.equal(encodeExecStatus(successStatus(), true).toString(), '{"metadata":{},"status":"Success"}');
    assert.equal(encodeExecStatus(exitCodeStatus(3, ['sh', '-c', 'exit 3']), true).toString(),
      '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}');
    assert.equal(encodeExecStatus(successStatus(), false).length, 0);
  });
});
