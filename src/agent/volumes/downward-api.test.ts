import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { downwardAPIPayload, formatMap, goQuote, podFieldValue, resourceFieldValue } from './downward-api.js';

const pod: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'web', namespace: 'shop', uid: 'u-1',
    labels: { app: 'web', 'app.kubernetes.io/name': 'shop', tier: 'front' },
    annotations: { note: 'say "hi"\nbye', emoji: 'ünï' },
  },
  spec: {
    containers: [
      { name: 'app', resources: { limits: { cpu: '250m', memory: '64Mi' }, requests: { cpu: '100m', memory: '32Mi' } } },
      { name: 'side' },
    ],
  },
};
const node = { cpu: 2, memory: 8 * 2 ** 30, ephemeralStorage: 10 * 2 ** 30 };

describe('downward API', () => {
  it('quotes like Go', () => {
    assert.equal(goQuote('plain'), '"plain"');
    assert.equal(goQuote('a"b\\c\n\t'), '"a\\"b\\\\c\\n\\t"');
    assert.equal(goQuote('\x01\x7f'), '"\\x01\\x7f"');
    assert.equal(goQuote('ünï 日本'), '"ünï 日本"');
    assert.equal(goQuote('\u200b'), '"\\u200b"');
  });

  it('formats maps as sorted key="value" lines', () => {
    assert.equal(formatMap({ b: '2', a: '1' }), 'a="1"\nb="2"');
    assert.equal(formatMap(undefined), '');
  });

  it('reads metadata fields', () => {
    assert.equal(podFieldValue(pod, 'metadata.name'), 'web');
    assert.equal(podFieldValue(pod, 'metadata.namespace'), 'shop');
    assert.equal(podFieldValue(pod, 'metadata.uid'), 'u-1');
    assert.equal(podFieldValue(pod, "metadata.labels['tier']"), 'front');
    assert.equal(podFieldValue(pod, "metadata.annotations['missing']"), '');
    assert.throws(() => podFieldValue(pod, 'spec.nodeName'), { message: 'unsupported fieldPath: spec.nodeName' });
  });

  it('scales resources by the divisor, rounding up, with node allocatable for unset limits', () => {
    const v = (containerName: string, resource: string, divisor?: string) => resourceFieldValue(pod, { containerName, resource, divisor }, node);
    assert.equal(v('app', 'limits.cpu'), '1');
    assert.equal(v('app', 'limits.cpu', '1m'), '250');
    assert.equal(v('app', 'requests.cpu', '1m'), '100');
    assert.equal(v('app', 'limits.memory'), String(64 * 2 ** 20));
    assert.equal(v('app', 'limits.memory', '1Mi'), '64');
    assert.equal(v('app', 'requests.memory', '1Mi'), '32');
    assert.equal(v('side', 'limits.cpu'), '2');
    assert.equal(v('side', 'limits.memory', '1Gi'), '8');
    assert.equal(v('side', 'requests.memory'), '0');
    assert.throws(() => v('nope', 'limits.cpu'), { message: 'container nope not found' });
    assert.throws(() => v('app', 'limits.gpu'), { message: 'unsupported container resource : limits.gpu' });
  });

  it('builds the payload: labels as sorted lines (the kubelet sorts lines, not keys), modes, cleaned paths, errors collected', () => {
    const { payload, errors } = downwardAPIPayload(pod, [
      { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
      { path: './sub//name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 },
      { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
      { path: 'bad', fieldRef: { fieldPath: 'status.podIP' } },
    ], 0o644, undefined, () => node);
    assert.equal(payload.get('labels')!.data.toString(), 'app.kubernetes.io/name="shop"\napp="web"\ntier="front"');
    assert.equal(payload.get('labels')!.mode, 0o644);
    assert.equal(payload.get('sub/name')!.data.toString(), 'web');
    assert.equal(payload.get('sub/name')!.mode, 0o400);
    assert.equal(payload.get('annotations')!.data.toString(), 'emoji="ünï"\nnote="say \\"hi\\"\\nbye"');
    assert.deepEqual(errors, ['unsupported fieldPath: status.podIP']);
  });
});
