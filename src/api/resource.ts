/**
 * ResourceDef: everything the server needs to serve one kind, declared beside the kind's schema in
 * api/types/. Handlers, discovery, OpenAPI, tables and patching are generic over this.
 */
import type { FieldError } from './meta/field-errors.js';
import type { KObject } from './meta/object-meta.js';
import type { ObjectSchema } from './schema/schema.js';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0: shown by default; 1: shown with -o wide. */
  priority: 0 | 1;
}

export interface TableDef {
  /** Columns after NAME (NAME is added by the server, and NAMESPACE by kubectl for -A). */
  columns: TableColumn[];
  /** One cell per column (same order); `now` is the time to compute ages against. */
  cells(obj: KObject, now: Date): unknown[];
  /** The NAME cell, when it is more than metadata.name (storage classes add " (default)"). */
  nameCell?(obj: KObject): string;
}

export interface ScaleDef {
  /** Dotted paths into the object. */
  specReplicasPath: string;
  statusReplicasPath: string;
  /** Path of the label selector (a LabelSelector object, or for custom resources a selector string), used for status.selector of the Scale. */
  labelSelectorPath?: string;
  /** The same for an equality-only selector (a map of labels, as ReplicationController's spec.selector). */
  mapSelectorPath?: string;
}

/** What validation may consult (the server's configuration, never the store). */
export interface ValidationContext {
  /** The service CIDR(s), for validating clusterIP. */
  serviceCIDRs: string[];
  /** NodePort range, inclusive. */
  nodePortRange: [number, number];
}

/** The authenticated user behind a request, as a strategy sees it (Kubernetes' user.Info). */
export interface Requester {
  name: string;
  uid?: string;
  groups: readonly string[];
  extra?: Readonly<Record<string, readonly string[]>>;
}

export interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  /** The kind of its lists; default `${kind}List` (a CRD may name another). */
  listKind?: string;
  /** Lower-case plural used in URLs: "deployments". */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: readonly Verb[];
  /** The top-level schema: apiVersion, kind, metadata, spec, status… */
  schema: ObjectSchema;
  /** Name validation for metadata.name; default DNS-1123 subdomain. */
  nameValidator?: (name: string) => string[];
  subresources?: { status?: boolean; scale?: ScaleDef };
  /** Keep status given on create even with a status subresource (nodes register with their status). */
  keepStatusOnCreate?: boolean;
  /**
   * Where objects are stored when several versions share one store (autoscaling v1/v2 HPA, core and
   * events.k8s.io Events): the storage resource's group/version and conversions to and from it.
   * Absent: stored as this version.
   */
  storage?: {
    group: string;
    version: string;
    resource: string;
    toStorage(obj: KObject): KObject;
    fromStorage(obj: KObject): KObject;
  };
  /** Fills defaults, as Kubernetes' defaulting functions do. Mutates obj. */
  defaults?(obj: KObject): void;
  /** Validation on create (metadata is validated by the server first). */
  validate?(obj: KObject, ctx: ValidationContext): FieldError[];
  /** Checks only a create makes (in addition to validate). */
  validateCreate?(obj: KObject, ctx: ValidationContext): FieldError[];
  /** Validation on update (in addition to validate). */
  validateUpdate?(obj: KObject, old: KObject, ctx: ValidationContext): FieldError[];
  /** Warnings for a valid write (Kubernetes' WarningsOnCreate/WarningsOnUpdate); old is absent on create. */
  warnings?(obj: KObject, old?: KObject): string[];
  /**
   * Resets fields a create may not set (usually status). Default: drop status when subresources.status.
   * requester: who asked (absent for the server's own writes); CertificateSigningRequests record it.
   */
  prepareForCreate?(obj: KObject, requester?: Requester): void;
  /** Carries over fields an update of the main resource may not change (usually status). */
  prepareForUpdate?(obj: KObject, old: KObject): void;
  /** Server-side printing: the columns kubectl shows. */
  table?: TableDef;
  /** Fields usable in field selectors beyond metadata.name/metadata.namespace: name → value getter. */
  selectableFields?: Record<string, (obj: KObject) => string | undefined>;
  /**
   * Graceful deletion: the grace period to apply, given the requested one (undefined: none asked).
   * Return 0 to delete at once. Absent: objects are deleted at once.
   */
  gracePeriod?(obj: KObject, requested: number | undefined): number;
  /**
   * Deletion that waits for something besides metadata.finalizers (namespaces wait for
   * spec.finalizers): while this returns true the object stays, marked with deletionTimestamp.
   */
  deletionPending?(obj: KObject): boolean;
  /** Called on the copy that gets deletionTimestamp when deletion is requested (namespaces: phase Terminating). */
  markDeleting?(obj: KObject): void;
  /** DELETE answers with the object rather than a Status (pods do). */
  returnDeletedObject?: boolean;
  /**
   * No Go struct behind the kind (custom resources): the server writes out only what was sent, so a
   * new object gets no `status: {}`.
   */
  unstructured?: boolean;
  /** Whether metadata.generation is bumped when spec changes (default: when the schema has spec). */
  generation?: boolean;
}

/** "apps/v1" or "v1". */
export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}
