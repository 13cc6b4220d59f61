import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isServiceIPSet, selectedPods, serviceIPFamilies, serviceSelector, servicesSelecting } from './service-selection.js';
import type { Pod, Service } from './types.js';

const svc = (name: string, spec: NonNullable<Service['spec']>): Service => ({ metadata: { name, namespace: 'ns' }, spec });
const pod = (name: string, labels: Record<string, string>): Pod => ({ metadata: { name, namespace: 'ns', labels } });

describe('service selection', () => {
  it('treats an empty selector as none', () => {
    assert.equal(serviceSelector(svc('a', { selector: {} })), undefined);
    assert.equal(serviceSelector(svc('a', {})), undefined);
    assert.deepEqual(selectedPods(svc('a', { selector: {} }), [pod('p', { app: 'x' })]), []);
  });

  it('matches every selector label', () => {
    const pods = [pod('p1', { app: 'web', tier: 'fe' }), pod('p2', { app: 'web' }), pod('p3', { app: 'db' })];
    assert.deepEqual(selectedPods(svc('a', { selector: { app: 'web', tier: 'fe' } }), pods).map((p) => p.metadata.name), ['p1']);
    const services = [svc('web', { selector: { app: 'web' } }), svc('fe', { selector: { tier: 'fe' } }), svc('ext', {})];
    assert.deepEqual(servicesSelecting(pods[0], services).map((s) => s.metadata.name), ['web', 'fe']);
  });

  it('knows headless services and IP families', () => {
    assert.equal(isServiceIPSet(svc('a', { clusterIP: 'None' })), false);
    assert.equal(isServiceIPSet(svc('a', { clusterIP: '10.43.0.5' })), true);
    assert.deepEqual(serviceIPFamilies(svc('a', { ipFamilies: ['IPv6', 'IPv4'] })), ['IPv6', 'IPv4']);
    assert.deepEqual(serviceIPFamilies(svc('a', { clusterIP: 'fd00::10' })), ['IPv6']);
    assert.deepEqual(serviceIPFamilies(svc('a', {})), ['IPv4']);
  });
});
