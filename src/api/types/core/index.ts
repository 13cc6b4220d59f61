/** The core (legacy, group "") API's kinds. */
import type { ResourceDef } from '../../resource.js';
import { configmaps } from './configmap.js';
import { namespaces } from './namespace.js';
import { pods, podtemplates } from './pod/index.js';

export const coreResources: ResourceDef[] = [namespaces, configmaps, pods, podtemplates];
