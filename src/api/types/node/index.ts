/** The node.k8s.io group: RuntimeClasses, the container runtime configurations pods can select. */
import type { ResourceDef } from '../../resource.js';
import { runtimeclasses } from './runtime-class.js';

export { RuntimeClassSchema } from './runtime-class.js';

export const nodeResources: ResourceDef[] = [runtimeclasses];
