import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { kernelHostname, podHostnameAndDomain } from './hostname.js';

const pod = (name: string, spec: NonNullable<Pod['spec']> = {}): Pod => ({ metadata: { name, namespace: 'shop', uid: 'u' }, spec });

describe('pod host name and domain', () => {
  const long = `${'a'.repeat(61)}.-xyz`; // 66 characters; the first 63 end in '.-'
  const cases: Array<[string, Pod, { hostname: string; domain: string }]> = [
    ['the pod name', pod('web-0'), { hostname: 'web-0', domain: '' }],
    ['spec.hostname', pod('web-0', { hostname: 'box' }), { hostname: 'box', domain: '' }],
    ['subdomain', pod('web-0', { hostname: 'box', subdomain: 'grp' }), { hostname: 'box', domain: 'grp.shop.svc.cluster.local' }],
    ['long names cut to 63 without a trailing - or .', pod(long), { hostname: 'a'.repeat(61), domain: '' }],
    ['long names cut to 63 otherwise as they are', pod(`${'a'.repeat(60)}-b.c-d`), { hostname: `${'a'.repeat(60)}-b`, domain: '' }],
    ['exactly 63 kept', pod('x'.repeat(63)), { hostname: 'x'.repeat(63), domain: '' }],
  ];
  for (const [name, p, want] of cases) it(name, () => assert.deepEqual(podHostnameAndDomain(p, 'cluster.local'), want));

  it('refuses host names and subdomains that are not DNS labels', () => {
    assert.throws(() => podHostnameAndDomain(pod('p', { hostname: 'Bad_Name' }), 'cluster.local'), /^Error: pod Hostname "Bad_Name" is not a valid DNS label: /);
    assert.throws(() => podHostnameAndDomain(pod('p', { subdomain: 'a.b' }), 'cluster.local'), /^Error: pod Subdomain "a.b" is not a valid DNS label: /);
  });

  it('uses the FQDN as kernel host name only with setHostnameAsFQDN and a domain', () => {
    assert.equal(kernelHostname('box', 'grp.shop.svc.cluster.local', true), 'box.grp.shop.svc.cluster.local');
    assert.equal(kernelHostname('box', 'grp.shop.svc.cluster.local', false), 'box');
    assert.equal(kernelHostname('box', '', true), 'box');
    assert.throws(() => kernelHostname('h'.repeat(40), 'grp.shop.svc.cluster.local', true),
      { message: `failed to construct FQDN from pod hostname and cluster domain, FQDN ${'h'.repeat(40)}.grp.shop.svc.cluster.local is too long (64 characters is the max, 67 characters requested)` });
  });
});
