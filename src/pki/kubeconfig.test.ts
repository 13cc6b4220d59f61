// The kubeconfig is checked by the real kubectl: Go's TLS stack must accept our CA, serving
// certificate (including the IP SANs) and PKCS#8 client key with verification on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { kubeconfigYaml, writeKubeconfig } from './kubeconfig.js';
import { loadOrCreatePki } from './load-or-create.js';
import { startTestServer, withTempDir } from './testing.js';
import type { Pki } from './load-or-create.js';

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

const kubectl = findOnPath('kubectl');
/** The oldest and newest versioned kubectl binaries installed beside the one on PATH. */
const versionedKubectls = ((): string[] => {
  if (kubectl === undefined) return [];
  const dir = dirname(realpathSync(kubectl));
  const found = ['1.27', '1.33'].map((v) => join(dir, `kubectl.${v}`)).filter((p) => existsSync(p));
  return found;
})();

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(binary: string, args: string[], home: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      { env: { PATH: process.env['PATH'] ?? '', HOME: home }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function ipv6LoopbackAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

/** Runs `kubectl version -o json` against a test server using the serving cert given. */
async function kubectlVersion(
  dir: string,
  pki: Pki,
  serving: { cert: string; key: string },
  opts: { bindHost?: string; urlHost?: string; binary?: string } = {},
): Promise<{ result: RunResult; seen: Awaited<ReturnType<typeof startTestServer>>['seen'] }> {
  const server = await startTestServer({ key: serving.key, cert: serving.cert, ca: pki.caCert }, opts.bindHost);
  try {
    const file = join(dir, 'kubeconfig-test.yaml');
    const yaml = kubeconfigYaml({
      server: `https://${opts.urlHost ?? '127.0.0.1'}:${server.port}`,
      caCert: pki.caCert,
      clientCert: pki.adminCert,
      clientKey: pki.adminKey,
    });
    await writeFile(file, yaml, { mode: 0o600 });
    const result = await run(opts.binary ?? kubectl ?? 'kubectl', ['--kubeconfig', file, 'version', '-o', 'json'], dir);
    return { result, seen: server.seen };
  } finally {
    await server.close();
  }
}

function assertVersionSucceeded(outcome: Awaited<ReturnType<typeof kubectlVersion>>): void {
  const { result, seen } = outcome;
  assert.equal(result.code, 0, `kubectl failed: ${result.stderr}`);
  const out = JSON.parse(result.stdout) as { serverVersion?: { gitVersion?: string } };
  assert.equal(out.serverVersion?.gitVersion, 'v1.32.0');
  const versionRequests = seen.filter((r) => r.path === '/version');
  assert.ok(versionRequests.length > 0, 'kubectl never asked for /version');
  for (const r of versionRequests) {
    assert.equal(r.authorized, true);
    assert.deepEqual(r.identity, { user: 'system:admin', groups: ['system:masters'] });
  }
}

describe('kubeconfigYaml', () => {
  it('names cluster, context and user and embeds base64 PEM', () => {
    const text = kubeconfigYaml({ server: 'https://127.0.0.1:6443', caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' });
    assert.deepEqual(parse(text), {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'navarch', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': 'Q0E=' } }],
      contexts: [{ name: 'navarch', context: { cluster: 'navarch', user: 'admin' } }],
      'current-context': 'navarch',
      preferences: {},
      users: [{ name: 'admin', user: { 'client-certificate-data': 'Q0VSVA==', 'client-key-data': 'S0VZ' } }],
    });
  });

  it('writeKubeconfig writes <data-dir>/kubeconfig.yaml readable by the owner only', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, {});
      const path = await writeKubeconfig(dir, 'https://127.0.0.1:6443', pki);
      assert.equal(path, join(dir, 'kubeconfig.yaml'));
      assert.equal((await stat(path)).mode & 0o777, 0o600);
      const config = parse(await readFile(path, 'utf8')) as { users: { user: Record<string, string> }[] };
      assert.equal(Buffer.from(config.users[0]?.user['client-key-data'] ?? '', 'base64').toString(), pki.adminKey);
    });
  });
});

describe('kubectl with the generated kubeconfig', { skip: kubectl === undefined ? 'kubectl is not on PATH' : false }, () => {
  it('talks to https://127.0.0.1 with TLS verification on', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, {});
      assertVersionSucceeded(await kubectlVersion(dir, pki, { cert: pki.servingCert, key: pki.servingKey }));
    });
  });

  it('talks to https://localhost and https://[::1]', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, {});
      const serving = { cert: pki.servingCert, key: pki.servingKey };
      assertVersionSucceeded(await kubectlVersion(dir, pki, serving, { urlHost: 'localhost' }));
      if (await ipv6LoopbackAvailable()) {
        assertVersionSucceeded(await kubectlVersion(dir, pki, serving, { bindHost: '::1', urlHost: '[::1]' }));
      }
    });
  });

  it('accepts a serving certificate reissued from the reloaded CA', async () => {
    await withTempDir(async (dir) => {
      const first = await loadOrCreatePki(dir, {});
      const pki = await loadOrCreatePki(dir, { hostnames: ['api.example.test'], ips: ['10.43.0.1'] });
      assert.notEqual(pki.servingCert, first.servingCert);
      assertVersionSucceeded(await kubectlVersion(dir, pki, { cert: pki.servingCert, key: pki.servingKey }));
    });
  });

  it('rejects a serving certificate that does not name 127.0.0.1', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, {});
      const elsewhere = await pki.issueServingCert({ hostnames: ['elsewhere.example.test'], ips: ['192.0.2.1'] });
      const { result } = await kubectlVersion(dir, pki, elsewhere);
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /x509: certificate is valid for 192\.0\.2\.1, not 127\.0\.0\.1/);
    });
  });

  for (const binary of versionedKubectls) {
    it(`works with ${binary.split('/').pop() ?? binary}`, async () => {
      await withTempDir(async (dir) => {
        const pki = await loadOrCreatePki(dir, {});
        assertVersionSucceeded(await kubectlVersion(dir, pki, { cert: pki.servingCert, key: pki.servingKey }, { binary }));
      });
    });
  }
});
