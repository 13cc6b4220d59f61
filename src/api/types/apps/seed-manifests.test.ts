/**
 * Completeness: every workload manifest in the user's notes (/work/shared/seeds, or $NAVARCH_SEEDS)
 * decodes against our schemas without unknown fields, except the few that really are wrong.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { checkStructure } from '../../schema/structural.js';
import type { ObjectSchema } from '../../schema/schema.js';
import { appsResources } from './index.js';
import { batchResources } from '../batch/index.js';
import { autoscalingResources } from '../autoscaling/index.js';
import { policyResources } from '../policy/index.js';

const SEEDS = process.env.NAVARCH_SEEDS ?? '/work/shared/seeds';

const schemas = new Map<string, ObjectSchema>();
for (const r of [...appsResources, ...batchResources, ...autoscalingResources, ...policyResources]) {
  schemas.set(`${r.group}/${r.version}/${r.kind}`, r.schema);
}

interface Found { where: string; apiVersion: string; kind: string; obj: Record<string, unknown> }

/** YAML documents of ```yaml blocks, with "file:line" of the block. */
function seedDocuments(): Found[] {
  const out: Found[] = [];
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()) {
    const lines = readFileSync(join(SEEDS, file), 'utf8').split('\n');
    let start = -1;
    lines.forEach((line, i) => {
      const t = line.trim().toLowerCase();
      if (start < 0 && (t === '```yaml' || t === '```yml')) start = i + 1;
      else if (start >= 0 && t.startsWith('```')) {
        for (const doc of parseAllDocuments(lines.slice(start, i).join('\n'))) {
          if (doc.errors.length > 0) continue;
          const obj = doc.toJS() as unknown;
          if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) continue;
          const o = obj as Record<string, unknown>;
          if (typeof o.kind === 'string' && typeof o.apiVersion === 'string') {
            out.push({ where: `${file.slice(0, 3)}:${start + 1}`, apiVersion: o.apiVersion, kind: o.kind, obj: o });
          }
        }
        start = -1;
      }
    });
  }
  return out;
}

/** Unknown fields that are real mistakes in the notes (Kubernetes rejects them too). */
const EXPECTED_UNKNOWN = new Set([
  // Notes that paste a kustomization.yaml and a Deployment into one document without "---".
  '000:3207 resources', '000:3229 bases', '000:3229 patchesStrategicMerge', '000:4079 resources',
  '000:4079 patchesStrategicMerge', '000:4458 bases', '000:4458 patchesStrategicMerge',
  // targetAverageUtilization is autoscaling/v2beta1 syntax; the manifest says v2beta2, which has target.
  '004:4502 spec.metrics[0].resource.targetAverageUtilization',
  '004:4563 spec.metrics[0].resource.targetAverageUtilization',
]);

describe('seed manifests', { skip: !existsSync(SEEDS) && `no seeds at ${SEEDS}` }, () => {
  it('decode without unknown fields', () => {
    const docs = seedDocuments();
    const checked: string[] = [];
    const unknown: string[] = [];
    for (const d of docs) {
      // Manifests written for retired versions (batch/v1beta1, autoscaling/v2beta2) are checked
      // against the served version with the same group, as a user would have to rewrite them.
      const group = d.apiVersion.includes('/') ? d.apiVersion.split('/')[0] : '';
      const exact = schemas.get(`${group}/${d.apiVersion.split('/').pop()}/${d.kind}`);
      const fallback = group === 'autoscaling' ? schemas.get(`autoscaling/v2/${d.kind}`) : schemas.get(`${group}/v1/${d.kind}`);
      const schema = exact ?? fallback;
      if (!schema) continue;
      checked.push(`${d.where} ${d.kind}`);
      const result = checkStructure(schema, structuredClone(d.obj));
      assert.equal(result.error, undefined, `${d.where} ${d.kind}: ${result.error}`);
      for (const u of result.unknown) unknown.push(`${d.where} ${u}`);
    }
    assert.ok(checked.length >= 30, `only ${checked.length} workload manifests found`);
    assert.deepEqual(unknown.filter((u) => !EXPECTED_UNKNOWN.has(u)), []);
    assert.deepEqual([...EXPECTED_UNKNOWN].filter((u) => !unknown.includes(u)), []);
  });
});
