/** The core (legacy, group "") API's kinds. */
import type { ResourceDef } from '../../resource.js';
import { configmaps } from './configmap.js';
import { namespaces } from './namespace.js';

export const coreResources: ResourceDef[] = [namespaces, configmaps];
