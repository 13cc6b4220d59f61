/**
 * The notes' known mistakes (../shared/seed-scenarios.md): each is refused with the error text
 * kubectl shows against Kubernetes 1.32 — kubectl's own for YAML it cannot parse or kinds the
 * server does not serve, the API server's for the rest — and nothing is stored.
 */
import assert from 'node:assert/strict';
import { notesSuite, it } from './kit.js';

const STRICT = (file: string, kind: string, version: string, fields: string[]): string =>
  `Error from server (BadRequest): error when creating "${file}": ${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${fields.map((f) => `unknown field "${f}"`).join(', ')}\n`;

notesSuite('invalid', (k) => {
  it('004:1237 the Pod written as "spec: containers:" is a YAML error kubectl reports', async () => {
    const r = await k.fails('apply', '-f', k.file('004/nginx-demo-malformed.yaml', { as: 'nginx-demo.yaml' }));
    assert.equal(r.stderr, 'error: error parsing nginx-demo.yaml: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context\n');
    assert.equal(await k.exists('pod', 'nginx-demo'), false);
  });

  it('004:1677 imagePullSecrets inside containers: the notes\' YAML does not parse; the Namespace before it is still applied', async () => {
    const demo = k.name('demo');
    const r = await k.fails('apply', '-f', k.file('004/image-pull-secrets-pod.yaml', { replace: { 'name:  demo': `name:  ${demo}`, 'namespace: demo': `namespace: ${demo}` } }));
    assert.equal(r.stdout, `namespace/${demo} created\n`);
    assert.equal(r.stderr, 'error: error parsing image-pull-secrets-pod.yaml: error converting YAML to JSON: yaml: line 11: did not find expected key\n');
    assert.equal(await k.exists('pod', 'demo-pod', '-n', demo), false);
  });

  it('004:1677 imagePullSecrets inside a container (indentation repaired): unknown field, nothing stored', async () => {
    const r = await k.fails('apply', '-f', k.file('004/image-pull-secrets-in-container.yaml'));
    assert.equal(r.stderr, STRICT('image-pull-secrets-in-container.yaml', 'Pod', 'v1', ['spec.containers[0].imagePullSecrets']));
    assert.equal(await k.exists('pod', 'demo-pod'), false);
  });

  it('004:3735 a Deployment whose containers list is indented less than its key is a YAML error', async () => {
    const r = await k.fails('apply', '-f', k.file('004/deployment.bad-indent.yaml', { as: 'deployment.yaml' }));
    assert.equal(r.stderr, 'error: error parsing deployment.yaml: error converting YAML to JSON: yaml: line 16: did not find expected key\n');
    assert.equal(await k.exists('deployment', 'my-deployment'), false);
  });

  it('004:3818 a Deployment template without labels does not match its selector', async () => {
    const r = await k.fails('apply', '-f', k.file('004/nginx-deployment-recreate.yaml', { as: 'nginx-deployment.yaml' }));
    assert.equal(r.stderr, 'The Deployment "nginx-deployment" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`\n');
    assert.equal(await k.exists('deployment', 'nginx-deployment'), false);
    // 004:3834 then sets the image of the Deployment that was never made.
    const set = await k.fails('set', 'image', 'deployment', 'nginx-deployment', 'nginx=nginx:1.20.2');
    assert.equal(set.stderr, 'Error from server (NotFound): deployments.apps "nginx-deployment" not found\n');
  });

  it('000:3216 a Deployment without selector or template labels', async () => {
    const r = await k.fails('apply', '-f', k.file('000/my-app-no-selector.yaml', { as: 'deployment.yaml' }));
    assert.equal(r.stderr, 'The Deployment "my-app" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`\n');
    assert.equal(await k.exists('deployment', 'my-app'), false);
  });

  it('004:3680 a ReplicaSet whose image is left empty', async () => {
    const r = await k.fails('apply', '-f', k.file('004/replicaset.no-image.yaml', { as: 'replicaset.yaml' }));
    assert.equal(r.stderr, 'The ReplicaSet "my-replicaset" is invalid: spec.template.spec.containers[0].image: Required value\n');
    assert.equal(await k.exists('rs', 'my-replicaset'), false);
  });

  it('004:4346 a CronJob of batch/v1beta1, a version Kubernetes 1.25 stopped serving', async () => {
    const r = await k.fails('create', '-f', k.file('004/my-cronjob.yaml'));
    assert.equal(r.stderr, 'error: resource mapping not found for name: "my-cronjob" namespace: "" from "my-cronjob.yaml": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\n');
    assert.equal(await k.exists('cronjob', 'my-cronjob'), false);
  });

  it('004:4364 the six-field cron expression (with seconds) under batch/v1', async () => {
    k.file('004/my-cronjob.yaml', { replace: { 'batch/v1beta1': 'batch/v1', '"*/1 * * * *"': '"0 0 * * * *"' } });
    const r = await k.fails('create', '-f', 'my-cronjob.yaml');
    assert.equal(r.stderr, 'The CronJob "my-cronjob" is invalid: spec.schedule: Invalid value: "0 0 * * * *": expected exactly 5 fields, found 6: [0 0 * * * *]\n');
    assert.equal(await k.exists('cronjob', 'my-cronjob'), false);
  });

  it('004:4502 an HPA of autoscaling/v2beta2 (no longer served), then under v2 with targetAverageUtilization', async () => {
    const r = await k.fails('apply', '-f', k.file('004/hpa-v2beta2.yaml', { as: 'hpa.yaml' }));
    assert.equal(r.stderr, 'error: resource mapping not found for name: "example-app" namespace: "" from "hpa.yaml": no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta2"\nensure CRDs are installed first\n');
    k.file('004/hpa-v2beta2.yaml', { as: 'hpa.yaml', replace: { 'autoscaling/v2beta2': 'autoscaling/v2' } });
    const v2 = await k.fails('apply', '-f', 'hpa.yaml');
    assert.equal(v2.stderr, STRICT('hpa.yaml', 'HorizontalPodAutoscaler', 'v2', ['spec.metrics[0].resource.targetAverageUtilization']));
    assert.equal(await k.exists('hpa', 'example-app'), false);
  });

  it('001:1645 create -f prometheus-inst.yaml: a Prometheus custom resource without its CRD', async () => {
    const r = await k.fails('create', '-f', k.file('001/prometheus-inst.yaml'));
    assert.equal(r.stderr, 'error: resource mapping not found for name: "inst" namespace: "monitoring" from "prometheus-inst.yaml": no matches for kind "Prometheus" in version "monitoring.coreos.com/v1"\nensure CRDs are installed first\n');
  });

  it('004:6150 and 004:6190 Ingress backends written as serviceName/servicePort under networking.k8s.io/v1', async () => {
    const r = await k.fails('apply', '-f', k.file('004/example-ingress-rewrite.yaml', { as: 'example-ingress.yaml' }));
    assert.equal(r.stderr, STRICT('example-ingress.yaml', 'Ingress', 'v1', [
      'spec.rules[0].http.paths[0].backend.serviceName', 'spec.rules[0].http.paths[0].backend.servicePort']));
    k.file('004/example-ingress-hosts.yaml', { as: 'example-ingress.yaml' });
    const hosts = await k.fails('apply', '-f', 'example-ingress.yaml');
    assert.equal(hosts.stderr, STRICT('example-ingress.yaml', 'Ingress', 'v1', [
      'spec.rules[0].http.paths[0].backend.serviceName', 'spec.rules[0].http.paths[0].backend.servicePort',
      'spec.rules[1].http.paths[0].backend.serviceName', 'spec.rules[1].http.paths[0].backend.servicePort']));
    assert.equal(await k.exists('ingress', 'example-ingress'), false);
  });

  it('004:6094 an Ingress whose annotations: key is missing is a YAML error', async () => {
    const r = await k.fails('apply', '-f', k.file('004/rate-ingress.yaml'));
    assert.equal(r.stderr, 'error: error parsing rate-ingress.yaml: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context\n');
  });

  it('004:5964 a backend Service named with its namespace: first the Ingress\'s namespace is missing, then the name is invalid', async () => {
    const ns = k.name('ingress-namespace');
    k.file('004/my-ingress-cross-namespace.yaml', { as: 'ingress.yaml', replace: { 'namespace: ingress-namespace': `namespace: ${ns}` } });
    const missing = await k.fails('apply', '-f', 'ingress.yaml');
    assert.equal(missing.stderr, `Error from server (NotFound): error when creating "ingress.yaml": namespaces "${ns}" not found\n`);
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }) });
    const r = await k.fails('apply', '-f', 'ingress.yaml');
    assert.equal(r.stderr, 'The Ingress "my-ingress" is invalid: spec.rules[0].http.paths[0].backend.service.name: Invalid value: "my-service.my-namespace": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')\n');
    assert.equal(await k.exists('ingress', 'my-ingress', '-n', ns), false);
  });

  it('004:2670 initialDelaySeconds and periodSeconds inside a lifecycle httpGet', async () => {
    const r = await k.fails('apply', '-f', k.file('004/pod-lifecycle-httpget.yaml', { as: 'pod.yaml' }));
    assert.equal(r.stderr, STRICT('pod.yaml', 'Pod', 'v1', [
      'spec.containers[0].lifecycle.postStart.httpGet.initialDelaySeconds', 'spec.containers[0].lifecycle.postStart.httpGet.periodSeconds']));
    assert.equal(await k.exists('pod', 'lifecycle-demo'), false);
  });

  it('004:4870 loadBalancerBackendWeights, a field Service does not have', async () => {
    const r = await k.fails('apply', '-f', k.file('004/myapp-service-weighted.yaml', { as: 'service.yaml' }));
    assert.equal(r.stderr, STRICT('service.yaml', 'Service', 'v1', ['spec.loadBalancerBackendWeights']));
    assert.equal(await k.exists('svc', 'myapp-service'), false);
  });

  it('004:4848 externalTrafficPolicy: Local on a ClusterIP Service', async () => {
    const r = await k.fails('apply', '-f', k.file('004/myapp-service-external-traffic-local.yaml', { as: 'service.yaml' }));
    assert.equal(r.stderr, 'The Service "myapp-service" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services\n');
    assert.equal(await k.exists('svc', 'myapp-service'), false);
  });

  it('004:2203 a fixed clusterIP outside the service range (10.43.0.0/16 here)', async () => {
    const r = await k.fails('apply', '-f', k.file('004/svc-nginx.yaml', { replace: { 'namespace: dev': `namespace: ${k.ns}` } }));
    assert.equal(r.stderr, 'The Service "svc-nginx" is invalid: spec.clusterIPs: Invalid value: []string{"10.233.43.85"}: failed to allocate IP 10.233.43.85: the provided IP (10.233.43.85) is not in the valid range. The range of valid IPs is 10.43.0.0/16\n');
    assert.equal(await k.exists('svc', 'svc-nginx'), false);
  });

  it('004:4068 the DaemonSet rolling update with both maxSurge and maxUnavailable set: exactly one may be non-zero', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('004/daemonset.yaml')), 'daemonset.apps/my-daemonset created\n');
    const r = await k.fails('apply', '-f', k.file('004/daemonset.rolling.yaml', { as: 'daemonset.yaml' }));
    assert.equal(r.stderr, 'The DaemonSet "my-daemonset" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero\n');
    const ds = await k.json('get', 'ds', 'my-daemonset');
    assert.equal((ds.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image, 'nginx:1.21.1');
  });

  it('004:4134 a StatefulSet without serviceName is accepted (serviceName is optional in apps/v1)', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('004/my-statefulset.yaml')), 'statefulset.apps/my-statefulset created\n');
    const sts = await k.json('get', 'sts', 'my-statefulset');
    // apps/v1 declares serviceName without omitempty: the empty name is written out.
    assert.equal((sts.spec as { serviceName?: string }).serviceName, '');
    assert.equal((sts.spec as { podManagementPolicy: string }).podManagementPolicy, 'OrderedReady');
  });
});
