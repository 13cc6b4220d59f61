/**
 * `kubectl explain` (004:2298 pod, 004:2304 pod.metadata, and the fields the notes' manifests use),
 * printed by kubectl from the server's OpenAPI. The descriptions are navarch's own words, so the
 * checks cover the layout, the kinds, versions, field names, types and -required- marks.
 */
import assert from 'node:assert/strict';
import { notesSuite, it } from './kit.js';

notesSuite('explain', (k) => {
  it('004:2298 explain pod', async () => {
    const out = await k.ok('explain', 'pod');
    assert.match(out, /^KIND: {7}Pod\nVERSION: {4}v1\n\nDESCRIPTION:\n {4}\S/);
    assert.match(out, /\nFIELDS:\n {2}apiVersion\t<string>\n {4}\S/);
    for (const f of [/^ {2}kind\t<string>$/m, /^ {2}metadata\t<ObjectMeta>$/m, /^ {2}spec\t<PodSpec>$/m, /^ {2}status\t<PodStatus>$/m]) assert.match(out, f);
    const fields = [...out.matchAll(/^ {2}(\w+)\t/gm)].map((m) => m[1]);
    assert.deepEqual(fields, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  });

  it('004:2304 explain pod.metadata', async () => {
    const out = await k.ok('explain', 'pod.metadata');
    assert.match(out, /^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: metadata <ObjectMeta>\n/);
    for (const f of [/^ {2}annotations\t<map\[string\]string>$/m, /^ {2}creationTimestamp\t<string>$/m, /^ {2}labels\t<map\[string\]string>$/m,
      /^ {2}name\t<string>$/m, /^ {2}namespace\t<string>$/m, /^ {2}ownerReferences\t<\[\]OwnerReference>$/m, /^ {2}uid\t<string>$/m,
      /^ {2}managedFields\t<\[\]ManagedFieldsEntry>$/m, /^ {2}finalizers\t<\[\]string>$/m, /^ {2}generateName\t<string>$/m]) assert.match(out, f);
  });

  it('explain marks required fields and follows the notes\' paths', async () => {
    assert.match(await k.ok('explain', 'pod.spec'), /^ {2}containers\t<\[\]Container> -required-$/m);
    const probe = await k.ok('explain', 'pod.spec.containers.livenessProbe');
    assert.match(probe, /^FIELD: livenessProbe <Probe>$/m);
    for (const f of [/^ {2}initialDelaySeconds\t<integer>$/m, /^ {2}periodSeconds\t<integer>$/m, /^ {2}httpGet\t<HTTPGetAction>$/m]) assert.match(probe, f);
    const strategy = await k.ok('explain', 'deployment.spec.strategy');
    assert.match(strategy, /^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n/);
    assert.match(strategy, /^ {2}rollingUpdate\t<RollingUpdateDeployment>$/m);
    assert.match(strategy, /^ {2}type\t<string>$/m);
    // kubectl 1.27 does not print a field's enum; later versions do, from the OpenAPI v3 schema.
    if (k.version !== '1.27') assert.match(strategy, /^ {2}type\t<string>\n {2}enum: Recreate, RollingUpdate$/m);
    const backend = await k.ok('explain', 'ingress.spec.rules.http.paths.backend');
    assert.match(backend, /^ {2}service\t<IngressServiceBackend>$/m);
    assert.doesNotMatch(backend, /serviceName/);
  });

  it('explain --recursive lists nested fields; unknown fields and versions are refused', async () => {
    const rec = await k.ok('explain', 'cronjob.spec.jobTemplate.spec.template.spec.containers', '--recursive');
    assert.match(rec, /^ {2}name\t<string> -required-$/m);
    assert.match(rec, /^ {4}httpGet\t<HTTPGetAction>$/m);
    const bad = await k.fails('explain', 'pod.spec.imagePullSecretz');
    assert.equal(bad.stderr, 'error: field "imagePullSecretz" does not exist\n');
    const gone = await k.fails('explain', 'cronjob', '--api-version=batch/v1beta1');
    assert.equal(gone.stderr, 'error: couldn\'t find resource for "batch/v1beta1, Resource=cronjobs"\n');
    const hpa = await k.ok('explain', 'hpa.spec.metrics.resource.target');
    assert.match(hpa, /^ {2}averageUtilization\t<integer>$/m);
  });
});
