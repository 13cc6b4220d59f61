import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { networkpolicies, NetworkPolicySchema, type NetworkPolicyLike } from './network-policy.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

// Policies from the user's notes (seeds 001), with the placeholder CIDR filled in.
const NOTES = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: namespace-default-deny
  namespace: network-policy-tutorial
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-default
  namespace: network-policy-tutorial
spec:
  podSelector:
    matchLabels:
      run: frontend
  policyTypes:
    - Egress
  egress:
    - to:
        - podSelector:
            matchLabels:
              run: backend
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-default
  namespace: network-policy-tutorial
spec:
  podSelector:
    matchLabels:
      run: backend
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              run: frontend
  egress:
    - to:
        - ipBlock:
             cidr: 10.43.12.7/24
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: database-default
  namespace: network-policy-tutorial
spec:
  podSelector:
    matchLabels:
      run: database
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              run: backend
`;

function errors(obj: unknown): string[] {
  return (networkpolicies.validate?.(obj as KObject, CTX) ?? []).map(fieldErrorString);
}

function policy(spec: unknown): NetworkPolicyLike {
  return { metadata: { name: 'p', namespace: 'default' }, spec } as NetworkPolicyLike;
}

test('the notes\' policies have no unknown fields and validate', () => {
  for (const d of parseAllDocuments(NOTES)) {
    const doc = d.toJS() as Record<string, unknown>;
    assert.deepEqual(checkStructure(NetworkPolicySchema, doc), { unknown: [], error: undefined });
    networkpolicies.defaults?.(doc as KObject);
    assert.deepEqual(errors(doc), []);
  }
});

test('policyTypes default to Ingress, plus Egress when there are egress rules; protocols to TCP', () => {
  const a = policy({ podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
  networkpolicies.defaults?.(a);
  assert.deepEqual(a.spec?.policyTypes, ['Ingress']);
  assert.deepEqual(a.spec?.ingress?.[0].ports, [{ port: 80, protocol: 'TCP' }]);
  const b = policy({ egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] });
  networkpolicies.defaults?.(b);
  assert.deepEqual(b.spec?.policyTypes, ['Ingress', 'Egress']);
  assert.deepEqual(b.spec?.podSelector, {});
  const c = policy({ policyTypes: ['Egress'], ingress: [{}] });
  networkpolicies.defaults?.(c);
  assert.deepEqual(c.spec?.policyTypes, ['Egress']);
});

test('ipBlock CIDRs must parse and except ranges must lie strictly inside', () => {
  const p = 'spec.egress[0].to[0].ipBlock';
  const block = (ipBlock: unknown): unknown => policy({ egress: [{ to: [{ ipBlock }] }] });
  assert.deepEqual(errors(block({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.0/24'] })), []);
  assert.deepEqual(errors(block({ cidr: '10.0.0.0/33' })),
    [`${p}.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`]);
  assert.deepEqual(errors(block({ cidr: '10.0.0.0/16', except: ['192.168.0.0/24', '10.0.0.0/16', 'nope'] })), [
    `${p}.except[0]: Invalid value: "192.168.0.0/24": must be a strict subset of \`cidr\``,
    `${p}.except[1]: Invalid value: "10.0.0.0/16": must be a strict subset of \`cidr\``,
    `${p}.except[2]: Invalid value: "nope": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`,
  ]);
  assert.deepEqual(errors(block({ cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] })), []);
  assert.deepEqual(errors(policy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }, {}] }] })), [
    'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
    'spec.ingress[0].from[1]: Required value: must specify a peer',
  ]);
});

test('ports: endPort only with a numeric port, and not below it', () => {
  const p = 'spec.ingress[0].ports';
  const ports = (list: unknown): unknown => policy({ ingress: [{ ports: list }] });
  assert.deepEqual(errors(ports([{ port: 32000, endPort: 32768 }, { port: 'http' }])), []);
  assert.deepEqual(errors(ports([{ port: 90, endPort: 80 }, { port: 'http', endPort: 90 }, { endPort: 90 }, { protocol: 'ICMP', port: 0 }])), [
    `${p}[0].endPort: Invalid value: 80: must be greater than or equal to \`port\``,
    `${p}[1].endPort: Invalid value: 90: may not be specified when \`port\` is non-numeric`,
    `${p}[2].endPort: Invalid value: 90: may not be specified when \`port\` is not specified`,
    `${p}[3].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"`,
    `${p}[3].port: Invalid value: 0: must be between 1 and 65535, inclusive`,
  ]);
});

test('the POD-SELECTOR cell is the selector written out, or <none>', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  const row = (spec: unknown): unknown[] | undefined =>
    networkpolicies.table?.cells({ metadata: { name: 'p', creationTimestamp: '2024-05-01T11:41:00Z' }, spec } as KObject, now);
  assert.deepEqual(row({ podSelector: { matchLabels: { run: 'backend' } } }), ['run=backend', '19m']);
  assert.deepEqual(row({ podSelector: {} }), ['<none>', '19m']);
  assert.deepEqual(row({
    podSelector: {
      matchLabels: { tier: 'db', app: 'shop' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'canary', operator: 'DoesNotExist' }],
    },
  }), ['app=shop,!canary,env in (dev,prod),tier=db', '19m']);
});
