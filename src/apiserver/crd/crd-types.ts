/** The parts of a CustomResourceDefinition that serving its custom resources reads. */
import type { KObject } from '../../api/index.js';
import { CRD_CLEANUP_FINALIZER } from '../../api/types/apiextensions/index.js';
import type { PrinterColumn } from './printer-columns.js';
import type { Props } from './props.js';

export interface CrdNames {
  plural?: string;
  singular?: string;
  shortNames?: string[];
  kind?: string;
  listKind?: string;
  categories?: string[];
}

export interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: Props };
  subresources?: {
    status?: Record<string, never>;
    scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
  selectableFields?: Array<{ jsonPath?: string }>;
}

export interface Crd extends KObject {
  spec?: { group?: string; names?: CrdNames; scope?: string; versions?: CrdVersion[] };
  status?: { conditions?: Array<{ type: string; status: string }>; acceptedNames?: CrdNames };
}

/** The finalizer that holds a deleted CRD until its custom resources are gone. */
export const CLEANUP_FINALIZER = CRD_CLEANUP_FINALIZER;
