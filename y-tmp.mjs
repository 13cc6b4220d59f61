import { parseAllDocuments } from 'yaml';
import fs from 'node:fs';
import { pods, PodTemplateSpecSchema, defaultPodTemplateSpec, validatePodTemplateSpec } from './dist/src/api/types/core/pod/index.js';
import { checkStructure } from './dist/src/api/schema/structural.js';
const text = fs.readFileSync(process.argv[2],'utf8');
const lines = text.split('\n');
let inBlock = false, start = 0, buf = [];
for (let i = 0; i < lines.length; i++) {
  const l = lines[i];
  if (!inBlock && /^```(yaml|yml)?\s*$/.test(l.trim()) && l.trim() !== '```') { inBlock = true; start = i + 2; buf = []; continue; }
  if (!inBlock && l.trim() === '```yaml') { inBlock = true; start = i+2; buf=[]; continue; }
  if (inBlock && l.trim().startsWith('```')) {
    inBlock = false;
    let docs;
    try { docs = parseAllDocuments(buf.join('\n')); } catch (e) { continue; }
    for (const d of docs) {
      if (d.errors.length) { continue; }
      const o = d.toJS();
      if (!o || typeof o !== 'object') continue;
      let spec, schemaCheck;
      if (o.kind === 'Pod') { schemaCheck = checkStructure(pods.schema, structuredClone(o)); }
      else if (o.spec?.template) { schemaCheck = checkStructure(PodTemplateSpecSchema, structuredClone(o.spec.template)); }
      else if (o.spec?.jobTemplate) { schemaCheck = checkStructure(PodTemplateSpecSchema, structuredClone(o.spec.jobTemplate.spec?.template ?? {})); }
      else continue;
      let verrs = [];
      if (o.kind === 'Pod') { const p = structuredClone(o); p.metadata ??= {}; p.metadata.namespace ??= 'default'; pods.defaults(p); verrs = pods.validate(p, {}); }
      else { const t = structuredClone(o.spec.template ?? o.spec.jobTemplate?.spec?.template ?? {}); defaultPodTemplateSpec(t); verrs = validatePodTemplateSpec(t, 'spec.template'); }
      if (verrs.length) console.log('   VERR', start, o.kind, o.metadata?.name, verrs.map(e => e.field + ': ' + e.message).join(' | '));
      const feats = JSON.stringify(o).match(/livenessProbe|readinessProbe|startupProbe|lifecycle|affinity|tolerations|volumes|initContainers|securityContext|fieldRef|nodeSelector/g);
      console.log(start, o.kind, o.metadata?.name, JSON.stringify(schemaCheck), [...new Set(feats ?? [])].join(','));
    }
    continue;
  }
  if (inBlock) buf.push(l);
}
