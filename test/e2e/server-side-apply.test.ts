/**
 * Server-side apply with the real kubectl (1.32, 1.27 and 1.33): create, conflicts and kubectl's
 * advice, --force-conflicts, removal of fields a manager stops applying, managedFields as
 * `get --show-managed-fields` prints them, and moving an object from client-side apply to
 * server-side apply.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from './harness.js';

const KUBECTL_DIR = dirname(realpathSync(execFileSync('which', ['kubectl']).toString().trim()));
const VERSIONS: Array<[string, string]> = [
  ['1.32', 'kubectl'],
  ['1.27', join(KUBECTL_DIR, 'kubectl.1.27')],
  ['1.33', join(KUBECTL_DIR, 'kubectl.1.33')],
];

interface Entry { manager: string; operation: string; fieldsV1: Record<string, unknown>; subresource?: string }
interface Deploy {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; managedFields?: Entry[] };
  spec: { replicas: number };
}

function deployment(name: string, opts: { replicas?: number; labels?: Record<string, string> } = {}): string {
  const labels = { app: name, ...(opts.labels ?? {}) };
  const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`).join('\n');
  return [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, '  labels:', labelLines, 'spec:',
    ...(opts.replicas === undefined ? [] : [`  replicas: ${opts.replicas}`]),
    '  selector:', '    matchLabels:', `      app: ${name}`,
    '  template:', '    metadata:', '      labels:', `        app: ${name}`,
    '    spec:', '      containers:', '      - name: web', '        image: busybox', '        ports:', '        - containerPort: 80', '',
  ].join('\n');
}

const owns = (e: Entry | undefined, field: string): boolean => !!e && JSON.stringify(e.fieldsV1).includes(`"f:${field}"`);

describe('server-side apply with the real kubectl', () => {
  let c: Cluster;
  let dir: string;
  before(async () => {
    c = await startCluster('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'navarch-ssa-'));
  });
  after(async () => {
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [version, bin] of VERSIONS) {
    describe(`kubectl ${version}`, () => {
      const ns = `ssa-${version.replace('.', '-')}`;
      const k = async (...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> =>
        c.kubectl([...args, '-n', ns], { kubectlBin: bin });
      const ok = async (...args: string[]): Promise<string> => {
        const r = await k(...args);
        assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
        return r.stdout;
      };
      const file = (name: string, text: string): string => {
        const p = join(dir, `${ns}-${name}.yaml`);
        writeFileSync(p, text);
        return p;
      };
      const get = async (name: string): Promise<Deploy> => JSON.parse(await ok('get', 'deploy', name, '-o', 'json', '--show-managed-fields')) as Deploy;
      const entry = (d: Deploy, manager: string, operation = 'Apply'): Entry | undefined =>
        d.metadata.managedFields?.find((e) => e.manager === manager && e.operation === operation);

      before(async () => { await c.k('create', 'namespace', ns); });

      it('apply --server-side creates the object, owned by "kubectl" through Apply', async () => {
        const out = await ok('apply', '--server-side', '-f', file('web', deployment('web', { replicas: 2, labels: { tier: 'front' } })));
        assert.match(out, /^deployment\.apps\/web serverside-applied$/m);
        const yaml = await ok('get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields');
        assert.match(yaml, /managedFields:\n\s+- apiVersion: apps\/v1\n\s+fieldsType: FieldsV1\n\s+fieldsV1:/);
        assert.match(yaml, /manager: kubectl\n\s+operation: Apply\n\s+time: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
        assert.match(yaml, /k:\{"name":"web"\}:\n\s+\.: \{\}\n\s+f:image: \{\}/);
        assert.doesNotMatch(await ok('get', 'deploy', 'web', '-o', 'yaml'), /managedFields/);
        const d = await get('web');
        assert.equal(d.spec.replicas, 2);
        assert.ok(owns(entry(d, 'kubectl'), 'replicas'));
      });

      it('another manager changing replicas gets the conflict and kubectl\'s advice', async () => {
        const r = await k('apply', '--server-side', '--field-manager=other', '-f', file('web3', deployment('web', { replicas: 3 })));
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas/);
        assert.match(r.stderr, /Please review the fields above--they currently have other managers/);
        assert.match(r.stderr, /re-run the apply\s+command with the `--force-conflicts` flag/);
        assert.equal((await get('web')).spec.replicas, 2);
      });

      it('--force-conflicts takes ownership of the field', async () => {
        const out = await ok('apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', file('web3', deployment('web', { replicas: 3 })));
        assert.match(out, /serverside-applied/);
        const d = await get('web');
        assert.equal(d.spec.replicas, 3);
        assert.ok(owns(entry(d, 'other'), 'replicas'));
        assert.ok(!owns(entry(d, 'kubectl'), 'replicas'));
      });

      it('re-applying without a field removes it when nobody else owns it', async () => {
        await ok('apply', '--server-side', '-f', file('web-nolabel', deployment('web')));
        let d = await get('web');
        assert.deepEqual(d.metadata.labels, { app: 'web' });
        // "other" alone owns replicas now: when it stops applying them they go back to the default.
        await ok('apply', '--server-side', '--field-manager=other', '-f', file('web-noreplicas', deployment('web')));
        d = await get('web');
        assert.equal(d.spec.replicas, 1);
        assert.ok(!owns(entry(d, 'other'), 'replicas'));
      });

      it('label records an Update entry for kubectl-label', async () => {
        await ok('label', 'deploy', 'web', 'team=blue');
        const yaml = await ok('get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields');
        assert.match(yaml, /manager: kubectl-label\n\s+operation: Update/);
        assert.ok(owns(entry(await get('web'), 'kubectl-label', 'Update'), 'team'));
      });

      it('client-side apply then server-side apply migrates ownership to "kubectl"', async () => {
        await ok('apply', '-f', file('legacy', deployment('legacy', { replicas: 2 })));
        let d = await get('legacy');
        assert.ok(owns(entry(d, 'kubectl-client-side-apply', 'Update'), 'replicas'));
        const out = await ok('apply', '--server-side', '-f', file('legacy4', deployment('legacy', { replicas: 4 })));
        assert.match(out, /deployment\.apps\/legacy serverside-applied/);
        d = await get('legacy');
        assert.equal(d.spec.replicas, 4);
        assert.ok(owns(entry(d, 'kubectl'), 'replicas'));
        assert.equal(entry(d, 'kubectl-client-side-apply', 'Update'), undefined);
        assert.ok(owns(entry(d, 'kubectl-last-applied'), 'kubectl.kubernetes.io/last-applied-configuration'));
        const last = JSON.parse(d.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '{}') as { spec: { replicas: number } };
        assert.equal(last.spec.replicas, 4);
        // And back to client-side apply: the object stays usable.
        await ok('apply', '-f', file('legacy5', deployment('legacy', { replicas: 5 })));
        assert.equal((await get('legacy')).spec.replicas, 5);
      });
    });
  }
});
