import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../../meta/field-errors.js';
import { validateNodeSelector, validateTopologySelectorTerm } from './validate-node-selector.js';
import { validatePersistentVolumeClaimSpec } from './validate-pvc-spec.js';
import { validateTolerations } from './validate-toleration.js';

describe('shared core validation', () => {
  it('validates node selectors', () => {
    assert.deepEqual(validateNodeSelector({ nodeSelectorTerms: [] }, false, 'spec.nodeAffinity.required').map(fieldErrorString), [
      'spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term',
    ]);
    const errs = validateNodeSelector({ nodeSelectorTerms: [{
      matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'Gt', values: ['1', '2'] }, { key: 'a', operator: 'Near' }],
      matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['x'] }],
    }] }, false, 'r').map(fieldErrorString);
    assert.deepEqual(errs, [
      "r.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
      'r.nodeSelectorTerms[0].matchExpressions[1].operator: Invalid value: "Near": not a valid selector operator',
      'r.nodeSelectorTerms[0].matchFields[0].key: Invalid value: "metadata.uid": not a valid field selector key',
    ]);
  });

  it('validates topology selector terms', () => {
    assert.deepEqual(validateTopologySelectorTerm({ matchLabelExpressions: [{ key: 'zone', values: ['a', 'a'] }, { key: 'zone', values: [] }] }, 't')
      .map(fieldErrorString), [
      't.matchLabelExpressions[0].values[1]: Duplicate value: "a"',
      't.matchLabelExpressions[1].values: Required value',
      't.matchLabelExpressions[1].key: Duplicate value: "zone"',
    ]);
  });

  it('validates tolerations', () => {
    assert.deepEqual(validateTolerations([{ key: 'k', operator: 'In', effect: 'NoSchedule' }], 'spec.tolerations').map(fieldErrorString), [
      'spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
    ]);
    assert.deepEqual(validateTolerations([{ operator: 'Exists' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], 't'), []);
  });

  it('validates claim specs', () => {
    assert.deepEqual(validatePersistentVolumeClaimSpec({ accessModes: ['ReadWriteOnce', 'ReadWriteOncePod', 'Sometimes'], resources: {} }, 'spec')
      .map(fieldErrorString), [
      'spec.accessModes: Unsupported value: "Sometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
      'spec.resources[storage]: Required value',
    ]);
    assert.deepEqual(validatePersistentVolumeClaimSpec({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'local-path' }, 'spec'), []);
  });
});
