/**
 * The API groups a Kubernetes 1.32 server serves beyond the workloads, as kubectl meets them: the
 * notes' ingress-nginx admission webhook (004:5754), ReplicationControllers, CertificateSigningRequests
 * (`kubectl certificate approve`), CustomResourceDefinitions, RuntimeClasses, API Priority and
 * Fairness objects, APIServices, ComponentStatuses and Bindings. navarch stores several of these
 * without acting on them; where Kubernetes would act (call the webhook) navarch says so in a Warning,
 * and these tests assert the Warning. ReplicationControllers get their pods from the replication
 * manager, approved CertificateSigningRequests their certificates from the kubernetes.io signers, and
 * CustomResourceDefinitions their custom resources served, as in Kubernetes, with no Warning.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notesSuite, type Obj, it, until } from './kit.js';
import { age, assertRows, assertTable, parseTable } from './table.js';

const warning = (text: string): string => `Warning: ${text}\n`;

const RC = (name: string): string => JSON.stringify({
  apiVersion: 'v1', kind: 'ReplicationController', metadata: { name },
  spec: { replicas: 3, selector: { app: 'nginx' }, template: { metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
});

const CRD = (group: string): string => JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `crontabs.${group}` },
  spec: {
    group, scope: 'Namespaced', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: {
      spec: { type: 'object', properties: { cronSpec: { type: 'string' }, image: { type: 'string' }, replicas: { type: 'integer' } } },
    } } } }],
  },
});

notesSuite('apis', (k) => {
  const webhook = (): string => k.name('ingress-nginx-admission');

  it('004:5754 apply the ingress-nginx ValidatingWebhookConfiguration: stored with Kubernetes\' defaults, and a Warning that no webhook is called', async () => {
    const file = k.file('004/ingress-nginx-admission-webhook.yaml', { replace: { 'name: ingress-nginx-admission\n': `name: ${webhook()}\n` } });
    const r = await k.run(['apply', '-f', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `validatingwebhookconfiguration.admissionregistration.k8s.io/${webhook()} created\n`);
    assert.equal(r.stderr, warning('navarch stores ValidatingWebhookConfiguration objects but does not call admission webhooks: requests are admitted without them'));
    assertTable(await k.ok('get', 'validatingwebhookconfiguration', webhook()), ['NAME', 'WEBHOOKS', 'AGE'], [[webhook(), '1', age]]);
    const hook = (await k.json('get', 'validatingwebhookconfiguration', webhook()) as Obj & { webhooks: Array<Record<string, unknown>> }).webhooks[0];
    assert.deepEqual([hook.timeoutSeconds, hook.namespaceSelector, hook.objectSelector, hook.failurePolicy, hook.matchPolicy],
      [10, {}, {}, 'Fail', 'Equivalent']);
    assert.deepEqual((hook.rules as Array<Record<string, unknown>>)[0].scope, '*');
    assert.deepEqual((hook.clientConfig as { service: unknown }).service,
      { name: 'ingress-nginx-controller-admission', namespace: 'ingress-nginx', path: '/networking/v1/ingresses', port: 443 });
  });

  it('every resource api-resources lists as listable can be listed', async () => {
    const names = (await k.ok('api-resources', '--verbs=list', '-o', 'name')).trim().split('\n');
    assert.ok(names.includes('replicationcontrollers') && names.includes('flowschemas.flowcontrol.apiserver.k8s.io'), names.join(' '));
    const r = await k.run(['get', names.join(','), '-A', '-o', 'name']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('create, get -o wide and scale a ReplicationController', async () => {
    const r = await k.run(['create', '-f', '-'], { input: RC('nginx') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'replicationcontroller/nginx created\n');
    assert.equal(r.stderr, '');
    assertTable(await k.ok('get', 'rc', 'nginx', '-o', 'wide'), ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      [['nginx', '3', /\d/, /\d/, age, 'nginx', 'nginx', 'app=nginx']]);
    assert.equal(await k.ok('scale', 'rc', 'nginx', '--replicas=5'), 'replicationcontroller/nginx scaled\n');
    assert.equal(await k.ok('get', 'rc', 'nginx', '-o', 'jsonpath={.spec.replicas}'), '5');
    const scale = JSON.parse(await k.ok('get', '--raw', `/api/v1/namespaces/${k.ns}/replicationcontrollers/nginx/scale`)) as Obj & { spec: { replicas: number }; status: { selector: string } };
    assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.selector], ['Scale', 5, 'app=nginx']);
  });

  it('the replication manager creates the ReplicationController\'s pods', async () => {
    await until(async () => (await k.ok('get', 'rc', 'nginx', '-o', 'jsonpath={.status.replicas}')) === '5', 'the RC\'s 5 pods', 15_000);
    const owners = await k.ok('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={range .items[*]}{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}{"\\n"}{end}');
    assert.deepEqual(owners.trim().split('\n'), Array(5).fill('ReplicationController/nginx'));
    // kubectl delete rc cascades: the garbage collector deletes the pods it owned.
    assert.equal(await k.ok('delete', 'rc', 'nginx'), 'replicationcontroller "nginx" deleted\n');
    const left = async (): Promise<string[]> => (await k.ok('get', 'pods', '-l', 'app=nginx', '-o',
      'jsonpath={range .items[*]}{.metadata.name} {.metadata.deletionTimestamp}{"\\n"}{end}')).split('\n').filter((l) => l !== '');
    await until(async () => (await left()).every((l) => / \S+$/.test(l)), 'the RC\'s pods to be deleted', 15_000);
  });

  const csr = (): string => k.name('myuser');
  const csrManifest = (): string => {
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'myuser.key', '-subj', '/CN=myuser', '-out', 'myuser.csr'],
      { cwd: k.dir, stdio: 'ignore' });
    return JSON.stringify({
      apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: csr() },
      spec: { request: readFileSync(join(k.dir, 'myuser.csr')).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client',
        expirationSeconds: 86400, usages: ['client auth'] },
    });
  };

  it('create a user\'s CertificateSigningRequest; get csr', async () => {
    const r = await k.run(['create', '-f', '-'], { input: csrManifest() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `certificatesigningrequest.certificates.k8s.io/${csr()} created\n`);
    assert.equal(r.stderr, '');
    const t = parseTable(await k.ok('get', 'csr', csr()));
    assert.deepEqual(t.header, ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION']);
    assert.deepEqual([t.rows[0][0], t.rows[0][2], t.rows[0][4], t.rows[0][5]], [csr(), 'kubernetes.io/kube-apiserver-client', '24h', 'Pending']);
    assert.match(t.rows[0][1], age);
  });

  it('the CertificateSigningRequest records who asked (REQUESTOR)', async () => {
    const who = /Username\s+(\S+)/.exec(await k.ok('auth', 'whoami'))?.[1] ?? '';
    assert.equal(who, 'system:admin');
    const t = parseTable(await k.ok('get', 'csr', csr()));
    assert.equal(t.rows[0][3], who);
    const spec = (await k.json('get', 'csr', csr())).spec as { username: string; groups: string[] };
    assert.deepEqual([spec.username, spec.groups], [who, ['system:masters', 'system:authenticated']]);
  });

  it('certificate approve, then the kube-apiserver-client signer issues the certificate', async () => {
    assert.equal(await k.ok('certificate', 'approve', csr()), `certificatesigningrequest.certificates.k8s.io/${csr()} approved\n`);
    await until(async () => (await k.ok('get', 'csr', csr(), '-o', 'jsonpath={.status.certificate}')) !== '', 'the issued certificate', 15_000);
    assertRows(await k.ok('get', 'csr', csr()), ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION'],
      [[csr(), age, 'kubernetes.io/kube-apiserver-client', /.*/, '24h', 'Approved,Issued']]);
  });

  const group = (): string => `stable${k.tag}.example.com`;

  it('create the CronTab CustomResourceDefinition; get crd; explain', async () => {
    const r = await k.run(['create', '-f', '-'], { input: CRD(group()) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `customresourcedefinition.apiextensions.k8s.io/crontabs.${group()} created\n`);
    assert.equal(r.stderr, '');
    assertTable(await k.ok('get', 'crd', `crontabs.${group()}`), ['NAME', 'CREATED AT'], [[`crontabs.${group()}`, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/]]);
    const crd = await k.json('get', 'crd', `crontabs.${group()}`) as Obj & { spec: { names: Record<string, unknown>; conversion: unknown } };
    assert.deepEqual([crd.spec.names.listKind, crd.spec.conversion], ['CronTabList', { strategy: 'None' }]);
    assert.deepEqual((crd.status as { storedVersions: string[] }).storedVersions, ['v1']);
    assert.match(await k.ok('explain', 'crd.spec.names'), /FIELDS:\n[\s\S]*plural\t<string> -required-/);
  });

  it('the CRD is Established and its custom resources are served (get crontabs)', async () => {
    await k.ok('wait', '--for=condition=established', `crd/crontabs.${group()}`, '--timeout=15s');
    const r = await k.run(['get', `crontabs.${group()}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `No resources found in ${k.ns} namespace.\n`);
  });

  it('create a RuntimeClass, a PriorityLevelConfiguration and a FlowSchema; their columns', async () => {
    const rc = k.name('gvisor');
    await k.ok('create', '-f', '-', { input: JSON.stringify({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: rc }, handler: 'runsc' }) });
    assertTable(await k.ok('get', 'runtimeclass', rc), ['NAME', 'HANDLER', 'AGE'], [[rc, 'runsc', age]]);
    const pl = k.name('my-pl');
    const fs = k.name('my-fs');
    const r = await k.run(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: pl },
        spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } } },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name: fs },
        spec: { priorityLevelConfiguration: { name: pl }, distinguisherMethod: { type: 'ByUser' },
          rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }],
            resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'] }] }] } },
    ] }) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Warning: navarch stores PriorityLevelConfiguration objects but does not enforce API Priority and Fairness/);
    assertTable(await k.ok('get', 'prioritylevelconfiguration', pl),
      ['NAME', 'TYPE', 'NOMINALCONCURRENCYSHARES', 'QUEUES', 'HANDSIZE', 'QUEUELENGTHLIMIT', 'AGE'], [[pl, 'Limited', '30', '64', '8', '50', age]]);
    // MISSINGPL is "?" until the API Priority and Fairness controller has looked at the schema, then False.
    assertTable(await k.ok('get', 'flowschema', fs), ['NAME', 'PRIORITYLEVEL', 'MATCHINGPRECEDENCE', 'DISTINGUISHERMETHOD', 'AGE', 'MISSINGPL'],
      [[fs, pl, '1000', 'ByUser', age, /\?|False/]]);
  });

  it('get flowschemas and prioritylevelconfigurations list Kubernetes\' mandatory exempt and catch-all objects', async () => {
    assertRows(await k.ok('get', 'prioritylevelconfigurations'), ['NAME', 'TYPE', 'NOMINALCONCURRENCYSHARES', 'QUEUES', 'HANDSIZE', 'QUEUELENGTHLIMIT', 'AGE'], [
      ['catch-all', 'Limited', '5', '<none>', '<none>', '<none>', age], ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', age],
    ]);
    assertRows(await k.ok('get', 'flowschemas'), ['NAME', 'PRIORITYLEVEL', 'MATCHINGPRECEDENCE', 'DISTINGUISHERMETHOD', 'AGE', 'MISSINGPL'], [
      ['exempt', 'exempt', '1', '<none>', age, 'False'], ['catch-all', 'catch-all', '10000', 'ByUser', age, 'False'],
    ]);
  });

  it('get apiservices lists a Local, available APIService per served group version', async () => {
    const out = await k.ok('get', 'apiservices');
    assertRows(out, ['NAME', 'SERVICE', 'AVAILABLE', 'AGE'], [
      ['v1.', 'Local', 'True', age], ['v1.apps', 'Local', 'True', age], ['v2.autoscaling', 'Local', 'True', age],
      ['v1.admissionregistration.k8s.io', 'Local', 'True', age], ['v1.flowcontrol.apiserver.k8s.io', 'Local', 'True', age],
    ]);
    assert.equal(parseTable(out).rows.length, 20, out);
  });

  it('get componentstatuses (cs) shows the control plane\'s health, with the deprecation warning', async () => {
    const r = await k.run(['get', 'cs']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, warning('v1 ComponentStatus is deprecated in v1.19+'));
    const t = parseTable(r.stdout);
    assert.deepEqual(t.header, ['NAME', 'STATUS', 'MESSAGE', 'ERROR']);
    assert.deepEqual(t.rows.map((row) => row.join(' ')).sort(), ['controller-manager Healthy ok ', 'etcd-0 Healthy ok ', 'scheduler Healthy ok ']);
  });

  it('create a Binding (the scheduler\'s older way) sets the pod\'s node', async () => {
    await k.ok('run', 'bound', '--image=nginx');
    const r = await k.run(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' },
      target: { apiVersion: 'v1', kind: 'Node', name: k.name('node') } }) });
    assert.equal(r.code, 0, r.stderr);
    // kube-apiserver answers a Binding POST with a Success Status (201), not the Binding; kubectl names
    // what it got back, a Status without a name.
    assert.equal(r.stdout, 'status/<unknown> created\n');
    assert.equal(await k.ok('get', 'pod', 'bound', '-o', 'jsonpath={.spec.nodeName}'), k.name('node'));
  });
});
