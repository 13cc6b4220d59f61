import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  boolean, builtinResources, field, int32, int64, listOf, mapOf, object, string, type ObjectSchema, type Schema,
} from '../../../api/index.js';
import { decodeMessage } from './message.js';
import { ProtobufError, WireReader } from './wire.js';
import { WireWriter } from './wire-writer.js';

function kindSchema(kind: string, group = ''): ObjectSchema {
  const def = builtinResources.find((d) => d.kind === kind && d.group === group);
  assert.ok(def, kind);
  return def.schema;
}

/** The object schema at a dotted path of fields (list items and map values are stepped through). */
function at(schema: ObjectSchema, path: string): ObjectSchema {
  let s: Schema = schema;
  for (const name of path.split('.')) {
    assert.equal(s.type, 'object');
    s = (s as ObjectSchema).fields[name].schema;
    while (s.type === 'array' || s.type === 'map') s = s.type === 'array' ? s.items : s.values;
  }
  assert.equal(s.type, 'object');
  return s as ObjectSchema;
}

const decode = (schema: ObjectSchema, w: WireWriter): Record<string, unknown> => decodeMessage(new WireReader(w.finish()), schema);
const meta = (name: string): WireWriter => new WireWriter().string(1, name).string(2, '').string(3, '').int(7, 0).message(8, new WireWriter());

const Sample = object('test.Sample', 'A test type.', () => ({
  n32: field(int32, '', { proto: 1 }),
  n64: field(int64, '', { proto: 2 }),
  flag: field(boolean, '', { proto: 3 }),
  text: field(string, '', { proto: 4 }),
  ints: field(listOf(int32), '', { proto: 5 }),
  names: field(listOf(string), '', { proto: 6 }),
  child: field(object('test.Child', '', () => ({ a: field(string, '', { proto: 1 }), b: field(string, '', { proto: 2 }) })), '', { proto: 7 }),
  lists: field(mapOf(listOf(string)), '', { proto: 8 }),
}));

describe('message decoding', () => {
  it('reads scalars, negative numbers included, and drops zero values JSON would omit', () => {
    const w = new WireWriter().int(1, -2).int(2, -(2 ** 40)).bool(3, true).string(4, 'hi');
    assert.deepEqual(decode(Sample, w), { n32: -2, n64: -(2 ** 40), flag: true, text: 'hi' });
    const zeros = new WireWriter().int(1, 0).int(2, 0).bool(3, false).string(4, '');
    assert.deepEqual(decode(Sample, zeros), {});
  });

  it('keeps zero values of pointer fields and of fields JSON always writes', () => {
    const spec = new WireWriter().int(1, 0).message(2, new WireWriter()).int(6, 0);
    assert.deepEqual(decode(at(kindSchema('Deployment', 'apps'), 'spec'), spec), { replicas: 0, selector: {}, revisionHistoryLimit: 0 });
    const pc = new WireWriter().message(1, meta('pc')).int(2, 0).bool(3, false).string(4, '');
    assert.deepEqual(decode(kindSchema('PriorityClass', 'scheduling.k8s.io'), pc), { metadata: { name: 'pc', creationTimestamp: null }, value: 0 });
    const podSpec = new WireWriter().int(4, 0).bool(30, false).bool(11, false);
    assert.deepEqual(decode(at(kindSchema('Pod'), 'spec'), podSpec), { terminationGracePeriodSeconds: 0, enableServiceLinks: false });
  });

  it('accepts repeated numbers packed and unpacked, and keeps zero elements', () => {
    const w = new WireWriter().packed(5, [1, 0, -3]).int(5, 4).string(6, '').string(6, 'b');
    assert.deepEqual(decode(Sample, w), { ints: [1, 0, -3, 4], names: ['', 'b'] });
  });

  it('merges a message field sent twice and lets the last scalar win', () => {
    const w = new WireWriter()
      .message(7, new WireWriter().string(1, 'x')).message(7, new WireWriter().string(2, 'y'))
      .string(4, 'first').string(4, 'second');
    assert.deepEqual(decode(Sample, w), { child: { a: 'x', b: 'y' }, text: 'second' });
  });

  it('reads maps as key/value entries, filling a missing value with its zero', () => {
    const cm = new WireWriter().message(1, meta('c'))
      .entry(2, 'a', (e) => e.string(2, 'b')).entry(2, 'empty').entry(3, 'bin', (e) => e.bytes(2, [0, 1, 255]));
    assert.deepEqual(decode(kindSchema('ConfigMap'), cm), {
      metadata: { name: 'c', creationTimestamp: null }, data: { a: 'b', empty: '' }, binaryData: { bin: 'AAH/' },
    });
    const lists = new WireWriter().entry(8, 'k', (e) => e.message(2, new WireWriter().string(1, 'p').string(1, 'q')));
    assert.deepEqual(decode(Sample, lists), { lists: { k: ['p', 'q'] } });
  });

  it('turns Quantity, IntOrString and Time messages into their JSON forms', () => {
    const quota = new WireWriter().entry(1, 'cpu', (e) => e.message(2, new WireWriter().string(1, '500m')))
      .entry(1, 'pods', (e) => e.message(2, new WireWriter()));
    assert.deepEqual(decode(at(kindSchema('ResourceQuota'), 'spec'), quota), { hard: { cpu: '500m', pods: '0' } });
    const pdb = new WireWriter()
      .message(1, new WireWriter().int(1, 1).int(2, 0).string(3, '50%'))
      .message(3, new WireWriter().int(1, 0).int(2, 2).string(3, ''));
    assert.deepEqual(decode(at(kindSchema('PodDisruptionBudget', 'policy'), 'spec'), pdb), { minAvailable: '50%', maxUnavailable: 2 });
    const times = new WireWriter().message(8, new WireWriter().int(1, 1767225600).int(2, 999_999_999)).message(9, new WireWriter());
    assert.deepEqual(decode(at(kindSchema('Pod'), 'metadata'), times), { creationTimestamp: '2026-01-01T00:00:00Z', deletionTimestamp: null });
  });

  it('writes MicroTime with microseconds', () => {
    const lease = new WireWriter().message(3, new WireWriter().int(1, 1767225600).int(2, 123_456_789)).message(4, new WireWriter().int(1, -1));
    assert.deepEqual(decode(at(kindSchema('Lease', 'coordination.k8s.io'), 'spec'), lease), {
      acquireTime: '2026-01-01T00:00:00.123456Z', renewTime: '1969-12-31T23:59:59.000000Z',
    });
  });

  it('reads RawExtension and FieldsV1 bytes as JSON', () => {
    const cr = new WireWriter().message(1, meta('r')).message(2, new WireWriter().string(1, '{"spec":{"a":[1,2]}}')).int(3, 4);
    assert.deepEqual(decode(kindSchema('ControllerRevision', 'apps'), cr), { metadata: { name: 'r', creationTimestamp: null }, data: { spec: { a: [1, 2] } }, revision: 4 });
    const bad = new WireWriter().message(2, new WireWriter().string(1, '{nope'));
    assert.throws(() => decode(kindSchema('ControllerRevision', 'apps'), bad), ProtobufError);
  });

  it('reads an embedded struct\'s nested message into the outer object', () => {
    const volume = new WireWriter().string(1, 'data')
      .message(2, new WireWriter().message(6, new WireWriter().string(1, 'creds').int(3, 0o400)));
    assert.deepEqual(decode(at(kindSchema('Pod'), 'spec.volumes'), volume), { name: 'data', secret: { secretName: 'creds', defaultMode: 0o400 } });
    const probe = new WireWriter()
      .message(1, new WireWriter().message(2, new WireWriter().string(1, '/healthz').message(2, new WireWriter().int(1, 0).int(2, 8080).string(3, ''))))
      .int(2, 5).int(3, 0);
    assert.deepEqual(decode(at(kindSchema('Pod'), 'spec.containers.livenessProbe'), probe), { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 5 });
    const keyRef = new WireWriter().message(1, new WireWriter().string(1, 'cfg')).string(2, 'k');
    assert.deepEqual(decode(at(kindSchema('Pod'), 'spec.containers.env.valueFrom.configMapKeyRef'), keyRef), { name: 'cfg', key: 'k' });
    const rule = new WireWriter().string(1, 'a.example').message(2, new WireWriter().message(1, new WireWriter()
      .message(1, new WireWriter().string(1, '/').string(3, 'Prefix').message(2, new WireWriter()))));
    assert.deepEqual(decode(at(kindSchema('Ingress', 'networking.k8s.io'), 'spec.rules'), rule), {
      host: 'a.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: {} }] },
    });
    const pv = new WireWriter().message(2, new WireWriter().message(3, new WireWriter().string(1, '/srv'))).string(6, 'slow');
    assert.deepEqual(decode(at(kindSchema('PersistentVolume'), 'spec'), pv), { hostPath: { path: '/srv' }, storageClassName: 'slow' });
  });

  it('reads an ephemeral container\'s embedded fields beside its own', () => {
    const ec = new WireWriter().message(1, new WireWriter().string(1, 'debugger').string(2, 'busybox').bool(18, true)).string(2, 'app');
    assert.deepEqual(decode(at(kindSchema('Pod'), 'spec.ephemeralContainers'), ec), { name: 'debugger', image: 'busybox', tty: true, targetContainerName: 'app' });
  });

  it('skips unknown field numbers of every wire type', () => {
    const w = new WireWriter().int(50, 1).double(51, 2).string(52, 'x').tag(53, 5).raw(0, 0, 0, 0).string(4, 'kept');
    assert.deepEqual(decode(Sample, w), { text: 'kept' });
  });

  it('rejects a known field sent with the wrong wire type', () => {
    assert.throws(() => decode(Sample, new WireWriter().string(1, 'x')), { message: 'proto: wrong wireType = 2 for field N32' });
    assert.throws(() => decode(Sample, new WireWriter().int(4, 1)), { message: 'proto: wrong wireType = 0 for field Text' });
  });

  it('refuses nesting deeper than any Kubernetes type', () => {
    const Deep: ObjectSchema = object('test.Deep', '', () => ({ next: field(Deep, '', { proto: 1 }) }));
    let w = new WireWriter();
    for (let i = 0; i < 200; i++) w = new WireWriter().message(1, w);
    assert.throws(() => decode(Deep, w), { message: 'proto: message nested too deeply' });
  });
});
