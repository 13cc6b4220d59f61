/** The core (legacy, group "") API's kinds. */
import type { ResourceDef } from '../../resource.js';
import { bindings } from './binding.js';
import { componentstatuses } from './component-status.js';
import { configmaps } from './configmap.js';
import { endpoints } from './endpoints.js';
import { events } from './event/index.js';
import { limitranges } from './limitrange.js';
import { namespaces } from './namespace.js';
import { nodes } from './node/index.js';
import { persistentvolumes } from './persistentvolume/index.js';
import { persistentvolumeclaims } from './persistentvolumeclaim/index.js';
import { pods, podtemplates } from './pod/index.js';
import { replicationcontrollers } from './replication-controller/replication-controller.js';
import { resourcequotas } from './resourcequota.js';
import { secrets } from './secret/index.js';
import { serviceaccounts } from './serviceaccount.js';
import { services } from './service/index.js';

export const coreResources: ResourceDef[] = [
  namespaces, configmaps, pods, podtemplates, services, endpoints, secrets, serviceaccounts, nodes, events,
  persistentvolumes, persistentvolumeclaims, resourcequotas, limitranges,
  replicationcontrollers, componentstatuses, bindings,
];
