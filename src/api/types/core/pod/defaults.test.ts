import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../meta/object-meta.js';
import { defaultPod, defaultPodTemplateSpec, defaultPullPolicy } from './defaults.js';
import type { Container, Pod } from './types.js';

function pod(spec: Record<string, unknown>): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec } as Pod;
}

describe('pod defaults', () => {
  it('fills the pod spec defaults Kubernetes fills', () => {
    const p = pod({ containers: [{ name: 'web', image: 'nginx:1.27' }] });
    defaultPod(p);
    const s = p.spec!;
    assert.equal(s.restartPolicy, 'Always');
    assert.equal(s.dnsPolicy, 'ClusterFirst');
    assert.equal(s.schedulerName, 'default-scheduler');
    assert.equal(s.terminationGracePeriodSeconds, 30);
    assert.deepEqual(s.securityContext, {});
    assert.equal(s.enableServiceLinks, true);
    const c = s.containers![0];
    assert.equal(c.imagePullPolicy, 'IfNotPresent');
    assert.equal(c.terminationMessagePath, '/dev/termination-log');
    assert.equal(c.terminationMessagePolicy, 'File');
    assert.deepEqual(c.resources, {});
  });

  it('pulls :latest and untagged images always, digests and tags if not present', () => {
    assert.equal(defaultPullPolicy('nginx'), 'Always');
    assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
    assert.equal(defaultPullPolicy('registry.example.com:5000/team/app'), 'Always');
    assert.equal(defaultPullPolicy('registry.example.com:5000/team/app:v1'), 'IfNotPresent');
    assert.equal(defaultPullPolicy(`busybox@sha256:${'a'.repeat(64)}`), 'IfNotPresent');
    assert.equal(defaultPullPolicy(''), 'IfNotPresent');
  });

  it('defaults probes, handlers, ports, env field refs and container resources', () => {
    const c: Container = {
      name: 'app', image: 'app:1',
      ports: [{ containerPort: 8080 }],
      env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }],
      livenessProbe: { httpGet: { port: 8080 } },
      readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
      lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
      resources: { limits: { cpu: '1000m', memory: '1024Mi' } },
    };
    const p = pod({ containers: [c] });
    defaultPod(p);
    const d = p.spec!.containers![0];
    assert.equal(d.ports![0].protocol, 'TCP');
    assert.equal(d.env![0].valueFrom!.fieldRef!.apiVersion, 'v1');
    assert.equal(d.env![1].valueFrom!.resourceFieldRef!.divisor, '0');
    assert.deepEqual(d.livenessProbe, {
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3,
    });
    assert.equal(d.readinessProbe!.periodSeconds, 5);
    assert.deepEqual(d.readinessProbe!.grpc, { port: 9000, service: '' });
    assert.deepEqual(d.lifecycle!.preStop!.httpGet, { port: 80, path: '/stop', scheme: 'HTTP' });
    assert.deepEqual(d.resources!.limits, { cpu: '1', memory: '1Gi' });
    assert.deepEqual(d.resources!.requests, { cpu: '1', memory: '1Gi' }, 'requests default to limits on pods');
  });

  it('defaults volume sources and their file modes', () => {
    const p = pod({
      containers: [{ name: 'a', image: 'a:1' }],
      volumes: [
        { name: 'scratch' },
        { name: 'cfg', configMap: { name: 'c' } },
        { name: 'sec', secret: { secretName: 's', defaultMode: 0o400 } },
        { name: 'host', hostPath: { path: '/var/log' } },
        { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
        { name: 'eph', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } },
      ],
    });
    defaultPod(p);
    const v = p.spec!.volumes! as Array<Record<string, Record<string, unknown>>>;
    assert.deepEqual(v[0].emptyDir, {});
    assert.equal(v[1].configMap.defaultMode, 420);
    assert.equal(v[2].secret.defaultMode, 0o400);
    assert.equal(v[3].hostPath.type, '');
    assert.equal(v[4].downwardAPI.defaultMode, 420);
    assert.equal((v[4].downwardAPI.items as Array<{ fieldRef: { apiVersion: string } }>)[0].fieldRef.apiVersion, 'v1');
    assert.equal(v[5].projected.defaultMode, 420);
    assert.deepEqual((v[5].projected.sources as unknown[])[0], { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } });
    assert.equal((v[6].ephemeral.volumeClaimTemplate as { spec: { volumeMode: string } }).spec.volumeMode, 'Filesystem');
  });

  it('copies container ports to host ports under host networking', () => {
    const p = pod({ hostNetwork: true, containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 53, protocol: 'UDP' }] }] });
    defaultPod(p);
    assert.equal(p.spec!.containers![0].ports![0].hostPort, 53);
  });

  it('does not give templates the pod-only defaults', () => {
    const tpl: Record<string, unknown> = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'a', image: 'a', resources: { limits: { cpu: '1' } } }] } };
    defaultPodTemplateSpec(tpl);
    const t = tpl as { metadata: Record<string, unknown>; spec: { enableServiceLinks?: boolean; containers: Container[]; restartPolicy: string } };
    assert.equal(t.metadata.creationTimestamp, null);
    assert.equal(t.spec.enableServiceLinks, undefined);
    assert.equal(t.spec.containers[0].resources!.requests, undefined);
    assert.equal(t.spec.restartPolicy, 'Always');
    assert.equal(t.spec.containers[0].imagePullPolicy, 'Always');
  });

  it('keeps values the user set', () => {
    const p = pod({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'a', image: 'a', imagePullPolicy: 'Never' }] });
    defaultPod(p as KObject as Pod);
    assert.equal(p.spec!.restartPolicy, 'Never');
    assert.equal(p.spec!.terminationGracePeriodSeconds, 0);
    assert.equal(p.spec!.containers![0].imagePullPolicy, 'Never');
  });
});
