/**
 * `kubectl get` as the notes use it: default namespaces, the `kubernetes` Service and Endpoints,
 * -o wide/yaml/jsonpath, -A, `get all`, label selectors (equality and set-based), -w.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { AGE, notesSuite, until, it } from './kit.js';
import { age, assertRows, assertTable, parseTables } from './table.js';

const SVC = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];

notesSuite('get', (k) => {
  it('004:1256 get ns lists the four namespaces a cluster starts with', async () => {
    assertRows(await k.ok('get', 'ns'), ['NAME', 'STATUS', 'AGE'], [
      ['default', 'Active', age], ['kube-node-lease', 'Active', age], ['kube-public', 'Active', age], ['kube-system', 'Active', age],
      [k.ns, 'Active', age],
    ]);
    assert.equal(await k.ok('get', 'namespaces', '-o', 'name'), await k.ok('get', 'ns', '-o', 'name'));
  });

  it('004:1815 get ns default -o yaml', async () => {
    const out = await k.ok('get', 'ns', 'default', '-o', 'yaml');
    assert.match(out, new RegExp([
      '^apiVersion: v1', 'kind: Namespace', 'metadata:', '  creationTimestamp: "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"',
      '  labels:', '    kubernetes.io/metadata.name: default', '  name: default', '  resourceVersion: "\\d+"',
      '  uid: [0-9a-f-]{36}', 'spec:', '  finalizers:', '  - kubernetes', 'status:', '  phase: Active', '$'].join('\n')));
  });

  it('001:85 get svc kubernetes -o wide; 001:145 get endpoints kubernetes', async () => {
    assertTable(await k.ok('get', 'svc', 'kubernetes', '-o', 'wide', '-n', 'default'), [...SVC, 'SELECTOR'],
      [['kubernetes', 'ClusterIP', '10.43.0.1', '<none>', '443/TCP', age, '<none>']]);
    const r = await k.run(['get', 'endpoints', 'kubernetes', '-n', 'default']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assertTable(r.stdout, ['NAME', 'ENDPOINTS', 'AGE'], [['kubernetes', /\d+\.\d+\.\d+\.\d+:\d+/, age]]);
  });

  it('001:378 get svc -n kube-system shows the cluster DNS Service (kube-dns at 10.43.0.10)', async () => {
    assertRows(await k.ok('get', 'svc', '-n', 'kube-system'), SVC,
      [['kube-dns', 'ClusterIP', '10.43.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', age]]);
  });

  it('a new namespace holds the default ServiceAccount and the kube-root-ca.crt ConfigMap', async () => {
    await until(async () => (await k.run(['get', 'sa', 'default'])).code === 0, 'the default ServiceAccount', 2000).catch(() => undefined);
    assertTable(await k.ok('get', 'sa'), ['NAME', 'SECRETS', 'AGE'], [['default', '0', age]]);
    assertTable(await k.ok('get', 'cm'), ['NAME', 'DATA', 'AGE'], [['kube-root-ca.crt', '1', age]]);
  });

  it('000:6535 get svc -o wide and 000:7611 get services -A -o wide', async () => {
    await k.ok('apply', '-f', k.file('000/nginx-deployment.yaml'), '-f', k.file('000/nginx-service-clusterip.yaml'));
    assertTable(await k.ok('get', 'svc', '-o', 'wide'), [...SVC, 'SELECTOR'],
      [['nginx-service', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age, 'app=nginx']]);
    assertRows(await k.ok('get', 'services', '-A', '-o', 'wide'), ['NAMESPACE', ...SVC, 'SELECTOR'], [
      ['default', 'kubernetes', 'ClusterIP', '10.43.0.1', '<none>', '443/TCP', age, '<none>'],
    ]);
    const mine = parseTables(await k.ok('get', 'services', '-A', '-o', 'wide'))[0].rows.filter((r) => r[0] === k.ns);
    assert.deepEqual(mine.map((r) => r[1]), ['nginx-service']);
  });

  it('001:369 apply -f 04_headless-service.yml, 001:372 get svc: the headless Service has no cluster IP', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('001/04_headless-service.yml', { replace: { 'namespace: default': `namespace: ${k.ns}` } })),
      'service/headless-service created\n');
    assertTable(await k.ok('get', 'svc'), SVC, [
      ['headless-service', 'ClusterIP', 'None', '<none>', '80/TCP', age],
      ['nginx-service', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age],
    ]);
  });

  it('000:6521 get all -o wide prints one table per kind of the "all" category', async () => {
    const tables = parseTables(await k.ok('get', 'all', '-o', 'wide'));
    const byHead = new Map(tables.map((t) => [t.header.join(' '), t.rows]));
    const svc = byHead.get([...SVC, 'SELECTOR'].join(' '));
    assert.deepEqual(svc?.map((r) => r[0]), ['service/headless-service', 'service/nginx-service'], JSON.stringify([...byHead.keys()]));
    const deploy = byHead.get('NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR');
    assert.deepEqual(deploy?.map((r) => [r[0], r[5], r[6], r[7]]), [['deployment.apps/nginx-deployment', 'nginx', 'nginx:latest', 'app=nginx']]);
  });

  it('000:6521 get all in a namespace with only a Deployment also shows its ReplicaSet and Pod (controllers)', async () => {
    await until(async () => /replicaset\.apps\/nginx-deployment-/.test(await k.ok('get', 'all')), 'the ReplicaSet of nginx-deployment', 2000)
      .catch(() => undefined);
    const out = await k.ok('get', 'all');
    assert.match(out, /^replicaset\.apps\/nginx-deployment-[a-z0-9]{8,10}\s+1\s+1\s+\d\s+/m);
    assert.match(out, /^pod\/nginx-deployment-[a-z0-9]{8,10}-[a-z0-9]{5}\s+\d\/1\s+/m);
  });

  it('001:2004 get secret … -o jsonpath="{.data.password}" (then base64 -d)', async () => {
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'argocd-initial-admin-secret' },
      type: 'Opaque', data: { password: Buffer.from('s3cr3t-Pa55').toString('base64') } }) });
    const out = await k.ok('get', 'secret', 'argocd-initial-admin-secret', '-o', 'jsonpath={.data.password}');
    assert.equal(Buffer.from(out, 'base64').toString(), 's3cr3t-Pa55');
    assertTable(await k.ok('get', 'secret', 'argocd-initial-admin-secret'), ['NAME', 'TYPE', 'DATA', 'AGE'],
      [['argocd-initial-admin-secret', 'Opaque', '1', age]]);
  });

  it('004:502 -l with a set-based selector and -o jsonpath={.items[0].metadata.name}', async () => {
    for (const [name, app] of [['ks-installer-1', 'ks-installer'], ['other', 'web']]) {
      await k.ok('run', name, '--image=kubesphere/ks-installer:v3.4.1', `--labels=app=${app}`);
    }
    assert.equal(await k.ok('get', 'pod', '-l', 'app in (ks-install, ks-installer)', '-o', 'jsonpath={.items[0].metadata.name}'), 'ks-installer-1');
    const none = await k.fails('get', 'pod', '-l', 'app=ks-install', '-o', 'jsonpath={.items[0].metadata.name}');
    assert.match(none.stderr, /^error: error executing jsonpath "\{\.items\[0\]\.metadata\.name\}": Error executing template: array index out of bounds: index 0, length 0\./);
    // != also matches pods without the label (here: the namespace's Deployment's pods).
    const notInstaller = (await k.ok('get', 'pods', '-l', 'app!=ks-installer', '-o', 'name')).split('\n');
    assert.ok(notInstaller.includes('pod/other') && !notInstaller.includes('pod/ks-installer-1'), notInstaller.join(' '));
    const withApp = (await k.ok('get', 'pods', '-l', 'app notin (web),app', '-o', 'name')).trim().split('\n');
    assert.ok(withApp.includes('pod/ks-installer-1') && !withApp.includes('pod/other'), withApp.join(' '));
    const bad = await k.fails('get', 'pods', '-l', 'app in ks-installer');
    assert.match(bad.stderr, /unable to parse requirement/);
  });

  it('004:1968 get deploy -n dev on an empty namespace, and NotFound for a named object', async () => {
    const r = await k.run(['get', 'deploy', '-n', k.name('dev')]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, `No resources found in ${k.name('dev')} namespace.\n`);
    const nf = await k.fails('get', 'pod', 'nginx', '-n', k.ns);
    assert.equal(nf.stderr, 'Error from server (NotFound): pods "nginx" not found\n');
    const kind = await k.fails('get', 'nginxes');
    assert.equal(kind.stderr, 'error: the server doesn\'t have a resource type "nginxes"\n');
  });

  it('001:1989 get pods -w prints a Pod made from another shell', async () => {
    const w = spawn(k.bin, ['--kubeconfig', k.kubeconfig, '--cache-dir', join(k.dir, '..', '.kube-cache'), 'get', 'pods', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    w.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      await until(async () => out.includes('ks-installer-1'), 'the initial list');
      await k.ok('run', 'watched', '--image=nginx');
      await until(async () => new RegExp(`^watched\\s+0/1\\s+\\S+\\s+0\\s+${AGE}$`, 'm').test(out), 'the watched pod');
    } finally {
      w.kill();
    }
  });
});
