import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SIMULATION, parseLabels, parseNodeTemplate, parseSimulationConfig, parseTaints } from './config.js';

describe('simulation config', () => {
  it('lays the file over the defaults and refuses unknown keys and bad values', () => {
    const c = parseSimulationConfig('startupDelaySeconds: 2\nfailureProbability: 0.25\n');
    assert.equal(c.startupDelaySeconds, 2);
    assert.equal(c.failureProbability, 0.25);
    assert.equal(c.leaseDurationSeconds, DEFAULT_SIMULATION.leaseDurationSeconds);
    assert.throws(() => parseSimulationConfig('startupDelay: 2'), /unknown key "startupDelay"/);
    assert.throws(() => parseSimulationConfig('runSeconds: -1'), /non-negative number/);
    assert.throws(() => parseSimulationConfig('failureProbability: 2'), /between 0 and 1/);
  });
});

describe('node template and flags', () => {
  it('reads labels, taints and capacity from a Node-shaped YAML', () => {
    const t = parseNodeTemplate('metadata:\n  labels: {gpu: "true"}\nspec:\n  taints: [{key: gpu, effect: NoSchedule}]\nstatus:\n  capacity: {cpu: "8", nvidia.com/gpu: "2"}\n');
    assert.deepEqual(t.labels, { gpu: 'true' });
    assert.deepEqual(t.taints, [{ key: 'gpu', effect: 'NoSchedule' }]);
    assert.deepEqual(t.capacity, { cpu: '8', memory: '256Gi', pods: '110', 'ephemeral-storage': '1Ti', 'nvidia.com/gpu': '2' });
    assert.throws(() => parseNodeTemplate('spec:\n  taints: [{key: x, effect: Sometimes}]\n'), /bad taint/);
  });

  it('parses taint and label flags as kubectl writes them', () => {
    assert.deepEqual(parseTaints('dedicated=gpu:NoSchedule, spot:PreferNoSchedule'), [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'spot', effect: 'PreferNoSchedule' },
    ]);
    assert.throws(() => parseTaints('nope'), /Cannot parse taint/);
    assert.deepEqual(parseLabels('a=1,b='), { a: '1', b: '' });
  });
});
