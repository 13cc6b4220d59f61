/**
 * Discovery as kubectl prints it: `api-resources` (004:1392 --namespaced=true, 004:1398
 * --namespaced=false), `api-versions`, `cluster-info`, and `get --raw`.
 */
import assert from 'node:assert/strict';
import { notesSuite, type Obj, it } from './kit.js';
import { parseTable } from './table.js';

const HEADER = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];

/** The built-in resources a Kubernetes 1.32 API server serves by default: name, short names, version, namespaced, kind. */
const K8S_132: Array<[string, string, string, boolean, string]> = [
  ['bindings', '', 'v1', true, 'Binding'], ['componentstatuses', 'cs', 'v1', false, 'ComponentStatus'],
  ['configmaps', 'cm', 'v1', true, 'ConfigMap'], ['endpoints', 'ep', 'v1', true, 'Endpoints'], ['events', 'ev', 'v1', true, 'Event'],
  ['limitranges', 'limits', 'v1', true, 'LimitRange'], ['namespaces', 'ns', 'v1', false, 'Namespace'], ['nodes', 'no', 'v1', false, 'Node'],
  ['persistentvolumeclaims', 'pvc', 'v1', true, 'PersistentVolumeClaim'], ['persistentvolumes', 'pv', 'v1', false, 'PersistentVolume'],
  ['pods', 'po', 'v1', true, 'Pod'], ['podtemplates', '', 'v1', true, 'PodTemplate'],
  ['replicationcontrollers', 'rc', 'v1', true, 'ReplicationController'], ['resourcequotas', 'quota', 'v1', true, 'ResourceQuota'],
  ['secrets', '', 'v1', true, 'Secret'], ['serviceaccounts', 'sa', 'v1', true, 'ServiceAccount'], ['services', 'svc', 'v1', true, 'Service'],
  ['mutatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false, 'MutatingWebhookConfiguration'],
  ['validatingadmissionpolicies', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingAdmissionPolicy'],
  ['validatingadmissionpolicybindings', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingAdmissionPolicyBinding'],
  ['validatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false, 'ValidatingWebhookConfiguration'],
  ['customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', false, 'CustomResourceDefinition'],
  ['apiservices', '', 'apiregistration.k8s.io/v1', false, 'APIService'],
  ['controllerrevisions', '', 'apps/v1', true, 'ControllerRevision'], ['daemonsets', 'ds', 'apps/v1', true, 'DaemonSet'],
  ['deployments', 'deploy', 'apps/v1', true, 'Deployment'], ['replicasets', 'rs', 'apps/v1', true, 'ReplicaSet'],
  ['statefulsets', 'sts', 'apps/v1', true, 'StatefulSet'],
  ['selfsubjectreviews', '', 'authentication.k8s.io/v1', false, 'SelfSubjectReview'], ['tokenreviews', '', 'authentication.k8s.io/v1', false, 'TokenReview'],
  ['localsubjectaccessreviews', '', 'authorization.k8s.io/v1', true, 'LocalSubjectAccessReview'],
  ['selfsubjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectAccessReview'],
  ['selfsubjectrulesreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectRulesReview'],
  ['subjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SubjectAccessReview'],
  ['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', true, 'HorizontalPodAutoscaler'],
  ['cronjobs', 'cj', 'batch/v1', true, 'CronJob'], ['jobs', '', 'batch/v1', true, 'Job'],
  ['certificatesigningrequests', 'csr', 'certificates.k8s.io/v1', false, 'CertificateSigningRequest'],
  ['leases', '', 'coordination.k8s.io/v1', true, 'Lease'], ['endpointslices', '', 'discovery.k8s.io/v1', true, 'EndpointSlice'],
  ['events', 'ev', 'events.k8s.io/v1', true, 'Event'],
  ['flowschemas', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'FlowSchema'],
  ['prioritylevelconfigurations', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'PriorityLevelConfiguration'],
  ['ingressclasses', '', 'networking.k8s.io/v1', false, 'IngressClass'], ['ingresses', 'ing', 'networking.k8s.io/v1', true, 'Ingress'],
  ['networkpolicies', 'netpol', 'networking.k8s.io/v1', true, 'NetworkPolicy'], ['runtimeclasses', '', 'node.k8s.io/v1', false, 'RuntimeClass'],
  ['poddisruptionbudgets', 'pdb', 'policy/v1', true, 'PodDisruptionBudget'],
  ['clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRoleBinding'],
  ['clusterroles', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRole'],
  ['rolebindings', '', 'rbac.authorization.k8s.io/v1', true, 'RoleBinding'], ['roles', '', 'rbac.authorization.k8s.io/v1', true, 'Role'],
  ['priorityclasses', 'pc', 'scheduling.k8s.io/v1', false, 'PriorityClass'], ['csidrivers', '', 'storage.k8s.io/v1', false, 'CSIDriver'],
  ['csinodes', '', 'storage.k8s.io/v1', false, 'CSINode'], ['csistoragecapacities', '', 'storage.k8s.io/v1', true, 'CSIStorageCapacity'],
  ['storageclasses', 'sc', 'storage.k8s.io/v1', false, 'StorageClass'], ['volumeattachments', '', 'storage.k8s.io/v1', false, 'VolumeAttachment'],
];

/** What the notes' manifests and commands use (navarch serves these today). */
const NOTES_KINDS = new Set(['configmaps', 'endpoints', 'events', 'limitranges', 'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes',
  'pods', 'resourcequotas', 'secrets', 'serviceaccounts', 'services', 'controllerrevisions', 'daemonsets', 'deployments', 'replicasets',
  'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs', 'leases', 'endpointslices', 'ingressclasses', 'ingresses', 'networkpolicies',
  'poddisruptionbudgets', 'clusterrolebindings', 'clusterroles', 'rolebindings', 'roles', 'priorityclasses', 'storageclasses']);

const rowsOf = (out: string): string[][] => {
  const t = parseTable(out);
  assert.deepEqual(t.header, HEADER, out);
  return t.rows;
};
const key = (r: Array<string | boolean>): string => `${r[2]} ${r[0]}`;

notesSuite('discovery', (k) => {
  it('004:1392 api-resources --namespaced=true lists the namespaced kinds the notes use, each as Kubernetes names it', async () => {
    const rows = rowsOf(await k.ok('api-resources', '--namespaced=true'));
    assert.ok(rows.every((r) => r[3] === 'true'));
    const got = new Map(rows.map((r) => [key(r), r.join(' ')]));
    for (const want of K8S_132.filter((w) => w[3] && NOTES_KINDS.has(w[0]))) {
      assert.equal(got.get(key(want)), want.join(' '), `row ${key(want)}`);
    }
  });

  it('004:1398 api-resources --namespaced=false lists the cluster-scoped kinds the notes use', async () => {
    const rows = rowsOf(await k.ok('api-resources', '--namespaced=false'));
    assert.ok(rows.every((r) => r[3] === 'false'));
    const got = new Map(rows.map((r) => [key(r), r.join(' ')]));
    for (const want of K8S_132.filter((w) => !w[3] && NOTES_KINDS.has(w[0]))) {
      assert.equal(got.get(key(want)), want.join(' '), `row ${key(want)}`);
    }
  });

  it('api-resources lists exactly the built-in resources of a Kubernetes 1.32 API server', async () => {
    const rows = rowsOf(await k.ok('api-resources'));
    assert.deepEqual(rows.map((r) => key(r)).sort(), K8S_132.map(key).sort());
  });

  it('api-resources -o name and --api-group', async () => {
    const names = (await k.ok('api-resources', '--api-group=apps', '-o', 'name')).trim().split('\n');
    assert.deepEqual(names, ['controllerrevisions.apps', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps']);
    const verbs = parseTable(await k.ok('api-resources', '--api-group=apps', '-o', 'wide'));
    assert.deepEqual(verbs.header, [...HEADER, 'VERBS', 'CATEGORIES']);
    assert.deepEqual(verbs.rows.find((r) => r[0] === 'deployments')?.slice(5),
      ['create,delete,deletecollection,get,list,patch,update,watch', 'all']);
  });

  it('api-versions lists the group versions a Kubernetes 1.32 API server serves', async () => {
    assert.equal(await k.ok('api-versions'), [
      'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1', 'authentication.k8s.io/v1',
      'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'certificates.k8s.io/v1', 'coordination.k8s.io/v1',
      'discovery.k8s.io/v1', 'events.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1', 'networking.k8s.io/v1', 'node.k8s.io/v1', 'policy/v1',
      'rbac.authorization.k8s.io/v1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1', 'v1', ''].join('\n'));
  });

  it('api-versions includes every group version the notes\' manifests use, and none they use wrongly', async () => {
    const versions = (await k.ok('api-versions')).trim().split('\n');
    for (const v of ['v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1']) {
      assert.ok(versions.includes(v), v);
    }
    for (const v of ['batch/v1beta1', 'autoscaling/v2beta2', 'extensions/v1beta1']) assert.ok(!versions.includes(v), v);
  });

  it('cluster-info names the control plane', async () => {
    const url = k.cluster.url;
    const out = await k.ok('cluster-info');
    const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
    assert.match(plain, new RegExp(`^Kubernetes control plane is running at ${url.replace(/[.]/g, '\\.')}\n`));
    assert.match(plain, /\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'\.\n$/);
  });

  it('cluster-info also lists the cluster DNS add-on', async () => {
    const plain = (await k.ok('cluster-info')).replace(/\x1b\[[0-9;]*m/g, '');
    assert.match(plain, new RegExp(`^CoreDNS is running at ${k.cluster.url.replace(/[.]/g, '\\.')}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy$`, 'm'));
  });

  it('get --raw of /version, /healthz, /readyz, /livez and an object', async () => {
    const version = JSON.parse(await k.ok('get', '--raw', '/version')) as Record<string, string>;
    assert.equal(version.major, '1');
    assert.equal(version.minor, '32');
    assert.match(version.gitVersion, /^v1\.32\.\d+/);
    assert.equal(await k.ok('get', '--raw', '/healthz'), 'ok');
    assert.equal(await k.ok('get', '--raw', '/livez'), 'ok');
    assert.equal(await k.ok('get', '--raw', '/readyz'), 'ok');
    assert.match(await k.ok('get', '--raw', '/readyz?verbose'), /\[\+\]ping ok\n[\s\S]*readyz check passed\n$/);
    const ns = JSON.parse(await k.ok('get', '--raw', `/api/v1/namespaces/${k.ns}`)) as Obj;
    assert.equal(ns.kind, 'Namespace');
    assert.equal(ns.metadata?.name, k.ns);
    const missing = await k.fails('get', '--raw', '/api/v1/namespaces/nope-at-all');
    assert.equal(missing.stderr, 'Error from server (NotFound): namespaces "nope-at-all" not found\n');
    const list = JSON.parse(await k.ok('get', '--raw', '/apis/apps/v1/namespaces/default/deployments?limit=1')) as Obj & { kind: string };
    assert.equal(list.kind, 'DeploymentList');
  });
});
