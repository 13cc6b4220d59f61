/**
 * certificatesigningrequests/approval and the requester recorded on create, on an in-process API
 * server driven by the real kubectl (create, certificate approve|deny, get) and by the client.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { KObject } from '../../api/index.js';
import type { ResourceClient } from '../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';

const run = promisify(execFile);

let fx: ApiFixture;
before(async () => { fx = await startApiFixture(); });
after(async () => { await fx.stop(); });

interface Condition { type: string; status: string; reason?: string; message?: string; lastUpdateTime?: string; lastTransitionTime?: string }
interface CSR extends KObject {
  spec: { username?: string; uid?: string; groups?: string[]; signerName?: string; usages?: string[]; request?: string };
  status?: { conditions?: Condition[]; certificate?: string };
}

const csrs = (): ResourceClient<CSR> => fx.clientset.resource<CSR>({ group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' });

/** kubectl against the fixture: stdout, stderr and exit code (never rejects). */
async function kubectl(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const p = run('kubectl', ['--kubeconfig', fx.server.kubeconfigPath, ...args]);
  if (input !== undefined) { p.child.stdin?.end(input); }
  try {
    const { stdout, stderr } = await p;
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: e.code ?? 1 };
  }
}

// Validation checks the PEM block only; the signer (not running here) parses the request.
const REQUEST = Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA==\n-----END CERTIFICATE REQUEST-----\n').toString('base64');
const manifest = (name: string, spec: Record<string, unknown> = {}): string => JSON.stringify({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name },
  spec: { request: REQUEST, signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'], ...spec },
});

describe('CertificateSigningRequest requester and approval', () => {
  it('a create records who asked, not what the body claimed (REQUESTOR), and warns of nothing', async () => {
    const r = await kubectl(['create', '-f', '-'], manifest('who', { username: 'mallory', groups: ['system:masters'], uid: 'x' }));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'certificatesigningrequest.certificates.k8s.io/who created\n');
    assert.equal(r.stderr, '');
    const csr = await csrs().get('who');
    assert.deepEqual([csr.spec.username, csr.spec.groups, csr.spec.uid], ['system:admin', ['system:masters', 'system:authenticated'], undefined]);
    assert.match((await kubectl(['get', 'csr', 'who'])).stdout, /^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION\nwho\s+\S+\s+kubernetes\.io\/kube-apiserver-client\s+system:admin\s+24h\s+Pending\n$/);
    const selected = await kubectl(['get', 'csr', '--field-selector', 'spec.signerName=kubernetes.io/kube-apiserver-client', '-o', 'name']);
    assert.match(selected.stdout, /certificatesigningrequest\.certificates\.k8s\.io\/who\n/);
  });

  it('kubectl certificate approve writes the Approved condition through /approval, timestamps filled in', async () => {
    await kubectl(['create', '-f', '-'], manifest('approve-me'));
    const r = await kubectl(['certificate', 'approve', 'approve-me']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'certificatesigningrequest.certificates.k8s.io/approve-me approved\n');
    const csr = await csrs().get('approve-me');
    const [c, ...rest] = csr.status?.conditions ?? [];
    assert.deepEqual(rest, []);
    assert.deepEqual([c?.type, c?.status, c?.reason, c?.message], ['Approved', 'True', 'KubectlApprove', 'This CSR was approved by kubectl certificate approve.']);
    assert.match(c?.lastUpdateTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(c?.lastTransitionTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(csr.spec.username, 'system:admin');
    const fields = (csr.metadata.managedFields ?? []) as Array<{ manager: string; subresource?: string }>;
    assert.ok(fields.some((f) => f.manager === 'kubectl' && f.subresource === 'approval'), JSON.stringify(fields));
    assert.match((await kubectl(['get', 'csr', 'approve-me'])).stdout, /approve-me\s+.*\s+Approved\n$/);
  });

  it('kubectl certificate deny; Approved and Denied never together; approval conditions never removed', async () => {
    await kubectl(['create', '-f', '-'], manifest('deny-me'));
    const r = await kubectl(['certificate', 'deny', 'deny-me']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'certificatesigningrequest.certificates.k8s.io/deny-me denied\n');
    const denied = await csrs().get('deny-me');
    assert.deepEqual(denied.status?.conditions?.map((c) => [c.type, c.reason]), [['Denied', 'KubectlDeny']]);
    const both = [...denied.status?.conditions ?? [], { type: 'Approved', status: 'True' }];
    await assert.rejects(csrs().patch('deny-me', 'merge', { status: { conditions: both } }, { subresource: 'approval' }),
      { code: 422, message: 'CertificateSigningRequest.certificates.k8s.io "deny-me" is invalid: status.conditions: Invalid value: "Approved": Approved and Denied conditions are mutually exclusive' });
    await assert.rejects(csrs().patch('deny-me', 'merge', { status: { conditions: [] } }, { subresource: 'approval' }),
      { code: 422, message: 'CertificateSigningRequest.certificates.k8s.io "deny-me" is invalid: status.conditions: Forbidden: updates may not remove a condition of type "Denied"' });
  });

  it('/approval changes nothing but the conditions; /status and the main resource cannot approve', async () => {
    await kubectl(['create', '-f', '-'], manifest('only-conditions'));
    const cur = await csrs().get('only-conditions');
    const approved = await csrs().patch('only-conditions', 'merge', {
      metadata: { labels: { sneaky: 'yes' } }, spec: { signerName: 'example.com/other', usages: ['server auth'] },
      status: { certificate: Buffer.from('forged').toString('base64'), conditions: [{ type: 'Approved', status: 'True', reason: 'Mine' }] },
    }, { subresource: 'approval' });
    assert.deepEqual(approved.spec, cur.spec);
    assert.equal(approved.metadata.labels, undefined);
    assert.equal(approved.status?.certificate, undefined);
    assert.deepEqual(approved.status?.conditions?.map((c) => c.reason), ['Mine']);
    await assert.rejects(csrs().updateStatus({ ...approved, status: { conditions: [...approved.status?.conditions ?? [], { type: 'Denied', status: 'True' }] } }),
      { code: 422, message: /updates may not add a condition of type "Denied"/ });
    const main = await csrs().update({ ...approved, status: { conditions: [{ type: 'Denied', status: 'True' }] } });
    assert.deepEqual(main.status?.conditions?.map((c) => c.type), ['Approved'], 'a write of the main resource keeps the stored status');
    const raw = await kubectl(['get', '--raw', '/apis/certificates.k8s.io/v1/certificatesigningrequests/only-conditions/approval']);
    assert.equal((JSON.parse(raw.stdout) as CSR).metadata.name, 'only-conditions', raw.stderr);
    await assert.rejects(csrs().patch('missing', 'merge', { status: {} }, { subresource: 'approval' }), { code: 404 });
  });
});
