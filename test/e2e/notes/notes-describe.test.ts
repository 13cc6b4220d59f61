/**
 * `kubectl describe` as the notes use it (004:1879 namespace, 004:2088 deployment, 004:1962 pod,
 * and the Service of 000:6098). describe is formatted by kubectl from the objects (and their events),
 * so each line is checked as kubectl prints it.
 */
import assert from 'node:assert/strict';
import { notesSuite, until, it } from './kit.js';

notesSuite('describe', (k) => {
  it('004:1879 describe namespace my-namespace', async () => {
    const ns = k.name('my-namespace');
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }) });
    assert.equal(await k.ok('describe', 'namespace', ns), [
      `Name:         ${ns}`,
      `Labels:       kubernetes.io/metadata.name=${ns}`,
      'Annotations:  <none>',
      'Status:       Active',
      '',
      'No resource quota.',
      '',
      'No LimitRange resource.',
      '',
    ].join('\n'));
  });

  it('004:1794 with the ResourceQuota of the notes, describe namespace lists its use (quota controller)', async () => {
    const ns = k.name('my-namespace');
    assert.equal(await k.ok('apply', '-f', k.file('004/resource-quota.yaml'), '-n', ns), 'resourcequota/my-namespace-quota created\n');
    await until(async () => /memory\s+0\s+2Gi/.test(await k.ok('describe', 'namespace', ns)), 'the quota\'s status', 2000).catch(() => undefined);
    const out = await k.ok('describe', 'namespace', ns);
    assert.match(out, /\nResource Quotas\n {2}Name: {5}my-namespace-quota\n {2}Resource {2}Used {2}Hard\n {2}-------- {2}--- {3}---\n {2}cpu {7}0 {5}2\n {2}memory {4}0 {5}2Gi\n/);
  });

  it('004:2088 describe deployment/nginx -n dev', async () => {
    const dev = k.name('dev');
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: dev } }) });
    await k.ok('apply', '-f', k.file('004/deploy-nginx.yaml', { replace: { 'namespace: dev': `namespace: ${dev}` } }));
    const out = await k.ok('describe', 'deployment/nginx', '-n', dev);
    for (const line of [
      /^Name:\s+nginx$/m, new RegExp(`^Namespace:\\s+${dev}$`, 'm'), /^CreationTimestamp:\s+\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/m,
      /^Labels:\s+<none>$/m, /^Selector:\s+run=nginx$/m, /^Replicas:\s+3 desired \| \d+ updated \| \d+ total \| \d+ available \| \d+ unavailable$/m,
      /^StrategyType:\s+RollingUpdate$/m, /^MinReadySeconds:\s+0$/m, /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m,
      /^Pod Template:\n {2}Labels:\s+run=nginx\n {2}Containers:\n {3}nginx:\n {4}Image:\s+nginx:latest\n {4}Port:\s+80\/TCP\n {4}Host Port:\s+0\/TCP\n/m,
      /^ {4}Environment:\s+<none>$/m, /^ {4}Mounts:\s+<none>$/m, /^ {2}Volumes:\s+<none>$/m,
    ]) assert.match(out, line);
  });

  it('004:2088 describe deployment shows what the deployment controller did: revision, conditions, ReplicaSet, events', async () => {
    const dev = k.name('dev');
    await until(async () => /NewReplicaSet:\s+nginx-/.test(await k.ok('describe', 'deployment/nginx', '-n', dev)), 'the new ReplicaSet', 2000)
      .catch(() => undefined);
    const out = await k.ok('describe', 'deployment/nginx', '-n', dev);
    assert.match(out, /^Annotations:\s+deployment\.kubernetes\.io\/revision: 1$/m);
    assert.match(out, /^NewReplicaSet:\s+nginx-[a-z0-9]+ \(\d\/3 replicas created\)$/m);
    assert.match(out, /Normal {2}ScalingReplicaSet {2}\S+\s+deployment-controller {2}Scaled up replica set nginx-[a-z0-9]+ (to|from 0 to) 3/);
  });

  it('004:1962 describe pod nginx', async () => {
    await k.ok('apply', '-f', k.file('004/pod.yaml'));
    const out = await k.ok('describe', 'pod', 'nginx');
    for (const line of [
      /^Name:\s+nginx$/m, new RegExp(`^Namespace:\\s+${k.ns}$`, 'm'), /^Labels:\s+<none>$/m,
      /^Annotations:\s+<none>$/m, /^Containers:\n {2}nginx:\n {4}Image:\s+nginx\n/m, /^QoS Class:\s+BestEffort$/m,
      /^Node-Selectors:\s+<none>$/m,
    ]) assert.match(out, line);
  });

  it('004:1962 describe pod shows what admission gave the Pod: priority, service account, tolerations', async () => {
    const out = await k.ok('describe', 'pod', 'nginx');
    assert.match(out, /^Priority:\s+0$/m);
    assert.match(out, /^Service Account:\s+default$/m);
    assert.match(out, /^Tolerations:\s+node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s\n\s+node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s$/m);
    assert.match(out, /^ {6}\/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-[a-z0-9]{5} \(ro\)$/m);
  });

  it('describe svc nginx-service (000:6098)', async () => {
    await k.ok('apply', '-f', k.file('000/nginx-service-clusterip.yaml'));
    const out = await k.ok('describe', 'svc', 'nginx-service');
    for (const line of [
      /^Name:\s+nginx-service$/m, new RegExp(`^Namespace:\\s+${k.ns}$`, 'm'), /^Labels:\s+<none>$/m, /^Selector:\s+app=nginx$/m,
      /^Type:\s+ClusterIP$/m, /^IP Family Policy:\s+SingleStack$/m, /^IP Families:\s+IPv4$/m, /^IP:\s+10\.43\.\d+\.\d+$/m,
      /^IPs:\s+10\.43\.\d+\.\d+$/m, /^Port:\s+<unset> {2}80\/TCP$/m, /^TargetPort:\s+80\/TCP$/m, /^Session Affinity:\s+None$/m,
      /^Events:\s+<none>$/m,
    ]) assert.match(out, line);
    // kubectl 1.27 does not print the internal traffic policy.
    if (k.version !== '1.27') assert.match(out, /^Internal Traffic Policy:\s+Cluster$/m);
  });
});
