/**
 * `kubectl apply -f` as the notes use it: the nginx walk-through of 000:6041-6167 (Deployment,
 * ClusterIP Service, the same Service rewritten to NodePort, Ingress), the 001:220-271 sequence
 * (apply, expose, re-apply with a renamed container), apply over objects made by `create`
 * (001:1029/1122), and client-side apply's three-way merge removing what the file no longer has.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notesSuite, type Obj, it } from './kit.js';
import { age, assertTable } from './table.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface Container { name: string; image?: string; ports?: Array<Record<string, unknown>>; env?: Array<{ name: string }>;
  volumeMounts?: Array<Record<string, unknown>> }
function podSpec(o: Obj): { containers: Container[]; volumes?: Array<Record<string, unknown>>; serviceAccountName?: string; serviceAccount?: string } {
  return (o.spec as { template: { spec: ReturnType<typeof podSpec> } }).template.spec;
}

function editFile(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${path} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

notesSuite('apply', (k) => {
  let clusterIP = '';

  it('000:6074 apply -f nginx-deployment.yaml creates the Deployment with the file as last-applied configuration', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('000/nginx-deployment.yaml')), 'deployment.apps/nginx-deployment created\n');
    const d = await k.json('get', 'deployment', 'nginx-deployment');
    assert.equal(d.metadata?.namespace, k.ns);
    assert.equal((d.spec as { replicas: number }).replicas, 1);
    assert.deepEqual(podSpec(d).containers[0].ports, [{ containerPort: 80, protocol: 'TCP' }]);
    const applied = JSON.parse(d.metadata?.annotations?.[LAST_APPLIED] ?? '{}') as Obj;
    assert.equal(applied.kind, 'Deployment');
    assert.equal(applied.metadata?.namespace, k.ns);
    assert.equal(d.metadata?.generation, 1);
  });

  it('000:6098 apply -f nginx-service-clusterip.yaml, then 000:6105 get svc nginx-service', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('000/nginx-service-clusterip.yaml')), 'service/nginx-service created\n');
    const out = await k.ok('get', 'svc', 'nginx-service');
    assertTable(out, ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      [['nginx-service', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age]]);
    const svc = await k.json('get', 'svc', 'nginx-service');
    clusterIP = (svc.spec as { clusterIP: string }).clusterIP;
    assert.deepEqual((svc.spec as { ports: unknown }).ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    assert.equal((svc.spec as { sessionAffinity: string }).sessionAffinity, 'None');
    assert.equal((svc.spec as { internalTrafficPolicy: string }).internalTrafficPolicy, 'Cluster');
    assert.deepEqual((svc.spec as { ipFamilies: string[] }).ipFamilies, ['IPv4']);
    assert.equal((svc.spec as { ipFamilyPolicy: string }).ipFamilyPolicy, 'SingleStack');
  });

  it('applying the same file again reports it unchanged', async () => {
    assert.equal(await k.ok('apply', '-f', 'nginx-service-clusterip.yaml'), 'service/nginx-service unchanged\n');
    assert.equal(await k.ok('apply', '-f', 'nginx-deployment.yaml'), 'deployment.apps/nginx-deployment unchanged\n');
    assert.equal((await k.json('get', 'deployment', 'nginx-deployment')).metadata?.generation, 1);
  });

  it('000:6130 the file rewritten to NodePort 30007 and applied again: configured, same cluster IP', async () => {
    // The node port is made per kubectl version (30127, 30132, 30133): the three runs share a cluster.
    k.file('000/nginx-service-nodeport.yaml', { as: 'nginx-service-clusterip.yaml', replace: { 30007: `30${k.tag}` } });
    assert.equal(await k.ok('apply', '-f', 'nginx-service-clusterip.yaml'), 'service/nginx-service configured\n');
    const out = await k.ok('get', 'svc', 'nginx-service');
    assertTable(out, ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      [['nginx-service', 'NodePort', clusterIP, '<none>', `80:30${k.tag}/TCP`, age]]);
    const svc = await k.json('get', 'svc', 'nginx-service');
    assert.equal((svc.spec as { externalTrafficPolicy: string }).externalTrafficPolicy, 'Cluster');
  });

  it('000:6164 apply -f nginx-ingress.yaml, then 000:6456 get ingress', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('000/nginx-ingress.yaml')), 'ingress.networking.k8s.io/nginx-ingress created\n');
    assertTable(await k.ok('get', 'ingress'), ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
      [['nginx-ingress', '<none>', '*', '', '80', age]]);
  });

  it('a container port deleted from the file is removed by the next apply', async () => {
    editFile(join(k.dir, 'nginx-deployment.yaml'), '        ports:\n        - containerPort: 80\n', '');
    assert.equal(await k.ok('apply', '-f', 'nginx-deployment.yaml'), 'deployment.apps/nginx-deployment configured\n');
    const d = await k.json('get', 'deployment', 'nginx-deployment');
    assert.equal(podSpec(d).containers[0].ports, undefined);
    assert.equal(d.metadata?.generation, 2);
  });

  it('004:6855 an env var deleted from the file is removed; 004:6892 the volume variant drops env and adds the mount', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('004/my-app-secret-env.yaml', { as: 'deployment.yaml' })), 'deployment.apps/my-app created\n');
    assert.deepEqual(podSpec(await k.json('get', 'deploy', 'my-app')).containers[0].env?.map((e) => e.name), ['USERNAME', 'PASSWORD']);
    editFile(join(k.dir, 'deployment.yaml'),
      '            - name: PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: my-secret\n                  key: password\n', '');
    assert.equal(await k.ok('apply', '-f', 'deployment.yaml'), 'deployment.apps/my-app configured\n');
    assert.deepEqual(podSpec(await k.json('get', 'deploy', 'my-app')).containers[0].env, [
      { name: 'USERNAME', valueFrom: { secretKeyRef: { name: 'my-secret', key: 'username' } } }]);
    k.file('004/my-app-secret-volume.yaml', { as: 'deployment.yaml' });
    assert.equal(await k.ok('apply', '-f', 'deployment.yaml'), 'deployment.apps/my-app configured\n');
    const spec = podSpec(await k.json('get', 'deploy', 'my-app'));
    assert.equal(spec.containers[0].env, undefined);
    assert.deepEqual(spec.containers[0].volumeMounts, [{ name: 'my-secret', mountPath: '/etc/my-secret', readOnly: true }]);
    assert.deepEqual(spec.volumes, [{ name: 'my-secret', secret: { secretName: 'my-secret', defaultMode: 420 } }]);
  });

  it('001:220 apply 01_create_deployment_app_nginx.yml, 001:223 get deployment.apps', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('001/01_create_deployment_app_nginx.yml')), 'deployment.apps/nginx-server1 created\n');
    const out = await k.ok('get', 'deployment.apps');
    assertTable(out, ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], [
      ['my-app', /\d\/1/, /\d/, /\d/, age],
      ['nginx-deployment', /\d\/1/, /\d/, /\d/, age],
      ['nginx-server1', /\d\/2/, /\d/, /\d/, age],
    ]);
  });

  it('001:229 expose deployment.apps nginx-server1 --type=ClusterIP --target-port=80 --port=80', async () => {
    assert.equal(await k.ok('expose', 'deployment.apps', 'nginx-server1', '--type=ClusterIP', '--target-port=80', '--port=80'),
      'service/nginx-server1 exposed\n');
    const svc = await k.json('get', 'svc', 'nginx-server1');
    assert.deepEqual((svc.spec as { selector: unknown }).selector, { app: 'nginx' });
    assert.deepEqual((svc.spec as { ports: unknown }).ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  });

  it('001:271 apply 02_…with_service.yml: the renamed container replaces c1, the Service is created', async () => {
    const out = await k.ok('apply', '-f', k.file('001/02_create_deployment_app_nginx_with_service.yml'));
    assert.equal(out, 'deployment.apps/nginx-server1 configured\nservice/nginx-svc created\n');
    assert.deepEqual(podSpec(await k.json('get', 'deploy', 'nginx-server1')).containers.map((c) => c.name), ['nginx-smart']);
    assertTable(await k.ok('get', 'service'), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], [
      ['nginx-server1', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age],
      ['nginx-service', 'NodePort', clusterIP, '<none>', `80:30${k.tag}/TCP`, age],
      ['nginx-svc', 'ClusterIP', /10\.43\.\d+\.\d+/, '<none>', '80/TCP', age],
    ]);
  });

  it('001:345 create -f 03_…yml over the applied Deployment fails with AlreadyExists', async () => {
    const r = await k.fails('create', '-f', k.file('001/03_create_deployment_app_nginx.yml'));
    assert.equal(r.stderr, 'Error from server (AlreadyExists): error when creating "03_create_deployment_app_nginx.yml": deployments.apps "nginx-server1" already exists\n');
  });

  it('001:1029/1122 apply over objects made by create: warns, patches the annotation in, keeps serviceAccount as an alias', async () => {
    assert.equal(await k.ok('create', '-f', k.file('001/prometheus-deployment.yml')),
      'service/prometheus-service created\ndeployment.apps/prometheus created\n');
    k.file('001/prometheus-deployment.sa.yml', { as: 'prometheus-deployment.yml' });
    const r = await k.run(['apply', '-f', 'prometheus-deployment.yml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'service/prometheus-service configured\ndeployment.apps/prometheus configured\n');
    const warn = (res: string): string => `Warning: resource ${res} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
    assert.equal(r.stderr, warn('services/prometheus-service') + warn('deployments/prometheus'));
    const d = await k.json('get', 'deploy', 'prometheus');
    assert.ok(d.metadata?.annotations?.[LAST_APPLIED], 'the annotation was patched in');
    // serviceAccount is the deprecated alias of serviceAccountName: the API server answers with
    // serviceAccountName's value in both.
    assert.equal(podSpec(d).serviceAccountName, 'prometheus');
    assert.equal(podSpec(d).serviceAccount, 'prometheus');
  });

  it('001:626-723 the network-policy tutorial: apply with --namespace, get networkpolicy, the ipBlock rewrite', async () => {
    const tns = k.name('network-policy-tutorial');
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: tns } }) });
    const rename = { replace: { 'namespace: network-policy-tutorial': `namespace: ${tns}` } };
    for (const [file, name] of [['namespace-default-deny.yml', 'namespace-default-deny'], ['frontend-default-policy.yml', 'frontend-default'],
      ['backend-default-policy.yml', 'backend-default'], ['database-default-policy.yml', 'database-default']]) {
      assert.equal(await k.ok('apply', '-f', k.file(`001/${file}`, rename), `--namespace=${tns}`),
        `networkpolicy.networking.k8s.io/${name} created\n`);
    }
    assertTable(await k.ok('get', 'networkpolicy', `--namespace=${tns}`), ['NAME', 'POD-SELECTOR', 'AGE'], [
      ['backend-default', 'run=backend', age],
      ['database-default', 'run=database', age],
      ['frontend-default', 'run=frontend', age],
      ['namespace-default-deny', '<none>', age],
    ]);
    k.file('001/backend-default-policy.ipblock.yml', { as: 'backend-default-policy.yml', replace: { ...rename.replace, '<DATABASE-CLUSTER-IP>': '10.43.7.9' } });
    assert.equal(await k.ok('apply', '-f', 'backend-default-policy.yml', `--namespace=${tns}`),
      'networkpolicy.networking.k8s.io/backend-default configured\n');
    const np = await k.json('get', 'networkpolicy', 'backend-default', `--namespace=${tns}`);
    assert.deepEqual((np.spec as { egress: unknown }).egress, [{ to: [{ ipBlock: { cidr: '10.43.7.9/24' } }] }]);
    // 001:823 deletes with the wrong extension: kubectl finds no such file.
    const r = await k.fails('delete', '-f', 'backend-default-policy.yaml', `--namespace=${tns}`);
    assert.equal(r.stderr, 'error: the path "backend-default-policy.yaml" does not exist\n');
  });

  it('000:6447 apply -f example-ingress.yaml: Kubernetes warns about the ingress.class annotation; 000:6465 get ingress example-ingress', async () => {
    const r = await k.run(['apply', '-f', k.file('000/example-ingress.yaml', { replace: { 'namespace: default': `namespace: ${k.ns}` } })]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ingress.networking.k8s.io/example-ingress created\n');
    assert.equal(r.stderr, 'Warning: annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead\n');
    assertTable(await k.ok('get', 'ingress', 'example-ingress'), ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
      [['example-ingress', '<none>', '*', '', '80', age]]);
  });

  it('004:2391 apply -f init-container.yaml; 004:4022 apply -f daemonset.yaml', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('004/init-container.yaml')), 'pod/myapp created\n');
    const pod = await k.json('get', 'pod', 'myapp');
    const init = (pod.spec as { initContainers: Array<Record<string, unknown>> }).initContainers;
    assert.deepEqual(init.map((c) => [c.name, c.image, c.imagePullPolicy, c.terminationMessagePolicy]), [['setup', 'busybox', 'Always', 'File']]);
    assert.equal(await k.ok('apply', '-f', k.file('004/daemonset.yaml')), 'daemonset.apps/my-daemonset created\n');
    const ds = await k.json('get', 'ds', 'my-daemonset');
    assert.deepEqual((ds.spec as { updateStrategy: unknown }).updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
  });

  it('004:6622-6778 the ConfigMap, then pod.yaml with its env, then pod.yaml rewritten with a volume: a Pod\'s spec cannot change', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('004/configmap.yaml')), 'configmap/my-config created\n');
    assert.equal(await k.ok('apply', '-f', k.file('004/pod-configmap-env.yaml', { as: 'pod.yaml' })), 'pod/my-pod created\n');
    k.file('004/pod-configmap-volume.yaml', { as: 'pod.yaml' });
    const r = await k.fails('apply', '-f', 'pod.yaml');
    assert.match(r.stderr, /^The Pod "my-pod" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,/);
    const pod = await k.json('get', 'pod', 'my-pod');
    assert.equal((pod.spec as { containers: Array<{ env?: unknown }> }).containers[0].env !== undefined, true);
    assert.equal(await k.ok('apply', '-f', k.file('004/my-secret.yaml')), 'secret/my-secret created\n');
    assert.deepEqual((await k.json('get', 'secret', 'my-secret')).data, { password: 'bXlwYXNz', username: 'bXl1c2Vy' });
  });

  it('004:1376 apply -f k8s-pod.yaml: the Namespace and the Pod in it, with the defaults a Pod gets', async () => {
    const demo = k.name('demo');
    const out = await k.ok('apply', '-f', k.file('004/k8s-pod.yaml', { replace: { 'name:  demo': `name:  ${demo}`, 'namespace: demo': `namespace: ${demo}` } }));
    assert.equal(out, `namespace/${demo} created\npod/nginx-pod created\n`);
    const pod = await k.json('get', 'pod', 'nginx-pod', '-n', demo);
    const spec = pod.spec as { containers: Array<Record<string, unknown>>; volumes: Array<Record<string, unknown>> } & Record<string, unknown>;
    assert.deepEqual(spec.containers[0].resources, { limits: { cpu: '200m', memory: '500Mi' }, requests: { cpu: '100m', memory: '200Mi' } });
    assert.deepEqual(spec.containers[0].ports, [{ containerPort: 80, name: 'http', protocol: 'TCP' }]);
    assert.equal(spec.containers[0].imagePullPolicy, 'Always');
    assert.deepEqual(spec.volumes[0], { name: 'localtime', hostPath: { path: '/usr/share/zoneinfo/Asia/Shanghai', type: '' } });
    assert.equal((pod.status as { qosClass: string }).qosClass, 'Burstable');
  });

  it('a Pod is admitted as on a real cluster: default ServiceAccount, its token volume, default tolerations, priority', async () => {
    const pod = await k.json('get', 'pod', 'nginx-pod', '-n', k.name('demo'));
    const spec = pod.spec as Record<string, unknown> & { volumes: Array<{ name: string; projected?: unknown }>;
      containers: Array<{ volumeMounts: Array<{ mountPath: string; name: string; readOnly?: boolean }> }> };
    assert.equal(spec.serviceAccountName, 'default');
    assert.equal(spec.serviceAccount, 'default');
    assert.equal(spec.priority, 0);
    assert.equal(spec.preemptionPolicy, 'PreemptLowerPriority');
    assert.deepEqual(spec.tolerations, [
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
    const tokenVolume = spec.volumes.find((v) => v.name.startsWith('kube-api-access-'));
    assert.ok(tokenVolume?.projected, `no kube-api-access volume in ${JSON.stringify(spec.volumes)}`);
    assert.ok(spec.containers[0].volumeMounts.some((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount' && m.readOnly === true));
  });
});
