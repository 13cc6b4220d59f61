import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { metadataFieldValue, podFieldValue, sortPodIPs, splitSubscript } from './field-ref.js';

const pod: Pod = {
  metadata: {
    name: 'web', namespace: 'shop', uid: 'uid-1',
    labels: { app: 'web', tier: 'front' },
    annotations: { 'example.com/note': 'say "hi"', Mixed: 'case' },
  },
  spec: { nodeName: 'node-a', serviceAccountName: 'builder', restartPolicy: 'Always' },
};

describe('fieldRef values', () => {
  const hostIPs = ['192.168.1.5', 'fd00::5'];
  const podIPs = ['fd42::7', '10.42.0.7'];
  const cases: Array<[string, string]> = [
    ['metadata.name', 'web'],
    ['metadata.namespace', 'shop'],
    ['metadata.uid', 'uid-1'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['missing']", ''],
    ["metadata.annotations['example.com/note']", 'say "hi"'],
    ["metadata.annotations['Mixed']", 'case'],
    ['metadata.labels', 'app="web"\ntier="front"'],
    ['metadata.annotations', 'Mixed="case"\nexample.com/note="say \\"hi\\""'],
    ['spec.nodeName', 'node-a'],
    ['spec.host', 'node-a'],
    ['spec.serviceAccountName', 'builder'],
    ['status.hostIP', '192.168.1.5'],
    ['status.hostIPs', '192.168.1.5,fd00::5'],
    ['status.podIP', '10.42.0.7'],
    ['status.podIPs', '10.42.0.7,fd42::7'],
  ];
  for (const [path, want] of cases) {
    it(`reads ${path}`, () => assert.equal(podFieldValue(pod, { apiVersion: 'v1', fieldPath: path }, podIPs, hostIPs), want));
  }

  const errors: Array<[string, string, string]> = [
    ['v1', 'spec.restartPolicy', 'unsupported fieldPath: spec.restartPolicy'],
    ['v1', 'status.phase', 'unsupported fieldPath: status.phase'],
    ['v1', 'spec.containers', 'field label not supported: spec.containers'],
    ['v1', "spec.nodeSelector['x']", "field label does not support subscript: spec.nodeSelector['x']"],
    ['v2', 'metadata.name', 'unsupported pod version: v2'],
  ];
  for (const [version, path, message] of errors) {
    it(`fails on ${version} ${path} as the kubelet does`, () => {
      assert.throws(() => podFieldValue(pod, { apiVersion: version, fieldPath: path }, podIPs, hostIPs), { message });
    });
  }

  it('rejects a label subscript that is not a qualified name', () => {
    assert.throws(() => podFieldValue(pod, { fieldPath: "metadata.labels['bad key']" }, [], hostIPs),
      /^Error: invalid key subscript in metadata\.labels\['bad key'\]: /);
  });

  it('defaults apiVersion to v1 and fails for host IPs when the node has none', () => {
    assert.equal(podFieldValue(pod, { fieldPath: 'metadata.name' }, [], []), 'web');
    assert.throws(() => podFieldValue(pod, { fieldPath: 'status.hostIP' }, [], []), /host IP unknown/);
  });

  it('orders pod IPs by the node primary family', () => {
    assert.deepEqual(sortPodIPs(['fd42::7', '10.42.0.7'], ['10.0.0.1']), ['10.42.0.7', 'fd42::7']);
    assert.deepEqual(sortPodIPs(['10.42.0.7', 'fd42::7'], ['fd00::1']), ['fd42::7', '10.42.0.7']);
    assert.deepEqual(sortPodIPs(['10.42.0.7', '10.42.0.8'], []), ['10.42.0.7']);
    assert.deepEqual(sortPodIPs([], ['10.0.0.1']), []);
  });

  it('splits subscripted paths only when well formed', () => {
    assert.deepEqual(splitSubscript("metadata.labels['a']"), ['metadata.labels', 'a']);
    assert.equal(splitSubscript('metadata.labels'), undefined);
    assert.equal(splitSubscript("['a']"), undefined);
    assert.equal(splitSubscript("metadata.labels']"), undefined);
  });
});

describe('metadata field values (downward API files)', () => {
  it('reads metadata, one label or annotation by key, and whole maps as sorted key="value" lines', () => {
    assert.equal(metadataFieldValue(pod, 'metadata.name'), 'web');
    assert.equal(metadataFieldValue(pod, 'metadata.namespace'), 'shop');
    assert.equal(metadataFieldValue(pod, 'metadata.uid'), 'uid-1');
    assert.equal(metadataFieldValue(pod, "metadata.labels['tier']"), 'front');
    assert.equal(metadataFieldValue(pod, "metadata.annotations['missing']"), '');
    assert.equal(metadataFieldValue(pod, 'metadata.labels'), 'app="web"\ntier="front"');
  });

  it('reads no spec or status fields, and subscripts only labels and annotations', () => {
    assert.throws(() => metadataFieldValue(pod, 'spec.nodeName'), { message: 'unsupported fieldPath: spec.nodeName' });
    assert.throws(() => metadataFieldValue(pod, "spec.nodeSelector['x']"),
      { message: 'fieldPath "spec.nodeSelector[\'x\']" does not support subscript' });
  });
});
