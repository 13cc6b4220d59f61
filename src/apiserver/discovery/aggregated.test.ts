import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources } from '../../api/index.js';
import { aggregatedDiscovery, negotiateAggregatedDiscovery } from './index.js';
import { fixtureDeployments, fixtureHpaV1, fixtureHpaV2 } from './testing.js';

const core = builtinResources.filter((r) => r.group === '' && (r.plural === 'namespaces' || r.plural === 'configmaps'));
const all = [...core, fixtureDeployments, fixtureHpaV1, fixtureHpaV2];

describe('aggregatedDiscovery', () => {
  it('describes the core group at /api', () => {
    const doc = aggregatedDiscovery(all, 'legacy');
    assert.equal(doc.kind, 'APIGroupDiscoveryList');
    assert.equal(doc.apiVersion, 'apidiscovery.k8s.io/v2');
    assert.deepEqual(doc.metadata, {});
    assert.equal(doc.items.length, 1);
    const [group] = doc.items;
    assert.deepEqual(group.metadata, { creationTimestamp: null });
    assert.equal(group.versions.length, 1);
    assert.equal(group.versions[0].version, 'v1');
    assert.equal(group.versions[0].freshness, 'Current');
    assert.deepEqual(group.versions[0].resources, [
      {
        resource: 'configmaps', responseKind: { group: '', version: '', kind: 'ConfigMap' }, scope: 'Namespaced',
        singularResource: 'configmap', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['cm'],
      },
      {
        resource: 'namespaces', responseKind: { group: '', version: '', kind: 'Namespace' }, scope: 'Cluster',
        singularResource: 'namespace', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['ns'],
        subresources: [
          { subresource: 'finalize', responseKind: { group: '', version: '', kind: 'Namespace' }, verbs: ['update'] },
          { subresource: 'status', responseKind: { group: '', version: '', kind: 'Namespace' }, verbs: ['get', 'patch', 'update'] },
        ],
      },
    ]);
  });

  it('describes named groups at /apis, preferred version first, with subresources', () => {
    const doc = aggregatedDiscovery(all, 'apis', 'apidiscovery.k8s.io/v2beta1');
    assert.equal(doc.apiVersion, 'apidiscovery.k8s.io/v2beta1');
    assert.deepEqual(doc.items.map((g) => g.metadata.name), ['apps', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling']);
    const autoscaling = doc.items[3];
    assert.deepEqual(autoscaling.versions.map((v) => v.version), ['v2', 'v1']);
    const deployments = doc.items[0].versions[0].resources[0];
    assert.equal(deployments.resource, 'deployments');
    assert.deepEqual(deployments.categories, ['all']);
    assert.deepEqual(deployments.subresources, [
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: '', version: '', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
    const reviews = doc.items[1].versions[0].resources;
    assert.deepEqual(reviews.map((r) => [r.resource, r.scope, r.verbs.join()]), [
      ['selfsubjectreviews', 'Cluster', 'create'], ['tokenreviews', 'Cluster', 'create'],
    ]);
  });
});

describe('negotiateAggregatedDiscovery', () => {
  it('picks the first aggregated JSON media range', () => {
    assert.deepEqual(
      negotiateAggregatedDiscovery('application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'),
      { apiVersion: 'apidiscovery.k8s.io/v2', contentType: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' },
    );
    assert.deepEqual(
      negotiateAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList, application/json'),
      { apiVersion: 'apidiscovery.k8s.io/v2beta1', contentType: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList' },
    );
  });

  it('declines plain JSON, other versions and refused ranges', () => {
    assert.equal(negotiateAggregatedDiscovery('application/json, */*'), undefined);
    assert.equal(negotiateAggregatedDiscovery(undefined), undefined);
    assert.equal(negotiateAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList'), undefined);
    assert.equal(negotiateAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0'), undefined);
  });
});
