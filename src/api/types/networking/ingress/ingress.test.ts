import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import { checkStructure } from '../../../schema/structural.js';
import { ingresses, IngressSchema } from './index.js';

const NOW = new Date('2024-05-01T12:00:00Z');

function docs(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
}

function errors(obj: unknown): string[] {
  return (ingresses.validate?.(obj as KObject, { serviceCIDRs: [], nodePortRange: [30000, 32767] }) ?? []).map(fieldErrorString);
}

// Manifests from the user's notes (seeds 004), as written there.
const GOOD = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: my-ingress
spec:
  rules:
    - host: app1.example.com
      http:
        paths:
          - path: /foo
            pathType: Prefix
            backend:
              service:
                name: app1-service
                port:
                  number: 80
    - host: app2.example.com
      http:
        paths:
          - path: /bar
            pathType: Prefix
            backend:
              service:
                name: app2-service
                port:
                  number: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: my-ingress
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  tls:
    - hosts:
        - example.com
      secretName: tls-secret
  rules:
    - host: example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: my-service
                port:
                  number: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ingress-http
  namespace: default
  annotations:
    kubernetes.io/ingress.class: "nginx"
    nginx.ingress.kubernetes.io/backend-protocol: "HTTP"
spec:
  defaultBackend:
    service:
      name: nginx-svc
      port:
        number: 80
  rules:
    - host: tomcat.com
      http:
        paths:
          - path: /abc
            pathType: Prefix
            backend:
              service:
                name: tomcat-svc
                port:
                  number: 8080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ingress-tls
  namespace: default
  annotations:
    kubernetes.io/ingress.class: "nginx"
spec:
  tls:
  - hosts:
      - nginx.angle.com
      - tomcat.angle.com
    secretName: angle-tls
  rules:
  - host: nginx.angle.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: nginx-svc
            port:
              number: 80
  - host: tomcat.angle.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: tomcat-svc
            port:
              number: 8080
`;

// networking.k8s.io/v1 has no serviceName/servicePort: these notes use the old extensions/v1beta1 form.
const OLD_BACKEND = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: example-ingress
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /$1
spec:
  rules:
  - http:
      paths:
      - path: /foo/?(.*)
        backend:
          serviceName: foo-service
          servicePort: 80
`;

test('the Ingress manifests of the notes have no unknown fields and are valid', () => {
  for (const doc of docs(GOOD)) {
    assert.deepEqual(checkStructure(IngressSchema, doc), { unknown: [], error: undefined });
    assert.deepEqual(errors(doc), []);
  }
});

test('serviceName/servicePort are unknown fields in networking.k8s.io/v1, and pathType is required', () => {
  const [doc] = docs(OLD_BACKEND);
  assert.deepEqual(checkStructure(IngressSchema, doc).unknown, [
    'spec.rules[0].http.paths[0].backend.serviceName',
    'spec.rules[0].http.paths[0].backend.servicePort',
  ]);
  assert.deepEqual(errors(doc), ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']);
});

function ingress(spec: unknown, annotations?: Record<string, string>): KObject {
  return { metadata: { name: 'x', namespace: 'default', annotations }, spec } as KObject;
}

function rule(path: Record<string, unknown>, host = 'a.example.com'): unknown {
  return { rules: [{ host, http: { paths: [path] } }] };
}

const svc = { service: { name: 'web', port: { number: 80 } } };

test('path checks follow the path type', () => {
  assert.deepEqual(errors(ingress(rule({ path: 'foo', pathType: 'Prefix', backend: svc }))),
    ['spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path']);
  assert.deepEqual(errors(ingress(rule({ path: '/a//b', pathType: 'Exact', backend: svc }))),
    ['spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\'']);
  assert.deepEqual(errors(ingress(rule({ path: 'foo/?(.*)', pathType: 'ImplementationSpecific', backend: svc }))),
    ['spec.rules[0].http.paths[0].path: Invalid value: "foo/?(.*)": must be an absolute path']);
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Regex', backend: svc }))),
    ['spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"']);
});

test('a backend needs exactly one of service and resource, and one of port name and number', () => {
  const p = 'spec.rules[0].http.paths[0].backend';
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: {} }))),
    [`${p}: Invalid value: "": resource or service backend is required`]);
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: { ...svc, resource: { kind: 'B', name: 'b' } } }))),
    [`${p}: Invalid value: "": cannot set both resource and service backends`]);
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }))),
    [`${p}: Invalid value: "": cannot set both port name & port number`]);
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }))),
    [`${p}: Required value: port name or number is required`]);
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } }))), []);
});

test('hosts are DNS names, possibly with a leading wildcard, never IP addresses', () => {
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: svc }, '*.example.com'))), []);
  assert.deepEqual(errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: svc }, '10.0.0.1'))),
    ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']);
  const [wild] = errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: svc }, 'a.*.example.com')));
  assert.match(wild, /^spec\.rules\[0\]\.host: Invalid value: "a\.\*\.example\.com": a wildcard DNS-1123 subdomain must start with '\*\.'/);
  const [upper] = errors(ingress(rule({ path: '/', pathType: 'Prefix', backend: svc }, 'Example.com')));
  assert.match(upper, /^spec\.rules\[0\]\.host: Invalid value: "Example\.com": a lowercase RFC 1123 subdomain/);
});

test('an Ingress needs rules or a default backend; the class annotation must agree with ingressClassName', () => {
  assert.deepEqual(errors(ingress({})),
    ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']);
  assert.deepEqual(errors(ingress({ ingressClassName: 'traefik', defaultBackend: svc }, { 'kubernetes.io/ingress.class': 'nginx' })),
    ['annotations.kubernetes.io/ingress.class: Invalid value: "nginx": must match `ingressClassName` when both are specified']);
});

test('table cells: class, hosts, address and ports', () => {
  const ing = {
    metadata: { name: 'x', creationTimestamp: '2024-05-01T11:55:00Z' },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['a.com'] }],
      rules: [{ host: 'a.com' }, { host: 'b.com' }, {}, { host: 'c.com' }, { host: 'd.com' }],
    },
    status: { loadBalancer: { ingress: [{ ip: '192.168.1.20' }, { hostname: 'lb.example.com' }, { ip: '192.168.1.10' }] } },
  } as unknown as KObject;
  assert.deepEqual(ingresses.table?.cells(ing, NOW),
    ['nginx', 'a.com,b.com,c.com + 2 more...', '192.168.1.10,192.168.1.20,lb.example.com', '80, 443', '5m']);
  const plain = { metadata: { name: 'y', creationTimestamp: '2024-05-01T11:59:30Z' }, spec: { rules: [{ http: { paths: [] } }] } } as unknown as KObject;
  assert.deepEqual(ingresses.table?.cells(plain, NOW), ['<none>', '*', '', '80', '30s']);
  assert.deepEqual(ingresses.table?.columns.map((c) => c.name), ['Class', 'Hosts', 'Address', 'Ports', 'Age']);
});

test('create resets status to an empty load balancer', () => {
  const ing = ingress({ defaultBackend: svc }) as KObject & { status?: unknown };
  ing.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
  ingresses.prepareForCreate?.(ing);
  assert.deepEqual(ing.status, { loadBalancer: {} });
});
