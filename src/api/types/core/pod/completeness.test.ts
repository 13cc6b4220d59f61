import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { checkStructure } from '../../../schema/structural.js';
import { PodTemplateSpecSchema } from './pod-schema.js';
import { pods } from './pod.js';
import { podtemplates } from './pod-template.js';

const SEED = '/work/shared/seeds/004_1a5bc642f3bf466c.txt';

type Doc = Record<string, unknown> & { kind?: string; metadata?: { name?: string }; spec?: Record<string, unknown> };

/** Every document of every ```yaml block of the notes that parses cleanly. */
function seedDocs(): Doc[] {
  const docs: Doc[] = [];
  const blocks = readFileSync(SEED, 'utf8').split(/^```[^\n]*$/m).filter((_, i) => i % 2 === 1);
  for (const block of blocks) {
    for (const d of parseAllDocuments(block)) {
      if (d.errors.length) continue;
      const o = d.toJS() as unknown;
      if (o && typeof o === 'object' && !Array.isArray(o)) docs.push(o as Doc);
    }
  }
  return docs;
}

function hasField(o: unknown, name: string): boolean {
  return JSON.stringify(o).includes(`"${name}"`);
}

describe('pod schema completeness against the notes', () => {
  const docs = seedDocs();
  const podDocs = docs.filter((d) => d.kind === 'Pod');
  // Workloads with a pod template (a few snippets in the notes show only other parts of a spec).
  const templates = docs.filter((d) => ['Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicaSet'].includes(d.kind ?? '')
    && d.spec?.template !== undefined);

  it('finds the example manifests that use probes, hooks, volumes, affinity and tolerations', () => {
    for (const f of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'volumes', 'affinity', 'tolerations', 'initContainers']) {
      assert.ok(podDocs.some((d) => hasField(d, f)) || templates.some((d) => hasField(d, f)), `no example with ${f}`);
    }
    assert.ok(podDocs.length >= 35, `only ${podDocs.length} pods parsed`);
    assert.ok(templates.length >= 15, `only ${templates.length} workload templates parsed`);
  });

  it('knows every field of every Pod in the notes', () => {
    for (const d of podDocs) {
      const r = checkStructure(pods.schema, structuredClone(d));
      assert.deepEqual(r, { unknown: [], error: undefined }, `pod ${d.metadata?.name}`);
    }
  });

  it('knows every field of the workload pod templates in the notes', () => {
    for (const d of templates) {
      const tpl = d.spec?.template as Record<string, unknown>;
      const r = checkStructure(PodTemplateSpecSchema, structuredClone(tpl));
      assert.deepEqual(r, { unknown: [], error: undefined }, `${d.kind} ${d.metadata?.name}`);
    }
  });

  it('defaults and accepts the complete Pod examples', () => {
    const complete = podDocs.filter((d) => ['myapp', 'nginx-prode', 'multi-pod', 'sensitive-app'].includes(d.metadata?.name ?? '')
      || hasField(d, 'tolerations') || hasField(d, 'affinity'));
    assert.ok(complete.length >= 8);
    for (const d of complete) {
      const p = structuredClone(d) as Doc & { metadata: Record<string, unknown> };
      p.metadata.namespace ??= 'default';
      pods.defaults!(p as never);
      assert.deepEqual(pods.validate!(p as never, { serviceCIDRs: [], nodePortRange: [30000, 32767] }), [], `pod ${d.metadata?.name}`);
    }
  });

  it('reports imagePullSecrets written inside a container as an unknown field', () => {
    // The notes put imagePullSecrets among the containers (a mistake kubectl reports as an unknown
    // field). Rebuild that manifest with the secret list inside the first container, as its author meant.
    const text = readFileSync(SEED, 'utf8');
    const start = text.indexOf('  name: demo-pod');
    assert.ok(start > 0);
    const manifest = [
      'apiVersion: v1', 'kind: Pod', 'metadata:', text.slice(start, text.indexOf('spec:', start)).trimEnd(), 'spec:', '  containers:',
      '  - name: nginx', '    image: nginx:1.20.2', '    imagePullPolicy: Always', '    imagePullSecrets:', '    - name: aliyun',
      '  - name: arcgis', '    image: registry.cn-shanghai.aliyuncs.com/xudaxian/arcgis/v1.0',
    ].join('\n');
    const pod = parseAllDocuments(manifest)[0].toJS() as Record<string, unknown>;
    assert.deepEqual(checkStructure(pods.schema, pod).unknown, ['spec.containers[0].imagePullSecrets']);
    const fixed = structuredClone(pod) as { spec: { containers: Array<Record<string, unknown>>; imagePullSecrets?: unknown } };
    fixed.spec.imagePullSecrets = fixed.spec.containers[0].imagePullSecrets;
    delete fixed.spec.containers[0].imagePullSecrets;
    assert.deepEqual(checkStructure(pods.schema, fixed as Record<string, unknown>).unknown, []);
  });

  it('reports misspelt fields with their full path', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'a', image: 'a', livenessProbe: { httpGet: { port: 80, paht: '/' } } }], volumes: [{ name: 'v', emptydir: {} }] } };
    assert.deepEqual(checkStructure(pods.schema, pod).unknown, ['spec.containers[0].livenessProbe.httpGet.paht', 'spec.volumes[0].emptydir']);
    assert.deepEqual(checkStructure(podtemplates.schema, { template: { spec: { containers: [{ name: 'a', imagee: 'b' }] } } }).unknown, ['template.spec.containers[0].imagee']);
  });
});
