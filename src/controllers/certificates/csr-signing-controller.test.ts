/**
 * The signer on an in-process API server, driven by the real kubectl: approve a user's request, get
 * the certificate, and use it to authenticate to the same server; rule violations end Failed;
 * denied and foreign-signer requests are left alone.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { certificateDurationSeconds, CSRS, CSRSigningController, DEFAULT_SIGNING_DURATION_SECONDS, type CSR } from './index.js';
import { opensslRequest, type RequestSpec } from './test-requests.js';

const run = promisify(execFile);
let f: ControllerFixture;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), `navarch-csrsigning-${process.pid}-`));
  f = await startControllerFixture((cs, inf, fx) => [
    new CSRSigningController(cs, inf, { caCert: fx.server.pki.caCert, caKey: fx.server.pki.caKey, log: () => undefined }).controller,
  ]);
});
after(async () => {
  await f.stop();
  rmSync(dir, { recursive: true, force: true });
});

const keys = new Map<string, string>();

async function request(name: string, spec: RequestSpec, fields: Record<string, unknown>): Promise<void> {
  const r = opensslRequest(spec);
  keys.set(name, r.keyPem);
  await f.clientset.resource<CSR>(CSRS).create({
    apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name },
    spec: { request: Buffer.from(r.csrPem).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...fields },
  });
}

const get = (name: string): Promise<CSR> => f.clientset.resource<CSR>(CSRS).get(name);
const certificateOf = async (name: string): Promise<X509Certificate> => new X509Certificate(Buffer.from((await get(name)).status?.certificate ?? '', 'base64'));

describe('CSRSigningController', () => {
  it('signs an approved kube-apiserver-client request; the certificate authenticates as CN=user, O=groups', async () => {
    await request('alice', { subject: '/CN=alice/O=dev/O=ops' }, { expirationSeconds: 86400 });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await get('alice')).status?.certificate, undefined, 'nothing is signed before approval');
    assert.equal(await f.k('certificate', 'approve', 'alice'), 'certificatesigningrequest.certificates.k8s.io/alice approved\n');
    await eventually(async () => !!(await get('alice')).status?.certificate, 10_000, 'the certificate');
    assert.match(await f.k('get', 'csr', 'alice'), /alice\s+\S+\s+kubernetes\.io\/kube-apiserver-client\s+system:admin\s+24h\s+Approved,Issued\n$/);
    const cert = await certificateOf('alice');
    assert.equal(cert.subject, 'CN=alice\nO=dev\nO=ops');
    assert.equal((Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 1000, 86400, '24h asked: five minutes backdated at both ends');

    writeFileSync(join(dir, 'alice.crt'), Buffer.from((await get('alice')).status?.certificate ?? '', 'base64'));
    writeFileSync(join(dir, 'alice.key'), keys.get('alice') ?? '');
    const kubeconfig = join(dir, 'alice.kubeconfig');
    const kc = (...args: string[]): Promise<{ stdout: string }> => run('kubectl', ['--kubeconfig', kubeconfig, ...args]);
    await run('kubectl', ['--kubeconfig', f.fx.server.kubeconfigPath, 'config', 'view', '--raw', '--minify', '-o', 'json']).then(({ stdout }) => writeFileSync(kubeconfig, stdout));
    await kc('config', 'set-credentials', 'alice', `--client-certificate=${join(dir, 'alice.crt')}`, `--client-key=${join(dir, 'alice.key')}`, '--embed-certs=true');
    await kc('config', 'set-context', '--current', '--user=alice');
    const whoami = JSON.parse((await kc('auth', 'whoami', '-o', 'json')).stdout) as { status: { userInfo: { username: string; groups: string[] } } };
    assert.deepEqual(whoami.status.userInfo, { username: 'alice', groups: ['dev', 'ops', 'system:authenticated'] });
  });

  it('honours expirationSeconds between 10 minutes and the signing duration', async () => {
    assert.equal(certificateDurationSeconds(undefined, DEFAULT_SIGNING_DURATION_SECONDS), 365 * 86400);
    assert.equal(certificateDurationSeconds(10 * 365 * 86400, DEFAULT_SIGNING_DURATION_SECONDS), 365 * 86400);
    assert.equal(certificateDurationSeconds(600, DEFAULT_SIGNING_DURATION_SECONDS), 600);
    await request('brief', { key: 'ec', subject: '/CN=brief' }, { expirationSeconds: 600 });
    await f.k('certificate', 'approve', 'brief');
    await eventually(async () => !!(await get('brief')).status?.certificate, 10_000, 'the certificate');
    const cert = await certificateOf('brief');
    assert.equal((Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 1000, 900, 'short: backdated at the start only');
  });

  it('a request that breaks its signer\'s rules ends Failed with SignerValidationFailure; denied and other signers are left alone', async () => {
    await request('server-usage', { subject: '/CN=web' }, { usages: ['client auth', 'server auth'] });
    await f.k('certificate', 'approve', 'server-usage');
    await eventually(async () => ((await get('server-usage')).status?.conditions ?? []).some((c) => c.type === 'Failed'), 10_000, 'Failed');
    const failed = await get('server-usage');
    assert.equal(failed.status?.certificate, undefined);
    const c = failed.status?.conditions?.find((x) => x.type === 'Failed');
    assert.deepEqual([c?.status, c?.reason, c?.message], ['True', 'SignerValidationFailure', 'invalid usage for client certificate: server auth']);
    assert.match(await f.k('get', 'csr', 'server-usage'), /Approved,Failed\n$/);

    await request('not-a-node', { key: 'ec', subject: '/CN=system:node:n1' }, { signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'] });
    await f.k('certificate', 'approve', 'not-a-node');
    await eventually(async () => ((await get('not-a-node')).status?.conditions ?? []).some((x) => x.type === 'Failed'), 10_000, 'Failed');
    assert.equal((await get('not-a-node')).status?.conditions?.find((x) => x.type === 'Failed')?.message, 'subject organization is not system:nodes');

    await request('denied', { key: 'ec', subject: '/CN=denied' }, {});
    await f.k('certificate', 'deny', 'denied');
    await request('custom', { key: 'ec', subject: '/CN=custom' }, { signerName: 'example.com/custom' });
    await f.k('certificate', 'approve', 'custom');
    // A later request signed shows the queue got past the two ignored ones.
    await request('later', { key: 'ec', subject: '/CN=later' }, {});
    await f.k('certificate', 'approve', 'later');
    await eventually(async () => !!(await get('later')).status?.certificate, 10_000, 'the later certificate');
    assert.equal((await get('denied')).status?.certificate, undefined);
    assert.equal((await get('custom')).status?.certificate, undefined);
    assert.match(await f.k('get', 'csr', 'denied', 'custom'), /denied\s+.*\s+Denied\ncustom\s+.*\s+Approved\n$/);
  });

  it('signs a node\'s kubelet-serving request with its names', async () => {
    await request('serving', { key: 'ec', subject: '/O=system:nodes/CN=system:node:n1', san: 'DNS:n1,IP:127.0.0.1' }, {
      signerName: 'kubernetes.io/kubelet-serving', usages: ['digital signature', 'server auth'],
    });
    await f.k('certificate', 'approve', 'serving');
    await eventually(async () => !!(await get('serving')).status?.certificate, 10_000, 'the certificate');
    const cert = await certificateOf('serving');
    assert.equal(cert.subjectAltName, 'DNS:n1, IP Address:127.0.0.1');
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.ok(cert.checkIssued(new X509Certificate(f.fx.server.pki.caCert)));
  });
});
