/**
 * startControllers: the controller manager of `navarch server` — one shared informer factory, every
 * controller written so far, run behind leader election on the Lease kube-system/kube-controller-manager.
 */
import { SharedInformerFactory, type Clientset } from '../client/index.js';
import { FlowSchemaDanglingController } from './apf/index.js';
import { CSRSigningController } from './certificates/index.js';
import { DaemonSetController } from './daemonset/index.js';
import { DisruptionController } from './disruption/index.js';
import { DeploymentController } from './deployment/index.js';
import { EndpointsController } from './endpoints/index.js';
import { EndpointSliceController, EndpointSliceMirroringController } from './endpointslice/index.js';
import { CronJobController } from './cronjob/index.js';
import { GarbageCollector } from './garbagecollector/index.js';
import { JobController, TtlAfterFinishedController } from './job/index.js';
import { NamespaceController } from './namespace/index.js';
import { NodeLifecycleController, TaintEvictionController } from './nodelifecycle/index.js';
import { ReplicaSetController } from './replicaset/index.js';
import { ReplicationManager } from './replication/index.js';
import { ResourceQuotaController } from './resourcequota/index.js';
import { StatefulSetController } from './statefulset/index.js';
import { ControllerManager, type Controller, type LeaderElectionConfig } from './runtime/index.js';
import { RootCaPublisher, ServiceAccountsController } from './serviceaccount/index.js';
import { ServiceLBController } from './servicelb/index.js';
import { LocalPathProvisioner, PersistentVolumeBinder } from './volume/index.js';

export interface StartControllersOptions {
  /** The cluster CA certificate (PEM), published in every namespace as kube-root-ca.crt. */
  caCert: string;
  /** The cluster CA key (PEM): with it, the kubernetes.io signers issue approved CertificateSigningRequests. */
  caKey?: string;
  /** false: no election (a single server). Default: elect on kube-system/kube-controller-manager. */
  leaderElection?: LeaderElectionConfig | false;
  log?: (line: string) => void;
}

export interface RunningControllers {
  manager: ControllerManager;
  informers: SharedInformerFactory;
  controllers: Controller[];
  /** Stops the controllers, gives up the lease, stops the informers. */
  stop(): Promise<void>;
}

export function startControllers(clientset: Clientset, opts: StartControllersOptions): RunningControllers {
  const log = opts.log;
  const informers = new SharedInformerFactory(clientset, { log });
  const controllers: Controller[] = [
    new NamespaceController(clientset, informers, { log }).controller,
    new ServiceAccountsController(clientset, informers, { log }).controller,
    new RootCaPublisher(clientset, informers, { caCert: opts.caCert, log }).controller,
    new GarbageCollector(clientset, informers, { log }),
    new ReplicaSetController(clientset, informers, { log }).controller,
    new ReplicationManager(clientset, informers, { log }).controller,
    new DeploymentController(clientset, informers, { log }).controller,
    new DaemonSetController(clientset, informers, { log }).controller,
    new StatefulSetController(clientset, informers, { log }).controller,
    new JobController(clientset, informers, { log }).controller,
    new TtlAfterFinishedController(clientset, informers, { log }).controller,
    new CronJobController(clientset, informers, { log }).controller,
    new NodeLifecycleController(clientset, informers, { log }),
    new TaintEvictionController(clientset, informers, { log }),
    new DisruptionController(clientset, informers, { log }),
    new ServiceLBController(clientset, informers, { log }).controller,
    new ResourceQuotaController(clientset, informers, { log }),
    new EndpointsController(clientset, informers, { log }).controller,
    new EndpointSliceController(clientset, informers, { log }).controller,
    new EndpointSliceMirroringController(clientset, informers, { log }).controller,
    new PersistentVolumeBinder(clientset, informers, { log }).controller,
    new LocalPathProvisioner(clientset, informers, { log }).controller,
    new FlowSchemaDanglingController(clientset, informers, { log }).controller,
    ...(opts.caKey ? [new CSRSigningController(clientset, informers, { caCert: opts.caCert, caKey: opts.caKey, log }).controller] : []),
  ];
  const manager = new ControllerManager({ clientset, informers, controllers, leaderElection: opts.leaderElection, log });
  manager.start();
  return { manager, informers, controllers, stop: () => manager.stop() };
}
