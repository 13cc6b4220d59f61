import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PeerCertificate } from 'node:tls';
import { identityFromPeerCert } from './identity.js';

const peer = (subject: Record<string, string | string[]>): PeerCertificate =>
  ({ subject } as unknown as PeerCertificate);

describe('identityFromPeerCert', () => {
  it('reads the user from CN and a single group from O', () => {
    assert.deepEqual(identityFromPeerCert(peer({ CN: 'system:admin', O: 'system:masters' })), {
      user: 'system:admin',
      groups: ['system:masters'],
    });
  });

  it('reads several groups when O repeats', () => {
    assert.deepEqual(identityFromPeerCert(peer({ CN: 'alice', O: ['dev', 'ops'] })), {
      user: 'alice',
      groups: ['dev', 'ops'],
    });
  });

  it('gives no groups without O and no identity without CN or certificate', () => {
    assert.deepEqual(identityFromPeerCert(peer({ CN: 'bob' })), { user: 'bob', groups: [] });
    assert.equal(identityFromPeerCert(peer({ O: 'dev' })), undefined);
    assert.equal(identityFromPeerCert({} as PeerCertificate), undefined);
    assert.equal(identityFromPeerCert(undefined), undefined);
  });
});
