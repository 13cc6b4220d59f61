/** JSON values as the OpenAPI documents are built from them. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject { [key: string]: Json }

/** A group/version/kind as the x-kubernetes-group-version-kind extension spells it. */
export interface GVK { group: string; kind: string; version: string }
