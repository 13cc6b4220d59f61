/**
 * Where a node keeps its local-path volumes: "<data dir>/storage", announced to the provisioner
 * (which runs in the server and cannot see the node's disk) in the node annotation
 * navarch.io/local-path-dir that the agent sets on its Node.
 */
import { join, resolve } from 'node:path';

/** On a node: the directory its agent keeps local-path volumes in. */
export const LOCAL_PATH_DIR_ANNOTATION = 'navarch.io/local-path-dir';

/** The local-path storage directory of an agent with this data directory. */
export function localPathStorageDir(dataDir: string): string {
  return join(resolve(dataDir), 'storage');
}

/** The annotation the agent puts on its Node so the provisioner knows where volumes go. */
export function localPathNodeAnnotations(dataDir: string): Record<string, string> {
  return { [LOCAL_PATH_DIR_ANNOTATION]: localPathStorageDir(dataDir) };
}
