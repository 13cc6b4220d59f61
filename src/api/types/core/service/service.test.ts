import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import { checkStructure } from '../../../schema/structural.js';
import type { ValidationContext } from '../../../resource.js';
import { services } from './index.js';

const ctx: ValidationContext = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] };

function svc(spec: Record<string, unknown>, name = 'web'): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

/** Runs the create path the server runs: defaults, prepareForCreate, validate. */
function create(obj: KObject): string[] {
  services.defaults?.(obj);
  services.prepareForCreate?.(obj);
  return (services.validate?.(obj, ctx) ?? []).map(fieldErrorString);
}

test('defaults follow SetDefaults_Service and the allocator', () => {
  const s = svc({ selector: { app: 'web' }, ports: [{ port: 80 }], type: 'NodePort' });
  assert.deepEqual(create(s), []);
  const spec = s.spec as Record<string, unknown>;
  assert.equal(spec.sessionAffinity, 'None');
  assert.equal(spec.externalTrafficPolicy, 'Cluster');
  assert.equal(spec.internalTrafficPolicy, 'Cluster');
  assert.equal(spec.ipFamilyPolicy, 'SingleStack');
  assert.deepEqual(spec.ipFamilies, ['IPv4']);
  assert.deepEqual(spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  assert.equal(spec.allocateLoadBalancerNodePorts, undefined);
  assert.deepEqual(s.status, { loadBalancer: {} });

  const lb = svc({ ports: [{ port: 80, targetPort: 'http' }], type: 'LoadBalancer', sessionAffinity: 'ClientIP' });
  assert.deepEqual(create(lb), []);
  const lbSpec = lb.spec as Record<string, unknown>;
  assert.equal(lbSpec.allocateLoadBalancerNodePorts, true);
  assert.deepEqual(lbSpec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  assert.equal((lbSpec.ports as Array<{ targetPort: unknown }>)[0].targetPort, 'http');

  const headless = svc({ clusterIP: 'None', ports: [{ port: 80 }] });
  assert.deepEqual(create(headless), []);
  assert.deepEqual((headless.spec as Record<string, unknown>).clusterIPs, ['None']);
  assert.equal((headless.spec as Record<string, unknown>).ipFamilyPolicy, 'RequireDualStack');
  assert.deepEqual((headless.spec as Record<string, unknown>).ipFamilies, ['IPv4', 'IPv6']);

  const ext = svc({ type: 'ExternalName', externalName: 'db.example.com' });
  assert.deepEqual(create(ext), []);
  assert.equal((ext.spec as Record<string, unknown>).ipFamilyPolicy, undefined);
  assert.equal((ext.spec as Record<string, unknown>).internalTrafficPolicy, undefined);
});

test('validation messages match Kubernetes', () => {
  assert.deepEqual(create(svc({ selector: { app: 'web' } })), ['spec.ports: Required value']);
  assert.deepEqual(create(svc({ ports: [{ port: 80 }, { port: 443 }] })), [
    'spec.ports[0].name: Required value', 'spec.ports[1].name: Required value',
  ]);
  assert.deepEqual(create(svc({ ports: [{ port: 80, nodePort: 30080 }] })), [
    "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
  ]);
  assert.deepEqual(create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })), [
    'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
  ]);
  assert.deepEqual(create(svc({ ports: [{ port: 70000 }] })), [
    'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ]);
  assert.deepEqual(create(svc({ type: 'Foo', ports: [{ port: 80 }] })), [
    'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  ]);
  assert.deepEqual(create(svc({ type: 'ExternalName' })), ['spec.externalName: Required value']);
  assert.deepEqual(create(svc({ sessionAffinity: 'Sticky', ports: [{ port: 80 }] })), [
    'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
  ]);
  assert.deepEqual(create(svc({ clusterIP: '10.43.300.1', ports: [{ port: 80 }] })), [
    'spec.clusterIPs[0]: Invalid value: "10.43.300.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
  assert.deepEqual(create(svc({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] })), [
    'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
  ]);
  assert.deepEqual(create(svc({ externalTrafficPolicy: 'Local', ports: [{ port: 8080 }] })), [
    'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
  ]);
  assert.deepEqual(create(svc({ selector: { 'app/x/y': 'v' }, ports: [{ port: 80, targetPort: 'http_web' }] })).length, 2);
});

test('cluster IP may not change on update; allocated values are kept when left out', () => {
  const old = svc({ ports: [{ port: 80, name: 'http', nodePort: 30001 }], type: 'NodePort' });
  create(old);
  const o = old.spec as Record<string, unknown>;
  o.clusterIP = '10.43.0.10';
  o.clusterIPs = ['10.43.0.10'];

  const resubmit = svc({ ports: [{ port: 80, name: 'http' }], type: 'NodePort' });
  services.defaults?.(resubmit);
  services.prepareForUpdate?.(resubmit, old);
  const r = resubmit.spec as Record<string, unknown>;
  assert.equal(r.clusterIP, '10.43.0.10');
  assert.deepEqual(r.clusterIPs, ['10.43.0.10']);
  assert.equal((r.ports as Array<{ nodePort?: number }>)[0].nodePort, 30001);
  assert.deepEqual([...services.validate?.(resubmit, ctx) ?? [], ...services.validateUpdate?.(resubmit, old, ctx) ?? []], []);

  // kubectl apply patches clusterIP only: the merged object still has the old clusterIPs.
  const changed = svc({ ...o, clusterIP: '10.43.0.99' });
  services.defaults?.(changed);
  services.prepareForUpdate?.(changed, old);
  assert.deepEqual((services.validateUpdate?.(changed, old, ctx) ?? []).map(fieldErrorString), [
    'spec.clusterIPs[0]: Invalid value: []string{"10.43.0.99"}: may not change once set',
  ]);
});

test('switching type clears what the new type cannot have', () => {
  const old = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }], externalTrafficPolicy: 'Cluster' });
  create(old);
  Object.assign(old.spec as object, { clusterIP: '10.43.0.7', clusterIPs: ['10.43.0.7'] });
  // kubectl apply of the same manifest with type ClusterIP: the merged object keeps the node port.
  const next = svc({ ...(structuredClone(old.spec) as object), type: 'ClusterIP' });
  services.defaults?.(next);
  services.prepareForUpdate?.(next, old);
  const spec = next.spec as Record<string, unknown>;
  assert.deepEqual(spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  assert.equal(spec.externalTrafficPolicy, undefined);
  assert.equal(spec.clusterIP, '10.43.0.7');
  assert.deepEqual([...services.validate?.(next, ctx) ?? [], ...services.validateUpdate?.(next, old, ctx) ?? []], []);

  const ext = svc({ ...(structuredClone(old.spec) as object), type: 'ExternalName', externalName: 'db.example.com' });
  services.defaults?.(ext);
  services.prepareForUpdate?.(ext, old);
  const e = ext.spec as Record<string, unknown>;
  assert.equal(e.clusterIP, undefined);
  assert.equal(e.ipFamilyPolicy, undefined);
  assert.deepEqual([...services.validate?.(ext, ctx) ?? [], ...services.validateUpdate?.(ext, old, ctx) ?? []], []);
});

test('table cells are computed as printers.go does', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  const created = '2024-05-01T11:00:00Z';
  const np = svc({ type: 'NodePort', clusterIPs: ['10.43.0.5'], selector: { app: 'api', tier: 'be' }, ports: [{ port: 80, nodePort: 30007, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] });
  np.metadata.creationTimestamp = created;
  assert.deepEqual(services.table?.cells(np, now), ['NodePort', '10.43.0.5', '<none>', '80:30007/TCP,443/TCP', '60m', 'app=api,tier=be']);
  const lb = svc({ type: 'LoadBalancer', clusterIPs: ['10.43.0.6'], ports: [{ port: 80, protocol: 'TCP', nodePort: 31380 }] });
  lb.metadata.creationTimestamp = created;
  assert.equal(services.table?.cells(lb, now)[2], '<pending>');
  lb.status = { loadBalancer: { ingress: [{ ip: '192.168.100.1' }] } };
  assert.equal(services.table?.cells(lb, now)[2], '192.168.100.1');
  const ext = svc({ type: 'ExternalName', externalName: 'api.example.com' });
  assert.deepEqual(services.table?.cells(ext, now).slice(0, 4), ['ExternalName', '<none>', 'api.example.com', '<none>']);
  assert.equal(services.table?.cells(ext, now)[5], '<none>');
});

const SEED_MANIFESTS = `
apiVersion: v1
kind: Service
metadata:
  name: myapp-service
spec:
  selector:
    app: myapp
  ports:
    - name: http
      protocol: TCP
      port: 8080
      targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: myapp-service
spec:
  selector:
    app: myapp
  sessionAffinity: ClientIP
  ports:
    - protocol: TCP
      port: 8080
      targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: my-app-service
spec:
  selector:
    app: my-app
  ports:
    - protocol: TCP
      port: 80
      targetPort: 8080
  type: LoadBalancer
---
apiVersion: v1
kind: Service
metadata:
  name: my-db-service
spec:
  type: ExternalName
  externalName: db.example.com
---
kind: Service
apiVersion: v1
metadata:
  name: full
  namespace: dev
spec:
  type: LoadBalancer
  clusterIP: 10.43.0.20
  clusterIPs: [10.43.0.20]
  ipFamilies: [IPv4]
  ipFamilyPolicy: SingleStack
  externalIPs: [192.168.1.10]
  externalTrafficPolicy: Local
  healthCheckNodePort: 31000
  internalTrafficPolicy: Local
  loadBalancerClass: example.com/lb
  loadBalancerSourceRanges: [192.168.0.0/16]
  allocateLoadBalancerNodePorts: false
  publishNotReadyAddresses: true
  trafficDistribution: PreferClose
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http, nodePort: 30080, protocol: TCP, appProtocol: http}
status:
  loadBalancer:
    ingress:
    - ip: 192.168.1.2
      ipMode: VIP
      ports: [{port: 80, protocol: TCP, error: ""}]
  conditions:
  - {type: Ready, status: "True", lastTransitionTime: "2024-01-01T00:00:00Z", reason: Ok, message: "", observedGeneration: 1}
`;

test('the notes\' service manifests use only declared fields and are valid', () => {
  for (const doc of parseAllDocuments(SEED_MANIFESTS)) {
    const obj = doc.toJSON() as KObject;
    assert.deepEqual(checkStructure(services.schema, obj), { unknown: [], error: undefined });
    obj.metadata.namespace ??= 'default';
    assert.deepEqual(create(obj), [], obj.metadata.name);
  }
});

test('a field Kubernetes does not have is reported as unknown', () => {
  const obj = parseAllDocuments(`
apiVersion: v1
kind: Service
metadata: {name: myapp-service}
spec:
  selector: {app: myapp}
  ports: [{protocol: TCP, port: 8080, targetPort: 8080}]
  loadBalancerBackendWeights: {app-pod-1: 50}
`)[0].toJSON() as Record<string, unknown>;
  assert.deepEqual(checkStructure(services.schema, obj).unknown, ['spec.loadBalancerBackendWeights']);
});
