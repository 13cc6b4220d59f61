/**
 * The kubectl scenario of the API server issue, run against one store: the verbs a user types in the
 * notes, each checked by what kubectl prints.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

import { after, before, describe, it } from 'node:test';
import { eventually, manifest, startCluster, type Cluster, type StoreKind } from './harness.js';

export function kubectlScenario(store: StoreKind): void {
  describe(`kubectl against navarch server on ${store}`, () => {
    let c: Cluster;
    before(async () => { c = await startCluster(store); });
    after(async () => { await c?.stop(); });

    it('version reports the server', async () => {
      const out = await c.k('version');
      assert.match(out, /Server Version: v1\.32\.\d+/);
    });

    it('api-resources lists every kind with short names and groups', async () => {
      const out = await c.k('api-resources');
      assert.match(out, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/m);
      for (const row of [
        /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m,
        /^pods\s+po\s+v1\s+true\s+Pod$/m,
        /^services\s+svc\s+v1\s+true\s+Service$/m,
        /^cronjobs\s+cj\s+batch\/v1\s+true\s+CronJob$/m,
        /^ingresses\s+ing\s+networking\.k8s\.io\/v1\s+true\s+Ingress$/m,
        /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m,
        /^clusterroles\s+rbac\.authorization\.k8s\.io\/v1\s+false\s+ClusterRole$/m,
      ]) assert.match(out, row);
    });

    it('explain describes pod.spec.containers', async () => {
      const out = await c.k('explain', 'pod.spec.containers');
      assert.match(out, /KIND:\s+Pod/);
      assert.match(out, /FIELD: containers <\[\]Container>/);
      assert.match(out, /livenessProbe\s+<Probe>/);
      const probe = await c.k('explain', 'pod.spec.containers.livenessProbe');
      assert.match(probe, /periodSeconds\s+<integer>/);
    });

    it('apply -f creates the manifests from the notes under strict validation', async () => {
      const out = await c.k('apply', '-f', manifest('demo.yaml'));
      for (const line of [
        'namespace/demo created', 'deployment.apps/nginx-deployment created', 'service/nginx-service created',
        'configmap/web-config created', 'secret/my-secret created', 'cronjob.batch/my-cronjob created',
        'ingress.networking.k8s.io/nginx-ingress created',
      ]) assert.ok(out.includes(line), `missing "${line}" in:\n${out}`);
      const again = await c.k('apply', '-f', manifest('demo.yaml'));
      assert.match(again, /deployment\.apps\/nginx-deployment unchanged/);
    });

    it('a typo in a manifest field is rejected with "unknown field"', async () => {
      const r = await c.kubectl(['apply', '-f', manifest('typo.yaml')]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /strict decoding error: unknown field "spec\.template\.spec\.containers\[0\]\.imagePulPolicy"/);
      const get = await c.kubectl(['get', 'deploy', 'typo', '-n', 'demo']);
      assert.match(get.stderr, /NotFound/);
    });

    it('get prints tables, wide, yaml, json, jsonpath, custom-columns and names', async () => {
      const deploy = await c.k('get', 'deploy', '-n', 'demo');
      assert.match(deploy, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
      // The deployment controller has made its ReplicaSet; no pod runs (no scheduler or node here).
      assert.match(deploy, /^nginx-deployment\s+0\/1\s+[01]\s+0\s+\d+s$/m);
      const wide = await c.k('get', 'svc', '-n', 'demo', '-o', 'wide');
      assert.match(wide, /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR$/m);
      assert.match(wide, /^nginx-service\s+ClusterIP\s+10\.43\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s\s+app=nginx$/m);
      const yaml = await c.k('get', 'deploy', 'nginx-deployment', '-n', 'demo', '-o', 'yaml');
      assert.match(yaml, /maxSurge: 25%/);
      assert.match(yaml, /imagePullPolicy: Always/);
      assert.match(yaml, /terminationGracePeriodSeconds: 30/);
      const json = JSON.parse(await c.k('get', 'svc', 'nginx-service', '-n', 'demo', '-o', 'json')) as { spec: { clusterIP: string; ports: Array<{ protocol: string }> } };
      assert.match(json.spec.clusterIP, /^10\.43\./);
      assert.equal(json.spec.ports[0].protocol, 'TCP');
      assert.equal(await c.k('get', 'secret', 'my-secret', '-n', 'demo', '-o', 'jsonpath={.data.username}'), 'bXl1c2Vy');
      const cc = await c.k('get', 'cm', '-n', 'demo', '-o', 'custom-columns=NAME:.metadata.name,HTML:.data.index\\.html');
      assert.match(cc, /^web-config\s+hello$/m);
      const names = await c.k('get', 'deploy,svc', '-n', 'demo', '-o', 'name');
      assert.equal(names.trim(), 'deployment.apps/nginx-deployment\nservice/nginx-service');
      const ns = await c.k('get', 'ns');
      assert.match(ns, /^demo\s+Active\s+\d+s$/m);
    });

    it('selects by labels (equality and set-based), fields and across namespaces', async () => {
      const labels = await c.k('get', 'deploy,svc,cm', '-n', 'demo', '--show-labels');
      assert.match(labels, /nginx-deployment.*app=nginx,tier=web/);
      const sel = await c.k('get', 'deploy,svc,cm', '-n', 'demo', '-l', 'app in (nginx,config),tier!=db', '-o', 'name');
      assert.equal(sel.trim(), 'deployment.apps/nginx-deployment\nservice/nginx-service');
      const field = await c.k('get', 'cm', '-A', '--field-selector', 'metadata.namespace=demo', '-o', 'name');
      assert.match(field, /configmap\/web-config/);
      const other = await c.k('get', 'cm', '-A', '--field-selector', 'metadata.namespace=default', '-o', 'name');
      assert.doesNotMatch(other, /web-config/);
      const all = await c.k('get', 'svc', '-A');
      assert.match(all, /^NAMESPACE\s+NAME\s+TYPE/m);
      assert.match(all, /^default\s+kubernetes\s+ClusterIP\s+10\.43\.0\.1\s+<none>\s+443\/TCP/m);
      assert.match(all, /^demo\s+nginx-service\s+ClusterIP/m);
      const bad = await c.kubectl(['get', 'pods', '--field-selector', 'spec.bogus=x']);
      assert.match(bad.stderr, /field label not supported: spec\.bogus/);
    });

    it('get -w sees a change made from a second shell', async () => {
      const w = spawn('kubectl', ['--kubeconfig', c.kubeconfig, 'get', 'cm', '-n', 'demo', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      w.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      try {
        await eventually(async () => out.includes('web-config'), 15_000, 'the initial list');
        await c.k('create', 'configmap', 'watched', '-n', 'demo', '--from-literal=a=b', '--dry-run=client', '-o', 'yaml')
          .then((y) => c.kubectl(['apply', '-f', '-'], { input: y }));
        await eventually(async () => /^watched\s+1\s+\d+s$/m.test(out), 15_000, 'the watched configmap');
      } finally {
        w.kill();
      }
    });

    it('label and annotate, with --overwrite and key-', async () => {
      assert.match(await c.k('label', 'deploy', 'nginx-deployment', '-n', 'demo', 'env=dev'), /deployment\.apps\/nginx-deployment labeled/);
      const clash = await c.kubectl(['label', 'deploy', 'nginx-deployment', '-n', 'demo', 'env=prod']);
      assert.match(clash.stderr, /'env' already has a value \(dev\), and --overwrite is false/);
      await c.k('label', 'deploy', 'nginx-deployment', '-n', 'demo', 'env=prod', '--overwrite');
      assert.equal(await c.k('get', 'deploy', 'nginx-deployment', '-n', 'demo', '-o', 'jsonpath={.metadata.labels.env}'), 'prod');
      await c.k('label', 'deploy', 'nginx-deployment', '-n', 'demo', 'env-');
      assert.equal(await c.k('get', 'deploy', 'nginx-deployment', '-n', 'demo', '-o', 'jsonpath={.metadata.labels.env}'), '');
      assert.match(await c.k('annotate', 'svc', 'nginx-service', '-n', 'demo', 'owner=team-a'), /service\/nginx-service annotated/);
      await c.k('annotate', 'svc', 'nginx-service', '-n', 'demo', 'owner=team-b', '--overwrite');
      assert.equal(await c.k('get', 'svc', 'nginx-service', '-n', 'demo', '-o', 'jsonpath={.metadata.annotations.owner}'), 'team-b');
      await c.k('annotate', 'svc', 'nginx-service', '-n', 'demo', 'owner-');
      assert.equal(await c.k('get', 'svc', 'nginx-service', '-n', 'demo', '-o', 'jsonpath={.metadata.annotations.owner}'), '');
    });

    it('scale deployment sets replicas through the scale subresource', async () => {
      assert.match(await c.k('scale', 'deployment', 'nginx-deployment', '-n', 'demo', '--replicas=3'), /deployment\.apps\/nginx-deployment scaled/);
      assert.equal(await c.k('get', 'deploy', 'nginx-deployment', '-n', 'demo', '-o', 'jsonpath={.spec.replicas}'), '3');
      assert.equal(await c.k('get', 'deploy', 'nginx-deployment', '-n', 'demo', '-o', 'jsonpath={.spec.replicas}', '--subresource=scale'), '3');
    });

    it('describe shows the object', async () => {
      const out = await c.k('describe', 'deployment', 'nginx-deployment', '-n', 'demo');
      assert.match(out, /^Name:\s+nginx-deployment$/m);
      assert.match(out, /^Namespace:\s+demo$/m);
      assert.match(out, /^Replicas:\s+3 desired/m);
      assert.match(out, /^StrategyType:\s+RollingUpdate$/m);
      assert.match(out, /Image:\s+nginx:latest/);
      const svc = await c.k('describe', 'svc', 'nginx-service', '-n', 'demo');
      assert.match(svc, /^IP:\s+10\.43\./m);
    });

    it('delete -l and delete -f remove what they name', async () => {
      assert.match(await c.k('delete', 'cm', '-n', 'demo', '-l', 'app=config'), /configmap "web-config" deleted/);
      const left = await c.k('get', 'cm', '-n', 'demo', '-l', 'app=config', '-o', 'name');
      assert.equal(left.trim(), '');
      const out = await c.k('delete', '-f', manifest('demo.yaml'), '--ignore-not-found');
      assert.match(out, /namespace "demo" deleted/);
      const gone = await c.kubectl(['get', 'ns', 'demo']);
      assert.match(gone.stderr, /namespaces "demo" not found/);
      // Deleting the namespace took what it held with it.
      const deploy = await c.kubectl(['get', 'deploy', 'nginx-deployment', '-n', 'demo']);
      assert.match(deploy.stderr, /namespaces "demo" not found/);
    });

    it('keeps every object across a restart on the same data dir', async () => {
      await c.kubectl(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: persist\n' });
      const before = await c.k('get', 'ns', 'persist', '-o', 'jsonpath={.metadata.uid}');
      await c.restart();
      assert.equal(await c.k('get', 'ns', 'persist', '-o', 'jsonpath={.metadata.uid}'), before);
    });
  });
}

