import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { poddisruptionbudgets } from './pdb.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

function pdb(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec };
}

describe('PodDisruptionBudget', () => {
  it('decodes a typical manifest and accepts it', () => {
    const p = parse(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: nginx-pdb
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: nginx
  unhealthyPodEvictionPolicy: AlwaysAllow
`) as KObject;
    assert.deepEqual(checkStructure(poddisruptionbudgets.schema, p).unknown, []);
    assert.deepEqual(poddisruptionbudgets.validate!(p, ctx), []);
  });

  it('rejects minAvailable with maxUnavailable, bad percentages and unknown policies', () => {
    const errs = poddisruptionbudgets.validate!(pdb({
      minAvailable: 2, maxUnavailable: '150%', selector: { matchLabels: { app: 'nginx' } }, unhealthyPodEvictionPolicy: 'Never',
    }), ctx).map(fieldErrorString);
    assert.deepEqual(errs, [
      'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc01a234760), Selector:(*v1.LabelSelector)(0xc01a234780), MaxUnavailable:(*intstr.IntOrString)(0xc01a2347a0), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(0xc01a2347c0)}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
    assert.deepEqual(poddisruptionbudgets.validate!(pdb({ minAvailable: -1 }), ctx).map(fieldErrorString), [
      'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('prints MIN AVAILABLE, MAX UNAVAILABLE, ALLOWED DISRUPTIONS', () => {
    const p = pdb({ minAvailable: 2, selector: { matchLabels: { app: 'nginx' } } });
    p.status = { disruptionsAllowed: 1 };
    assert.deepEqual(poddisruptionbudgets.table!.cells(p, new Date('2024-01-01T00:00:05Z')), ['2', 'N/A', 1, '5s']);
    assert.deepEqual(poddisruptionbudgets.table!.columns.map((c) => c.name), ['Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age']);
    assert.deepEqual(poddisruptionbudgets.shortNames, ['pdb']);
  });

  it('bumps the generation when the spec changes', () => {
    const old = pdb({ minAvailable: 1 });
    old.metadata.generation = 1;
    const next = pdb({ minAvailable: '50%' });
    poddisruptionbudgets.prepareForUpdate!(next, old);
    assert.equal(next.metadata.generation, 2);
  });
});
