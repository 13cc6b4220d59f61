import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import { claimMatchesScope, isBestEffort, podMatchesScope, quotaScopeSelectors } from './scopes.js';

describe('quota scopes', () => {
  it('turns spec.scopes into Exists conditions before the scope selector', () => {
    assert.deepEqual(quotaScopeSelectors({ metadata: {}, spec: { scopes: ['BestEffort'], scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } } }), [
      { scopeName: 'BestEffort', operator: 'Exists' }, { scopeName: 'PriorityClass', operator: 'In', values: ['high'] },
    ]);
  });

  it('reads the QoS class from the status, else from the spec', () => {
    const plain: Pod = { metadata: {}, spec: { containers: [{ name: 'c' }] } };
    assert.ok(isBestEffort(plain));
    assert.ok(!isBestEffort({ ...plain, status: { qosClass: 'Burstable' } }));
  });

  it('matches pods using cross-namespace affinity terms', () => {
    const sel = { scopeName: 'CrossNamespacePodAffinity', operator: 'Exists' };
    const withTerm = (term: object): Pod => ({ metadata: {}, spec: { containers: [], affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }] } } } });
    assert.ok(podMatchesScope(sel, withTerm({ topologyKey: 'k', namespaces: ['other'] })));
    assert.ok(podMatchesScope(sel, withTerm({ topologyKey: 'k', namespaceSelector: {} })));
    assert.ok(!podMatchesScope(sel, withTerm({ topologyKey: 'k' })));
  });

  it('matches claims by the volume attributes classes they name', () => {
    const claim = (name?: string): KObject => ({ metadata: {}, spec: { volumeAttributesClassName: name } } as KObject);
    const sel = (operator: string, values?: string[]) => ({ scopeName: 'VolumeAttributesClass', operator, values });
    assert.ok(claimMatchesScope(sel('Exists'), claim('fast')));
    assert.ok(!claimMatchesScope(sel('Exists'), claim()));
    assert.ok(claimMatchesScope(sel('In', ['fast']), claim('fast')));
    assert.ok(claimMatchesScope(sel('NotIn', ['fast']), claim()));
    assert.ok(!claimMatchesScope({ scopeName: 'BestEffort', operator: 'Exists' }, claim('fast')));
  });
});
