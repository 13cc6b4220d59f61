/** The shape of a ResourceQuota as quota accounting reads and writes it. */
import type { KObject } from '../../api/index.js';
import type { WireResourceList } from './resource-list.js';

export interface ScopedResourceSelectorRequirement {
  scopeName?: string;
  operator?: string;
  values?: string[];
}

export interface ResourceQuota extends KObject {
  spec?: {
    hard?: WireResourceList;
    scopes?: string[];
    scopeSelector?: { matchExpressions?: ScopedResourceSelectorRequirement[] };
  };
  status?: { hard?: WireResourceList; used?: WireResourceList };
}
