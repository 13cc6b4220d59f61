/**
 * The ResourceDefs of a CustomResourceDefinition: one per served version, stored under the storage
 * version (other versions converted with the None strategy: only apiVersion changes), decoding with
 * the lenient schema and publishing the typed one in OpenAPI, validated and defaulted by the
 * version's openAPIV3Schema, printed with its additionalPrinterColumns.
 */
import { StatusError, type KObject, type ResourceDef, type ScaleDef } from '../../api/index.js';
import { publishSchema } from '../openapi/index.js';
import type { Crd, CrdVersion } from './crd-types.js';
import { applyDefaults } from './defaults.js';
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';
import { printerTable } from './printer-columns.js';
import { definitionName, rootSchema } from './schema-convert.js';
import { validateCustomResource } from './validate-value.js';

const customResources = new WeakSet<ResourceDef>();

/** Whether def serves a custom resource (then strategic merge patch is refused, as Kubernetes does). */
export function isCustomResource(def: ResourceDef): boolean {
  return customResources.has(def);
}

const identity = (o: KObject): KObject => o;
const trimDot = (p: string | undefined): string => (p ?? '').replace(/^\./, '');

function scaleOf(v: CrdVersion): ScaleDef | undefined {
  const s = v.subresources?.scale;
  if (!s) return undefined;
  return {
    specReplicasPath: trimDot(s.specReplicasPath), statusReplicasPath: trimDot(s.statusReplicasPath),
    labelSelectorPath: s.labelSelectorPath ? trimDot(s.labelSelectorPath) : undefined,
  };
}

function selectableFields(v: CrdVersion): ResourceDef['selectableFields'] {
  const out: NonNullable<ResourceDef['selectableFields']> = {};
  for (const f of v.selectableFields ?? []) {
    if (!f.jsonPath) continue;
    let steps: ReturnType<typeof parseJsonPath>;
    try { steps = parseJsonPath(f.jsonPath); } catch { continue; }
    out[trimDot(f.jsonPath)] = (obj) => {
      const found = evaluateJsonPath(steps, obj)[0];
      return found === undefined || found === null ? undefined : String(found);
    };
  }
  return Object.keys(out).length ? out : undefined;
}

/** True when the CRD may serve: Established and not being deleted. */
export function isEstablished(crd: Crd): boolean {
  return (crd.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
}

/** The ResourceDefs a CRD serves (none when it is not established). */
export function customResourceDefs(crd: Crd): ResourceDef[] {
  const spec = crd.spec ?? {};
  const group = spec.group ?? '';
  const names = spec.names ?? {};
  const kind = names.kind ?? '';
  const plural = names.plural ?? '';
  if (!group || !kind || !plural || !isEstablished(crd)) return [];
  const versions = spec.versions ?? [];
  const storage = versions.find((v) => v.storage && v.served)?.name;
  const terminating = !!crd.metadata.deletionTimestamp;
  return versions.filter((v) => v.served && v.name).map((v) => {
    const version = v.name ?? '';
    const props = v.schema?.openAPIV3Schema;
    const gvk = { group, version, kind };
    const name = definitionName(group, version, kind);
    const deprecation = v.deprecated ? v.deprecationWarning ?? `${group}/${version} ${kind} is deprecated` : undefined;
    const status = !!v.subresources?.status;
    const scale = scaleOf(v);
    const def: ResourceDef = {
      group, version, kind, plural, listKind: names.listKind || `${kind}List`,
      singular: names.singular || kind.toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames?.length ? [...names.shortNames] : undefined,
      categories: names.categories?.length ? [...names.categories] : undefined,
      schema: rootSchema(props, name, gvk, 'decode'),
      subresources: status || scale ? { status: status || undefined, scale } : undefined,
      generation: true,
      storage: storage && storage !== version
        ? { group, version: storage, resource: plural, toStorage: identity, fromStorage: identity } : undefined,
      defaults: props ? (obj) => applyDefaults(props, obj) : undefined,
      validate: (obj) => (props ? validateCustomResource(props, obj) : []),
      unstructured: true,
      prepareForCreate: terminating ? () => {
        throw new StatusError(405, 'MethodNotAllowed', 'create not allowed while custom resource definition is terminating');
      } : undefined,
      warnings: deprecation ? () => [deprecation] : undefined,
      table: printerTable(v.additionalPrinterColumns),
      selectableFields: selectableFields(v),
    };
    customResources.add(def);
    publishSchema(def, rootSchema(props, name, gvk, 'published'));
    return def;
  });
}
