/**
 * `kubectl wait` --for=delete, --for=jsonpath=… and --for=condition=… (on a condition set through
 * the status subresource, and on the Available condition the deployment controller sets).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { notesSuite, type Kubectl, it } from './kit.js';

/** Starts `kubectl wait …` in the background and returns its result when it ends. */
function background(k: Kubectl, args: string[]): Promise<{ code: number | null; out: string }> {
  const p = spawn(k.bin, ['--kubeconfig', k.kubeconfig, '--cache-dir', join(k.dir, '..', '.kube-cache'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  p.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  return new Promise((resolve) => p.once('exit', (code) => resolve({ code, out })));
}

notesSuite('wait', (k) => {
  it('wait --for=delete returns when the object goes', async () => {
    await k.ok('apply', '-f', k.file('004/configmap.yaml'));
    const waiting = background(k, ['wait', '--for=delete', 'configmap/my-config', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    await k.ok('delete', 'cm', 'my-config', '--wait=false');
    const r = await waiting;
    assert.equal(r.code, 0, r.out);
    assert.equal(r.out, 'configmap/my-config condition met\n');
  });

  it('wait --for=delete of an object already gone succeeds at once', async () => {
    const r = await k.run(['wait', '--for=delete', 'configmap/my-config', '--timeout=5s']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('wait --for=jsonpath={.spec.replicas}=5 after a scale from another shell', async () => {
    await k.ok('apply', '-f', k.file('004/deployment.yaml'));
    const waiting = background(k, ['wait', '--for=jsonpath={.spec.replicas}=5', 'deployment/my-deployment', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 500));
    await k.ok('scale', 'deployment', 'my-deployment', '--replicas=5');
    const r = await waiting;
    assert.equal(r.code, 0, r.out);
    assert.equal(r.out, 'deployment.apps/my-deployment condition met\n');
  });

  it('wait --for=condition=… on a condition written through the status subresource; a timeout otherwise', async () => {
    await k.ok('apply', '-f', k.file('000/nginx-service-clusterip.yaml'));
    const timedOut = await k.fails('wait', '--for=condition=Ready', 'service/nginx-service', '--timeout=1s');
    assert.equal(timedOut.stderr, 'error: timed out waiting for the condition on services/nginx-service\n');
    assert.equal(await k.ok('patch', 'service', 'nginx-service', '--subresource=status', '--type=merge', '-p',
      '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Checked","message":"ready","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}'),
    'service/nginx-service patched\n');
    assert.equal(await k.ok('wait', '--for=condition=Ready', 'service/nginx-service', '--timeout=10s'), 'service/nginx-service condition met\n');
    assert.equal(await k.ok('wait', '--for=condition=Ready=True', 'service/nginx-service', '--timeout=10s'), 'service/nginx-service condition met\n');
  });

  it('wait --for=condition=Available on a Deployment (the deployment controller sets it)', async () => {
    await k.ok('apply', '-f', k.file('000/nginx-deployment.yaml', { replace: { 'replicas: 1 ': 'replicas: 0 ' } }));
    const r = await k.run(['wait', '--for=condition=Available', 'deployment/nginx-deployment', '--timeout=5s']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment condition met\n');
  });
});
