/** Tests of the configuration list and of how each plugin's execution config is derived from it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildConflist, loopbackConfig, pluginTypes } from './conflist.js';
import { pluginExecConfig } from './plugin-chain.js';

describe('the navarch conflist', () => {
  const list = buildConflist({ networkName: 'navarch', bridge: 'cni0', podCIDR: '10.42.1.9/24', ipamDataDir: '/var/lib/x/cni/ipam', mtu: 1400 });

  it('is a bridge with host-local IPAM over the pod CIDR followed by portmap', () => {
    assert.equal(list.cniVersion, '1.0.0');
    assert.equal(list.name, 'navarch');
    assert.deepEqual(list.plugins.map((p) => p.type), ['bridge', 'portmap']);
    const bridge = list.plugins[0]!;
    assert.equal(bridge.bridge, 'cni0');
    assert.equal(bridge.isGateway, true);
    assert.equal(bridge.hairpinMode, true);
    assert.equal(bridge.ipMasq, false);
    assert.equal(bridge.mtu, 1400);
    assert.deepEqual(bridge.ipam, {
      type: 'host-local', ranges: [[{ subnet: '10.42.1.0/24' }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: '/var/lib/x/cni/ipam',
    });
    assert.deepEqual(list.plugins[1], { type: 'portmap', capabilities: { portMappings: true }, snat: true });
    assert.deepEqual(pluginTypes(list), ['bridge', 'host-local', 'portmap']);
    assert.equal(loopbackConfig().type, 'loopback');
  });

  it('derives each plugin\'s execution config: name, version, prevResult, runtimeConfig by capability', () => {
    const pm = [{ hostPort: 8080, containerPort: 80, protocol: 'tcp', hostIP: '' }];
    const first = pluginExecConfig(list, list.plugins[0]!, { portMappings: pm }, undefined);
    assert.equal(first.name, 'navarch');
    assert.equal(first.cniVersion, '1.0.0');
    assert.equal('runtimeConfig' in first, false, 'bridge declares no capability');
    assert.equal('prevResult' in first, false);
    const prev = { cniVersion: '1.0.0', ips: [{ address: '10.42.1.2/24' }] };
    const second = pluginExecConfig(list, list.plugins[1]!, { portMappings: pm, other: 1 }, prev);
    assert.deepEqual(second.runtimeConfig, { portMappings: pm });
    assert.deepEqual(second.prevResult, prev);
    const none = pluginExecConfig(list, list.plugins[1]!, {}, prev);
    assert.equal('runtimeConfig' in none, false);
  });
});
