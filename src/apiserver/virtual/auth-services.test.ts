import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinResources, type KObject } from '../../api/index.js';
import { openBackend } from '../../storage/index.js';
import { AdmissionChain } from '../admission/index.js';
import { WatchCache } from '../cache/index.js';
import { ResourceIndex } from '../registry/resource-index.js';
import { Registry } from '../rest/registry.js';
import type { Scope } from '../rest/scope.js';
import { createAuthServices, type AuthServices } from './auth-services.js';
import type { Json } from './fields.js';
import { tokenPath, TOKEN_REVIEW } from './testing.js';

const ADMIN = { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] };

async function until<T>(fn: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('createAuthServices over a registry', () => {
  let dir: string;
  let registry: Registry;
  let cache: WatchCache;
  let auth: AuthServices;
  let saScope: Scope;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'navarch-auth-'));
    const backend = await openBackend('memory://');
    cache = new WatchCache(backend);
    await cache.start();
    const index = new ResourceIndex(builtinResources);
    registry = new Registry(backend, cache, index, new AdmissionChain([]), { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] });
    const def = index.lookup('', 'v1', 'serviceaccounts');
    assert.ok(def);
    saScope = { def, loc: index.storageOf(def), namespace: 'default' };
    auth = await createAuthServices({
      dataDir: dir, registry,
      staticTokens: (t) => (t === 'agent-secret' ? { name: 'system:node:n1', groups: ['system:nodes'] } : undefined),
    });
  });

  after(async () => {
    cache.stop();
    await registry.backend.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function requestToken(name: string): Promise<string> {
    const r = await auth.handler({
      method: 'POST', info: tokenPath('default', name), user: ADMIN, contentType: 'application/json',
      readBody: async () => Buffer.from('{}'),
    });
    return ((r?.body.status ?? {}) as { token: string }).token;
  }

  it('keeps the signing key in <data-dir>/tls/service-account.key', async () => {
    assert.equal((await stat(join(dir, 'tls', 'service-account.key'))).mode & 0o777, 0o600);
  });

  it('issues tokens for stored service accounts, which authenticate until the account is deleted', async () => {
    await assert.rejects(requestToken('robot'), /serviceaccounts "robot" not found/);
    const sa = await registry.create(saScope, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } as KObject);
    const token = await requestToken('robot');
    const user = await until(() => auth.authenticateToken(token), 'the service account in the cache');
    assert.equal(user.name, 'system:serviceaccount:default:robot');
    assert.equal(user.uid, sa.metadata.uid);
    await registry.delete(saScope, 'robot');
    await until(() => (auth.authenticateToken(token) ? undefined : true), 'the deletion in the cache');
    await registry.create(saScope, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } as KObject);
    await until(() => cache.get('/registry/core/serviceaccounts/default/robot'), 'the new service account');
    assert.equal(auth.authenticateToken(token), undefined, 'a token of the deleted account does not work for its successor');
  });

  it('still accepts the server\'s static tokens, also in a TokenReview', async () => {
    assert.deepEqual(auth.authenticateToken('agent-secret'), { name: 'system:node:n1', groups: ['system:nodes'] });
    assert.equal(auth.authenticateToken('unknown'), undefined);
    const r = await auth.handler({
      method: 'POST', info: TOKEN_REVIEW, user: ADMIN, contentType: 'application/json',
      readBody: async () => Buffer.from(JSON.stringify({ spec: { token: 'agent-secret' } })),
    });
    const status = r?.body.status as Json;
    assert.equal(status.authenticated, true);
    assert.deepEqual((status.user as Json).groups, ['system:nodes', 'system:authenticated']);
  });
});
