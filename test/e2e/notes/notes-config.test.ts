/**
 * `kubectl config` against the kubeconfig navarch writes (004:1853 set-context --current
 * --namespace, 004:1871 config view --minify, 004:2263 use-context), and commands that then run
 * in the context's namespace.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { notesSuite, it } from './kit.js';
import { assertTable } from './table.js';

notesSuite('config', (k) => {
  let context = '';

  it('the generated kubeconfig has one context, current, that kubectl names', async () => {
    const cfg = parse(readFileSync(k.cluster.kubeconfig, 'utf8')) as { 'current-context': string; contexts: Array<{ name: string; context: { cluster: string; user: string } }> };
    context = cfg['current-context'];
    assert.equal(cfg.contexts.length, 1);
    assert.equal(await k.ok('config', 'current-context'), `${context}\n`);
    const c = cfg.contexts[0].context;
    assertTable(await k.ok('config', 'get-contexts'), ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], [['*', context, c.cluster, c.user, k.ns]]);
  });

  it('004:1839/1853 create namespace my-namespace (as a file here), config set-context --current --namespace=my-namespace', async () => {
    const my = k.name('my-namespace');
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: my } }) });
    assert.equal(await k.ok('config', 'set-context', '--current', `--namespace=${my}`), `Context "${context}" modified.\n`);
    const cfg = parse(readFileSync(k.kubeconfig, 'utf8')) as { contexts: Array<{ context: { namespace?: string } }> };
    assert.equal(cfg.contexts[0].context.namespace, my);
  });

  it('004:1871 config view --minify --output \'jsonpath={..namespace}\'', async () => {
    assert.equal(await k.ok('config', 'view', '--minify', '--output', 'jsonpath={..namespace}'), k.name('my-namespace'));
    const view = await k.ok('config', 'view', '--minify');
    assert.match(view, /certificate-authority-data: DATA\+OMITTED/);
    assert.match(view, /client-key-data: DATA\+OMITTED/);
    assert.match(view, new RegExp(`server: ${k.cluster.url.replace(/\./g, '\\.')}\n`));
  });

  it('commands now run in my-namespace: apply, get pods, delete', async () => {
    const my = k.name('my-namespace');
    assert.equal(await k.ok('apply', '-f', k.file('004/configmap.yaml')), 'configmap/my-config created\n');
    assert.equal((await k.json('get', 'cm', 'my-config')).metadata?.namespace, my);
    const pods = await k.run(['get', 'pods']);
    assert.equal(pods.stderr, `No resources found in ${my} namespace.\n`);
    assert.equal(await k.ok('delete', 'cm', 'my-config'), 'configmap "my-config" deleted\n');
  });

  it('004:2263 config use-context; an unknown context is refused', async () => {
    assert.equal(await k.ok('config', 'use-context', context), `Switched to context "${context}".\n`);
    const r = await k.fails('config', 'use-context', 'minikube');
    assert.equal(r.stderr, 'error: no context exists with the name: "minikube"\n');
  });
});
