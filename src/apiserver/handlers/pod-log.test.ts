import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../api/index.js';
import { kubeletFailure, logContainer } from './pod-log.js';

function pod(containers: string[], init: string[] = []) {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: containers.map((name) => ({ name })), initContainers: init.map((name) => ({ name })) },
  };
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StatusError);
    assert.equal(err.code, 400);
    return err.message;
  }
  throw new Error('no error');
}

describe('logContainer', () => {
  it('takes the only container, or the one named', () => {
    assert.equal(logContainer(pod(['app'], ['init']), undefined), 'app');
    assert.equal(logContainer(pod(['a', 'b'], ['init']), 'init'), 'init');
  });

  it('lists every container when one must be named', () => {
    assert.equal(message(() => logContainer(pod(['a', 'b'], ['init']), undefined)), 'a container name must be specified for pod p, choose one of: [init a b]');
    assert.equal(message(() => logContainer(pod([]), undefined)), 'a container name must be specified for pod p');
    assert.equal(message(() => logContainer(pod(['a']), 'z')), 'container z is not valid for pod p');
  });
});

describe('kubeletFailure', () => {
  it('maps the kubelet\'s status codes as the generic response checker does', () => {
    assert.deepEqual(kubeletFailure(400, 'no logs yet', 'p').toStatus(), {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'no logs yet', reason: 'BadRequest', code: 400,
    });
    const nf = kubeletFailure(404, 'pod "p" does not exist', 'p');
    assert.deepEqual([nf.code, nf.reason, nf.message], [404, 'NotFound', 'the server could not find the requested resource ( pods/log p)']);
    assert.equal(kubeletFailure(500, 'boom', 'p').message, 'Internal error occurred: boom');
    assert.deepEqual([kubeletFailure(403, 'Forbidden (user=x)', 'p').reason, kubeletFailure(403, 'Forbidden (user=x)', 'p').message], ['Forbidden', 'Forbidden (user=x) ( pods/log p)']);
    assert.equal(kubeletFailure(401, 'Unauthorized', 'p').message, 'the server has asked for the client to provide credentials ( pods/log p)');
    assert.equal(kubeletFailure(503, 'down', 'p').message, 'an error on the server ("down") has prevented the request from succeeding ( pods/log p)');
  });
});
