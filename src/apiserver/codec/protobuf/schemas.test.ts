/**
 * The declarations protobuf decoding rests on: every served schema's field numbers, embedded-struct
 * marks and the Go presence facts agree with each other.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinResources, type ObjectSchema, type Schema } from '../../../api/index.js';
import { DeleteOptionsSchema, ScaleSchema } from '../../openapi/index.js';
import { ALWAYS_SCALARS } from './presence-always.js';
import { MICRO_TIMES, POINTER_SCALARS } from './presence-pointers.js';

function reachable(): Map<string, ObjectSchema> {
  const seen = new Map<string, ObjectSchema>();
  const walk = (s: Schema): void => {
    if (s.type === 'array') return walk(s.items);
    if (s.type === 'map') return walk(s.values);
    if (s.type !== 'object' || seen.has(s.name)) return;
    seen.set(s.name, s);
    for (const f of Object.values(s.fields)) walk(f.schema);
  };
  for (const def of builtinResources) walk(def.schema);
  walk(DeleteOptionsSchema);
  walk(ScaleSchema);
  return seen;
}

const schemas = reachable();

/**
 * RuleWithOperations is embedded in NamedRuleWithOperations, itself embedded: two levels the schema
 * language cannot number. No kubectl generator sends these kinds as protobuf (they arrive as JSON).
 */
const UNNUMBERED = /^io\.k8s\.api\.admissionregistration\.v1\.NamedRuleWithOperations\.(apiGroups|apiVersions|resources|scope)$/;

/** Definitions of kinds the server does not serve yet as resources (TokenRequest, access reviews). */
const NOT_SERVED = /^io\.k8s\.api\.(authentication|authorization)\.v1\.|^io\.k8s\.apimachinery\.pkg\.apis\.meta\.v1\.FieldSelectorRequirement$/;

describe('protobuf declarations of the served schemas', () => {
  it('give every field but apiVersion and kind a protobuf number', () => {
    const missing: string[] = [];
    for (const s of schemas.values()) {
      for (const [name, f] of Object.entries(s.fields)) {
        if (f.proto === undefined && name !== 'apiVersion' && name !== 'kind' && !UNNUMBERED.test(`${s.name}.${name}`)) missing.push(`${s.name}.${name}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('use each number once per message, embedded messages included', () => {
    const clashes: string[] = [];
    for (const s of schemas.values()) {
      const direct = new Map<number, string>();
      const groups = new Map<number, Map<number, string>>();
      for (const [name, f] of Object.entries(s.fields)) {
        if (f.proto === undefined) continue;
        const slots = f.embeddedIn === undefined ? direct : groups.get(f.embeddedIn) ?? groups.set(f.embeddedIn, new Map()).get(f.embeddedIn)!;
        if (slots.has(f.proto)) clashes.push(`${s.name}: ${slots.get(f.proto)} and ${name} are both ${f.proto}`);
        slots.set(f.proto, name);
      }
      for (const n of groups.keys()) {
        if (direct.has(n)) clashes.push(`${s.name}: embedded message ${n} clashes with ${direct.get(n)}`);
      }
    }
    assert.deepEqual(clashes, []);
  });

  it('mark the embedded structs Kubernetes inlines', () => {
    const marked = new Set<string>();
    for (const s of schemas.values()) {
      for (const f of Object.values(s.fields)) if (f.embeddedIn !== undefined) marked.add(`${s.name} ${f.embeddedIn}`);
    }
    const core = 'io.k8s.api.core.v1.';
    const want = [
      `${core}Volume 2`, `${core}PersistentVolumeSpec 2`, `${core}Probe 1`, `${core}EphemeralContainer 1`,
      `${core}ConfigMapVolumeSource 1`, `${core}SecretProjection 1`, `${core}ConfigMapProjection 1`, `${core}ConfigMapKeySelector 1`,
      `${core}SecretKeySelector 1`, `${core}ConfigMapEnvSource 1`, `${core}SecretEnvSource 1`, 'io.k8s.api.networking.v1.IngressRule 2',
      'io.k8s.api.admissionregistration.v1.RuleWithOperations 2', 'io.k8s.api.admissionregistration.v1.NamedRuleWithOperations 2',
    ];
    assert.deepEqual([...marked].sort(), want.sort());
  });

  it('name only declared scalar fields in the presence tables', () => {
    const wrong: string[] = [];
    const check = (table: Readonly<Record<string, string>>, ok: (s: Schema) => boolean): void => {
      for (const [definition, names] of Object.entries(table)) {
        const s = schemas.get(definition);
        if (!s) {
          if (!NOT_SERVED.test(definition)) wrong.push(`${definition} is not a served definition`);
          continue;
        }
        for (const name of names.split(' ')) {
          const f = s.fields[name];
          if (!f || !ok(f.schema)) wrong.push(`${definition}.${name}`);
        }
      }
    };
    const scalar = (s: Schema): boolean => (s.type === 'string' && s.format !== 'date-time') || s.type === 'integer' || s.type === 'boolean' || s.type === 'number';
    check(POINTER_SCALARS, scalar);
    check(ALWAYS_SCALARS, scalar);
    check(MICRO_TIMES, (s) => s.type === 'string' && s.format === 'date-time');
    assert.deepEqual(wrong, []);
  });
});
