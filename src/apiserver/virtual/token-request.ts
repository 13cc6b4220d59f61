/**
 * The serviceaccounts/token subresource: POST a TokenRequest (authentication.k8s.io/v1) for an
 * existing service account and get back a signed token — `kubectl create token`. Defaults,
 * validation and bound-object checks follow Kubernetes' TokenREST.
 */
import { badRequest, conflict, fe, invalid, type KObject } from '../../api/index.js';
import {
  DEFAULT_EXPIRATION_SECONDS, MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS, type BoundObjects,
} from '../serviceaccount-tokens/index.js';
import { FieldReader, type Json } from './fields.js';
import { timestamp, type ObjectGetter, type VirtualKind } from './review.js';

const GROUP = 'authentication.k8s.io';
const KIND = 'TokenRequest';
const read = new FieldReader(KIND);

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 404;
}

/** schema.GroupVersionKind's String(): "apps/v1, Kind=Deployment", "/v1, Kind=Pod". */
function gvkString(apiVersion: string, kind: string): string {
  const i = apiVersion.indexOf('/');
  const group = i >= 0 ? apiVersion.slice(0, i) : '';
  const version = i >= 0 ? apiVersion.slice(i + 1) : apiVersion;
  return `${group}/${version}, Kind=${kind}`;
}

async function boundObjects(ref: Json, saName: string, namespace: string, get: ObjectGetter): Promise<BoundObjects> {
  const p = 'spec.boundObjectRef';
  const kind = read.string(ref, 'kind', `${p}.kind`);
  const apiVersion = read.string(ref, 'apiVersion', `${p}.apiVersion`);
  const name = read.string(ref, 'name', `${p}.name`);
  const wantUid = read.string(ref, 'uid', `${p}.uid`);
  const core = apiVersion === 'v1' || apiVersion === '';
  let obj: KObject;
  const bound: BoundObjects = {};
  if (core && kind === 'Pod') {
    obj = await get('pods', namespace, name);
    const spec = (obj.spec ?? {}) as Json;
    const podSa = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : '';
    if (podSa !== saName) {
      throw badRequest(`cannot bind token for serviceaccount ${JSON.stringify(saName)} to pod running with different serviceaccount name.`);
    }
    bound.pod = { name, uid: obj.metadata.uid ?? '' };
    const nodeName = typeof spec.nodeName === 'string' ? spec.nodeName : '';
    if (nodeName) {
      let nodeUid = '';
      try {
        nodeUid = (await get('nodes', undefined, nodeName)).metadata.uid ?? '';
      } catch (err) {
        // A missing node still names the pod's node in the claims.
        if (!isNotFound(err)) throw err;
      }
      bound.node = { name: nodeName, uid: nodeUid };
    }
  } else if (core && kind === 'Node') {
    obj = await get('nodes', undefined, name);
    bound.node = { name, uid: obj.metadata.uid ?? '' };
  } else if (core && kind === 'Secret') {
    obj = await get('secrets', namespace, name);
    bound.secret = { name, uid: obj.metadata.uid ?? '' };
  } else {
    throw badRequest(`cannot bind token to object of type ${gvkString(apiVersion, kind)}`);
  }
  const uid = obj.metadata.uid ?? '';
  if (wantUid && wantUid !== uid) {
    throw conflict({ group: '', resource: kind }, name,
      `the UID in the bound object reference (${wantUid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  return bound;
}

export const tokenRequest: VirtualKind = {
  group: GROUP, version: 'v1', kind: KIND, path: { group: '', version: 'v1' }, resource: 'serviceaccounts', subresource: 'token', namespaced: true,
  async handle(req, deps) {
    const name = req.name ?? '';
    const namespace = req.namespace ?? '';
    const meta = read.object(req.object, 'metadata', 'metadata') ?? {};
    const metaName = read.string(meta, 'name', 'metadata.name');
    const metaNamespace = read.string(meta, 'namespace', 'metadata.namespace');
    if (metaName && metaName !== name) {
      throw invalid({ group: GROUP, kind: KIND }, name, [fe.invalid('metadata.name', metaName, 'must match the service account name if specified')]);
    }
    if (metaNamespace && metaNamespace !== namespace) {
      throw invalid({ group: GROUP, kind: KIND }, name, [fe.invalid('metadata.namespace', metaNamespace, 'must match the service account namespace if specified')]);
    }
    const sa = await deps.getObject('serviceaccounts', namespace, name);
    const spec = read.object(req.object, 'spec', 'spec') ?? {};
    const requested = read.strings(spec, 'audiences', 'spec.audiences');
    const audiences = requested.length ? requested : [...deps.apiAudiences];
    const expirationSeconds = read.integer(spec, 'expirationSeconds', 'spec.expirationSeconds') ?? DEFAULT_EXPIRATION_SECONDS;
    const errs = [];
    if (expirationSeconds < MIN_EXPIRATION_SECONDS) errs.push(fe.invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes'));
    if (expirationSeconds > MAX_EXPIRATION_SECONDS) errs.push(fe.invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
    if (errs.length) throw invalid({ group: GROUP, kind: KIND }, '', errs);
    const ref = read.object(spec, 'boundObjectRef', 'spec.boundObjectRef');
    const bound = ref ? await boundObjects(ref, name, namespace, deps.getObject) : undefined;
    const issued = deps.issuer.issue({
      namespace, serviceAccount: { name, uid: sa.metadata.uid ?? '' }, audiences, expirationSeconds, bound,
    });
    const outSpec: Json = { audiences, expirationSeconds };
    if (ref) outSpec.boundObjectRef = ref;
    return {
      kind: KIND,
      apiVersion: `${GROUP}/v1`,
      metadata: { ...meta, name, namespace, creationTimestamp: timestamp(issued.issuedAt) },
      spec: outSpec,
      status: { token: issued.token, expirationTimestamp: timestamp(issued.expiresAt) },
    };
  },
};
