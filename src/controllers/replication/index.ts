/**
 * The replication manager: ReplicationControllers get their pods from the replica controller that
 * also runs ReplicaSets (src/controllers/replicaset), adapted to the older kind.
 */
export {
  ReplicationManager, REPLICATIONCONTROLLERS, REPLICATIONCONTROLLER_KIND, type ReplicationController, type ReplicationManagerOptions,
} from './replication-manager.js';
