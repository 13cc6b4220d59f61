import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources, type ResourceDef } from '../../api/index.js';
import { apiGroup, apiGroupList, apiResourceList, legacyApiVersions, virtualResources } from './index.js';
import { fixtureBindings, fixtureDeployments, fixtureHpaV1, fixtureHpaV2, fixturePods } from './testing.js';

const core = builtinResources.filter((r) => r.group === '' && (r.plural === 'namespaces' || r.plural === 'configmaps'));
const all: ResourceDef[] = [...core, fixtureHpaV1, fixtureDeployments, fixtureHpaV2];

describe('legacyApiVersions', () => {
  it('names v1 and the server address', () => {
    assert.deepEqual(legacyApiVersions('10.0.0.1:6443'), {
      kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
    });
  });
});

describe('apiGroupList', () => {
  it('lists named groups in Kubernetes order with the preferred version first', () => {
    const list = apiGroupList(all);
    assert.equal(list.kind, 'APIGroupList');
    assert.equal(list.apiVersion, 'v1');
    assert.deepEqual(list.groups.map((g) => g.name), ['apps', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling']);
    const autoscaling = list.groups.find((g) => g.name === 'autoscaling');
    assert.deepEqual(autoscaling, {
      name: 'autoscaling',
      versions: [{ groupVersion: 'autoscaling/v2', version: 'v2' }, { groupVersion: 'autoscaling/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
  });

  it('includes the virtual review groups even with no kinds', () => {
    assert.deepEqual(apiGroupList([]).groups.map((g) => g.name), ['authentication.k8s.io', 'authorization.k8s.io']);
  });
});

describe('apiGroup', () => {
  it('describes one group, or nothing for an unknown one', () => {
    assert.deepEqual(apiGroup(all, 'apps'), {
      kind: 'APIGroup', apiVersion: 'v1', name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    assert.equal(apiGroup(all, 'nope.example.com'), undefined);
    assert.equal(apiGroup(all, ''), undefined);
  });
});

describe('apiResourceList', () => {
  it('lists core namespaces and configmaps with their subresources, sorted by name', () => {
    const list = apiResourceList(core, '', 'v1');
    assert.ok(list);
    assert.equal(list.kind, 'APIResourceList');
    assert.equal(list.apiVersion, undefined);
    assert.equal(list.groupVersion, 'v1');
    assert.deepEqual(list.resources.map((r) => r.name), ['configmaps', 'namespaces', 'namespaces/finalize', 'namespaces/status']);
    const cm = list.resources[0];
    assert.deepEqual(cm, {
      name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['cm'], storageVersionHash: 'qFsyl6wFWjQ=',
    });
    assert.deepEqual(list.resources[2], { name: 'namespaces/finalize', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['update'] });
    assert.deepEqual(list.resources[3], { name: 'namespaces/status', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['get', 'patch', 'update'] });
  });

  it('lists the pod subresources only when pods are served', () => {
    assert.ok(!apiResourceList(core, '', 'v1')?.resources.some((r) => r.name.startsWith('pods')));
    const list = apiResourceList([fixturePods, fixtureBindings], '', 'v1');
    assert.ok(list);
    const byName = new Map(list.resources.map((r) => [r.name, r]));
    assert.deepEqual([...byName.keys()], [
      'bindings', 'pods', 'pods/attach', 'pods/binding', 'pods/ephemeralcontainers', 'pods/eviction', 'pods/exec', 'pods/log',
      'pods/portforward', 'pods/proxy', 'pods/status',
    ]);
    assert.equal(byName.get('pods')?.storageVersionHash, 'xPOwRZ+Yhw8=');
    assert.deepEqual(byName.get('pods')?.categories, ['all']);
    assert.deepEqual(byName.get('bindings')?.verbs, ['create']);
    assert.deepEqual(byName.get('pods/log'), { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    assert.deepEqual(byName.get('pods/exec')?.verbs, ['create', 'get']);
    assert.equal(byName.get('pods/exec')?.kind, 'PodExecOptions');
    assert.deepEqual(byName.get('pods/eviction'), {
      name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'],
    });
  });

  it('gives deployments/scale the autoscaling/v1 Scale kind', () => {
    const list = apiResourceList(all, 'apps', 'v1');
    assert.ok(list);
    assert.equal(list.apiVersion, 'v1');
    assert.equal(list.groupVersion, 'apps/v1');
    assert.deepEqual(list.resources.map((r) => r.name), ['deployments', 'deployments/scale', 'deployments/status']);
    assert.deepEqual(list.resources[1], {
      name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'],
    });
    assert.equal(list.resources[0].storageVersionHash, '8aSe+NMegvE=');
  });

  it('serves the virtual review resources', () => {
    const authz = apiResourceList([], 'authorization.k8s.io', 'v1');
    assert.deepEqual(authz?.resources.map((r) => [r.name, r.namespaced, r.kind, r.verbs.join()]), [
      ['localsubjectaccessreviews', true, 'LocalSubjectAccessReview', 'create'],
      ['selfsubjectaccessreviews', false, 'SelfSubjectAccessReview', 'create'],
      ['selfsubjectrulesreviews', false, 'SelfSubjectRulesReview', 'create'],
      ['subjectaccessreviews', false, 'SubjectAccessReview', 'create'],
    ]);
    const authn = apiResourceList([], 'authentication.k8s.io', 'v1');
    assert.deepEqual(authn?.resources.map((r) => r.name), ['selfsubjectreviews', 'tokenreviews']);
    assert.equal(authn?.resources[0].storageVersionHash, undefined);
    assert.equal(virtualResources.length, 6);
  });

  it('gives no storageVersionHash to kinds that are never stored, as Kubernetes does (bindings, componentstatuses)', () => {
    const core = apiResourceList(builtinResources, '', 'v1');
    const byName = new Map(core?.resources.map((r) => [r.name, r]));
    assert.deepEqual(byName.get('bindings'), { name: 'bindings', singularName: 'binding', namespaced: true, kind: 'Binding', verbs: ['create'] });
    assert.deepEqual(byName.get('componentstatuses'), {
      name: 'componentstatuses', singularName: 'componentstatus', namespaced: false, kind: 'ComponentStatus', verbs: ['get', 'list'], shortNames: ['cs'],
    });
    assert.equal(typeof byName.get('replicationcontrollers')?.storageVersionHash, 'string');
    assert.deepEqual(['replicationcontrollers/scale', 'replicationcontrollers/status'].map((n) => byName.has(n)), [true, true]);
  });

  it('lists certificatesigningrequests/approval beside status', () => {
    const list = apiResourceList(builtinResources, 'certificates.k8s.io', 'v1');
    assert.deepEqual(list?.resources.map((r) => [r.name, r.kind, r.verbs.join()]), [
      ['certificatesigningrequests', 'CertificateSigningRequest', 'create,delete,deletecollection,get,list,patch,update,watch'],
      ['certificatesigningrequests/approval', 'CertificateSigningRequest', 'get,patch,update'],
      ['certificatesigningrequests/status', 'CertificateSigningRequest', 'get,patch,update'],
    ]);
    assert.deepEqual(list?.resources[0].shortNames, ['csr']);
  });

  it('is undefined for a version that is not served', () => {
    assert.equal(apiResourceList(all, 'apps', 'v1beta1'), undefined);
    assert.equal(apiResourceList(all, '', 'v2'), undefined);
  });
});
