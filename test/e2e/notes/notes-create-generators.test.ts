/**
 * Protobuf request bodies (issue 3, item 4). The `kubectl create <kind>` generators send
 * protobuf: the notes' own commands (namespaces, 004:2039 deployment, 004:1650 docker-registry
 * secret, 004:5909 TLS secret, 004:6582-6598 configmaps, 004:6830 and 000:7268 generic secrets),
 * and for every kind a generator makes, the object stored is the one its `--dry-run=client -o json`
 * output gives when created as JSON.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notesSuite, type Kubectl, type Obj, it } from './kit.js';

/** What controllers write on the objects they manage (not the user's fields): the Deployment's revision. */
const CONTROLLER_ANNOTATIONS = ['deployment.kubernetes.io/revision'];

/**
 * The object as stored, with what differs between two creations masked: the name (`base` or
 * `base-json`, also where generators copy it into labels), uid, times, allocated IPs and ports; and
 * only the user's fields: status and the annotations controllers add are left out, since the
 * controllers running in the cluster write them at their own pace for each object.
 */
function normalized(o: Obj, base: string): unknown {
  const uid = o.metadata?.uid ?? '';
  const copy = structuredClone(o) as Obj & { spec?: Record<string, unknown> };
  delete copy.status;
  if (copy.metadata) {
    for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'name'] as const) delete copy.metadata[f];
    const annotations = copy.metadata.annotations;
    if (annotations) {
      for (const a of CONTROLLER_ANNOTATIONS) delete annotations[a];
      if (Object.keys(annotations).length === 0) delete copy.metadata.annotations;
    }
  }
  if (copy.spec) {
    delete copy.spec.clusterIP;
    delete copy.spec.clusterIPs;
    for (const p of (copy.spec.ports ?? []) as Array<Record<string, unknown>>) delete p.nodePort;
  }
  let text = JSON.stringify(copy);
  if (uid) text = text.split(uid).join('UID');
  text = text.split(`"${base}-json"`).join('"NAME"').split(`"${base}"`).join('"NAME"');
  return JSON.parse(text) as unknown;
}

/**
 * Runs `kubectl create <args>` (protobuf) and `kubectl create -f` of its --dry-run=client JSON under
 * another name, and asserts both store the same object. Returns the stored object.
 */
async function sameAsDryRun(k: Kubectl, kind: string, name: string, args: string[]): Promise<Obj> {
  const dash = args.indexOf('--');
  const withDryRun = dash < 0 ? [...args, '--dry-run=client', '-o', 'json']
    : [...args.slice(0, dash), '--dry-run=client', '-o', 'json', ...args.slice(dash)];
  const dry = JSON.parse(await k.ok('create', ...withDryRun)) as Obj;
  if (dry.metadata) dry.metadata.name = `${name}-json`;
  await k.ok('create', '-f', '-', { input: JSON.stringify(dry) });
  const out = await k.ok('create', ...args);
  assert.match(out, new RegExp(`/${name} created\\n$`));
  const both = await k.json('get', kind, name, `${name}-json`);
  const [viaProtobuf, viaJson] = both.items ?? [];
  assert.deepEqual(normalized(viaProtobuf, name), normalized(viaJson, name), `${kind} ${name}`);
  return viaProtobuf;
}

notesSuite('generators', (k) => {
  it('004:1319 create ns demo, 004:1839 create namespace my-namespace, 004:1323 delete ns demo', async () => {
    for (const base of ['demo', 'my-namespace', 'network-policy-tutorial', 'monitoring', 'argocd', 'ingress-nginx']) {
      assert.equal(await k.ok('create', base === 'demo' ? 'ns' : 'namespace', k.name(base)), `namespace/${k.name(base)} created\n`);
    }
    const ns = await k.json('get', 'ns', k.name('demo'));
    assert.deepEqual(ns.metadata?.labels, { 'kubernetes.io/metadata.name': k.name('demo') });
    assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });
    assert.equal(await k.ok('delete', 'ns', k.name('demo')), `namespace "${k.name('demo')}" deleted\n`);
  });

  it('004:2039 create deploy nginx --image=nginx:latest --port=80 --replicas=3 -n dev', async () => {
    const dev = k.name('dev');
    await k.ok('create', 'namespace', dev);
    assert.equal(await k.ok('create', 'deploy', 'nginx', '--image=nginx:latest', '--port=80', '--replicas=3', '-n', dev), 'deployment.apps/nginx created\n');
    const d = await k.json('get', 'deploy', 'nginx', '-n', dev);
    assert.deepEqual(d.metadata?.labels, { app: 'nginx' });
    const spec = d.spec as { replicas: number; selector: unknown; template: { spec: { containers: Array<Record<string, unknown>> } } };
    assert.equal(spec.replicas, 3);
    assert.deepEqual(spec.selector, { matchLabels: { app: 'nginx' } });
    assert.deepEqual(spec.template.spec.containers[0].ports, [{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('004:4557 create deployment example-app --image=nginx; create deployment web --image=nginx --replicas=3 equals its dry run', async () => {
    assert.equal(await k.ok('create', 'deployment', 'example-app', '--image=nginx'), 'deployment.apps/example-app created\n');
    const web = await sameAsDryRun(k, 'deployment', 'web', ['deployment', 'web', '--image=nginx', '--replicas=3']);
    assert.equal((web.spec as { replicas: number }).replicas, 3);
  });

  it('004:1650 create secret -n demo docker-registry aliyun …', async () => {
    const demo = k.name('demo2');
    await k.ok('create', 'namespace', demo);
    assert.equal(await k.ok('create', 'secret', '-n', demo, 'docker-registry', 'aliyun', '--docker-server=registry.cn-shanghai.aliyuncs.com',
      '--docker-username=xudaxian', '--docker-password=123456'), 'secret/aliyun created\n');
    const s = await k.json('get', 'secret', 'aliyun', '-n', demo);
    assert.equal(s.type, 'kubernetes.io/dockerconfigjson');
    const cfg = JSON.parse(Buffer.from(s.data?.['.dockerconfigjson'] ?? '', 'base64').toString()) as { auths: Record<string, Record<string, string>> };
    assert.deepEqual(cfg.auths['registry.cn-shanghai.aliyuncs.com'], { username: 'xudaxian', password: '123456', auth: Buffer.from('xudaxian:123456').toString('base64') });
    await sameAsDryRun(k, 'secret', 'regcred', ['secret', 'docker-registry', 'regcred', '--docker-server=registry.example.com',
      '--docker-username=u', '--docker-password=p', '--docker-email=u@example.com']);
  });

  it('004:6231-6240 openssl req …, create secret tls angle-tls --key tls.key --cert tls.cert, get secrets angle-tls -o yaml', async () => {
    execFileSync('openssl', ['req', '-x509', '-nodes', '-days', '365', '-newkey', 'rsa:2048', '-keyout', 'tls.key', '-out', 'tls.cert',
      '-subj', '/CN=nginx.angle.com/O=tomcat.angle.com'], { cwd: k.dir, stdio: 'ignore' });
    assert.equal(await k.ok('create', 'secret', 'tls', 'angle-tls', '--key', 'tls.key', '--cert', 'tls.cert'), 'secret/angle-tls created\n');
    const y = await k.ok('get', 'secrets', 'angle-tls', '-o', 'yaml');
    assert.match(y, /^apiVersion: v1\ndata:\n {2}tls\.crt: [A-Za-z0-9+/=]+\n {2}tls\.key: [A-Za-z0-9+/=]+\nkind: Secret\nmetadata:\n/);
    assert.match(y, /\ntype: kubernetes\.io\/tls\n$/);
    await sameAsDryRun(k, 'secret', 'ingress-tls', ['secret', 'tls', 'ingress-tls', '--key', 'tls.key', '--cert', 'tls.cert']);
  });

  it('004:6582/6590/6598 create configmap my-config from a file, a directory, literals (the same name: AlreadyExists)', async () => {
    writeFileSync(join(k.dir, 'config-file.txt'), 'This is the content of the config file.\n');
    mkdirSync(join(k.dir, 'config-dir'), { recursive: true });
    writeFileSync(join(k.dir, 'config-dir', 'a.conf'), 'a=1\n');
    writeFileSync(join(k.dir, 'config-dir', 'b.conf'), 'b=2\n');
    assert.equal(await k.ok('create', 'configmap', 'my-config', '--from-file=config-file.txt'), 'configmap/my-config created\n');
    assert.deepEqual((await k.json('get', 'cm', 'my-config')).data, { 'config-file.txt': 'This is the content of the config file.\n' });
    const dir = await k.fails('create', 'configmap', 'my-config', '--from-file=config-dir/');
    assert.equal(dir.stderr, 'error: failed to create configmap: configmaps "my-config" already exists\n');
    const lit = await k.fails('create', 'configmap', 'my-config', '--from-literal=foo=bar', '--from-literal=baz=qux');
    assert.equal(lit.stderr, 'error: failed to create configmap: configmaps "my-config" already exists\n');
    const fromDir = await sameAsDryRun(k, 'configmap', 'my-config-dir', ['configmap', 'my-config-dir', '--from-file=config-dir/']);
    assert.deepEqual(fromDir.data, { 'a.conf': 'a=1\n', 'b.conf': 'b=2\n' });
    const fromLit = await sameAsDryRun(k, 'configmap', 'my-config-lit', ['configmap', 'my-config-lit', '--from-literal=foo=bar', '--from-literal=baz=qux']);
    assert.deepEqual(fromLit.data, { baz: 'qux', foo: 'bar' });
  });

  it('004:6830 create secret generic my-secret …; 000:7268 create secret generic aws-secret …', async () => {
    assert.equal(await k.ok('create', 'secret', 'generic', 'my-secret', '--from-literal=username=myuser', '--from-literal=password=mypass'), 'secret/my-secret created\n');
    assert.deepEqual((await k.json('get', 'secret', 'my-secret')).data, { password: 'bXlwYXNz', username: 'bXl1c2Vy' });
    await sameAsDryRun(k, 'secret', 'aws-secret', ['secret', 'generic', 'aws-secret', '--from-literal=aws_access_key_id=<your-access-key-id>',
      '--from-literal=aws_secret_access_key=<your-secret-access-key>']);
  });

  it('every other generator stores what its dry run describes', async () => {
    await sameAsDryRun(k, 'service', 'svc-cip', ['service', 'clusterip', 'svc-cip', '--tcp=80:8080']);
    await sameAsDryRun(k, 'service', 'svc-np', ['service', 'nodeport', 'svc-np', '--tcp=80:8080']);
    await sameAsDryRun(k, 'service', 'svc-lb', ['service', 'loadbalancer', 'svc-lb', '--tcp=80:8080']);
    await sameAsDryRun(k, 'service', 'svc-ext', ['service', 'externalname', 'svc-ext', '--external-name=db.example.com']);
    await sameAsDryRun(k, 'job', 'my-job', ['job', 'my-job', '--image=busybox', '--', 'date']);
    await sameAsDryRun(k, 'cronjob', 'my-cronjob', ['cronjob', 'my-cronjob', '--image=busybox', '--schedule=*/1 * * * *', '--', 'echo', 'Hello, world!']);
    await sameAsDryRun(k, 'role', 'pod-reader', ['role', 'pod-reader', '--verb=get,list,watch', '--resource=pods']);
    await sameAsDryRun(k, 'rolebinding', 'read-pods', ['rolebinding', 'read-pods', '--role=pod-reader', `--serviceaccount=${k.ns}:default`]);
    await sameAsDryRun(k, 'clusterrole', k.name('prometheus'), ['clusterrole', k.name('prometheus'), '--verb=get,list,watch', '--resource=nodes,services,endpoints,pods']);
    await sameAsDryRun(k, 'clusterrolebinding', k.name('prometheus'), ['clusterrolebinding', k.name('prometheus'), `--clusterrole=${k.name('prometheus')}`,
      `--serviceaccount=${k.ns}:prometheus`]);
    await sameAsDryRun(k, 'quota', 'my-namespace-quota', ['quota', 'my-namespace-quota', '--hard=cpu=2,memory=2Gi,pods=10']);
    await sameAsDryRun(k, 'priorityclass', k.name('high'), ['priorityclass', k.name('high'), '--value=1000', '--description=high priority']);
    await sameAsDryRun(k, 'pdb', 'nginx-pdb', ['poddisruptionbudget', 'nginx-pdb', '--selector=app=nginx', '--min-available=1']);
    await sameAsDryRun(k, 'ingress', 'simple', ['ingress', 'simple', '--rule=foo.com/bar=svc1:8080,tls=my-cert', '--class=nginx']);
    await sameAsDryRun(k, 'serviceaccount', 'prometheus', ['serviceaccount', 'prometheus']);
  });
});
