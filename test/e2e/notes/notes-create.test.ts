/**
 * `kubectl create -f`, `kubectl run` and `kubectl expose` as the notes use them (the `create <kind>`
 * generators, which send protobuf, are in notes-create-generators.test.ts).
 */
import assert from 'node:assert/strict';
import { AGE, notesSuite, it, until, type Kubectl, type Obj } from './kit.js';
import { age, assertRows, assertTable, parseTable, type Cell } from './table.js';

const controlledBy = (o: Obj, kind: string): boolean => (o.metadata?.ownerReferences ?? []).some((r) => r.kind === kind && r.controller === true);

/** The ReplicaSets in the version's namespace that a Deployment controls, by name. */
async function replicaSetsOfDeployments(k: Kubectl): Promise<string[]> {
  const list = await k.json('get', 'rs');
  return (list.items ?? []).filter((o) => controlledBy(o, 'Deployment')).map((o) => o.metadata?.name ?? '').sort();
}

/** The pods in the version's namespace that a ReplicaSet controls. */
async function podsOfReplicaSets(k: Kubectl): Promise<Set<string>> {
  const list = await k.json('get', 'pods');
  return new Set((list.items ?? []).filter((o) => controlledBy(o, 'ReplicaSet')).map((o) => o.metadata?.name ?? ''));
}

/** Asserts the table's header and that its rows are exactly the named objects (in any order). */
function assertNames(out: string, header: string[], names: string[]): void {
  const t = parseTable(out);
  assert.deepEqual(t.header, header, out);
  assert.deepEqual(t.rows.map((r) => r[0]).sort(), [...names].sort(), out);
}

notesSuite('create', (k) => {
  it('001:893 create -f with the notes\' typo in the file name, then with the right one; 001:896 get deployments', async () => {
    k.file('001/nginx-deployment.yml');
    const typo = await k.fails('create', '-f', 'nginx-deploymeht.yml');
    assert.equal(typo.stderr, 'error: the path "nginx-deploymeht.yml" does not exist\n');
    assert.equal(await k.ok('create', '-f', 'nginx-deployment.yml'), 'deployment.apps/nginx-deployment created\n');
    assertTable(await k.ok('get', 'deployments'), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      [['nginx-deployment', /\d\/3/, /\d/, /\d/, age]]);
    const d = await k.json('get', 'deployment', 'nginx-deployment');
    assert.deepEqual(d.metadata?.labels, { app: 'nginx' });
    assert.equal(d.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
  });

  it('001:921 create -f nginx-service.yml (NodePort), 001:924 get svc', async () => {
    assert.equal(await k.ok('create', '-f', k.file('001/nginx-service.yml')), 'service/nginx-service created\n');
    assertTable(await k.ok('get', 'svc'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      [['nginx-service', 'NodePort', /10\.43\.\d+\.\d+/, '<none>', /80:3\d{4}\/TCP/, age]]);
    const svc = await k.json('get', 'svc', 'nginx-service');
    const port = (svc.spec as { ports: Array<{ nodePort: number }> }).ports[0].nodePort;
    assert.ok(port >= 30000 && port <= 32767, `nodePort ${port}`);
  });

  it('001:968 create -f prometheus-config.yml', async () => {
    assert.equal(await k.ok('create', '-f', k.file('001/prometheus-config.yml')), 'configmap/prometheus-config created\n');
    assertTable(await k.ok('get', 'cm', 'prometheus-config'), ['NAME', 'DATA', 'AGE'], [['prometheus-config', '1', age]]);
    const cm = await k.json('get', 'cm', 'prometheus-config');
    assert.match(cm.data?.['prometheus.yml'] ?? '', /^global:\n {2}scrape_interval: {5}15s\n/);
  });

  it('001:1101 create -f prometheus-rbac-setup.yml: the ClusterRole, ServiceAccount and ClusterRoleBinding', async () => {
    const role = k.name('prometheus-clusterrole');
    const binding = k.name('prometheus-clusterrolebinding');
    const out = await k.ok('create', '-f', k.file('001/prometheus-rbac-setup.yml', { replace: {
      'name: prometheus-clusterrole\n': `name: ${role}\n`, 'name: prometheus-clusterrolebinding\n': `name: ${binding}\n`,
      'namespace: default': `namespace: ${k.ns}` } }));
    assert.equal(out, `clusterrole.rbac.authorization.k8s.io/${role} created\nserviceaccount/prometheus-serviceaccount created\nclusterrolebinding.rbac.authorization.k8s.io/${binding} created\n`);
    assertTable(await k.ok('get', 'clusterrole', role), ['NAME', 'CREATED AT'], [[role, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/]]);
    assertTable(await k.ok('get', 'clusterrolebinding', binding), ['NAME', 'ROLE', 'AGE'], [[binding, 'ClusterRole/prometheus', age]]);
    assertTable(await k.ok('get', 'clusterrolebinding', binding, '-o', 'wide'), ['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'],
      [[binding, 'ClusterRole/prometheus', age, '', '', `${k.ns}/prometheus`]]);
    assertTable(await k.ok('get', 'sa', 'prometheus-serviceaccount'), ['NAME', 'SECRETS', 'AGE'], [['prometheus-serviceaccount', '0', age]]);
    const cr = await k.json('get', 'clusterrole', role);
    assert.deepEqual((cr as { rules: unknown }).rules, [
      { apiGroups: [''], resources: ['nodes', 'nodes/proxy', 'services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['extensions'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
    ]);
  });

  it('001:1488 create -f blackbox-exporter.yml; 001:1197 apply -f prometheus-config.yml over the created ConfigMap', async () => {
    assert.equal(await k.ok('create', '-f', k.file('001/blackbox-exporter.yml')), 'service/blackbox-exporter created\ndeployment.apps/blackbox-exporter created\n');
    const r = await k.run(['apply', '-f', 'prometheus-config.yml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/prometheus-config configured\n');
    assert.match(r.stderr, /^Warning: resource configmaps\/prometheus-config is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/);
  });

  it('001:1377 create -f node-exporter-daemonset.yml, 001:1380 get daemonsets', async () => {
    assert.equal(await k.ok('create', '-f', k.file('001/node-exporter-daemonset.yml')), 'daemonset.apps/node-exporter created\n');
    assertTable(await k.ok('get', 'daemonsets'), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      [['node-exporter', /\d+/, /\d+/, /\d+/, /\d+/, /\d+/, '<none>', age]]);
    const ds = await k.json('get', 'ds', 'node-exporter');
    const spec = ds.spec as { updateStrategy: unknown; revisionHistoryLimit: number; template: { spec: { hostNetwork: boolean; hostPID: boolean; containers: Array<{ ports: unknown }> } } };
    assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.equal(spec.template.spec.hostNetwork, true);
    assert.deepEqual(spec.template.spec.containers[0].ports, [{ containerPort: 9100, hostPort: 9100, name: 'scrape', protocol: 'TCP' }]);
  });

  it('004:3580 create -f replicaset.yaml; 004:3973 create -f deployment.yaml', async () => {
    assert.equal(await k.ok('create', '-f', k.file('004/replicaset.yaml')), 'replicaset.apps/my-replicaset created\n');
    // As on a real cluster, the namespace also lists the ReplicaSets that the Deployments of 001:893
    // (nginx-deployment) and 001:1488 (blackbox-exporter) made.
    const made = await replicaSetsOfDeployments(k);
    assert.deepEqual(made.map((n) => n.replace(/-[a-z0-9]+$/, '')).sort(), ['blackbox-exporter', 'nginx-deployment']);
    const rsRows = (extra: Cell[]): Cell[][] => [['my-replicaset', '3', /\d/, /\d/, age, ...extra], ...made.map((n) => [n, /\d/, /\d/, /\d/, age])];
    const header = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'];
    assertNames(await k.ok('get', 'rs'), header, ['my-replicaset', ...made]);
    assertRows(await k.ok('get', 'rs'), header, rsRows([]));
    const wide = await k.ok('get', 'rs', '-o', 'wide');
    assertNames(wide, [...header, 'CONTAINERS', 'IMAGES', 'SELECTOR'], ['my-replicaset', ...made]);
    assertRows(wide, [...header, 'CONTAINERS', 'IMAGES', 'SELECTOR'], rsRows(['my-container', 'nginx', 'app=my-app']));
    assert.equal(await k.ok('create', '-f', k.file('004/deployment.yaml')), 'deployment.apps/my-deployment created\n');
    assertTable(await k.ok('get', 'deploy', 'my-deployment', '-o', 'wide'),
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      [['my-deployment', /\d\/3/, /\d/, /\d/, age, 'my-app-container', 'my-app-image:1.0.0', 'app=my-app']]);
  });

  it('004:3973 the Deployment my-deployment leaves my-replicaset of 004:3580 alone: its own labels are empty', async () => {
    // A Deployment claims orphan ReplicaSets by the ReplicaSet's own labels, and apps/v1 does not copy
    // the template's labels to them: my-replicaset has none, so it stays an orphan beside the
    // Deployment's own ReplicaSet, as on Kubernetes.
    const d = await until(async () => {
      const r = await k.json('get', 'deploy', 'my-deployment');
      return (r.status as { observedGeneration?: number } | undefined)?.observedGeneration ? r : undefined;
    }, 'my-deployment to be observed', 15_000) as Obj;
    assert.ok(d);
    const rs = await k.json('get', 'rs', 'my-replicaset');
    assert.equal(rs.metadata?.labels, undefined);
    assert.equal(rs.metadata?.ownerReferences, undefined);
    const rows = parseTable(await k.ok('get', 'rs', '-l', 'app=my-app')).rows;
    assert.equal(rows.find((r) => r[0].startsWith('my-deployment-'))?.[1], '3', JSON.stringify(rows));
  });

  it('004:1904 create -f pod.yaml, then the get forms of 004:1907-1917', async () => {
    assert.equal(await k.ok('create', '-f', k.file('004/pod.yaml')), 'pod/nginx created\n');
    const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
    const row = ['nginx', '0/1', /Pending|ContainerCreating/, '0', age];
    // `get pods` lists the pods the ReplicaSets of the earlier tests made as well, as a real cluster does.
    for (const args of [['get', 'pods'], ['get', 'pods', '-n', k.ns]]) {
      const out = await k.ok(...args);
      assertRows(out, header, [row]);
      const owned = await podsOfReplicaSets(k);
      const others = parseTable(out).rows.map((r) => r[0]).filter((n) => n !== 'nginx');
      assert.ok(others.length > 0 && others.every((n) => owned.has(n)), `pods besides nginx that no ReplicaSet owns:\n${out}`);
    }
    assertTable(await k.ok('get', 'pod', 'nginx', '-n', k.ns), header, [row]);
    assertTable(await k.ok('get', 'pod/nginx', '-n', k.ns), header, [row]);
    const none = await k.run(['get', 'pods', '-n', k.name('my-namespace')]);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
    assert.equal(none.stderr, `No resources found in ${k.name('my-namespace')} namespace.\n`);
    const again = await k.fails('create', '-f', 'pod.yaml');
    assert.equal(again.stderr, 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists\n');
  });

  it('004:1920 run nginx --image=nginx:latest --port=80 (in its own namespace dev)', async () => {
    const dev = k.name('dev');
    await k.ok('apply', '-f', k.file('004/ns-dev.yaml', { replace: { 'name: dev': `name: ${dev}` } }));
    assert.equal(await k.ok('run', 'nginx', '--image=nginx:latest', '--port=80', '-n', dev), 'pod/nginx created\n');
    const pod = await k.json('get', 'pod', 'nginx', '-n', dev);
    assert.deepEqual(pod.metadata?.labels, { run: 'nginx' });
    const c = (pod.spec as { containers: Array<Record<string, unknown>> }).containers[0];
    assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.equal(c.imagePullPolicy, 'Always');
    const dup = await k.fails('run', 'nginx', '--image=nginx:latest', '--port=80', '-n', dev);
    assert.equal(dup.stderr, 'Error from server (AlreadyExists): pods "nginx" already exists\n');
  });

  it('001:585-598 run three pods and expose each on port 80, then get service', async () => {
    for (const p of ['backend', 'database', 'frontend']) {
      assert.equal(await k.ok('run', p, '--image=nginx'), `pod/${p} created\n`);
    }
    for (const p of ['backend', 'database', 'frontend']) {
      assert.equal(await k.ok('expose', 'pod', p, '--port', '80'), `service/${p} exposed\n`);
    }
    assertRows(await k.ok('get', 'service'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], [
      ['backend', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age],
      ['database', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age],
      ['frontend', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age],
    ]);
    const svc = await k.json('get', 'svc', 'frontend');
    assert.deepEqual((svc.spec as { selector: unknown }).selector, { run: 'frontend' });
    assert.deepEqual(svc.metadata?.labels, { run: 'frontend' });
  });

  it('004:2169/2184 expose deploy nginx as ClusterIP svc-nginx1 and NodePort svc-nginx2; get svc -n dev -o wide', async () => {
    const dev = k.name('dev');
    await k.ok('apply', '-f', k.file('004/deploy-nginx.yaml', { replace: { 'namespace: dev': `namespace: ${dev}` } }));
    assert.equal(await k.ok('expose', 'deploy', 'nginx', '--name=svc-nginx1', '--type=ClusterIP', '--port=80', '--target-port=80', '-n', dev),
      'service/svc-nginx1 exposed\n');
    assertTable(await k.ok('get', 'svc', '-n', dev, '-o', 'wide'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
      [['svc-nginx1', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age, 'run=nginx']]);
    assert.equal(await k.ok('expose', 'deploy', 'nginx', '--name=svc-nginx2', '--type=NodePort', '--port=80', '--target-port=80', '-n', dev),
      'service/svc-nginx2 exposed\n');
    assertTable(await k.ok('get', 'svc', 'svc-nginx2', '-n', dev, '-o', 'wide'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
      [['svc-nginx2', 'NodePort', /10\.43\.\d+\.\d+/, '<none>', /80:3\d{4}\/TCP/, new RegExp(`^${AGE}$`), 'run=nginx']]);
    assert.equal(await k.ok('delete', 'svc', 'svc-nginx1', '-n', dev), 'service "svc-nginx1" deleted\n');
  });
});
