/**
 * The flowcontrol.apiserver.k8s.io group (API Priority and Fairness): FlowSchemas and
 * PriorityLevelConfigurations, stored and validated but not enforced; the mandatory exempt and
 * catch-all objects are what the server creates at start.
 */
import type { ResourceDef } from '../../resource.js';
import { flowschemas } from './flow-schema.js';
import { prioritylevelconfigurations } from './priority-level.js';

export { AUTOUPDATE_ANNOTATION, MANDATORY_FLOW_SCHEMAS, MANDATORY_PRIORITY_LEVELS } from './bootstrap.js';
export { APF_NOT_ENFORCED } from './not-enforced.js';
export { FlowSchemaSchema, PriorityLevelConfigurationSchema } from './schema.js';

export const flowcontrolResources: ResourceDef[] = [flowschemas, prioritylevelconfigurations];
