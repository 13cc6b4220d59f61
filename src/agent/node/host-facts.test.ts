import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memoryKi, osImage, resources, type HostFacts } from './host-facts.js';

describe('host facts', () => {
  it('reads MemTotal and the OS name', () => {
    assert.equal(memoryKi('MemTotal:       24596724 kB\nMemFree: 1 kB\n'), 24596724);
    assert.equal(osImage('NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'), 'Debian GNU/Linux 12 (bookworm)');
  });

  it('reserves the default eviction thresholds from allocatable', () => {
    const f: HostFacts = {
      hostname: 'h', internalIP: '10.0.0.2', cpuCores: 2, memoryKi: 2_000_000, diskBytes: 100 * 1024 * 1024 * 1024,
      machineID: '', bootID: '', kernelVersion: '', osImage: '',
    };
    const r = resources(f);
    assert.equal(r.capacity.memory, '2000000Ki');
    assert.equal(r.allocatable.memory, `${2_000_000 - 102_400}Ki`);
    assert.equal(r.capacity['ephemeral-storage'], `${100 * 1024 * 1024}Ki`);
    assert.equal(r.allocatable['ephemeral-storage'], String(Math.floor(100 * 1024 * 1024 * 1024 * 0.9)));
    assert.equal(r.capacity.pods, '110');
    assert.equal(r.allocatable.cpu, '2');
  });
});
