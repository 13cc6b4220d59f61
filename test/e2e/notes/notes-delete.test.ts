/**
 * `kubectl delete` as the notes use it: by type and name, by file, by label, namespaces, the
 * notes' mistakes (001:1205 no type, 004:6047 a directory that is not there), and the cascade modes
 * of 004:3652-3668 / 3923-3939 / 4211-4227 (the boolean --cascade=true|false the notes write, and
 * orphan|background|foreground), with dependents made by hand through ownerReferences so that the
 * garbage collector's work is seen whether or not a workload controller runs.
 */
import assert from 'node:assert/strict';
import { notesSuite, until, type Kubectl, type Obj, it } from './kit.js';

/** Makes `n` Pods owned by the object (as its controller would) and returns their names. */
async function ownedPods(k: Kubectl, owner: Obj, prefix: string, n: number): Promise<string[]> {
  const names = Array.from({ length: n }, (_, i) => `${prefix}-dep-${i}`);
  for (const name of names) {
    await k.ok('apply', '-f', '-', { input: JSON.stringify({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name, labels: { owner: prefix }, ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata?.name,
        uid: owner.metadata?.uid, controller: true, blockOwnerDeletion: true }] },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    }) });
  }
  return names;
}

async function ownersOf(k: Kubectl, pod: string): Promise<unknown[] | undefined> {
  return (await k.json('get', 'pod', pod)).metadata?.ownerReferences;
}

const WARN = (b: string, mode: string): string => `warning: --cascade=${b} is deprecated (boolean value) and can be replaced with --cascade=${mode}.\n`;

notesSuite('delete', (k) => {
  it('004:1929 delete pod nginx; 001:1256 delete pods <name> that is not there', async () => {
    await k.ok('apply', '-f', k.file('004/pod.yaml'));
    assert.equal(await k.ok('delete', 'pod', 'nginx'), 'pod "nginx" deleted\n');
    assert.equal(await k.exists('pod', 'nginx'), false);
    const r = await k.fails('delete', 'pods', 'prometheus-85d76fb498-vlw6c');
    assert.equal(r.stderr, 'Error from server (NotFound): pods "prometheus-85d76fb498-vlw6c" not found\n');
  });

  it('001:1205 delete <podname> without a type', async () => {
    const r = await k.fails('delete', 'prometheus-85b4775c8b-vmcsf');
    assert.equal(r.stderr, 'error: the server doesn\'t have a resource type "prometheus-85b4775c8b-vmcsf"\n');
  });

  it('004:2096 delete deploy nginx -n dev, 004:2194 delete svc svc-nginx1 -n dev, 004:1323 delete ns dev', async () => {
    const dev = k.name('dev');
    await k.ok('apply', '-f', k.file('004/ns-dev.yaml', { replace: { 'name: dev': `name: ${dev}` } }));
    await k.ok('apply', '-f', k.file('004/deploy-nginx.yaml', { replace: { 'namespace: dev': `namespace: ${dev}` } }));
    await k.ok('expose', 'deploy', 'nginx', '--name=svc-nginx1', '--port=80', '-n', dev);
    assert.equal(await k.ok('delete', 'deploy', 'nginx', '-n', dev), 'deployment.apps "nginx" deleted\n');
    assert.equal(await k.ok('delete', 'svc', 'svc-nginx1', '-n', dev), 'service "svc-nginx1" deleted\n');
    assert.equal(await k.ok('delete', 'ns', dev, '--timeout=8s'), `namespace "${dev}" deleted\n`);
    assert.equal(await k.exists('ns', dev), false);
  });

  it('004:1308/1312 apply then delete -f k8s-namespace.yaml; 004:1862 delete namespace with objects in it', async () => {
    const demo = k.name('demo');
    k.file('004/k8s-namespace.yaml', { replace: { 'name:  demo': `name:  ${demo}` } });
    assert.equal(await k.ok('apply', '-f', 'k8s-namespace.yaml'), `namespace/${demo} created\n`);
    assert.equal(await k.ok('delete', '-f', 'k8s-namespace.yaml', '--timeout=8s'), `namespace "${demo}" deleted\n`);
    assert.equal(await k.exists('ns', demo), false);
    const my = k.name('my-namespace');
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: my } }) });
    await k.ok('apply', '-f', k.file('004/configmap.yaml'), '-n', my);
    // --timeout bounds the wait kubectl does for the namespace to be finalized.
    assert.equal(await k.ok('delete', 'namespace', my, '--timeout=8s'), `namespace "${my}" deleted\n`);
    assert.equal(await k.exists('ns', my), false);
    // kubectl, told the object is not found, checks the namespace and names what is missing.
    const gone = await k.fails('get', 'cm', 'my-config', '-n', my);
    assert.equal(gone.stderr, `Error from server (NotFound): namespaces "${my}" not found\n`);
  });

  it('004:3005 delete pods -l <key>=<value>', async () => {
    for (const [name, app] of [['a', 'web'], ['b', 'web'], ['c', 'db']]) await k.ok('run', name, '--image=nginx', `--labels=app=${app}`);
    assert.equal(await k.ok('delete', 'pods', '-l', 'app=web'), 'pod "a" deleted\npod "b" deleted\n');
    assert.equal(await k.ok('get', 'pods', '-o', 'name'), 'pod/c\n');
    const none = await k.run(['delete', 'pods', '-l', 'app=web']);
    assert.equal(none.code, 0);
    assert.equal(none.stdout + none.stderr, 'No resources found\n');
  });

  it('004:6044-6047 delete namespace, clusterrole, clusterrolebinding, and -f common/crds/ that is not there', async () => {
    const name = k.name('nginx-ingress');
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name: 'nginx-ingress', namespace: name }] },
    ] }) });
    assert.equal(await k.ok('delete', 'namespace', name, '--timeout=8s'), `namespace "${name}" deleted\n`);
    assert.equal(await k.ok('delete', 'clusterrole', name), `clusterrole.rbac.authorization.k8s.io "${name}" deleted\n`);
    assert.equal(await k.ok('delete', 'clusterrolebinding', name), `clusterrolebinding.rbac.authorization.k8s.io "${name}" deleted\n`);
    const r = await k.fails('delete', '-f', 'common/crds/');
    assert.equal(r.stderr, 'error: the path "common/crds/" does not exist\n');
  });

  it('004:3656 delete replicaset --cascade=true: a deprecation warning, and the garbage collector deletes its Pods', async () => {
    await k.ok('create', '-f', k.file('004/replicaset.yaml'));
    // The ReplicaSet controller's own pods (hand-made ones its selector does not match it would release).
    const uid = (await k.json('get', 'rs', 'my-replicaset')).metadata?.uid;
    const pods = await until(async () => {
      const list = await k.json('get', 'pods') as unknown as { items: Obj[] };
      const mine = list.items.filter((p) => p.metadata?.ownerReferences?.some((o) => o.uid === uid)).map((p) => p.metadata?.name ?? '');
      return mine.length === 3 ? mine : undefined;
    }, 'the ReplicaSet\'s 3 Pods', 15_000) as string[];
    const r = await k.run(['delete', 'replicaset', 'my-replicaset', '--cascade=true']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'replicaset.apps "my-replicaset" deleted\n');
    assert.equal(r.stderr, WARN('true', 'background'));
    await until(async () => {
      for (const p of pods) if (await k.exists('pod', p)) return false;
      return true;
    }, 'the ReplicaSet\'s Pods to be deleted', 15_000);
  });

  it('004:3662 delete replicaset --cascade=false: the Pods stay, no longer owned', async () => {
    await k.ok('create', '-f', 'replicaset.yaml');
    const pods = await ownedPods(k, await k.json('get', 'rs', 'my-replicaset'), 'rs-false', 2);
    const r = await k.run(['delete', 'replicaset', 'my-replicaset', '--cascade=false', '--timeout=4s']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'replicaset.apps "my-replicaset" deleted\n');
    assert.equal(r.stderr, WARN('false', 'orphan'));
    assert.equal(await k.exists('rs', 'my-replicaset'), false);
    for (const p of pods) assert.equal(await ownersOf(k, p), undefined, `${p} is still owned`);
  });

  it('004:3668 delete -f replicaset.yaml', async () => {
    await k.ok('create', '-f', 'replicaset.yaml');
    assert.equal(await k.ok('delete', '-f', 'replicaset.yaml'), 'replicaset.apps "my-replicaset" deleted\n');
    const again = await k.fails('delete', '-f', 'replicaset.yaml');
    assert.equal(again.stderr, 'Error from server (NotFound): error when deleting "replicaset.yaml": replicasets.apps "my-replicaset" not found\n');
  });

  it('004:3923/3933 deployment: --cascade=orphan keeps its ReplicaSet, --cascade=background deletes it', async () => {
    await k.ok('apply', '-f', k.file('004/deployment.yaml'));
    const d = await k.json('get', 'deploy', 'my-deployment');
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'my-deployment-5d4f', labels: { app: 'my-app', 'pod-template-hash': '5d4f' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-deployment', uid: d.metadata?.uid, controller: true, blockOwnerDeletion: true }] },
    spec: { replicas: 0, selector: { matchLabels: { app: 'my-app', 'pod-template-hash': '5d4f' } },
      template: { metadata: { labels: { app: 'my-app', 'pod-template-hash': '5d4f' } }, spec: { containers: [{ name: 'c', image: 'my-app-image:1.0.0' }] } } } };
    await k.ok('apply', '-f', '-', { input: JSON.stringify(rs) });
    assert.equal(await k.ok('delete', 'deployment', 'my-deployment', '--cascade=orphan', '--timeout=4s'), 'deployment.apps "my-deployment" deleted\n');
    assert.equal((await k.json('get', 'rs', 'my-deployment-5d4f')).metadata?.ownerReferences, undefined);

    await k.ok('apply', '-f', 'deployment.yaml');
    const d2 = await k.json('get', 'deploy', 'my-deployment');
    rs.metadata.ownerReferences[0].uid = d2.metadata?.uid;
    rs.metadata.name = 'my-deployment-6e5a';
    await k.ok('apply', '-f', '-', { input: JSON.stringify(rs) });
    assert.equal(await k.ok('delete', 'deployment', 'my-deployment', '--cascade=background'), 'deployment.apps "my-deployment" deleted\n');
    await until(async () => !(await k.exists('rs', 'my-deployment-6e5a')), 'the owned ReplicaSet to be deleted', 3000);
  });

  it('004:4211-4227 statefulset: --cascade=foreground deletes the Pods before the StatefulSet', async () => {
    await k.ok('apply', '-f', k.file('004/my-statefulset.yaml'));
    // The StatefulSet controller makes the first pod (the next waits for it to be Ready, which no node
    // makes it here); a pod made by hand would not do: the controller releases pods that are not its members.
    await until(() => k.exists('pod', 'my-statefulset-0'), 'the StatefulSet\'s first pod', 15_000);
    const r = await k.run(['delete', 'statefulset', 'my-statefulset', '--cascade=foreground', '--timeout=15s']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'statefulset.apps "my-statefulset" deleted\n');
    assert.equal(await k.exists('sts', 'my-statefulset'), false);
    assert.equal(await k.exists('pod', 'my-statefulset-0'), false);
  });

  it('004:4080 delete daemonset my-daemonset; --dry-run=server deletes nothing', async () => {
    await k.ok('apply', '-f', k.file('004/daemonset.yaml'));
    assert.equal(await k.ok('delete', 'daemonset', 'my-daemonset', '--dry-run=server'), 'daemonset.apps "my-daemonset" deleted (server dry run)\n');
    assert.equal(await k.exists('ds', 'my-daemonset'), true);
    assert.equal(await k.ok('delete', 'daemonset', 'my-daemonset'), 'daemonset.apps "my-daemonset" deleted\n');
    assert.equal(await k.exists('ds', 'my-daemonset'), false);
  });
});
