/**
 * `kubectl label` and `kubectl annotate`: the sequence of 004:1483-1508 on the Pod nginx of
 * namespace dev, and the deployment forms of 004:2979-3057.
 */
import assert from 'node:assert/strict';
import { notesSuite, it } from './kit.js';
import { age, assertTable } from './table.js';

const POD_LABELS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS'];

notesSuite('label', (k) => {
  let dev = '';

  it('004:1483 label pod nginx version=1.0 -n dev', async () => {
    dev = k.name('dev');
    await k.ok('apply', '-f', k.file('004/ns-dev.yaml', { replace: { 'name: dev': `name: ${dev}` } }));
    await k.ok('run', 'nginx', '--image=nginx:latest', '--port=80', '-n', dev);
    assert.equal(await k.ok('label', 'pod', 'nginx', 'version=1.0', '-n', dev), 'pod/nginx labeled\n');
    assert.deepEqual((await k.json('get', 'pod', 'nginx', '-n', dev)).metadata?.labels, { run: 'nginx', version: '1.0' });
  });

  it('004:1489 a second value needs --overwrite', async () => {
    const r = await k.fails('label', 'pod', 'nginx', 'version=2.0', '-n', dev);
    assert.equal(r.stderr, "error: 'version' already has a value (1.0), and --overwrite is false\n");
    assert.equal(await k.ok('label', 'pod', 'nginx', 'version=2.0', '-n', dev, '--overwrite'), 'pod/nginx labeled\n');
  });

  it('004:1495 get pod nginx -n dev --show-labels', async () => {
    assertTable(await k.ok('get', 'pod', 'nginx', '-n', dev, '--show-labels'), POD_LABELS,
      [['nginx', '0/1', /Pending|ContainerCreating/, '0', age, 'run=nginx,version=2.0']]);
  });

  it('004:1501 -l version=2.0 and -l version!=2.0', async () => {
    await k.ok('run', 'other', '--image=nginx', '-n', dev);
    assertTable(await k.ok('get', 'pod', '-n', dev, '-l', 'version=2.0', '--show-labels'), POD_LABELS,
      [['nginx', '0/1', /Pending|ContainerCreating/, '0', age, 'run=nginx,version=2.0']]);
    assertTable(await k.ok('get', 'pod', '-n', dev, '-l', 'version!=2.0', '--show-labels'), POD_LABELS,
      [['other', '0/1', /Pending|ContainerCreating/, '0', age, 'run=other']]);
  });

  it('004:1508 label pod nginx version- -n dev removes the label', async () => {
    assert.equal(await k.ok('label', 'pod', 'nginx', 'version-', '-n', dev), 'pod/nginx unlabeled\n');
    assert.deepEqual((await k.json('get', 'pod', 'nginx', '-n', dev)).metadata?.labels, { run: 'nginx' });
    const none = await k.run(['get', 'pod', '-n', dev, '-l', 'version=2.0']);
    assert.equal(none.stderr, `No resources found in ${dev} namespace.\n`);
  });

  it('004:2979-3057 label deployment, --overwrite, key-, get deployments -l and --show-labels', async () => {
    await k.ok('apply', '-f', k.file('004/deploy-nginx.yaml', { replace: { 'namespace: dev': `namespace: ${dev}` } }));
    assert.equal(await k.ok('label', 'deployment', 'nginx', 'tier=web', '-n', dev), 'deployment.apps/nginx labeled\n');
    assert.equal(await k.ok('label', 'deployment', 'nginx', 'tier=frontend', '--overwrite', '-n', dev), 'deployment.apps/nginx labeled\n');
    assertTable(await k.ok('get', 'deployments', '-n', dev, '-l', 'tier=frontend', '--show-labels'),
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'LABELS'], [['nginx', /\d\/3/, /\d/, /\d/, age, 'tier=frontend']]);
    assert.equal(await k.ok('label', 'deployment', 'nginx', 'tier-', '-n', dev), 'deployment.apps/nginx unlabeled\n');
    const d = await k.json('get', 'deployment', 'nginx', '-n', dev);
    assert.equal(d.metadata?.labels, undefined);
    // Labels on the Deployment do not touch its pod template.
    assert.deepEqual((d.spec as { template: { metadata: { labels: unknown } } }).template.metadata.labels, { run: 'nginx' });
  });

  it('label several objects with -l and --all; an invalid label value is refused by kubectl', async () => {
    // --all labels every pod in the namespace, the Deployment's own pods included.
    const all = (await k.ok('label', 'pods', '--all', 'team=a', '-n', dev)).trim().split('\n');
    assert.ok(all.includes('pod/nginx labeled') && all.includes('pod/other labeled'), all.join(' | '));
    assert.ok(all.every((l) => / labeled$/.test(l)), all.join(' | '));
    assert.equal(await k.ok('label', 'pods', '-l', 'run=other', 'team=b', '--overwrite', '-n', dev), 'pod/other labeled\n');
    const bad = await k.fails('label', 'pod', 'nginx', 'version=not valid!', '-n', dev);
    assert.match(bad.stderr, /^error: invalid label value: "version=not valid!": a valid label must be an empty string or consist of alphanumeric characters/);
  });

  it('annotate with --overwrite and key-', async () => {
    // kubectl 1.27 prints "annotate" where later versions print "annotated".
    const annotated = `pod/nginx ${k.version === '1.27' ? 'annotate' : 'annotated'}\n`;
    assert.equal(await k.ok('annotate', 'pod', 'nginx', 'owner=team-a', '-n', dev), annotated);
    const clash = await k.fails('annotate', 'pod', 'nginx', 'owner=team-b', '-n', dev);
    assert.equal(clash.stderr, "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)\n");
    assert.equal(await k.ok('annotate', 'pod', 'nginx', 'owner=team-b', '--overwrite', '-n', dev), annotated);
    assert.equal(await k.ok('get', 'pod', 'nginx', '-n', dev, '-o', 'jsonpath={.metadata.annotations.owner}'), 'team-b');
    assert.equal(await k.ok('annotate', 'pod', 'nginx', 'owner-', '-n', dev), annotated);
    assert.equal((await k.json('get', 'pod', 'nginx', '-n', dev)).metadata?.annotations, undefined);
  });
});
