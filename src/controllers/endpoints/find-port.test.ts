import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPort } from './find-port.js';
import type { Pod } from './types.js';

const pod: Pod = {
  metadata: { name: 'p' },
  spec: {
    containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }],
    initContainers: [
      { name: 'sidecar', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] },
      { name: 'init', ports: [{ name: 'setup', containerPort: 9999 }] },
    ],
  },
};

describe('findPort', () => {
  it('takes a numeric target port as it is, defaulting to the service port', () => {
    assert.equal(findPort(pod, { port: 80, targetPort: 9090 }), 9090);
    assert.equal(findPort(pod, { port: 80 }), 80);
  });

  it('resolves a named port with the same protocol, in containers and sidecars only', () => {
    assert.equal(findPort(pod, { port: 80, targetPort: 'http' }), 8080);
    assert.equal(findPort(pod, { port: 53, targetPort: 'dns', protocol: 'UDP' }), 53);
    assert.equal(findPort(pod, { port: 53, targetPort: 'dns', protocol: 'TCP' }), undefined);
    assert.equal(findPort(pod, { port: 80, targetPort: 'proxy' }), 15001);
    assert.equal(findPort(pod, { port: 80, targetPort: 'setup' }), undefined);
    assert.equal(findPort(pod, { port: 80, targetPort: 'nope' }), undefined);
  });
});
