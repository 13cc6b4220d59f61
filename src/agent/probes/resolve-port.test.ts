import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveContainerPort } from './resolve-port.js';

const container = { name: 'web', ports: [{ name: 'http', containerPort: 8080 }, { name: 'zero', containerPort: 0 }] };

describe('resolveContainerPort', () => {
  it('takes numbers, named ports and digit strings', () => {
    assert.equal(resolveContainerPort(80, container), 80);
    assert.equal(resolveContainerPort('http', container), 8080);
    assert.equal(resolveContainerPort('9090', container), 9090);
  });

  it('fails as the kubelet does', () => {
    assert.throws(() => resolveContainerPort('metrics', container), { message: 'strconv.Atoi: parsing "metrics": invalid syntax' });
    assert.throws(() => resolveContainerPort(0, container), { message: 'invalid port number: 0' });
    assert.throws(() => resolveContainerPort(70000, container), { message: 'invalid port number: 70000' });
    assert.throws(() => resolveContainerPort('zero', container), { message: 'invalid port number: 0' });
  });
});
