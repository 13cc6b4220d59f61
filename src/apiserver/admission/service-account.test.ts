import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusError, type KObject, type ResourceDef } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import { Clientset } from '../../client/index.js';
import { startApiServer, type RunningApiServer } from '../index.js';
import type { Attributes, Operation } from './admission.js';
import { ServiceAccountAdmission } from './service-account.js';
import { TOKEN_MOUNT_PATH, tokenVolumeSource } from './service-account-volume.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const SAS = { group: '', version: 'v1', resource: 'serviceaccounts' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

/** What Kubernetes 1.32 stores for the API access volume, written out in full. */
const EXPECTED_SOURCE = {
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
  defaultMode: 420,
};
const MOUNT = { name: 'kube-api-access-abcde', readOnly: true, mountPath: TOKEN_MOUNT_PATH };

/** A plugin over in-memory accounts ("ns/name" → account); counts storage reads. */
function plugin(accounts: Record<string, KObject>, opts: { cached?: boolean; appearAfterReads?: number } = {}) {
  const reads = { n: 0 };
  const key = (k: string) => k.replace('/registry/core/serviceaccounts/', '');
  const p = new ServiceAccountAdmission({
    cache: { get: (k) => (opts.cached === false ? undefined : accounts[key(k)] ? { obj: accounts[key(k)] } : undefined) },
    backend: {
      get: async (k) => {
        reads.n++;
        if (opts.appearAfterReads !== undefined && reads.n < opts.appearAfterReads) return undefined;
        const sa = accounts[key(k)];
        return sa ? { value: JSON.stringify(sa) } : undefined;
      },
    },
  }, { generateName: (prefix) => `${prefix}abcde`, retryIntervalMs: () => 1 });
  return { p, reads };
}

function sa(name: string, extra: Partial<KObject> & Record<string, unknown> = {}): KObject {
  return { metadata: { name, namespace: 'ns' }, ...extra };
}

function pod(spec: Record<string, unknown>, meta: KObject['metadata'] = {}): Pod {
  return { metadata: { name: 'p', namespace: 'ns', ...meta }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } } as Pod;
}

function attrs(obj: Pod, operation: Operation = 'CREATE', extra: Partial<Attributes> = {}): Attributes {
  return { operation, def: { group: '', plural: 'pods' } as ResourceDef, namespace: 'ns', name: obj.metadata.name ?? '', obj, dryRun: false, ...extra };
}

async function admit(p: ServiceAccountAdmission, a: Attributes): Promise<Pod> {
  await p.admit(a);
  await p.validate(a);
  return a.obj as Pod;
}

async function refusal(work: Promise<unknown>): Promise<StatusError> {
  try {
    await work;
  } catch (err) {
    assert.ok(err instanceof StatusError, `expected a StatusError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the pod to be refused');
}

describe('ServiceAccount admission', () => {
  const accounts = { 'ns/default': sa('default'), 'ns/robot': sa('robot') };

  it('names the default account and mounts the API access volume in init and regular containers', async () => {
    const { p } = plugin(accounts);
    const spec = {
      initContainers: [{ name: 'i', image: 'busybox' }],
      containers: [{ name: 'a', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }, { name: 'b', image: 'busybox' }],
      ephemeralContainers: [{ name: 'e', image: 'busybox' }],
      volumes: [{ name: 'data', emptyDir: {} }],
    };
    const out = (await admit(p, attrs(pod(spec)))).spec!;
    assert.equal(out.serviceAccountName, 'default');
    assert.equal(out.serviceAccount, 'default', 'the deprecated field follows');
    assert.deepEqual(out.volumes, [{ name: 'data', emptyDir: {} }, { name: 'kube-api-access-abcde', projected: EXPECTED_SOURCE }]);
    assert.deepEqual(out.initContainers![0].volumeMounts, [MOUNT]);
    assert.deepEqual(out.containers![0].volumeMounts, [{ name: 'data', mountPath: '/data' }, MOUNT]);
    assert.deepEqual(out.containers![1].volumeMounts, [MOUNT]);
    assert.equal(out.ephemeralContainers![0].volumeMounts, undefined, 'ephemeral containers are not given the mount');
    assert.deepEqual(tokenVolumeSource(), EXPECTED_SOURCE);
  });

  it('generates kube-api-access-<5 characters> names the way Kubernetes does', async () => {
    const p = new ServiceAccountAdmission({ cache: { get: () => ({ obj: sa('default') }) }, backend: { get: async () => undefined } });
    const names = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const out = await admit(p, attrs(pod({})));
      const name = out.spec!.volumes![0].name ?? '';
      assert.match(name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      names.add(name);
    }
    assert.ok(names.size > 1, 'names are random');
  });

  it('leaves containers that mount something at the token path, and reuses a kube-api-access volume', async () => {
    const { p } = plugin(accounts);
    const own = { name: 'mine', mountPath: TOKEN_MOUNT_PATH };
    const all = await admit(p, attrs(pod({ containers: [{ name: 'c', volumeMounts: [own] }], volumes: [{ name: 'mine', emptyDir: {} }] })));
    assert.deepEqual(all.spec!.volumes, [{ name: 'mine', emptyDir: {} }], 'no container needs it: no volume');
    assert.deepEqual(all.spec!.containers![0].volumeMounts, [own]);
    const reuse = await admit(p, attrs(pod({ volumes: [{ name: 'kube-api-access-zzzzz', emptyDir: {} }] })));
    assert.deepEqual(reuse.spec!.volumes, [{ name: 'kube-api-access-zzzzz', emptyDir: {} }]);
    assert.deepEqual(reuse.spec!.containers![0].volumeMounts, [{ ...MOUNT, name: 'kube-api-access-zzzzz' }]);
  });

  it('follows automountServiceAccountToken: the pod first, then the account', async () => {
    const { p } = plugin({ 'ns/off': sa('off', { automountServiceAccountToken: false }), 'ns/default': sa('default') });
    const mounted = async (spec: Record<string, unknown>) => ((await admit(p, attrs(pod(spec)))).spec!.volumes ?? []).length > 0;
    assert.equal(await mounted({ automountServiceAccountToken: false }), false);
    assert.equal(await mounted({ serviceAccountName: 'off' }), false);
    assert.equal(await mounted({ serviceAccountName: 'off', automountServiceAccountToken: true }), true);
    assert.equal(await mounted({}), true);
  });

  it('takes the account from the deprecated serviceAccount field and copies its imagePullSecrets', async () => {
    const { p } = plugin({ 'ns/robot': sa('robot', { imagePullSecrets: [{ name: 'reg' }] }) });
    const out = (await admit(p, attrs(pod({ serviceAccount: 'robot' })))).spec!;
    assert.equal(out.serviceAccountName, 'robot');
    assert.equal(out.serviceAccount, 'robot');
    assert.deepEqual(out.imagePullSecrets, [{ name: 'reg' }]);
    const own = (await admit(p, attrs(pod({ serviceAccountName: 'robot', serviceAccount: 'other', imagePullSecrets: [{ name: 'mine' }] })))).spec!;
    assert.equal(own.serviceAccount, 'robot', 'serviceAccountName wins, as in the v1 conversion');
    assert.deepEqual(own.imagePullSecrets, [{ name: 'mine' }]);
  });

  it('refuses a pod whose account does not exist with 403 Forbidden in Kubernetes words, reading storage once', async () => {
    const { p, reads } = plugin({}, { cached: false });
    const err = await refusal(admit(p, attrs(pod({ serviceAccountName: 'ghost' }))));
    assert.equal(err.code, 403);
    assert.equal(err.reason, 'Forbidden');
    assert.equal(err.message, 'pods "p" is forbidden: error looking up service account ns/ghost: serviceaccount "ghost" not found');
    assert.deepEqual(err.details, { name: 'p', kind: 'pods' });
    assert.equal(reads.n, 1);
  });

  it('waits a little for the default account: ten reads of storage, then the same refusal', async () => {
    const missing = plugin({}, { cached: false });
    const err = await refusal(admit(missing.p, attrs(pod({}))));
    assert.equal(err.message, 'pods "p" is forbidden: error looking up service account ns/default: serviceaccount "default" not found');
    assert.equal(missing.reads.n, 10);
    const late = plugin({ 'ns/default': sa('default') }, { cached: false, appearAfterReads: 4 });
    const out = await admit(late.p, attrs(pod({})));
    assert.equal(out.spec!.serviceAccountName, 'default');
    assert.equal(out.spec!.volumes?.length, 1);
  });

  it('names a pod by its generateName in refusals, as admission runs before the name is made', async () => {
    const { p } = plugin({}, { cached: false });
    const generated = pod({ serviceAccountName: 'ghost' }, { name: 'web-7d9f5-x4k2q', generateName: 'web-7d9f5-' });
    assert.match((await refusal(admit(p, attrs(generated)))).message, /^pods "web-7d9f5-" is forbidden: /);
    const named = pod({ serviceAccountName: 'ghost' }, { name: 'web-7d9f5-given', generateName: 'web-7d9f5-' });
    assert.match((await refusal(admit(p, attrs(named)))).message, /^pods "web-7d9f5-given" is forbidden: /);
  });

  it('leaves mirror pods unchanged but refuses those that reference accounts, secrets or tokens', async () => {
    const { p } = plugin(accounts);
    const mirror = (spec: Record<string, unknown>) => pod({ nodeName: 'n1', ...spec }, { annotations: { 'kubernetes.io/config.mirror': 'abc' } });
    const clean = await admit(p, attrs(mirror({})));
    assert.equal(clean.spec!.serviceAccountName, undefined);
    assert.equal(clean.spec!.volumes, undefined);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ serviceAccountName: 'robot' }, 'a mirror pod may not reference service accounts'],
      [{ serviceAccount: 'robot' }, 'a mirror pod may not reference service accounts'],
      [{ volumes: [{ name: 's', secret: { secretName: 'x' } }] }, 'a mirror pod may not reference secrets'],
      [{ imagePullSecrets: [{ name: 'reg' }] }, 'a mirror pod may not reference secrets'],
      [{ containers: [{ name: 'c', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'x', key: 'k' } } }] }] }, 'a mirror pod may not reference secrets'],
      [{ volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }] }, 'a mirror pod may not use ServiceAccountToken volume projections'],
    ];
    for (const [spec, why] of cases) {
      const err = await refusal(admit(p, attrs(mirror(spec))));
      assert.equal(err.code, 403);
      assert.equal(err.message, `pods "p" is forbidden: ${why}`);
    }
  });

  it('enforces mountable secrets when the account is annotated so', async () => {
    const strict = sa('strict', {
      metadata: { name: 'strict', namespace: 'ns', annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } },
      secrets: [{ name: 'ok' }],
    });
    const { p } = plugin({ 'ns/strict': strict });
    await admit(p, attrs(pod({ serviceAccountName: 'strict', volumes: [{ name: 'v', secret: { secretName: 'ok' } }] })));
    const err = await refusal(admit(p, attrs(pod({ serviceAccountName: 'strict', volumes: [{ name: 'v', secret: { secretName: 'no' } }] }))));
    assert.equal(err.message, 'pods "p" is forbidden: volume with secret.secretName="no" is not allowed because service account strict does not reference that secret');
    const env = await refusal(admit(p, attrs(pod({ serviceAccountName: 'strict', containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'no' } }] }] }))));
    assert.equal(env.message, 'pods "p" is forbidden: container c with envFrom referencing secret.secretName="no" is not allowed because service account strict does not reference that secret');
  });

  it('limits the secrets of ephemeral containers added through the subresource when the account enforces it', async () => {
    const strict = sa('strict', {
      metadata: { name: 'strict', namespace: 'ns', annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } },
      secrets: [{ name: 'ok' }],
    });
    const { p } = plugin({ 'ns/strict': strict });
    const debug = (secret: string) => pod({
      serviceAccountName: 'strict',
      ephemeralContainers: [{ name: 'dbg', env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: secret, key: 'k' } } }] }],
    });
    const ok = debug('ok');
    await admit(p, attrs(ok, 'UPDATE', { subresource: 'ephemeralcontainers', old: pod({ serviceAccountName: 'strict' }) }));
    assert.equal(ok.spec!.ephemeralContainers![0].volumeMounts, undefined);
    const err = await refusal(admit(p, attrs(debug('no'), 'UPDATE', { subresource: 'ephemeralcontainers', old: pod({ serviceAccountName: 'strict' }) })));
    assert.equal(err.code, 500);
    assert.equal(err.message, 'ephemeral container dbg with envVar PW referencing secret.secretName="no" is not allowed because service account strict does not reference that secret');
  });

  it('does not change pods on update, nor other kinds or subresources', async () => {
    const { p } = plugin({});
    const stored = pod({ serviceAccountName: 'gone', serviceAccount: 'gone' });
    const next = pod({ serviceAccountName: 'gone' });
    await admit(p, attrs(next, 'UPDATE', { old: stored }));
    assert.equal(next.spec!.volumes, undefined);
    assert.equal(next.spec!.serviceAccount, 'gone', 'only the deprecated field is kept in step');
    const status = pod({});
    await admit(p, attrs(status, 'CREATE', { subresource: 'binding' }));
    assert.equal(status.spec!.serviceAccountName, undefined);
    const other: Attributes = { ...attrs(pod({})), def: { group: '', plural: 'podtemplates' } as ResourceDef };
    await admit(p, other);
    assert.equal((other.obj as Pod).spec!.serviceAccountName, undefined);
  });
});

describe('ServiceAccount admission in the API server', () => {
  let server: RunningApiServer;
  let cs: Clientset;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `navarch-sa-admission-${process.pid}-`));
    server = await startApiServer({ dataDir, datastoreEndpoint: 'memory://', bindAddress: '127.0.0.1', httpsPort: 0 });
    cs = Clientset.fromKubeconfig(server.kubeconfigPath);
  });
  after(async () => {
    cs.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const spec = { containers: [{ name: 'c', image: 'busybox' }] };

  it('refuses pods until the default account exists, then mounts its token volume', async () => {
    await cs.resource(NAMESPACES).create({ metadata: { name: 'sa-a' } });
    const pods = cs.resource(PODS).namespace('sa-a');
    const err = await refusal(pods.create({ metadata: { name: 'early' }, spec } as KObject));
    assert.equal(err.code, 403);
    assert.equal(err.reason, 'Forbidden');
    assert.equal(err.message, 'pods "early" is forbidden: error looking up service account sa-a/default: serviceaccount "default" not found');
    await cs.resource(SAS).namespace('sa-a').create({ metadata: { name: 'default' } });
    const created = (await pods.create({ metadata: { name: 'web' }, spec } as KObject)) as Pod;
    assert.equal(created.spec?.serviceAccountName, 'default');
    assert.equal(created.spec?.serviceAccount, 'default');
    const volume = created.spec?.volumes?.find((v) => v.name?.startsWith('kube-api-access-'));
    assert.deepEqual(volume?.projected, EXPECTED_SOURCE);
    assert.deepEqual(created.spec?.containers?.[0].volumeMounts, [{ name: volume?.name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }]);
    // An update keeps the volume as it is.
    const labelled = (await pods.patch('web', 'merge', { metadata: { labels: { a: 'b' } } })) as Pod;
    assert.deepEqual(labelled.spec?.volumes, created.spec?.volumes);
  });

  it('admits a pod created while the default account is still being made', async () => {
    await cs.resource(NAMESPACES).create({ metadata: { name: 'sa-b' } });
    // The account appears well inside the plugin's wait for it (ten reads 100–199 ms apart).
    const account = new Promise((r) => setTimeout(r, 250)).then(() => cs.resource(SAS).namespace('sa-b').create({ metadata: { name: 'default' } }));
    const created = (await cs.resource(PODS).namespace('sa-b').create({ metadata: { name: 'racer' }, spec } as KObject)) as Pod;
    await account;
    assert.equal(created.spec?.serviceAccountName, 'default');
    assert.equal(created.spec?.volumes?.length, 1);
  });
});
