/**
 * Test support: a virtual resource handler over objects held in a map (no server), with a real
 * signing key, issuer, authenticator and the default authorizer.
 */
import { notFound, StatusError, type KObject } from '../../api/index.js';
import { defaultAuthorizer } from '../authz/index.js';
import { DEFAULT_API_AUDIENCES, ServiceAccountTokenAuthenticator, ServiceAccountTokenIssuer } from '../serviceaccount-tokens/index.js';
import { testSigningKey } from '../serviceaccount-tokens/testing.js';
import type { Json } from './fields.js';
import { virtualResourceHandler, type VirtualPath, type VirtualResponse } from './handler.js';
import type { ObjectGetter, RequestUser } from './review.js';

export const ADMIN: RequestUser = { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] };
export const JANE: RequestUser = { name: 'jane', uid: 'jane-uid', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a', 'b'] } };

export interface Fixture {
  /** Objects by "resource/namespace/name" (namespace empty for nodes). */
  objects: Map<string, KObject>;
  issuer: ServiceAccountTokenIssuer;
  authenticator: ServiceAccountTokenAuthenticator;
  /** POSTs (or `method`s) `body` to the path; JSON unless contentType says otherwise. */
  call(info: VirtualPath, body: unknown, opts?: CallOptions): Promise<VirtualResponse | undefined>;
  /** Like call, but expects a response and returns its body. */
  post(info: VirtualPath, body: unknown, user?: RequestUser): Promise<Json>;
  /** Like call, but expects a StatusError and returns it. */
  fail(info: VirtualPath, body: unknown, opts?: CallOptions): Promise<StatusError>;
}

export interface CallOptions {
  user?: RequestUser;
  method?: string;
  contentType?: string;
  /** Called when the handler reads the body. */
  onRead?: () => void;
}

export function object(metadata: Record<string, unknown>, rest: Record<string, unknown> = {}): KObject {
  return { metadata, ...rest } as KObject;
}

export function fixture(now?: () => Date): Fixture {
  const objects = new Map<string, KObject>([
    ['serviceaccounts/default/default', object({ name: 'default', namespace: 'default', uid: 'sa-uid' })],
    ['serviceaccounts/default/builder', object({ name: 'builder', namespace: 'default', uid: 'builder-uid' })],
    ['pods/default/web', object({ name: 'web', namespace: 'default', uid: 'pod-uid' }, { spec: { serviceAccountName: 'default', nodeName: 'n1' } })],
    ['pods/default/orphan', object({ name: 'orphan', namespace: 'default', uid: 'orphan-uid' }, { spec: { serviceAccountName: 'default', nodeName: 'gone' } })],
    ['secrets/default/s', object({ name: 's', namespace: 'default', uid: 'secret-uid' })],
    ['nodes//n1', object({ name: 'n1', uid: 'node-uid' })],
  ]);
  const key = testSigningKey('rsa');
  const issuer = new ServiceAccountTokenIssuer(key, { now });
  const authenticator = new ServiceAccountTokenAuthenticator(key, (resource, ns, name) => {
    const o = objects.get(`${resource}/${ns ?? ''}/${name}`);
    return o ? { uid: o.metadata.uid ?? '' } : undefined;
  }, { now });
  const getObject: ObjectGetter = async (resource, ns, name) => {
    const o = objects.get(`${resource}/${ns ?? ''}/${name}`);
    if (!o) throw notFound({ group: '', resource }, name);
    return structuredClone(o);
  };
  const handler = virtualResourceHandler({
    authorizer: defaultAuthorizer(), issuer, apiAudiences: DEFAULT_API_AUDIENCES, getObject, now,
    checkToken: (token, audiences) => authenticator.check(token, audiences),
  });
  const call: Fixture['call'] = (info, body, opts = {}) => handler({
    method: opts.method ?? 'POST', info, user: opts.user ?? ADMIN,
    contentType: opts.contentType ?? 'application/json',
    readBody: async () => {
      opts.onRead?.();
      return Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    },
  });
  return {
    objects, issuer, authenticator, call,
    async post(info, body, user) {
      const r = await call(info, body, { user });
      if (!r) throw new Error(`Cannot post to ${JSON.stringify(info)}: not a virtual path`);
      return r.body;
    },
    async fail(info, body, opts) {
      try {
        await call(info, body, opts);
      } catch (err) {
        if (err instanceof StatusError) return err;
        throw err;
      }
      throw new Error('Cannot fail: the request succeeded');
    },
  };
}

export const SSR: VirtualPath = { group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews' };
export const TOKEN_REVIEW: VirtualPath = { group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews' };
export const SSAR: VirtualPath = { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews' };
export const SSRR: VirtualPath = { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews' };
export const SAR: VirtualPath = { group: 'authorization.k8s.io', version: 'v1', resource: 'subjectaccessreviews' };
export function lsar(namespace: string): VirtualPath {
  return { group: 'authorization.k8s.io', version: 'v1', resource: 'localsubjectaccessreviews', namespace };
}
export function tokenPath(namespace: string, name: string): VirtualPath {
  return { group: '', version: 'v1', resource: 'serviceaccounts', namespace, name, subresource: 'token' };
}
