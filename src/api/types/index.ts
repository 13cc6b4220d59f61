/** Every built-in kind the server serves, one ResourceDef per group-version-resource. */
import type { ResourceDef } from '../resource.js';
import { admissionregistrationResources } from './admissionregistration/index.js';
import { apiextensionsResources } from './apiextensions/index.js';
import { apiregistrationResources } from './apiregistration/index.js';
import { appsResources } from './apps/index.js';
import { autoscalingResources } from './autoscaling/index.js';
import { batchResources } from './batch/index.js';
import { certificatesResources } from './certificates/index.js';
import { coordinationResources } from './coordination/index.js';
import { coreResources } from './core/index.js';
import { discoveryResources } from './discovery/index.js';
import { eventsResources } from './events/index.js';
import { flowcontrolResources } from './flowcontrol/index.js';
import { networkingResources } from './networking/index.js';
import { nodeResources } from './node/index.js';
import { policyResources } from './policy/index.js';
import { rbacResources } from './rbac/index.js';
import { schedulingResources } from './scheduling/index.js';
import { storageResources } from './storage/index.js';

export const builtinResources: readonly ResourceDef[] = [
  ...coreResources, ...appsResources, ...batchResources, ...autoscalingResources, ...networkingResources,
  ...discoveryResources, ...coordinationResources, ...eventsResources, ...policyResources,
  ...schedulingResources, ...storageResources, ...rbacResources,
  ...admissionregistrationResources, ...apiextensionsResources, ...apiregistrationResources, ...certificatesResources,
  ...flowcontrolResources, ...nodeResources,
];
